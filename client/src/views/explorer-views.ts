/**
 * The views beside the graph, kept in step with the store: the graph/citation switch, the
 * citation view, the filter bar (classification + timeline brush) and the selective expand
 * menu. They read the store and act through commands; answers come from the one API client.
 */
import type { Api } from '../api.ts';
import type { CommandRunner } from '../commands.ts';
import { el } from '../dom.ts';
import { countByKind } from '../model/graph.ts';
import type { GraphNode } from '../model/graph.ts';
import { apiFilter } from '../model/filters.ts';
import type { ViewDoc } from '../model/view.ts';
import { ExpandMenu } from '../panels/expand.ts';
import { FilterBar } from '../panels/timeline.ts';
import type { SelectionTimeline } from '../panels/timeline.ts';
import type { ClientSettings } from '../settings.ts';
import type { ViewStore } from '../store.ts';
import { CitationView, MAX_DEPTH } from './citation-view.ts';

export class ExplorerViews {
  private readonly cite: CitationView;
  private readonly filterBar: FilterBar;
  private readonly expandMenu: ExpandMenu;
  private readonly switchGraph: HTMLButtonElement;
  private readonly switchCite: HTMLButtonElement;
  /** The selection timeline being fetched (its arrival redraws the filter bar once). */
  private awaitedTimeline: string | null = null;

  constructor(
    private readonly stage: HTMLElement,
    private readonly store: ViewStore,
    private readonly api: Api,
    run: CommandRunner,
    settings: ClientSettings,
  ) {
    this.cite = new CitationView(
      stage,
      api,
      {
        select: (id) => run('node.select', { id }),
        recentre: (id) => run('cite.recentre', { id }),
        setDepth: (depth) => run('cite.depth', { depth }),
        close: () => run('cite.close'),
        loaded: () => this.sync(),
      },
      settings.data.citationLimit,
    );
    this.filterBar = new FilterBar(stage, {
      setRange: (from, to) => run('filters.range', { from, to }),
      toggleClass: (level) => run('filters.toggleClass', { level }),
      clear: () => run('filters.clear'),
      rescope: () => this.sync(),
    });
    this.expandMenu = new ExpandMenu(stage, {
      api,
      filters: () => store.doc.filters,
      apply: (id, spec) => run('node.expandWith', { id, spec }),
      has: (id) => store.derived.graph.nodes.has(id),
    });

    this.switchGraph = el('button', { type: 'button', class: 'seg on', role: 'tab', 'aria-selected': 'true', 'data-view': 'graph', title: 'Graph of posts, tags and references (v)' }, 'Graph');
    this.switchCite = el('button', { type: 'button', class: 'seg', role: 'tab', 'aria-selected': 'false', 'data-view': 'citations', title: 'REF ancestors and descendants of the selected cable on a time axis (v)' }, 'Citations');
    this.switchGraph.addEventListener('click', () => run('cite.close'));
    this.switchCite.addEventListener('click', () => run('cite.toggle', { on: true }));
    stage.append(el('div', { class: 'view-switch segmented', role: 'tablist', 'aria-label': 'View' }, this.switchGraph, this.switchCite));
    store.subscribe((e) => {
      if (e.type !== 'fetch-failed') this.sync();
    });
  }

  /** Closes the expand menu; true when it was open (Esc closes the topmost thing only). */
  closeExpandMenu(): boolean {
    if (!this.expandMenu.isOpen) return false;
    this.expandMenu.close();
    return true;
  }

  openExpandMenu(node: GraphNode, at: { clientX: number; clientY: number }): void {
    const r = this.stage.getBoundingClientRect();
    this.expandMenu.open(node, { x: at.clientX - r.left + 8, y: at.clientY - r.top + 8 });
  }

  private sync(): void {
    const doc = this.store.doc;
    const citing = !!doc.cite;
    this.stage.classList.toggle('mode-cite', citing);
    this.switchGraph.classList.toggle('on', !citing);
    this.switchGraph.setAttribute('aria-selected', String(!citing));
    this.switchCite.classList.toggle('on', citing);
    this.switchCite.setAttribute('aria-selected', String(citing));
    const canCite = citing || !!doc.selected?.startsWith('cable:');
    this.switchCite.disabled = !canCite;
    this.switchCite.title = canCite ? 'REF ancestors and descendants of the selected cable on a time axis (v)' : 'Select a cable to see its citation chain';
    if (doc.cite) this.cite.show({ root: doc.cite.root, depth: Math.min(MAX_DEPTH, doc.cite.depth), selected: doc.selected, filters: doc.filters });
    else this.cite.hide();
    const chain = doc.cite ? this.cite.chainGraph() : null;
    this.filterBar.render(chain ?? this.store.derived.graph, doc.filters, chain ? 'chain' : 'view', doc.cite ? null : this.selectionTimeline(doc), countByKind(this.store.visible).cable);
  }

  /** The selected post's or tag's timeline for the filter bar (fetched when the bar shows it). */
  private selectionTimeline(doc: ViewDoc): SelectionTimeline | null {
    const id = doc.selected;
    if (!id || !(id.startsWith('post:') || id.startsWith('tag:'))) return null;
    const node = this.store.derived.graph.nodes.get(id);
    const label = id.startsWith('tag:') ? id.slice(4) : (node?.name ?? node?.label ?? id.slice(5));
    const params = { classification: apiFilter(doc.filters).classification };
    const t = this.api.peekTimeline(id, params);
    const key = `${id}|${(params.classification ?? []).join(',')}`;
    if (!t && this.filterBar.useSelection && this.awaitedTimeline !== key) {
      this.awaitedTimeline = key;
      this.api.timeline(id, params).then(
        () => this.sync(),
        () => undefined,
      ).finally(() => {
        if (this.awaitedTimeline === key) this.awaitedTimeline = null;
      });
    }
    return { id, label, buckets: t?.buckets ?? null, undated: t?.undated ?? 0 };
  }

  testHooks() {
    return {
      citeIds: () => this.cite.nodeIds(),
      citeNodes: () => this.cite.describe(),
      citeVisible: () => this.cite.visible,
      brushMonthX: (m: string) => this.filterBar.monthX(m),
    };
  }
}

declare global {
  interface Window {
    cablescopeViews?: ReturnType<ExplorerViews['testHooks']> & Partial<ReturnType<import('./front-view.ts').FrontView['testHooks']>>;
  }
}
