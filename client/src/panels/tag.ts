/**
 * Tag panel: what the TAG means (its kind; the name the server gives it, e.g. a country for a
 * two-letter code; a short gloss for common subject TAGS), cables per month, and the posts
 * that use it most (clickable to add to the graph). Follows the view's cable filters.
 */
import type { SearchHit } from '../../../server/src/api/types.ts';
import type { Api } from '../api.ts';
import { el, fmtInt } from '../dom.ts';
import type { Filters } from '../model/graph.ts';
import { KIND_COLOR } from '../render/theme.ts';
import { apiFilter, filterKey } from './filters-model.ts';
import { asyncSection, rankList, refreshMarks } from './post-common.ts';
import type { InsightHost } from './post-common.ts';
import { tagName } from '../../../server/src/api/tag-names.ts';
import { KIND_NAME, guessTagKind, kindFromDetail, nameFromLabel } from './tag-meaning.ts';
import { monthChart } from './timeline-chart.ts';

export class TagInsights {
  private readonly cache = new Map<string, HTMLElement>();
  private readonly hits = new Map<string, Promise<SearchHit | null>>();

  constructor(
    private readonly host: InsightHost,
    private readonly search: Api,
  ) {}

  element(id: string, label: string | null): HTMLElement {
    const f = this.host.filters();
    const key = `${id}|${filterKey(f)}`;
    let root = this.cache.get(key);
    if (!root) {
      root = this.build(id, label, f);
      if (this.cache.size > 30) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, root);
    }
    refreshMarks(root, this.host);
    return root;
  }

  private hit(id: string, code: string): Promise<SearchHit | null> {
    let p = this.hits.get(id);
    if (!p) {
      p = this.search.search(code, 20).then((r) => r.hits.find((h) => h.id === id) ?? null, () => null);
      this.hits.set(id, p);
    }
    return p;
  }

  private build(id: string, label: string | null, f: Filters): HTMLElement {
    const code = id.slice(id.indexOf(':') + 1);
    const api = this.host.api;
    const af = apiFilter(f);
    const filtered = !!(af.from || af.to || af.classification);

    const meaning = asyncSection('Meaning', 'tag-meaning', async () => {
      const hit = await this.hit(id, code);
      const kind = kindFromDetail(hit?.detail) ?? guessTagKind(code);
      const name = nameFromLabel(code, label) ?? nameFromLabel(code, hit?.label) ?? tagName(code);
      const rows: [string, string][] = [['Kind', KIND_NAME[kind]]];
      if (name) rows.push([kind === 'country' ? 'Country' : kind === 'person' ? 'Person' : 'Stands for', name]);
      else if (kind === 'country') rows.push(['Country', 'a two-letter code not in the FIPS 10-4 country table (a regional or retired code)']);
      else if (kind === 'person') rows.push(['Person', code]);
      const count = /(\d[\d,]*) cables?/.exec(hit?.detail ?? '')?.[1];
      if (count) rows.push(['Cables', `${count} in the corpus`]);
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
