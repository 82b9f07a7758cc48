/**
 * The front page's timeline: cables per month as stacked areas, one per classification (the
 * bands come from model/front.ts `stackMonths`), with a y axis, year ticks, a read-out of the
 * month under the pointer and a D3 brush: dragging selects a date range, a click one month.
 * A detached SVG; data reaches the DOM through attributes and `.text()` only.
 */
import { area, axisBottom, axisLeft, brushX, create, curveStepAfter, scaleLinear, scaleTime } from 'd3';
import type { D3BrushEvent, Selection } from 'd3';
import { fmtInt } from '../dom.ts';
import { classificationLabel, fmtMonth, monthAt } from '../model/front.ts';
import type { StackedMonths } from '../model/front.ts';
import { classLevel, monthStart, nextMonth, snapToMonth, prevMonth } from '../model/filters.ts';
import { CLASS_COLOR, UNKNOWN_CLASS_COLOR } from '../render/theme.ts';

export interface FrontChartOptions {
  width: number;
  height: number;
  /** The view's date filter, shaded (`YYYY-MM`, inclusive, open ends). */
  range: { from?: string | null; to?: string | null };
  /** A brushed range or a clicked month (from = to). */
  onRange(from: string, to: string): void;
  /** The month under the pointer (null: the pointer left), for the read-out. */
  onHover(month: string | null): void;
}

/** Fill of a classification: its level's colour, lighter for the caveated variants. */
export function classColor(key: string): string {
  const level = classLevel(key);
  // classLevel reads any other text as unclassified; the chart shows it apart (`UNKNOWN`)
  if (level === null || !key.toUpperCase().includes(level.toUpperCase())) return UNKNOWN_CLASS_COLOR;
  return CLASS_COLOR[level][key.includes('//') ? 'caveated' : 'plain'];
}

const MARGIN = { top: 10, right: 12, bottom: 24, left: 52 };

export function frontChart(s: StackedMonths, o: FrontChartOptions): SVGSVGElement {
  const { width, height } = o;
  const m = MARGIN;
  const svg = create('svg').attr('class', 'front-chart').attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img').attr('data-testid', 'front-timeline').attr('data-months', s.months.length)
    .attr('aria-label', s.months.length ? `Cables per month by classification, ${fmtMonth(s.months[0]!)} to ${fmtMonth(s.months[s.months.length - 1]!)}` : 'No dated cables');
  if (!s.months.length) {
    svg.append('text').attr('class', 'chart-empty').attr('x', width / 2).attr('y', height / 2).attr('text-anchor', 'middle').text('No dated cables in this scope');
    return svg.node()!;
  }
  const first = s.months[0]!;
  const last = s.months[s.months.length - 1]!;
  const x = scaleTime().domain([monthStart(first), monthStart(nextMonth(last))]).range([m.left, width - m.right]);
  const y = scaleLinear().domain([0, Math.max(1, s.peak)]).nice().range([height - m.bottom, m.top]);
  const monthX = (i: number) => x(monthStart(s.months[i]!));

  const r = o.range;
  if (r.from || r.to) {
    const a = x(monthStart(r.from && r.from > first ? r.from : first));
    const b = x(monthStart(nextMonth(r.to && r.to < last ? r.to : last)));
    if (b > a) svg.append('rect').attr('class', 'chart-range').attr('x', a).attr('width', b - a).attr('y', m.top).attr('height', height - m.top - m.bottom);
  }
  // Horizontal grid at the y ticks.
  svg.append('g').attr('class', 'front-grid').selectAll('line').data(y.ticks(4).slice(1)).join('line')
    .attr('x1', m.left).attr('x2', width - m.right).attr('y1', (v) => y(v)).attr('y2', (v) => y(v));

  // One area per classification; the last month is closed by repeating it one month on.
  const idx = [...s.months.keys(), s.months.length];
  for (const layer of s.layers) {
    const band = (i: number) => layer.bands[Math.min(i, s.months.length - 1)]!;
    const shape = area<number>()
      .curve(curveStepAfter)
      .x((i) => (i < s.months.length ? monthX(i) : x(monthStart(nextMonth(last)))))
      .y0((i) => y(band(i)[0]))
      .y1((i) => y(band(i)[1]));
    svg.append('path').attr('class', 'front-layer').attr('data-class', layer.key).attr('data-total', layer.total).attr('fill', classColor(layer.key)).attr('d', shape(idx) ?? '')
      .append('title').text(`${classificationLabel(layer.key)}: ${fmtInt(layer.total)} cables`);
  }

  const years = Number(last.slice(0, 4)) - Number(first.slice(0, 4)) + 1;
  svg.append('g').attr('class', 'chart-axis').attr('transform', `translate(0,${height - m.bottom})`)
    .call(axisBottom(x).ticks(Math.min(years, Math.floor((width - m.left) / 60))).tickSizeOuter(0));
  svg.append('g').attr('class', 'chart-axis').attr('transform', `translate(${m.left},0)`)
    .call(axisLeft(y).ticks(4).tickFormat((v) => fmtInt(Number(v))).tickSizeOuter(0));

  // Brush: a drag selects whole months; a click (no drag) selects the month under the pointer.
  const hover = svg.append('line').attr('class', 'front-hover').attr('y1', m.top).attr('y2', height - m.bottom).attr('visibility', 'hidden');
  const brush = brushX<unknown>().extent([[m.left, m.top], [width - m.right, height - m.bottom]]);
  const g = svg.append('g').attr('class', 'front-brush') as unknown as Selection<SVGGElement, unknown, null, undefined>;
  const fractionAt = (px: number) => (px - m.left) / (width - m.left - m.right);
  brush.on('end', (ev: D3BrushEvent<unknown>) => {
    if (!ev.sourceEvent) return;
    const sel = ev.selection as [number, number] | null;
    if (sel && sel[1] - sel[0] >= 3) {
      const from = snapToMonth(x.invert(sel[0]));
      const to = prevMonth(snapToMonth(x.invert(sel[1] + (width - m.left - m.right) / s.months.length / 2)));
      o.onRange(from < first ? first : from, to < from ? from : to > last ? last : to);
    } else {
      const px = (ev.sourceEvent as MouseEvent).offsetX;
      const month = monthAt(s.months, fractionAt(px));
      if (month) o.onRange(month, month);
    }
    g.call(brush.move, null);
  });
  g.call(brush);
  g.on('pointermove', (ev: PointerEvent) => {
    const month = monthAt(s.months, fractionAt(ev.offsetX));
    if (!month) return;
    hover.attr('x1', x(monthStart(month))).attr('x2', x(monthStart(month))).attr('visibility', 'visible');
    o.onHover(month);
  });
  g.on('pointerleave', () => {
    hover.attr('visibility', 'hidden');
    o.onHover(null);
  });
  return svg.node()!;
}

/** The x of a month's start in a chart drawn by `frontChart` (for tests and keyboard use). */
export function chartMonthX(s: StackedMonths, width: number, month: string): number | null {
  if (!s.months.length) return null;
  const m = MARGIN;
  const x = scaleTime().domain([monthStart(s.months[0]!), monthStart(nextMonth(s.months[s.months.length - 1]!))]).range([m.left, width - m.right]);
  return x(monthStart(month));
}
