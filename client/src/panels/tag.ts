/**
 * Tag panel: what the TAG means (its kind and name, as the server's `GET /api/tags/:code` says),
 * cables per month, and the posts that use it most (clickable to add to the graph). Follows the
 * view's cable filters.
 */
import { el, fmtInt } from '../dom.ts';
import { apiFilter, filterKey } from '../model/filters.ts';
import { tagMeaningRows } from '../model/tag-meaning.ts';
import type { Filters } from '../model/graph.ts';
import { KIND_COLOR } from '../render/theme.ts';
import { asyncSection, rankList, refreshMarks } from './post-common.ts';
import type { InsightHost } from './post-common.ts';
import { monthChart } from './timeline-chart.ts';

export class TagInsights {
  /** Built sections per tag and filter (DOM, reused while the user moves around). */
  private readonly built = new Map<string, HTMLElement>();

  constructor(private readonly host: InsightHost) {}

  element(id: string): HTMLElement {
    const f = this.host.filters();
    const key = `${id}|${filterKey(f)}`;
    let root = this.built.get(key);
    if (!root) {
      root = this.build(id, f);
      if (this.built.size > 30) this.built.delete(this.built.keys().next().value!);
      this.built.set(key, root);
    }
    refreshMarks(root, this.host);
    return root;
  }

  private build(id: string, f: Filters): HTMLElement {
    const code = id.slice(id.indexOf(':') + 1);
    const api = this.host.api;
    const af = apiFilter(f);
    const filtered = !!(af.from || af.to || af.classification);

    const meaning = asyncSection('Meaning', 'tag-meaning', async () => {
      const tag = await api.tag(code);
      const rows = tagMeaningRows(code, tag.kind, tag.name, tag.cables);
      return [el('dl', { class: 'meta' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { 'data-testid': `tag-${k.toLowerCase().replace(/\s+/g, '-')}` }, v)]))];
    });

    const timeline = asyncSection('Cables per month', 'tag-timeline', async () => {
      const t = await api.timeline(id, { classification: af.classification });
      return [
        monthChart([{ label: 'cables', color: KIND_COLOR.tag, buckets: t.buckets }], { width: 370, onMonth: (m) => this.host.setRange(m, m), range: f }),
        el('p', { class: 'muted small chart-hint' }, `${fmtInt(t.total)} dated cables${t.undated ? ` · ${fmtInt(t.undated)} undated` : ''} · click a month to filter the view to it.`),
      ];
    });

    const posts = asyncSection(`Top posts using it${filtered ? ' · filtered' : ''}`, 'tag-posts', async () => {
      const r = await api.expand({ id, types: ['TAGGED'], direction: 'in', mode: 'aggregate', ...af });
      const bySender = r.aggregate?.bySender ?? [];
      return [
        rankList(bySender.slice(0, 10).map((p) => ({ id: `post:${p.key}`, label: p.name || p.key, count: p.count })), this.host, { testid: 'tag-top-posts', empty: 'No dated cables match the filters.' }),
        el('p', { class: 'muted small' }, `${fmtInt(r.total)} cables${filtered ? ' match the filters' : ''} · ${fmtInt(bySender.length)} sending posts.`),
      ];
    });

    return el('div', { class: 'insights', 'data-insights': id }, meaning, timeline, posts);
  }
}
