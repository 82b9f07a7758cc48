/**
 * Tag panel: what the TAG means (its kind and name, as the server's `GET /api/tags/:code` says),
 * cables per month, and the posts that use it most (clickable to add to the graph). Follows the
 * view's cable filters.
 */
import { el, fmtInt } from '../dom.ts';
import { apiFilter } from '../model/filters.ts';
import { tagMeaningRows } from '../model/tag-meaning.ts';
import type { Filters } from '../model/graph.ts';
import { KIND_COLOR } from '../render/theme.ts';
import { BuiltSections, asyncSection, rankList } from './post-common.ts';
import type { InsightHost } from './post-common.ts';
import { monthChart } from './timeline-chart.ts';

export class TagInsights {
  private readonly sections: BuiltSections;

  constructor(private readonly host: InsightHost) {
    this.sections = new BuiltSections(host, (id, f) => this.build(id, f));
  }

  element(id: string): HTMLElement {
    return this.sections.element(id);
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
