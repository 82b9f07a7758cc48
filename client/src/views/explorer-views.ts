/**
 * Glue between the App (main.ts) and the explorer views: the graph/citation switch, the
 * citation view, the filter bar (classification + timeline brush), the post and tag panels and
 * the selective expand menu. The App stays the single owner of the view document; everything
 * here reads it and changes it through the host.
 */
import type { GraphResponse, MonthCount } from '../../../server/src/api/types.ts';
import type { Api } from '../api.ts';
import { ExplorerApi } from '../api-explorer.ts';
import { el } from '../dom.ts';
import type { Filters, Graph, GraphNode } from '../model/graph.ts';
import type { Op, ViewDoc } from '../model/view.ts';
import { ExpandMenu } from '../panels/expand.ts';
import { decodeSpec } from '../panels/expand-spec.ts';
import { apiFilter, applyCableFilters } from '../panels/filters-model.ts';
import type { ClassLevel } from '../panels/filters-model.ts';
import { PostInsights } from '../panels/post.ts';
import type { InsightHost } from '../panels/post-common.ts';
import { TagInsights } from '../panels/tag.ts';
import { FilterBar } from '../panels/timeline.ts';
import type { SelectionTimeline } from '../panels/timeline.ts';
import { CitationView, MAX_DEPTH } from './citation-view.ts';

export interface ViewsHost {
  readonly stage: HTMLElement;
  readonly panel: HTMLElement;
  readonly api: Api;
  doc(): ViewDoc;
  setDoc(doc: ViewDoc, mode: 'undo' | 'replace'): void;
  commit(op: Op): void;
  /** The whole working set (before filters). */
  graph(): Graph;
  /** Nodes that filters must never hide (seeds, the selection). */
  protectedIds(): string[];
  select(id: string | null): void;
  /** Shows a node in the reader (selects it when it is in the graph). */
  open(id: string): void;
  /** Adds a node and its neighbourhood to the graph (or selects it when already there). */
  addToGraph(id: string): void;
}

const DEFAULT_DEPTH = 2;

export class ExplorerViews {
  readonly xapi = new ExplorerApi();
  private readonly cite: CitationView;
  private readonly filterBar: FilterBar;
  private readonly posts: PostInsights;
  private readonly tags: TagInsights;
  private readonly expandMenu: ExpandMenu;
  private readonly switchGraph: HTMLButtonElement;
  private readonly switchCite: HTMLButtonElement;
  private readonly timelines = new Map<string, { buckets: MonthCount[]; undated: number } | null>();

  constructor(private readonly host: ViewsHost) {
    const h = host;
    this.cite = new CitationView(h.stage, this.xapi, {
      select: (id) => h.select(id),
      recentre: (id) => this.setCite({ root: id, depth: this.citeState()?.depth ?? DEFAULT_DEPTH }, id),
      setDepth: (depth) => {
        const c = this.citeState();
        if (c && c.depth !== depth) this.setCite({ ...c, depth });
      },
      close: () => this.setCite(null),
      loaded: () => this.sync(),
    });
    this.filterBar = new FilterBar(h.stage, {
      setRange: (from, to) => this.setFilters({ from, to }),
      toggleClass: (l: ClassLevel) => {
        const hidden = h.doc().filters.hiddenClasses ?? [];
        this.setFilters({ hiddenClasses: hidden.includes(l) ? hidden.filter((x) => x !== l) : [...hidden, l] });
      },
      clear: () => this.setFilters({ from: null, to: null, hiddenClasses: [] }),
      rescope: () => this.sync(),
    });
    const insightHost: InsightHost = {
      api: this.xapi,
      addToGraph: (id) => h.addToGraph(id),
      open: (id) => h.open(id),
      filters: () => h.doc().filters,
      graph: () => h.graph(),
      setRange: (from, to) => this.setFilters({ from, to }),
      has: (id) => h.graph().nodes.has(id),
    };
    this.posts = new PostInsights(insightHost, h.api);
    this.tags = new TagInsights(insightHost, h.api);
    this.expandMenu = new ExpandMenu(h.stage, {
      api: this.xapi,
      filters: () => h.doc().filters,
      apply: (id, spec) => h.commit({ t: 'expandBy', id, spec }),
      has: (id) => h.graph().nodes.has(id),
    });

    this.switchGraph = el('button', { type: 'button', class: 'seg on', role: 'tab', 'aria-selected': 'true', 'data-view': 'graph', title: 'Graph of posts, tags and references (v)' }, 'Graph');
    this.switchCite = el('button', { type: 'button', class: 'seg', role: 'tab', 'aria-selected': 'false', 'data-view': 'citations', title: 'REF ancestors and descendants of the selected cable on a time axis (v)' }, 'Citations');
    this.switchGraph.addEventListener('click', () => this.setCite(null));
    this.switchCite.addEventListener('click', () => this.toggleCitations(true));
    h.stage.append(el('div', { class: 'view-switch segmented', role: 'tablist', 'aria-label': 'View' }, this.switchGraph, this.switchCite));
  }

  private citeState(): { root: string; depth: number } | null {
    return this.host.doc().cite ?? null;
  }

  private setCite(cite: { root: string; depth: number } | null, select?: string): void {
    const doc = this.host.doc();
    const same = JSON.stringify(doc.cite ?? null) === JSON.stringify(cite);
    if (same && (!select || select === doc.selected)) return;
    this.host.setDoc({ ...doc, cite, selected: select ?? doc.selected }, 'undo');
  }

  /** Opens (or, with `on` false, closes) the citation view for the selected cable. */
  toggleCitations(on?: boolean): void {
    const doc = this.host.doc();
    const open = on ?? !doc.cite;
    if (!open) return this.setCite(null);
    const sel = doc.selected;
    const root = sel && sel.startsWith('cable:') ? sel : (doc.cite?.root ?? null);
    if (!root) return;
    this.setCite({ root, depth: doc.cite?.depth ?? DEFAULT_DEPTH });
  }

  private setFilters(patch: Partial<Filters>): void {
    const doc = this.host.doc();
    const filters: Filters = { ...doc.filters, ...patch };
    if (!filters.from) delete filters.from;
    if (!filters.to) delete filters.to;
    if (!filters.hiddenClasses?.length) delete filters.hiddenClasses;
    if (JSON.stringify(filters) === JSON.stringify(doc.filters)) return;
    this.host.setDoc({ ...doc, filters }, 'undo');
  }

  /** The visible graph under the cable filters (date range, classification). */
  filterGraph(g: Graph): Graph {
    return applyCableFilters(g, this.host.doc().filters, this.host.protectedIds());
  }

  /** Fetches the response of a selective expansion key (`<id>~<spec>`). */
  async fetchSpec(key: string): Promise<GraphResponse> {
    const i = key.indexOf('~');
    const id = key.slice(0, i);
    const spec = decodeSpec(key.slice(i + 1));
    if (!spec) throw new Error('malformed expansion in the link');
    const r = await this.xapi.expand({ id, types: spec.types, direction: spec.direction, order: spec.order, limit: spec.limit, from: spec.from ?? null, to: spec.to ?? null, sender: spec.sender ?? null, offset: spec.offset ?? 0, mode: 'nodes' });
    return { nodes: r.nodes, links: r.links, center: r.center, total: r.total, truncated: r.truncated };
  }

  openExpandMenu(node: GraphNode, ev: { clientX: number; clientY: number }): void {
    const r = this.host.stage.getBoundingClientRect();
    this.expandMenu.open(node, { x: ev.clientX - r.left + 8, y: ev.clientY - r.top + 8 });
  }

  /** Called after every App.sync(). */
  sync(): void {
    const doc = this.host.doc();
    const all = this.host.graph();
    const citing = !!doc.cite;
    this.host.stage.classList.toggle('mode-cite', citing);
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
    this.filterBar.render(chain ?? all, doc.filters, chain ? 'chain' : 'view', doc.cite ? null : this.selectionTimeline(doc));
  }

  /** The selected post's or tag's timeline for the filter bar (fetched on demand, cached). */
  private selectionTimeline(doc: ViewDoc): SelectionTimeline | null {
    const id = doc.selected;
    if (!id || !(id.startsWith('post:') || id.startsWith('tag:'))) return null;
    const node = this.host.graph().nodes.get(id);
    const label = id.startsWith('tag:') ? id.slice(4) : (node?.label ?? id.slice(5));
    const classes = apiFilter(doc.filters).classification;
    const key = `${id}|${(classes ?? []).join(',')}`;
    const cached = this.timelines.get(key);
    if (cached === undefined && this.filterBar.useSelection) {
      this.timelines.set(key, null);
      this.xapi.timeline(id, { classification: classes }).then(
        (t) => {
          this.timelines.set(key, { buckets: t.buckets, undated: t.undated });
          this.sync();
        },
        () => this.timelines.delete(key),
      );
    }
    return { id, label, buckets: cached?.buckets ?? null, undated: cached?.undated ?? 0 };
  }

  /** Adds the post/tag sections to the reader panel (after the App rendered it). */
  decoratePanel(id: string | null): void {
    if (!id) return;
    const kind = id.slice(0, id.indexOf(':'));
    if (kind !== 'post' && kind !== 'tag') return;
    const node = this.host.graph().nodes.get(id);
    const section = kind === 'post' ? this.posts.element(id) : this.tags.element(id, node?.label ?? null);
    const anchor = this.host.panel.querySelector('.meta');
    if (anchor) anchor.after(section);
    else this.host.panel.append(section);
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
    cablescopeViews?: ReturnType<ExplorerViews['testHooks']>;
  }
}
