/**
 * Cable filters (date range and classification) applied to the working set, and the month
 * arithmetic of the timeline brush. Pure: no DOM, runs in node:test.
 *
 * Rules:
 *  - a cable is kept when its month is in [from, to] (inclusive, `YYYY-MM`, open ends allowed)
 *    and its classification level is not hidden;
 *  - a cable without a date (a cited cable missing from the corpus) is kept when the year of
 *    its id overlaps the range, and is never hidden by classification (it has none);
 *  - a post or tag is kept unless every cable it was linked to was filtered out (a post whose
 *    cables are all outside the range has nothing to show), except seeds and the selection.
 */
import { isSummary } from './summary.ts';
import type { Filters, Graph, GraphNode } from './graph.ts';
import { yearFromCableId } from '../../../server/src/cables/year-from-id.ts';

export type ClassLevel = 'unclassified' | 'confidential' | 'secret';
export const CLASS_LEVELS: readonly ClassLevel[] = ['unclassified', 'confidential', 'secret'];
export const CLASS_LABEL: Record<ClassLevel, string> = { unclassified: 'Unclassified', confidential: 'Confidential', secret: 'Secret' };

/** `SECRET//NOFORN` → secret; `UNCLASSIFIED//FOR OFFICIAL USE ONLY` → unclassified. */
export function classLevel(c: string | null | undefined): ClassLevel | null {
  if (!c) return null;
  const u = c.toUpperCase();
  if (u.startsWith('UNCLASSIFIED')) return 'unclassified';
  if (u.includes('SECRET')) return 'secret';
  if (u.includes('CONFIDENTIAL')) return 'confidential';
  return 'unclassified';
}

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export const monthOf = (iso: string | null | undefined): string | null => (iso && /^\d{4}-\d{2}/.test(iso) ? iso.slice(0, 7) : null);

/** `2007-12` → `2008-01`. */
export function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

export function prevMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/** UTC date of the first day of a month. */
export const monthStart = (m: string): Date => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1));

/** Every month from `a` to `b` inclusive. */
export function monthsBetween(a: string, b: string): string[] {
  const out: string[] = [];
  for (let m = a; m <= b && out.length < 2400; m = nextMonth(m)) out.push(m);
  return out;
}

/** The date → month snap of a brush edge: rounds to the nearest month boundary. */
export function snapToMonth(d: Date): string {
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const start = Date.UTC(y, mo, 1);
  const next = Date.UTC(y, mo + 1, 1);
  const t = d.getTime() - start < next - d.getTime() ? start : next;
  return new Date(t).toISOString().slice(0, 7);
}

/** Whether the filters restrict cables at all. */
export const hasCableFilters = (f: Filters): boolean => !!(f.from || f.to || (f.hiddenClasses && f.hiddenClasses.length));


/** Whether one cable passes the date and classification filters. */
export function cablePasses(n: Pick<GraphNode, 'key' | 'date' | 'classification' | 'inCorpus'>, f: Filters): boolean {
  const month = monthOf(n.date);
  if (month) {
    if (f.from && month < f.from) return false;
    if (f.to && month > f.to) return false;
  } else if (f.from || f.to) {
    const y = yearFromCableId(n.key);
    if (y !== null) {
      if (f.from && `${y}-12` < f.from) return false;
      if (f.to && `${y}-01` > f.to) return false;
    }
  }
  const hidden = f.hiddenClasses ?? [];
  if (hidden.length) {
    const lvl = classLevel(n.classification);
    if (lvl && hidden.includes(lvl)) return false;
  }
  return true;
}

/** The graph under the cable filters (see the module comment). `keep` ids are never removed. */
export function applyCableFilters(g: Graph, f: Filters, keep: Iterable<string> = []): Graph {
  if (!hasCableFilters(f)) return g;
  const protectedIds = new Set(keep);
  const dropped = new Set<string>();
  for (const n of g.nodes.values()) if (n.kind === 'cable' && !isSummary(n) && !protectedIds.has(n.id) && !cablePasses(n, f)) dropped.add(n.id);
  if (dropped.size === 0) return g;
  // Posts and tags that lost every cable they had.
  const hadCable = new Set<string>();
  const keepsCable = new Set<string>();
  for (const l of g.links.values()) {
    for (const [a, b] of [[l.source, l.target], [l.target, l.source]] as const) {
      // a: the cable end, b: the post or tag end.
      if (g.nodes.get(a)?.kind !== 'cable' || g.nodes.get(b)?.kind === 'cable') continue;
      hadCable.add(b);
      if (!dropped.has(a)) keepsCable.add(b);
    }
  }
  for (const id of hadCable) if (!keepsCable.has(id) && !protectedIds.has(id)) dropped.add(id);
  const nodes = new Map([...g.nodes].filter(([id]) => !dropped.has(id)));
  const links = new Map([...g.links].filter(([, l]) => nodes.has(l.source) && nodes.has(l.target)));
  return { nodes, links, origin: g.origin };
}

export interface MonthBucket {
  month: string;
  count: number;
  /** Of `count`, how many pass the classification filter (the bar's strong part). */
  shown: number;
}

/** Cables of the graph per month, every month from the first to the last (gaps are 0). */
/**
 * `undated`: cables without a date (cited cables missing from the corpus among them). `ghosts`:
 * of those, the ones with an estimated date from the analysis: left out of the bars, which count
 * known dates only, and said so beside the chart.
 */
export function monthHistogram(g: Graph, f: Filters): { buckets: MonthBucket[]; undated: number; ghosts: number } {
  const counts = new Map<string, { count: number; shown: number }>();
  let undated = 0;
  let ghosts = 0;
  const noDates: Filters = { ...f, from: null, to: null };
  for (const n of g.nodes.values()) {
    if (n.kind !== 'cable' || isSummary(n)) continue;
    const m = monthOf(n.date);
    if (!m) {
      undated++;
      if (n.inCorpus === false && n.analysis?.estimatedDate) ghosts++;
      continue;
    }
    const c = counts.get(m) ?? { count: 0, shown: 0 };
    c.count++;
    if (cablePasses(n, noDates)) c.shown++;
    counts.set(m, c);
  }
  if (counts.size === 0) return { buckets: [], undated, ghosts };
  const months = [...counts.keys()].sort();
  const buckets = monthsBetween(months[0]!, months[months.length - 1]!).map((month) => ({ month, count: counts.get(month)?.count ?? 0, shown: counts.get(month)?.shown ?? 0 }));
  return { buckets, undated, ghosts };
}

/** URL parameters of the cable filters (only those that are set). */
export function encodeCableFilters(f: Filters, p: URLSearchParams): void {
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.hiddenClasses && f.hiddenClasses.length) p.set('hidec', f.hiddenClasses.join(','));
}

/** Reads the cable filters back; malformed values are ignored. Returns only the set fields. */
export function decodeCableFilters(p: URLSearchParams): Pick<Filters, 'from' | 'to' | 'hiddenClasses'> {
  const out: Pick<Filters, 'from' | 'to' | 'hiddenClasses'> = {};
  const from = p.get('from');
  const to = p.get('to');
  if (from && MONTH_RE.test(from)) out.from = from;
  if (to && MONTH_RE.test(to)) out.to = to;
  if (out.from && out.to && out.from > out.to) [out.from, out.to] = [out.to, out.from];
  const hc = (p.get('hidec') ?? '').split(',').filter((c): c is ClassLevel => (CLASS_LEVELS as readonly string[]).includes(c));
  if (hc.length) out.hiddenClasses = [...new Set(hc)];
  return out;
}

/** Classification markings per level, as the API matches them (exactly). */
export const CLASS_MARKINGS: Record<ClassLevel, readonly string[]> = {
  unclassified: ['UNCLASSIFIED', 'UNCLASSIFIED//FOR OFFICIAL USE ONLY'],
  confidential: ['CONFIDENTIAL', 'CONFIDENTIAL//NOFORN'],
  secret: ['SECRET', 'SECRET//NOFORN'],
};

/** The explorer API's filter parameters for the view's cable filters. */
export function apiFilter(f: Filters): { from: string | null; to: string | null; classification: string[] | null } {
  const hidden = f.hiddenClasses ?? [];
  const classification = hidden.length ? CLASS_LEVELS.filter((l) => !hidden.includes(l)).flatMap((l) => [...CLASS_MARKINGS[l]]) : null;
  return { from: f.from ?? null, to: f.to ?? null, classification };
}

/** A stable string of the cable filters, for caching filtered API answers. */
export const filterKey = (f: Filters): string => `${f.from ?? ''}|${f.to ?? ''}|${(f.hiddenClasses ?? []).join(',')}`;
