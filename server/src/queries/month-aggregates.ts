/**
 * Per-month aggregates of the corpus (`:MonthAggregate`, server/src/graph/schema.ts): written by
 * the analysis step, read by the front page for a date and/or classification scope, which then
 * sums the range's whole years and its other months (a few dozen nodes) instead of scanning the
 * scope's cables and their relationships.
 *
 * Each cable has exactly one month (or none) and one classification (or none), so the months ×
 * classifications partition the cables: the distinct cables of a post, tag or thread in a scope
 * are the sum of its distinct cables in each (month, classification) of the scope.
 */
import type { OverviewCount, ThreadSummary } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { DATABASE_TIMING } from '../db/connection.ts';
import { ANALYSIS, CABLE_ANALYSIS as C, MONTH_AGGREGATE as M, THREAD } from '../graph/schema.ts';
import type { CableScope } from './filters.ts';

/** What the cables of one (month or year, classification) point to: keys are post keys, tag codes, thread ids. */
export interface AggregateRow {
  /** The cables' classification as stored (null: the source gives none). */
  classification: string | null;
  senders: Record<string, number>;
  recipients: Record<string, number>;
  tags: Record<string, number>;
  threads: Record<string, number>;
}

/** Cables per classification: [classification, cables]. */
export type ClassCounts = [string | null, number][];

export interface MonthAggregate {
  /** `2007-10`, or null for the cables without a date. */
  month: string | null;
  cables: ClassCounts;
  rows: AggregateRow[];
}

export interface YearAggregate {
  year: string;
  rows: AggregateRow[];
}

/**
 * Whether the aggregates answer this scope exactly: only a date range and/or classifications,
 * and bounds that do not cut a month. `Cable.month` is the date's first 7 characters, so a bound
 * of at most 7 (`2007`, `2007-10`) keeps or drops whole months, where a day (`2007-10-11`, which
 * the API accepts in `from`, and `to=2007-10-10` becomes `2007-10-11`) can split one.
 */
export function monthAggregatesAnswer(scope: CableScope): boolean {
  const filtered = scope.from !== null || scope.toExclusive !== null || (scope.classifications?.length ?? 0) > 0;
  const wholeMonths = (bound: string | null) => bound === null || bound.length <= 7;
  return filtered && scope.post === null && scope.tag === null && wholeMonths(scope.from) && wholeMonths(scope.toExclusive);
}

// ── Writing (the analysis step) ──

/** Cables whose month is not their date's first 7 characters: the aggregates would not match the date filter. */
const monthMismatchQuery = `
MATCH (c:Cable) WHERE c.inCorpus = true
  AND ((c.date IS NULL) <> (c.month IS NULL) OR c.month <> substring(c.date, 0, 7))
RETURN count(c) AS cables`;

/** One (month, classification) of a section: its keys and, in the same order, their cables. */
type GroupRow = { month: string | null; classification: string | null; keys: string[]; counts: number[] };

type CableCountRow = { month: string | null; classification: string | null; cables: number };

const cablesByMonthQuery = `
MATCH (c:Cable) WHERE c.inCorpus = true
RETURN c.month AS month, c.classification AS classification, count(*) AS cables`;

/**
 * The cables per post or tag, as the overview's top lists count them (distinct cables); one row
 * per (month, classification) holding two lists, which keeps the reader's memory small.
 */
const linkedByMonthQuery = (pattern: string, key: string) => `
MATCH ${pattern} WHERE c.inCorpus = true
WITH c.month AS month, c.classification AS classification, n.${key} AS key, count(DISTINCT c) AS cables
RETURN month, classification, collect(key) AS keys, collect(cables) AS counts`;

/** Like the overview's scoped threads: every cable with a thread (stubs never pass a filter). */
const threadsByMonthQuery = `
MATCH (c:Cable) WHERE c.${C.thread} IS NOT NULL
WITH c.month AS month, c.classification AS classification, c.${C.thread} AS key, count(*) AS cables
RETURN month, classification, collect(key) AS keys, collect(cables) AS counts`;

const replaceAggregates = `
OPTIONAL MATCH (old:${M.label})
DETACH DELETE old
WITH count(*) AS cleared
UNWIND $nodes AS row
CREATE (m:${M.label} {${M.key}: row.key, ${M.rows}: row.rows})
SET m.${M.month} = row.month, m.${M.year} = row.year, m.${M.cables} = row.cables`;

const markStored = `MATCH (a:${ANALYSIS.label} {${ANALYSIS.key}: $key}) SET a.${ANALYSIS.monthAggregates} = $stored`;

export interface MonthAggregateStats {
  months: number;
  /** Whole-year sums of the months' rows (a range of years reads these instead of its months). */
  years: number;
  rows: number;
  /** Size of the stored JSON. */
  bytes: number;
  /** Why nothing was stored, when nothing was. */
  skipped: string | null;
}

/** The aggregates as stored (JSON per node), ready to write, or why there are none. */
export interface ComputedMonthAggregates {
  nodes: { key: string; month: string | null; year: string | null; cables: string | null; rows: string }[];
  stats: MonthAggregateStats;
}

const skip = (skipped: string): ComputedMonthAggregates => ({ nodes: [], stats: { months: 0, years: 0, rows: 0, bytes: 0, skipped } });

/**
 * Computes the aggregates from the graph. The analysis step does this before it loads the
 * citation graph, so the two never take memory at the same time (alone it peaks near 250 MB).
 */
export async function computeMonthAggregates(db: Database): Promise<ComputedMonthAggregates> {
  const read = <Row>(cypher: string) => db.read<Row>(cypher, {}, DATABASE_TIMING.corpusReadTimeoutMs);
  const [mismatch] = await read<{ cables: number }>(monthMismatchQuery);
  if ((mismatch?.cables ?? 0) > 0) return skip(`${mismatch!.cables} cables have a month that is not their date's`);
  // one after the other: the analysis's memory budget matters more than these seconds
  const cables = await read<CableCountRow>(cablesByMonthQuery);
  const senders = await read<GroupRow>(linkedByMonthQuery('(c:Cable)-[:FROM]->(n:Post)', 'key'));
  const recipients = await read<GroupRow>(linkedByMonthQuery('(c:Cable)-[:TO|INFO]->(n:Post)', 'key'));
  const tags = await read<GroupRow>(linkedByMonthQuery('(c:Cable)-[:TAGGED]->(n:Tag)', 'code'));
  const threads = await read<GroupRow>(threadsByMonthQuery);
  const months = buildMonthAggregates({ cables, senders, recipients, tags, threads });
  const odd = months.find((m) => m.month !== null && !MONTH.test(m.month));
  if (odd) return skip(`a month reads ${JSON.stringify(odd.month)}, not YYYY-MM`);
  const years = yearsOf(months);
  const nodes = [
    ...months.map((m) => ({ key: m.month ?? M.undated, month: m.month, year: null, cables: JSON.stringify(m.cables), rows: JSON.stringify(m.rows) })),
    ...years.map((y) => ({ key: y.year, month: null, year: y.year, cables: null, rows: JSON.stringify(y.rows) })),
  ];
  return {
    nodes,
    stats: {
      months: months.length,
      years: years.length,
      rows: months.reduce((n, m) => n + m.rows.length, 0),
      bytes: nodes.reduce((n, m) => n + m.rows.length + (m.cables?.length ?? 0), 0),
      skipped: null,
    },
  };
}

/**
 * Replaces the stored aggregates in one transaction and marks them stored on `:Analysis` (the
 * run start cleared the mark, and a run counts as current only once it finished: aggregates of
 * an unfinished or older run are never read). Skipped aggregates leave the mark false, and the
 * front page scans.
 */
export async function storeMonthAggregates(db: Database, computed: ComputedMonthAggregates): Promise<MonthAggregateStats> {
  await db.writeTransaction(async (run) => {
    if (computed.stats.skipped === null) await run(replaceAggregates, { nodes: computed.nodes });
    await run(markStored, { key: ANALYSIS.current, stored: computed.stats.skipped === null });
  });
  return computed.stats;
}

/** A calendar month: the whole-year sums stand for exactly the months `YYYY-01` … `YYYY-12`. */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const SECTIONS = ['senders', 'recipients', 'tags', 'threads'] as const;
type Section = (typeof SECTIONS)[number];
type SectionCounts = Record<Section, Map<string, number>>;

const emptySections = (): SectionCounts => ({ senders: new Map(), recipients: new Map(), tags: new Map(), threads: new Map() });

/** One classification's counts as stored; Object.fromEntries defines own properties, so no key can reach the prototype. */
const aggregateRow = (classification: string | null, counts: SectionCounts): AggregateRow => ({
  classification,
  senders: Object.fromEntries(counts.senders),
  recipients: Object.fromEntries(counts.recipients),
  tags: Object.fromEntries(counts.tags),
  threads: Object.fromEntries(counts.threads),
});

/** Grouped query rows → one aggregate per month, its rows one per classification. */
export function buildMonthAggregates(groups: { cables: CableCountRow[] } & Record<Section, GroupRow[]>): MonthAggregate[] {
  const months = new Map<string | null, Map<string | null, { cables: number } & SectionCounts>>();
  const cell = (month: string | null, classification: string | null) => {
    const byClass = months.get(month) ?? new Map();
    months.set(month, byClass);
    let row = byClass.get(classification);
    if (!row) {
      row = { cables: 0, ...emptySections() };
      byClass.set(classification, row);
    }
    return row;
  };
  for (const g of groups.cables) cell(g.month, g.classification).cables += g.cables;
  for (const section of SECTIONS) {
    for (const g of groups[section]) {
      const counts = cell(g.month, g.classification)[section];
      g.keys.forEach((key, i) => counts.set(String(key), (counts.get(String(key)) ?? 0) + g.counts[i]!));
    }
  }
  return [...months.entries()].map(([month, byClass]) => ({
    month,
    cables: [...byClass.entries()].map(([classification, row]): [string | null, number] => [classification, row.cables]),
    rows: [...byClass.entries()].map(([classification, row]) => aggregateRow(classification, row)),
  }));
}

/** Adds `row`'s sections into `into`'s (counts keyed by post, tag or thread). */
function addSections(into: SectionCounts, row: AggregateRow): void {
  for (const section of SECTIONS) {
    const counts = into[section];
    for (const [key, n] of Object.entries(row[section])) counts.set(key, (counts.get(key) ?? 0) + n);
  }
}

/** The dated months summed per year and classification. */
export function yearsOf(months: MonthAggregate[]): YearAggregate[] {
  const years = new Map<string, Map<string | null, SectionCounts>>();
  for (const { month, rows } of months) {
    if (month === null) continue;
    const byClass = years.get(month.slice(0, 4)) ?? new Map();
    years.set(month.slice(0, 4), byClass);
    for (const row of rows) {
      const sums = byClass.get(row.classification) ?? emptySections();
      byClass.set(row.classification, sums);
      addSections(sums, row);
    }
  }
  return [...years.entries()].map(([year, byClass]) => ({
    year,
    rows: [...byClass.entries()].map(([classification, sums]) => aggregateRow(classification, sums)),
  }));
}

// ── Reading (the front page) ──

/**
 * The years wholly inside a scope's range, as `first <= year < end`: a range of many years reads
 * their sums and only its partial years' months (every month still gives its cables per
 * classification, for the stacked timeline). Bounds are `YYYY` or `YYYY-MM` (monthAggregatesAnswer).
 */
export function wholeYears(scope: CableScope): { first: string; end: string } {
  const from = scope.from;
  const first = from === null ? '0000' : from.length === 4 || from.endsWith('-01') ? from.slice(0, 4) : String(Number(from.slice(0, 4)) + 1).padStart(4, '0');
  return { first, end: scope.toExclusive === null ? '9999' : scope.toExclusive.slice(0, 4) };
}

/** The months of the range (the undated cables only when there is no bound) and its whole years, or `stored` false. */
const readAggregates = (scope: CableScope) => {
  const inRange: string[] = [];
  if (scope.from !== null) inRange.push(`m.${M.month} >= $filterFrom`);
  if (scope.toExclusive !== null) inRange.push(`m.${M.month} < $filterTo`);
  if (inRange.length === 0) inRange.push(`(m.${M.month} IS NOT NULL OR m.${M.key} = $undated)`);
  const inWholeYear = `substring(m.${M.month}, 0, 4) >= $yearFirst AND substring(m.${M.month}, 0, 4) < $yearEnd`;
  return `
OPTIONAL MATCH (a:${ANALYSIS.label} {${ANALYSIS.key}: $key})
WITH coalesce(a.${ANALYSIS.monthAggregates}, false) AS stored
OPTIONAL MATCH (m:${M.label}) WHERE stored AND ${inRange.join(' AND ')}
WITH stored, collect(m {.${M.month}, .${M.cables}, ${M.rows}: CASE WHEN ${inWholeYear} THEN null ELSE m.${M.rows} END}) AS months
OPTIONAL MATCH (y:${M.label}) WHERE stored AND y.${M.year} >= $yearFirst AND y.${M.year} < $yearEnd
RETURN stored, months, collect(y.${M.rows}) AS years`;
};

export interface ScopeAggregates {
  /** The range's months; `rows` null for a month inside one of `years`. */
  months: { month: string | null; cables: ClassCounts; rows: AggregateRow[] | null }[];
  years: AggregateRow[][];
}

/** The aggregates a scope of whole months sums, or null when the current analysis run stored none. */
export async function readMonthAggregates(db: Database, scope: CableScope): Promise<ScopeAggregates | null> {
  const { first, end } = wholeYears(scope);
  const [row] = await db.read<{ stored: boolean; months: { month: string | null; cables: string; rows: string | null }[]; years: string[] }>(readAggregates(scope), {
    key: ANALYSIS.current,
    undated: M.undated,
    filterFrom: scope.from,
    filterTo: scope.toExclusive,
    yearFirst: first,
    yearEnd: end,
  });
  if (!row?.stored) return null;
  return {
    months: row.months.map((m) => ({ month: m.month, cables: JSON.parse(m.cables) as ClassCounts, rows: m.rows === null ? null : (JSON.parse(m.rows) as AggregateRow[]) })),
    years: row.years.map((rows) => JSON.parse(rows) as AggregateRow[]),
  };
}

export interface SummedScope extends SectionCounts {
  /** (month, classification, cables) of the dated cables, as the overview's months query gives them. */
  months: { month: string; classification: string | null; cables: number }[];
  total: number;
}

/** Sums the rows whose classification the scope keeps (exactly as `classification IN $list`: a missing one never matches). */
export function sumMonthAggregates(aggregates: ScopeAggregates, classifications: string[] | null): SummedScope {
  const keep = classifications?.length ? new Set(classifications) : null;
  const kept = (classification: string | null) => !keep || (classification !== null && keep.has(classification));
  const out: SummedScope = { months: [], total: 0, ...emptySections() };
  for (const { month, cables, rows } of aggregates.months) {
    for (const [classification, n] of cables) {
      if (!kept(classification)) continue;
      out.total += n;
      if (month !== null) out.months.push({ month, classification, cables: n });
    }
    for (const row of rows ?? []) if (kept(row.classification)) addSections(out, row);
  }
  for (const rows of aggregates.years) for (const row of rows) if (kept(row.classification)) addSections(out, row);
  return out;
}

/** The `top` keys by count, ties by key (the scan's `ORDER BY cables DESC, key`). */
export function topKeys(counts: Map<string, number>, top: number): [string, number][] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, top);
}

const postNamesQuery = `MATCH (n:Post) WHERE n.key IN $keys RETURN n.key AS key, n.name AS name`;
const tagNamesQuery = `MATCH (n:Tag) WHERE n.code IN $keys RETURN n.code AS key, n.name AS name`;
const threadsQuery = `MATCH (t:${THREAD.label}) WHERE t.${THREAD.key} IN $ids RETURN t {.id, .size, .inCorpus, .firstDate, .lastDate} AS thread`;

/** Top posts or tags with their names. */
export async function namedCounts(db: Database, kind: 'post' | 'tag', ranked: [string, number][]): Promise<OverviewCount[]> {
  if (ranked.length === 0) return [];
  const rows = await db.read<{ key: string; name: string | null }>(kind === 'post' ? postNamesQuery : tagNamesQuery, { keys: ranked.map(([key]) => key) });
  const names = new Map(rows.map((r) => [r.key, r.name]));
  return ranked.filter(([key]) => names.has(key)).map(([key, cables]) => ({ key, name: names.get(key) ?? null, cables }));
}

/** Top threads with their summaries (a thread the analysis no longer has is left out, as the scan's MATCH does). */
export async function rankedThreads(db: Database, ranked: [string, number][]): Promise<ThreadSummary[]> {
  if (ranked.length === 0) return [];
  const rows = await db.read<{ thread: Omit<ThreadSummary, 'matching'> }>(threadsQuery, { ids: ranked.map(([id]) => id) });
  const byId = new Map(rows.map((r) => [String(r.thread.id), r.thread]));
  return ranked.flatMap(([id, matching]) => {
    const thread = byId.get(id);
    return thread ? [{ ...thread, matching }] : [];
  });
}
