/**
 * Small D3 charts of cables per month for the panels: a single series, or two series mirrored
 * around the axis (sent above, received below). Detached SVG elements; data only ever reaches
 * the DOM through attributes and `.text()`.
 */
import { axisBottom, create, max, scaleBand, scaleLinear, scaleTime } from 'd3';
import type { MonthCount } from '../../../server/src/api/types.ts';
import { fmtInt } from '../dom.ts';
import { monthStart, monthsBetween, nextMonth } from '../model/filters.ts';

export interface Series {
  label: string;
  color: string;
  buckets: readonly MonthCount[];
}

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Called with a month when its bar is clicked (drill down). */
  onMonth?: (month: string) => void;
  /** The view's date filter, shaded behind the bars (`YYYY-MM`, inclusive, open ends). */
  range?: { from?: string | null; to?: string | null };
}

/** Every month covered by any series, in order (gaps filled). */
export function monthDomain(series: readonly Series[]): string[] {
  const all = series.flatMap((s) => s.buckets.map((b) => b.month)).filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  if (!all.length) return [];
  return monthsBetween(all[0]!, all[all.length - 1]!);
}

/**
 * One series above the axis, a second (if any) mirrored below it. Bars for ≤ 120 months,
 * thin bars otherwise; x ticks by year.
 */
export function monthChart(series: readonly Series[], opts: ChartOptions = {}): SVGSVGElement {
  const width = opts.width ?? 370;
  const height = opts.height ?? (series.length > 1 ? 132 : 92);
  const months = monthDomain(series);
  const m = { top: 8, right: 6, bottom: 20, left: 30 };
  const svg = create('svg').attr('class', 'month-chart').attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img');
  if (!months.length) {
    svg.append('text').attr('class', 'chart-empty').attr('x', width / 2).attr('y', height / 2).attr('text-anchor', 'middle').text('No dated cables');
    return svg.node()!;
  }
  const mirrored = series.length > 1;
  const x = scaleBand<string>().domain(months).range([m.left, width - m.right]).paddingInner(months.length > 60 ? 0 : 0.15);
  const value = (s: Series) => new Map(s.buckets.map((b) => [b.month, b.count]));
  const values = series.map(value);
  const peak = Math.max(1, max(values.flatMap((v) => [...v.values()])) ?? 1);
  const plotH = height - m.top - m.bottom;
  const axisY = mirrored ? m.top + plotH / 2 : m.top + plotH;
  const y = scaleLinear().domain([0, peak]).range([0, mirrored ? plotH / 2 - 2 : plotH]);

  const r = opts.range;
  if (r && (r.from || r.to)) {
    const inDomain = months.filter((mo) => (!r.from || mo >= r.from) && (!r.to || mo <= r.to));
    if (inDomain.length) {
      const a = x(inDomain[0]!)!;
      const b = x(inDomain[inDomain.length - 1]!)! + x.bandwidth();
      svg.append('rect').attr('class', 'chart-range').attr('x', a).attr('width', Math.max(1, b - a)).attr('y', m.top).attr('height', plotH).append('title').text('The view’s date filter');
    }
  }

  series.slice(0, 2).forEach((s, i) => {
    const v = values[i]!;
    svg.append('g').attr('class', `series series-${i}`).attr('fill', s.color)
      .selectAll('rect')
      .data(months.filter((mo) => (v.get(mo) ?? 0) > 0))
      .join('rect')
      .attr('x', (mo) => x(mo)!)
      .attr('width', Math.max(1, x.bandwidth()))
      .attr('y', (mo) => (i === 0 ? axisY - y(v.get(mo) ?? 0) : axisY + 1))
      .attr('height', (mo) => Math.max(1, y(v.get(mo) ?? 0)))
      .attr('data-month', (mo) => mo)
      .attr('class', opts.onMonth ? 'clickable' : null)
      .on('click', (_ev: MouseEvent, mo: string) => opts.onMonth?.(mo))
      .append('title')
      .text((mo) => `${mo}: ${fmtInt(v.get(mo) ?? 0)} ${s.label}`);
  });
  svg.append('line').attr('class', 'chart-axis-line').attr('x1', m.left).attr('x2', width - m.right).attr('y1', axisY).attr('y2', axisY);

  // Year ticks on a time scale aligned with the bands.
  const t = scaleTime().domain([monthStart(months[0]!), monthStart(nextMonth(months[months.length - 1]!))]).range([m.left, width - m.right]);
  const years = Math.max(1, Number(months[months.length - 1]!.slice(0, 4)) - Number(months[0]!.slice(0, 4)));
  svg.append('g').attr('class', 'chart-axis').attr('transform', `translate(0,${height - m.bottom})`)
    .call(axisBottom(t).ticks(Math.min(years + 1, Math.floor(width / 55))).tickSizeOuter(0));
  // Peak labels on the left.
  svg.append('text').attr('class', 'chart-peak').attr('x', m.left - 4).attr('y', axisY - y(peak) + 8).attr('text-anchor', 'end').text(fmtInt(peak));
  if (mirrored) svg.append('text').attr('class', 'chart-peak').attr('x', m.left - 4).attr('y', axisY + y(peak)).attr('text-anchor', 'end').text(fmtInt(peak));
  return svg.node()!;
}
