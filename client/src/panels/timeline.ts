/**
 * The filter bar at the bottom of the stage: classification toggles and a timeline of the
 * cables in view per month with a D3 brush that sets the date range. Everything it changes
 * is view state (Filters → URL); the graph, the citation view and the panels follow it.
 */
import { countByKind } from '../model/graph.ts';
import { brushX, create, max, scaleLinear, scaleTime } from 'd3';
import type { BrushBehavior, D3BrushEvent, ScaleTime, Selection } from 'd3';
import { clear, el, fmtInt } from '../dom.ts';
import type { Filters, Graph } from '../model/graph.ts';
import { CLASS_LABEL, CLASS_LEVELS, classLevel, monthHistogram, monthStart, nextMonth, prevMonth, snapToMonth } from '../model/filters.ts';
import type { ClassLevel, MonthBucket } from '../model/filters.ts';
import type { MonthCount } from '../../../server/src/api/types.ts';

export interface FilterBarActions {
  setRange(from: string | null, to: string | null): void;
  toggleClass(level: ClassLevel): void;
  clear(): void;
  /** The histogram's scope changed (view ⇄ selection): re-render, fetching if needed. */
  rescope(): void;
}

/** The selected post or tag, whose cables per month (whole corpus) the histogram can show. */
export interface SelectionTimeline {
  id: string;
  label: string;
  /** Null while loading. */
  buckets: readonly MonthCount[] | null;
  undated: number;
}

const fmtMonth = (m: string): string => monthStart(m).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export class FilterBar {
  readonly root: HTMLElement;
  private readonly classes: HTMLElement;
  private readonly chart: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly title: HTMLElement;
  private brush: BrushBehavior<unknown> | null = null;
  private brushG: Selection<SVGGElement, unknown, null, undefined> | null = null;
  private x: ScaleTime<number, number> | null = null;
  private sig = '';
  /** Show the selection's timeline instead of the view's (when a post or tag is selected). */
  useSelection = false;

  constructor(
    stage: HTMLElement,
    private readonly actions: FilterBarActions,
  ) {
    this.classes = el('div', { class: 'fb-classes', role: 'group', 'aria-label': 'Classification' });
    this.chart = el('div', { class: 'fb-chart', 'data-testid': 'timeline-brush', tabindex: 0, role: 'slider', 'aria-label': 'Date range: ← → move it by a month, Shift+← → move its end, Escape clears' });
    this.chart.addEventListener('keydown', (ev) => this.key(ev));
    this.summary = el('div', { class: 'fb-summary' });
    this.title = el('h4', {}, '');
    this.root = el('div', { class: 'filter-bar', 'data-testid': 'filter-bar', 'aria-label': 'Filters' },
      el('div', { class: 'fb-group' }, el('h4', {}, 'Classification'), this.classes),
      el('div', { class: 'fb-group fb-time' }, this.title, this.chart),
      this.summary,
    );
    stage.append(this.root);
    stage.classList.add('has-filter-bar');
    // The chart takes the width the summary beside it leaves: draw again when that changes.
    new ResizeObserver(() => {
      this.sig = '';
      if (this.lastArgs) this.render(...this.lastArgs);
    }).observe(this.chart);
  }

  /** `scope`: what the histogram counts (the graph in view, or the citation chain shown). */
  private last: { filters: Filters; first: string | null; last: string | null } = { filters: { hiddenKinds: [], hiddenLinks: [] }, first: null, last: null };

  /** Keyboard alternative to the brush. */
  private key(ev: KeyboardEvent): void {
    const { filters, first, last } = this.last;
    if (ev.key === 'Escape' && (filters.from || filters.to)) {
      ev.stopPropagation();
      this.actions.setRange(null, null);
      return;
    }
    if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight') return;
    if (!first || !last) return;
    ev.preventDefault();
    ev.stopPropagation();
    const step = (m: string) => (ev.key === 'ArrowLeft' ? prevMonth(m) : nextMonth(m));
    let from = filters.from ?? first;
    let to = filters.to ?? (filters.from ? last : first);
    if (ev.shiftKey) to = step(to);
    else [from, to] = [step(from), step(to)];
    if (to < from) to = from;
    this.actions.setRange(from, to);
  }

  private lastArgs: [Graph, Filters, 'view' | 'chain', SelectionTimeline | null, number | null] | null = null;

  /**
   * `inView`: the cables in view under the filters (the legend's count, model/graph.ts
   * `countByKind` of the visible graph): the summary says that number, so the legend, the status
   * line and the timeline count the same thing.
   */
  render(graph: Graph, filters: Filters, scope: 'view' | 'chain' = 'view', selection: SelectionTimeline | null = null, inView: number | null = null): void {
    this.lastArgs = [graph, filters, scope, selection, inView];
    const sel = selection && this.useSelection ? selection : null;
    this.renderTitle(scope, selection);
    this.renderClasses(graph, filters);
    const fromView = monthHistogram(graph, filters);
    const { buckets, undated, ghosts } = sel
      ? { buckets: (sel.buckets ?? []).map((b) => ({ month: b.month, count: b.count, shown: b.count })), undated: sel.undated, ghosts: 0 }
      : fromView;
    this.last = { filters, first: buckets[0]?.month ?? null, last: buckets[buckets.length - 1]?.month ?? null };
    this.chart.setAttribute('aria-valuetext', filters.from || filters.to ? `${filters.from ?? 'start'} to ${filters.to ?? 'end'}` : 'all dates');
    this.renderSummary(filters, buckets, undated, ghosts, scope === 'view' ? { inView: inView ?? 0, total: countByKind(graph).cable } : null);
    const width = Math.max(200, this.chart.clientWidth || 500);
    const sig = `${width}|${buckets.map((b) => `${b.month}:${b.count}:${b.shown}`).join(',')}|${filters.from}|${filters.to}`;
    if (sig !== this.sig) {
      this.sig = sig;
      this.renderChart(buckets, filters, width);
    }
  }

  private renderTitle(scope: 'view' | 'chain', selection: SelectionTimeline | null): void {
    clear(this.title);
    const what = scope === 'chain' ? 'the citation chain' : 'view';
    if (!selection) {
      this.title.append(`Cables in ${what} per month · drag to filter dates`);
      return;
    }
    const seg = el('span', { class: 'segmented fb-scope', role: 'group', 'aria-label': 'Histogram of' });
    const mk = (label: string, on: boolean, title: string, value: boolean) => {
      const b = el('button', { type: 'button', class: `seg${on ? ' on' : ''}`, 'aria-pressed': String(on), 'data-scope': value ? 'selection' : 'view', title }, label);
      b.addEventListener('click', () => {
        if (this.useSelection === value) return;
        this.useSelection = value;
        this.sig = '';
        this.actions.rescope();
      });
      seg.append(b);
    };
    mk(`In ${what}`, !this.useSelection, 'Cables in the graph per month', false);
    mk(selection.label, this.useSelection, `All cables of ${selection.label} per month (whole corpus)`, true);
    this.title.append('Cables per month · ', seg, this.useSelection && !selection.buckets ? ' loading…' : ' · drag to filter dates');
  }

  private renderClasses(graph: Graph, filters: Filters): void {
    clear(this.classes);
    const counts: Record<ClassLevel, number> = { unclassified: 0, confidential: 0, secret: 0 };
    for (const n of graph.nodes.values()) {
      const l = n.kind === 'cable' ? classLevel(n.classification) : null;
      if (l) counts[l]++;
    }
    const hidden = filters.hiddenClasses ?? [];
    for (const l of CLASS_LEVELS) {
      const off = hidden.includes(l);
      const b = el('button', { type: 'button', class: `fb-chip cls-${l}${off ? ' off' : ''}`, 'aria-pressed': off ? 'false' : 'true', 'data-class': l, title: off ? `Show ${CLASS_LABEL[l].toLowerCase()} cables` : `Hide ${CLASS_LABEL[l].toLowerCase()} cables` },
        el('span', { class: 'fb-dot' }),
        CLASS_LABEL[l],
        el('span', { class: 'fb-count' }, fmtInt(counts[l])),
      );
      b.addEventListener('click', () => this.actions.toggleClass(l));
      this.classes.append(b);
    }
  }

  private renderSummary(filters: Filters, buckets: MonthBucket[], undated: number, ghosts: number, view: { inView: number; total: number } | null): void {
    // Cited cables missing from the corpus have only an estimated date: not drawn as bars, and said so.
    const undatedText = undated ? ` · ${fmtInt(undated)} undated${ghosts ? ` (${fmtInt(ghosts)} estimated)` : ''}` : '';
    const ghostNote = ghosts ? `${fmtInt(ghosts)} cited cable${ghosts === 1 ? '' : 's'} not in the corpus have only a date estimated from serial numbers (hover one): the bars count known dates only` : '';
    clear(this.summary);
    const total = buckets.reduce((a, b) => a + b.count, 0);
    const inRange = buckets.filter((b) => (!filters.from || b.month >= filters.from) && (!filters.to || b.month <= filters.to)).reduce((a, b) => a + b.shown, 0);
    const active = !!(filters.from || filters.to || filters.hiddenClasses?.length);
    const range = filters.from || filters.to ? `${filters.from ? fmtMonth(filters.from) : '…'} – ${filters.to ? fmtMonth(filters.to) : '…'}` : 'All dates';
    const clearBtn = el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'clear-filters', disabled: !active }, 'Clear');
    clearBtn.addEventListener('click', () => this.actions.clear());
    this.summary.append(
      el('div', { class: `fb-range${filters.from || filters.to ? ' on' : ''}`, 'data-testid': 'date-range' }, range),
      el('div', { class: 'muted small', 'data-testid': 'timeline-count', ...(ghostNote ? { title: ghostNote } : {}) }, view
        ? active ? `${fmtInt(view.inView)} of ${fmtInt(view.total)} cables in view` : `${fmtInt(view.inView)} cables in view${undatedText}`
        : active ? `${fmtInt(inRange)} of ${fmtInt(total)} dated cables` : `${fmtInt(total)} dated cables${undatedText}`),
      clearBtn,
    );
  }

  private renderChart(buckets: MonthBucket[], filters: Filters, width: number): void {
    clear(this.chart);
    const height = 46;
    if (!buckets.length) {
      this.chart.append(el('div', { class: 'fb-empty muted small' }, 'No dated cables in view yet.'));
      this.brush = null;
      this.x = null;
      return;
    }
    let first = buckets[0]!.month;
    let last = buckets[buckets.length - 1]!.month;
    if (filters.from && filters.from < first) first = filters.from;
    if (filters.to && filters.to > last) last = filters.to;
    // At least a year of context so a single month is not a full-width slab.
    while (Number(last.slice(0, 4)) * 12 + Number(last.slice(5)) - (Number(first.slice(0, 4)) * 12 + Number(first.slice(5))) < 11) {
      first = prevMonth(first);
      if (Number(last.slice(0, 4)) * 12 + Number(last.slice(5)) - (Number(first.slice(0, 4)) * 12 + Number(first.slice(5))) < 11) last = nextMonth(last);
    }
    const x = scaleTime().domain([monthStart(first), monthStart(nextMonth(last))]).range([4, width - 4]);
    this.x = x;
    const peak = Math.max(1, max(buckets, (b) => b.count) ?? 1);
    const y = scaleLinear().domain([0, peak]).range([0, height - 14]);
    const svg = create('svg').attr('class', 'fb-svg').attr('width', width).attr('height', height);
    const inRange = (m: string) => (!filters.from || m >= filters.from) && (!filters.to || m <= filters.to);
    const barW = (m: string) => Math.max(1, x(monthStart(nextMonth(m))) - x(monthStart(m)) - 1);
    const bars = svg.append('g').attr('class', 'fb-bars');
    bars.selectAll('rect.all')
      .data(buckets.filter((b) => b.count > 0))
      .join('rect')
      .attr('class', (b) => `all${inRange(b.month) ? ' in' : ''}`)
      .attr('x', (b) => x(monthStart(b.month)))
      .attr('width', (b) => barW(b.month))
      .attr('y', (b) => height - 14 - y(b.count))
      .attr('height', (b) => y(b.count))
      .attr('data-month', (b) => b.month)
      .append('title')
      .text((b) => `${fmtMonth(b.month)}: ${fmtInt(b.count)} cable${b.count === 1 ? '' : 's'}`);
    bars.selectAll('rect.shown')
      .data(buckets.filter((b) => b.shown > 0 && inRange(b.month)))
      .join('rect')
      .attr('class', 'shown')
      .attr('x', (b) => x(monthStart(b.month)))
      .attr('width', (b) => barW(b.month))
      .attr('y', (b) => height - 14 - y(b.shown))
      .attr('height', (b) => y(b.shown))
      .attr('pointer-events', 'none');
    svg.append('line').attr('class', 'fb-base').attr('x1', 0).attr('x2', width).attr('y1', height - 14).attr('y2', height - 14);
    // Year labels.
    const years = x.ticks(Math.max(2, Math.floor(width / 70)));
    svg.append('g').attr('class', 'fb-years')
      .selectAll('text')
      .data(years.filter((d) => x(d) < width - 28))
      .join('text')
      .attr('x', (d) => x(d) + 2)
      .attr('y', height - 2)
      .text((d) => (d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) : d.toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' })));

    const brush = brushX<unknown>()
      .extent([[0, 0], [width, height - 13]])
      .on('end', (ev: D3BrushEvent<unknown>) => {
        if (!ev.sourceEvent) return; // programmatic move
        const sel = ev.selection as [number, number] | null;
        if (!sel || sel[1] - sel[0] < 2) {
          this.actions.setRange(null, null);
          return;
        }
        const from = snapToMonth(x.invert(sel[0]));
        let to = prevMonth(snapToMonth(x.invert(sel[1])));
        if (to < from) to = from;
        this.actions.setRange(from, to);
      });
    this.brush = brush;
    const g = svg.append('g').attr('class', 'fb-brush') as unknown as Selection<SVGGElement, unknown, null, undefined>;
    g.call(brush);
    this.brushG = g;
    if (filters.from || filters.to) {
      const a = x(monthStart(filters.from ?? first));
      const b = x(monthStart(nextMonth(filters.to ?? last)));
      g.call(brush.move, [a, b]);
    }
    this.chart.append(svg.node()!);
  }

  /** Screen x of a month's start in the brush (for tests that drag the brush). */
  monthX(month: string): number | null {
    if (!this.x) return null;
    const r = this.chart.getBoundingClientRect();
    return r.left + this.x(monthStart(month));
  }

  /** Clears the brush without a callback (used when filters are cleared elsewhere). */
  reset(): void {
    if (this.brush && this.brushG) this.brushG.call(this.brush.move, null);
  }
}
