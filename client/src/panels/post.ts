/**
 * Post panel: traffic over time (cables per month, sent vs received), top correspondents
 * (who it writes to and hears from, clickable to add to the graph) and top tags. Follows the
 * view's cable filters; cached per post and filter.
 */
import type { PostRenameView } from '../../../server/src/api/types.ts';
import { el, fmtInt } from '../dom.ts';
import type { Filters } from '../model/graph.ts';
import { KIND_COLOR } from '../render/theme.ts';
import { apiFilter } from '../model/filters.ts';
import { BuiltSections, asyncSection, chartLegend, rankList, tagsInView } from './post-common.ts';
import type { InsightHost } from './post-common.ts';
import { monthChart } from './timeline-chart.ts';

const SENT = KIND_COLOR.post;

/** A renamed post's names on its timeline: `Embassy Kiev until 2006, then Embassy Kyiv from 2006`. */
function renameLines(renames: PostRenameView[]): HTMLElement[] {
  return renames.map((r) =>
    el('p', { class: 'small post-rename', 'data-testid': 'post-rename' }, `${r.formerName} until ${r.until}, then ${r.nextName}${r.since !== r.until ? ` from ${r.since}` : ''}`),
  );
}
const RECEIVED = '#8a97ab';
/** How many of a post's top tags the panel lists. */
const TOP_TAGS = 18;

export class PostInsights {
  private readonly sections: BuiltSections;

  constructor(private readonly host: InsightHost) {
    this.sections = new BuiltSections(host, (id, f) => this.build(id, f));
  }

  /** The panel sections for a post (built once per post and filter, then reused). */
  element(id: string): HTMLElement {
    const root = this.sections.element(id);
    this.refreshTags(root, id);
    return root;
  }

  private build(id: string, f: Filters): HTMLElement {
    const key = id.slice(id.indexOf(':') + 1);
    const api = this.host.api;
    const af = apiFilter(f);
    const filtered = !!(af.from || af.to || af.classification);

    const traffic = asyncSection('Traffic per month', 'post-traffic', async () => {
      const [sent, received] = await Promise.all([api.timeline(id, { role: 'sent', classification: af.classification }), api.timeline(id, { role: 'received', classification: af.classification })]);
      return [
        chartLegend([
          { label: 'Sent', color: SENT, value: sent.total },
          { label: 'Received (TO/INFO)', color: RECEIVED, value: received.total },
        ]),
        monthChart(
          [
            { label: 'sent', color: SENT, buckets: sent.buckets },
            { label: 'received', color: RECEIVED, buckets: received.buckets },
          ],
          { width: 370, onMonth: (m) => this.host.setRange(m, m), range: f },
        ),
        el('p', { class: 'muted small chart-hint' }, 'Click a month to filter the view to it.'),
        ...renameLines(sent.renames ?? []),
      ];
    });

    const correspondents = asyncSection(`Top correspondents${filtered ? ' · filtered' : ''}`, 'post-correspondents', async () => {
      const t = await api.traffic(key, { period: 'year', limit: 8, ...af });
      const rows = (list: typeof t.writesTo) =>
        list.map((c) => ({ id: `post:${c.post.key}`, label: c.post.name || c.post.key, count: c.total, split: [c.to, c.info] as [number, number] }));
      return [
        el('div', { class: 'corr-grid' },
          el('div', {},
            el('h4', { class: 'corr-title' }, `Writes to · ${fmtInt(t.totals.writesTo)}`),
            rankList(rows(t.writesTo), this.host, { testid: 'writes-to', splitLabels: ['TO', 'INFO'], empty: 'No recipients.' }),
          ),
          el('div', {},
            el('h4', { class: 'corr-title' }, `Hears from · ${fmtInt(t.totals.hearsFrom)}`),
            rankList(rows(t.hearsFrom), this.host, { testid: 'hears-from', splitLabels: ['TO', 'INFO'], empty: 'No cables addressed to it in the corpus.' }),
          ),
        ),
        chartLegend([
          { label: 'TO (action)', color: '#c9864a' },
          { label: 'INFO (copy)', color: '#e8cdb0' },
        ]),
      ];
    });

    const tags = asyncSection(`Top tags · what it writes about${filtered ? ' (filtered)' : ''}`, 'post-tags', async () => {
      const result = await api.postTags(key, { role: 'sent', limit: TOP_TAGS, ...af });
      if (!result.tags.length) {
        return [el('p', { class: 'muted small' }, result.cables ? 'Its cables carry no tags.' : 'It sent no cables in the corpus (for these filters).')];
      }
      const chips = el('div', { class: 'chips' });
      for (const { code, cables } of result.tags) {
        const tid = `tag:${code}`;
        const b = el('button', { type: 'button', class: 'chip', 'data-node': tid, title: `${fmtInt(cables)} of its ${fmtInt(result.cables)} sent cables · click to open` }, code, el('span', { class: 'chip-count' }, fmtInt(cables)));
        b.addEventListener('click', () => this.host.open(tid));
        chips.append(b);
      }
      const more = result.totalTags > result.tags.length ? `; ${fmtInt(result.totalTags)} tags in all` : '';
      return [chips, el('p', { class: 'muted small' }, `Over its ${fmtInt(result.cables)} sent cables${more}.`)];
    });
    const inView = el('section', { class: 'panel-section insight', 'data-testid': 'post-tags-view' }, el('h3', {}, 'Top tags · its cables in view'), el('div', { class: 'insight-body' }));
    return el('div', { class: 'insights', 'data-insights': id }, traffic, correspondents, tags, inView);
  }

  /** Top tags of this post's cables that are in the view (they change as the graph grows). */
  private refreshTags(root: HTMLElement, id: string): void {
    const body = root.querySelector('[data-testid="post-tags-view"] .insight-body');
    if (!body) return;
    const g = this.host.graph();
    const cables = new Set<string>();
    for (const l of g.links.values()) if (l.target === id && l.source.startsWith('cable:')) cables.add(l.source);
    const top = tagsInView(g, cables).slice(0, 16);
    const section = body.parentElement as HTMLElement;
    section.hidden = top.length === 0;
    if (!top.length) return;
    const chips = el('div', { class: 'chips' });
    for (const t of top) {
      const b = el('button', { type: 'button', class: 'chip', 'data-node': t.id, title: `${fmtInt(t.count)} of ${fmtInt(cables.size)} cables in view` }, t.key, el('span', { class: 'chip-count' }, fmtInt(t.count)));
      b.addEventListener('click', () => this.host.open(t.id));
      chips.append(b);
    }
    body.replaceChildren(chips, el('p', { class: 'muted small' }, `Over ${fmtInt(cables.size)} of its cables in view.`));
  }
}
