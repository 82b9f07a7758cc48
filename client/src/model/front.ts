/**
 * The front page as data: when it shows, what it is scoped to, the stacked series of its
 * timeline and the words of its lists. Pure (no DOM): the view (views/front-view.ts) and the
 * chart (panels/front-chart.ts) draw what these functions compute; node:test checks them.
 */
import type { OverviewResponse, RankedCable, ThreadSummary } from '../../../server/src/api/types.ts';
import { CLASS_LABEL, classLevel, monthsBetween, monthStart } from './filters.ts';
import type { ClassLevel } from './filters.ts';
import type { Filters } from './graph.ts';
import { cableDay } from './analysis.ts';
import { fmtInt } from './format.ts';

/** The front page's own scope (the date and classification filters are the view's). */
export interface FrontScope {
  /** Post key: cables sent from it or addressed to it. */
  post?: string;
  /** Tag code. */
  tag?: string;
}

/** What the front page needs of the view document. */
export interface FrontDoc {
  ops: readonly unknown[];
  front?: FrontScope | null;
  cite?: unknown;
}

/** The front page is what an empty view shows, and what "Corpus" (h) brings back over a graph. */
export const showsFront = (doc: FrontDoc): boolean => !!doc.front || (doc.ops.length === 0 && !doc.cite);

/** The front page's scope in force (an empty view without `front` shows the whole corpus). */
export const frontScope = (doc: FrontDoc): FrontScope => doc.front ?? {};

/** One layer of the stacked timeline: a classification and, per month, its band [y0, y1). */
export interface StackLayer {
  key: string;
  level: ClassLevel | null;
  /** Per month of `StackedMonths.months`, in order. */
  bands: [number, number][];
  total: number;
}

export interface StackedMonths {
  /** Every month from the first to the last, gaps filled. */
  months: string[];
  /** Bottom first: the most frequent classification at the bottom (the API's order). */
  layers: StackLayer[];
  /** Cables of the highest month. */
  peak: number;
  /** Per month, all classifications. */
  totals: number[];
}

/**
 * The API's months → stacked bands, bottom layer first, in the API's order of classifications
 * (most frequent first). Months without cables inside the span are filled with zeros.
 */
export function stackMonths(o: Pick<OverviewResponse, 'months' | 'classifications'>): StackedMonths {
  const dated = o.months.filter((m) => /^\d{4}-\d{2}$/.test(m.month)).sort((a, b) => (a.month < b.month ? -1 : 1));
  if (!dated.length) return { months: [], layers: [], peak: 0, totals: [] };
  const months = monthsBetween(dated[0]!.month, dated[dated.length - 1]!.month);
  const byMonth = new Map(dated.map((m) => [m.month, m.byClassification]));
  const keys = [...o.classifications];
  for (const m of dated) for (const k of Object.keys(m.byClassification)) if (!keys.includes(k)) keys.push(k);
  const base = months.map(() => 0);
  const layers: StackLayer[] = keys.map((key) => {
    let total = 0;
    const bands = months.map((month, i): [number, number] => {
      const n = byMonth.get(month)?.[key] ?? 0;
      total += n;
      const y0 = base[i]!;
      base[i] = y0 + n;
      return [y0, y0 + n];
    });
    return { key, level: classLevel(key), bands, total };
  });
  return { months, layers: layers.filter((l) => l.total > 0), peak: Math.max(0, ...base), totals: base };
}

/** How a classification reads in the legend: `SECRET//NOFORN` → "Secret//NOFORN". */
export function classificationLabel(key: string): string {
  if (key === 'UNKNOWN') return 'Not given';
  const level = classLevel(key);
  if (!level) return key;
  const rest = key.slice(level.length);
  return `${CLASS_LABEL[level]}${rest.replace('FOR OFFICIAL USE ONLY', 'FOUO')}`;
}

/** `2007-03` → "Mar 2007". */
export const fmtMonth = (m: string): string => monthStart(m).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `YYYY-MM-DD…` → "Mar 2007"; null → "?". */
const monthOfDate = (d: string | null): string => (d && /^\d{4}-\d{2}/.test(d) ? fmtMonth(d.slice(0, 7)) : '?');

/** A thread's date span: "Mar 2004 – Feb 2010", or one month. */
export function threadSpan(t: Pick<ThreadSummary, 'firstDate' | 'lastDate'>): string {
  const a = monthOfDate(t.firstDate);
  const b = monthOfDate(t.lastDate);
  return a === b ? a : `${a} – ${b}`;
}

/** What a ranked cable is called in a list: its subject; a cited cable missing from the release says so. */
export function cableTitle(c: Pick<RankedCable, 'subject' | 'inCorpus'>): string {
  const s = c.subject?.trim();
  if (s) return s;
  return c.inCorpus ? '(no subject)' : 'Cited, not in the release';
}

/** The secondary line of a ranked cable: id and day (estimated for a missing one), as the reader writes them. */
export function cableDetail(c: Pick<RankedCable, 'id' | 'date' | 'analysis'>): string {
  return [c.id, cableDay(c.date, c.analysis.estimatedDate?.date)].filter(Boolean).join(' · ');
}

/** "cited by 12" (the list's heading says by what). */
export const citedBy = (n: number | null): string => `cited by ${fmtInt(n ?? 0)}`;

/** The secondary line of a REF thread: how much of it is in the release. */
export const threadDetail = (t: Pick<ThreadSummary, 'size' | 'inCorpus'>): string =>
  t.size === t.inCorpus ? 'all in the release' : `${fmtInt(t.inCorpus)} in the release · ${fmtInt(t.size - t.inCorpus)} cited, missing`;

/** The scope in words, for the heading: "2007–2008 · Confidential and Secret · sent to or from LONDON · tag PREL". */
export function describeScope(filters: Pick<Filters, 'from' | 'to' | 'hiddenClasses'>, scope: FrontScope): string[] {
  const parts: string[] = [];
  if (filters.from || filters.to) parts.push(`${filters.from ? fmtMonth(filters.from) : 'the start'} – ${filters.to ? fmtMonth(filters.to) : 'the end'}`);
  const hidden = filters.hiddenClasses ?? [];
  if (hidden.length) {
    const shown = (Object.keys(CLASS_LABEL) as ClassLevel[]).filter((l) => !hidden.includes(l)).map((l) => CLASS_LABEL[l]);
    parts.push(shown.length ? `${shown.join(' and ')} only` : 'no classification shown');
  }
  if (scope.post) parts.push(`to or from ${scope.post}`);
  if (scope.tag) parts.push(`tagged ${scope.tag}`);
  return parts;
}

/** The overview request of a scope: the view's date and classification filters plus post and tag. */
export function overviewParams(api: { from: string | null; to: string | null; classification: string[] | null }, scope: FrontScope): OverviewParams {
  return { from: api.from, to: api.to, classification: api.classification, post: scope.post ?? null, tag: scope.tag ?? null };
}

export interface OverviewParams {
  from: string | null;
  to: string | null;
  classification: readonly string[] | null;
  post: string | null;
  tag: string | null;
}

/** Month under a fraction (0–1) of the chart's width, for a click on the timeline. */
export function monthAt(months: readonly string[], fraction: number): string | null {
  if (!months.length) return null;
  const i = Math.min(months.length - 1, Math.max(0, Math.floor(fraction * months.length)));
  return months[i]!;
}
