/**
 * The side panel, kept in step with the store: an overview of the view when nothing is selected,
 * else the reader for the shown node, with the post or tag sections under its metadata.
 */
import type { Api } from '../api.ts';
import type { CommandRunner } from '../commands.ts';
import { fullyExpanded } from '../commands.ts';
import type { CommandContext } from '../commands.ts';
import { fmtInt } from '../dom.ts';
import { adjacency, countByKind, keyOfId, kindOfId } from '../model/graph.ts';
import { isSummary } from '../model/summary.ts';
import { searchTerms } from '../model/highlight.ts';
import type { InsightHost } from '../panels/post-common.ts';
import { PostInsights } from '../panels/post.ts';
import { ReaderPanel } from '../panels/reader.ts';
import { TagInsights } from '../panels/tag.ts';
import type { ViewStore } from '../store.ts';

export class ReaderView {
  private readonly reader: ReaderPanel;
  private readonly posts: PostInsights;
  private readonly tags: TagInsights;
  /** What the panel was last rendered from; re-rendering is skipped while it is unchanged. */
  private renderedFor = '';

  constructor(
    private readonly panel: HTMLElement,
    private readonly ctx: CommandContext,
    api: Api,
    private readonly run: CommandRunner,
  ) {
    const store = ctx.store;
    this.reader = new ReaderPanel(panel, api, {
      open: (id) => run('node.open', { id }),
      expand: (id) => run('node.expand', { ids: [id] }),
      dismiss: (id) => run('node.dismiss', { ids: [id] }),
      togglePin: (id) => run('node.pin', { ids: [id] }),
      focus: (id) => run('view.center', { id }),
    });
    const host: InsightHost = {
      api,
      addToGraph: (id) => run('node.expand', { ids: [id] }),
      open: (id) => run('node.open', { id }),
      filters: () => store.doc.filters,
      graph: () => store.derived.graph,
      setRange: (from, to) => run('filters.range', { from, to }),
      has: (id) => store.derived.graph.nodes.has(id),
    };
    this.posts = new PostInsights(host);
    this.tags = new TagInsights(host);
    store.subscribe((e) => {
      if (e.type !== 'fetch-failed') this.render();
    });
  }

  /** Marks the words of the last search in the cable text. */
  setSearchTerms(query: string): void {
    this.reader.setTerms(searchTerms(query));
  }

  private get store(): ViewStore {
    return this.ctx.store;
  }

  private render(): void {
    const { store } = this;
    const doc = store.doc;
    const { derived, visible } = store;
    const id = store.shown;
    const key = [
      id,
      id ? derived.graph.nodes.has(id) : '',
      id ? derived.expanded.has(id) : derived.expanded.size,
      id ? !!doc.pinned[id] : '',
      [...visible.nodes.keys()].join(','),
      [...visible.links.keys()].join(','),
      Object.keys(doc.pinned).join(','),
      derived.graph.nodes.size,
      JSON.stringify(doc.filters),
      JSON.stringify(doc.cite ?? null),
    ].join('\u0001');
    if (key === this.renderedFor) return;
    this.renderedFor = key;
    if (!id) {
      const g = derived.graph;
      const c = countByKind(g);
      this.reader.showOverview(
        g.nodes.size
          ? [
              { label: 'In view', value: `${fmtInt(c.cable)} cables · ${fmtInt(c.post)} posts · ${fmtInt(c.tag)} tags` },
              { label: 'Started from', value: [...derived.seeds].map(keyOfId).join(', ') || '—' },
              { label: 'Expanded', value: fmtInt(derived.expanded.size) },
            ]
          : [],
        g.nodes.size
          ? 'Click a node to read it; double-click it (or press e) to expand it. A summary node (“PREL: 215 cables”) lets you add the most important, or one post or year. Drag nodes to pin them.'
          : 'Search for a cable, an embassy or a TAG to start. Everything you do can be undone and shared as a link.',
      );
      return;
    }
    const node = derived.graph.nodes.get(id);
    if (isSummary(node)) {
      this.reader.showSummary(node, (slice) => this.run('summary.drill', { id: node.id, slice }));
      return;
    }
    const kind = kindOfId(id) ?? 'cable';
    const neighbours = [...(adjacency(visible).get(id) ?? [])].flatMap((n) => visible.nodes.get(n) ?? []);
    void this.reader.showNode(node ?? { id, kind, key: keyOfId(id), label: keyOfId(id) }, {
      inGraph: !!node,
      expanded: fullyExpanded(this.ctx, id),
      pinned: !!doc.pinned[id],
      neighbours,
    });
    this.decorate(id);
  }

  /** Adds the post or tag sections under the reader's metadata. */
  private decorate(id: string): void {
    const kind = kindOfId(id);
    if (kind !== 'post' && kind !== 'tag') return;
    const section = kind === 'post' ? this.posts.element(id) : this.tags.element(id);
    const anchor = this.panel.querySelector('.meta');
    if (anchor) anchor.after(section);
    else this.panel.append(section);
  }
}
