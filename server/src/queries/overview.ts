import type { OverviewCount, OverviewResponse, RankedCable, ThreadSummary } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { DATABASE_TIMING } from '../db/connection.ts';
import { rankedCableProps, toRankedCable } from './analysis-fields.ts';
import { ANALYSIS, CABLE_ANALYSIS as C, THREAD } from '../graph/schema.ts';
import { isScoped, noScope, scopeMatch, scopeParams, type CableScope } from './filters.ts';
import { readGraphCountRow, type GraphCountRow } from './graph-counts.ts';
import { memo } from './memo.ts';

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

/** Highest values of an analysis property among the scope's cables (stubs too, when unfiltered). */
const topRankedQuery = (scope: CableScope, property: string) => `
${scopeMatch(scope, `c.${property} IS NOT NULL`)}
WITH c ORDER BY c.${property} DESC LIMIT $top
RETURN ${rankedCableProps('c')} AS cable`;

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
 * run is current; everything else is computed here: each section one query, run concurrently,
 * the whole answer memoised, because it changes only with an import.
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
  // Keyed by the run too: an answer from before a run (empty ranked lists) is not served after it.
  return memo(db, JSON.stringify(['overview', options.run ?? null, params]), () => computeOverview(db, scope, top));
}

/** The unfiltered overview, computed now and kept on the `:Analysis` node (by the analysis step, after it wrote its results). */
export async function storeOverview(db: Database): Promise<Overview> {
  const computed = await computeOverview(db, noScope, OVERVIEW_TOP, DATABASE_TIMING.corpusReadTimeoutMs);
  await db.writeTransaction((run) => run(`MATCH (a:${ANALYSIS.label} {${ANALYSIS.key}: $key}) SET a.${ANALYSIS.overview} = $overview`, { key: ANALYSIS.current, overview: JSON.stringify(computed) }));
  return computed;
}

async function computeOverview(db: Database, scope: CableScope, top: number, timeoutMs?: number): Promise<Overview> {
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
