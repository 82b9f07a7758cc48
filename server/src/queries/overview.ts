import type { OverviewCount, OverviewResponse, RankedCable, ThreadSummary } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { DATABASE_TIMING } from '../db/connection.ts';
import { rankedCableProps, toRankedCable } from './analysis-fields.ts';
import { ANALYSIS, CABLE_ANALYSIS as C, THREAD } from '../graph/schema.ts';
import { cablePredicates, isScoped, noScope, scopeMatch, scopeParams, where, type CableScope } from './filters.ts';
import { readGraphCountRow, type GraphCountRow } from './graph-counts.ts';
import { memo } from './memo.ts';
import { monthAggregatesAnswer, namedCounts, rankedThreads, readMonthAggregates, sumMonthAggregates, topKeys } from './month-aggregates.ts';

const IN_CORPUS = 'c.inCorpus = true';
/** Classification of a cable whose source gives none. */
export const UNCLASSIFIED = 'UNKNOWN';

const monthsQuery = (scope: CableScope) => `
${scopeMatch(scope, IN_CORPUS)}
WITH c.month AS month, coalesce(c.classification, '${UNCLASSIFIED}') AS classification, count(*) AS cables
WHERE month IS NOT NULL
RETURN month, classification, cables`;

const totalQuery = (scope: CableScope) => `${scopeMatch(scope, IN_CORPUS)} RETURN count(c) AS cables`;

/** The posts or tags the scope's cables point to, most cables first. */
const topQuery = (scope: CableScope, pattern: string, key: string) => `
${scopeMatch(scope, IN_CORPUS)}
MATCH ${pattern}
WITH n, count(DISTINCT c) AS cables
ORDER BY cables DESC, n.${key}
LIMIT $top
RETURN n.${key} AS key, n.name AS name, cables`;

/**
 * Highest values of an analysis property among the scope's cables (stubs too, when unfiltered);
 * ties by id, so the answer does not depend on the plan.
 */
const topRankedQuery = (scope: CableScope, property: string) => `
${scopeMatch(scope, `c.${property} IS NOT NULL`)}
WITH c ORDER BY c.${property} DESC, c.id LIMIT $top
RETURN ${rankedCableProps('c')} AS cable`;

/**
 * The same for a date and/or classification scope, walking the property's index from the top
 * and stopping after `top` cables in scope: for a scope holding a large share of the cables the
 * planner would rather gather it by date and sort it (0.2–0.6 s for some years at full size,
 * against 5–10 ms for the walk). A scope of few cables would walk far, so it keeps the planner's.
 */
const topRankedWalkQuery = (scope: CableScope, property: string) => `
MATCH (c:Cable) USING INDEX c:Cable(${property}) ${where([`c.${property} IS NOT NULL`, ...cablePredicates('c', scope)])}
WITH c ORDER BY c.${property} DESC, c.id LIMIT $top
RETURN ${rankedCableProps('c')} AS cable`;

/** Share of the corpus from which a scope's ranked cables walk the rank index (1%: a walk of ~100 cables per hit). */
const WALK_RANK_INDEX_SHARE = 0.01;

const largestThreadsQuery = `
MATCH (t:${THREAD.label}) WITH t ORDER BY t.size DESC LIMIT $top
RETURN t {.id, .size, .inCorpus, .firstDate, .lastDate, matching: t.size} AS thread`;

/** Threads by how many of the scope's cables they hold. */
const scopedThreadsQuery = (scope: CableScope) => `
${scopeMatch(scope, `c.${C.thread} IS NOT NULL`)}
WITH c.${C.thread} AS id, count(*) AS matching
ORDER BY matching DESC, id
LIMIT $top
MATCH (t:${THREAD.label} {${THREAD.key}: id})
RETURN t {.id, .size, .inCorpus, .firstDate, .lastDate, matching: matching} AS thread`;

export const OVERVIEW_TOP = 10;

function corpusCounts({ nodes, stubs, links }: GraphCountRow): OverviewResponse['corpus'] {
  return { cables: nodes.Cable - stubs, stubs, posts: nodes.Post, tags: nodes.Tag, references: links.REFERENCES, threads: nodes.Thread };
}

export type Overview = Omit<OverviewResponse, 'analysis'>;

const storedOverviewQuery = `MATCH (a:${ANALYSIS.label} {${ANALYSIS.key}: $key}) RETURN a.${ANALYSIS.overview} AS overview`;

/**
 * What the corpus (or the scope's part of it) holds. The unfiltered answer is the one the
 * analysis step stored (`storeOverview`), when `storedBy` names the run (its `ranAt`) and that
 * run is current; a scope of whole months and/or classifications is summed from the month
 * aggregates that run stored (`overviewFromMonths`); everything else is computed here: each
 * section one query, run concurrently, the whole answer memoised, because it changes only with
 * an import.
 */
export async function overview(db: Database, scope: CableScope, options: { storedBy: string | null; run?: string | null; top?: number }): Promise<Overview> {
  const top = options.top ?? OVERVIEW_TOP;
  if (options.storedBy !== null && !isScoped(scope) && top === OVERVIEW_TOP) {
    const stored = await memo(db, JSON.stringify(['overview-stored', options.storedBy]), async () => {
      const [row] = await db.read<{ overview: string | null }>(storedOverviewQuery, { key: ANALYSIS.current });
      return row?.overview ? (JSON.parse(row.overview) as Overview) : null;
    });
    if (stored) return stored;
  }
  const params = { ...scopeParams(scope), top };
  if (options.storedBy !== null && monthAggregatesAnswer(scope)) {
    const summed = await memo(db, JSON.stringify(['overview-months', options.storedBy, params]), () => overviewFromMonths(db, scope, top));
    if (summed) return summed;
  }
  // Keyed by the run too: an answer from before a run (empty ranked lists) is not served after it.
  return memo(db, JSON.stringify(['overview', options.run ?? null, params]), () => computeOverview(db, scope, top));
}

/** The unfiltered overview, computed now and kept on the `:Analysis` node (by the analysis step, after it wrote its results). */
export async function storeOverview(db: Database): Promise<Overview> {
  const computed = await computeOverview(db, noScope, OVERVIEW_TOP, DATABASE_TIMING.corpusReadTimeoutMs);
  await db.writeTransaction((run) => run(`MATCH (a:${ANALYSIS.label} {${ANALYSIS.key}: $key}) SET a.${ANALYSIS.overview} = $overview`, { key: ANALYSIS.current, overview: JSON.stringify(computed) }));
  return computed;
}

/**
 * The scan's answer for a scope of whole months and/or classifications, from the month
 * aggregates (null when the current run stored none): months, total, top posts, tags and threads
 * are sums over the range's months; the ranked cables stay queries (a walk down the rank index
 * that stops after `top` cables in scope).
 */
async function overviewFromMonths(db: Database, scope: CableScope, top: number): Promise<Overview | null> {
  const [months, counts] = await Promise.all([readMonthAggregates(db, scope), readGraphCountRow(db)]);
  if (!months) return null;
  const sums = sumMonthAggregates(months, scope.classifications);
  const params = { ...scopeParams(scope), top };
  const corpus = corpusCounts(counts);
  // stubs have no date or classification: a scope without cables has no ranked cable either
  const ranked = async (property: string) =>
    sums.total === 0
      ? []
      : db.read<{ cable: Record<string, unknown> }>(sums.total >= corpus.cables * WALK_RANK_INDEX_SHARE ? topRankedWalkQuery(scope, property) : topRankedQuery(scope, property), params);
  const [senders, recipients, tags, threads, mostCited, topPagerank] = await Promise.all([
    namedCounts(db, 'post', topKeys(sums.senders, top)),
    namedCounts(db, 'post', topKeys(sums.recipients, top)),
    namedCounts(db, 'tag', topKeys(sums.tags, top)),
    rankedThreads(db, topKeys(sums.threads, top)),
    ranked(C.citationsIn),
    ranked(C.pagerank),
  ]);
  return {
    cables: sums.total,
    corpus,
    ...stackByClassification(sums.months.map((m) => ({ ...m, classification: m.classification ?? UNCLASSIFIED }))),
    topSenders: senders,
    topRecipients: recipients,
    topTags: tags,
    mostCited: mostCited.map((r): RankedCable => toRankedCable(r.cable)),
    topPagerank: topPagerank.map((r): RankedCable => toRankedCable(r.cable)),
    largestThreads: threads,
  };
}

/** The overview computed from the cables (exported for the test that holds the month aggregates to it). */
export async function computeOverview(db: Database, scope: CableScope, top: number, timeoutMs?: number): Promise<Overview> {
  const params = { ...scopeParams(scope), top };
  const read = <Row>(cypher: string) => db.read<Row>(cypher, params, timeoutMs);
  const [months, total, counts, senders, recipients, tags, mostCited, topPagerank, threads] = await Promise.all([
    read<{ month: string; classification: string; cables: number }>(monthsQuery(scope)),
    read<{ cables: number }>(totalQuery(scope)),
    readGraphCountRow(db),
    read<OverviewCount>(topQuery(scope, '(c)-[:FROM]->(n:Post)', 'key')),
    read<OverviewCount>(topQuery(scope, '(c)-[:TO|INFO]->(n:Post)', 'key')),
    read<OverviewCount>(topQuery(scope, '(c)-[:TAGGED]->(n:Tag)', 'code')),
    read<{ cable: Record<string, unknown> }>(topRankedQuery(scope, C.citationsIn)),
    read<{ cable: Record<string, unknown> }>(topRankedQuery(scope, C.pagerank)),
    read<{ thread: ThreadSummary }>(isScoped(scope) ? scopedThreadsQuery(scope) : largestThreadsQuery),
  ]);
  return {
    cables: total[0]?.cables ?? 0,
    corpus: corpusCounts(counts),
    ...stackByClassification(months),
    topSenders: senders,
    topRecipients: recipients,
    topTags: tags,
    mostCited: mostCited.map((r): RankedCable => toRankedCable(r.cable)),
    topPagerank: topPagerank.map((r): RankedCable => toRankedCable(r.cable)),
    largestThreads: threads.map((r) => r.thread),
  };
}

/** Rows of (month, classification, cables) → months in order, each split by classification. */
export function stackByClassification(rows: { month: string; classification: string; cables: number }[]): Pick<OverviewResponse, 'months' | 'classifications'> {
  const totals = new Map<string, number>();
  const months = new Map<string, Record<string, number>>();
  for (const row of rows) {
    totals.set(row.classification, (totals.get(row.classification) ?? 0) + row.cables);
    const month = months.get(row.month) ?? {};
    month[row.classification] = (month[row.classification] ?? 0) + row.cables;
    months.set(row.month, month);
  }
  const classifications = [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
  return {
    classifications,
    months: [...months.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([month, byClassification]) => ({ month, byClassification, total: Object.values(byClassification).reduce((s, n) => s + n, 0) })),
  };
}
