import type { AnalysisStatus } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { ANALYSIS, ANALYSIS_VERSION } from '../graph/schema.ts';

/** What the analysis depends on, counted from Neo4j's count store (cheap at any size). */
export interface GraphCounts {
  cables: number;
  stubs: number;
  references: number;
  /** FROM + TO + INFO relationships. */
  traffic: number;
  posts: number;
}

const countCalls = `
CALL { MATCH (c:Cable) RETURN count(c) AS cables }
CALL { MATCH (s:Cable) WHERE s.inCorpus = false RETURN count(s) AS stubs }
CALL { MATCH ()-[r:REFERENCES]->() RETURN count(r) AS references }
CALL { MATCH ()-[r:FROM]->() RETURN count(r) AS sent }
CALL { MATCH ()-[r:TO]->() RETURN count(r) AS addressed }
CALL { MATCH ()-[r:INFO]->() RETURN count(r) AS informed }
CALL { MATCH (p:Post) RETURN count(p) AS posts }`;
const countsMap = '{cables: cables, stubs: stubs, references: references, traffic: sent + addressed + informed, posts: posts}';

const countsQuery = `${countCalls} RETURN ${countsMap} AS counts`;

export async function readGraphCounts(db: Database): Promise<GraphCounts> {
  const [row] = await db.read<{ counts: GraphCounts }>(countsQuery);
  if (!row) throw new Error('the count query returned nothing');
  return row.counts;
}

interface StateRow {
  a: Record<string, unknown> | null;
  counts: GraphCounts;
}

const stateQuery = `
OPTIONAL MATCH (a:${ANALYSIS.label} {${ANALYSIS.key}: $key})
WITH a
${countCalls}
RETURN a {.*} AS a, ${countsMap} AS counts`;

/**
 * Whether the analysis has run, when, and whether the graph has changed since: the counts it
 * ran on against today's (a re-import that adds or links cables changes them). Null when it has
 * never finished a run.
 */
export async function analysisStatus(db: Database): Promise<AnalysisStatus | null> {
  const [row] = await db.read<StateRow>(stateQuery, { key: ANALYSIS.current });
  const a = row?.a;
  if (!row || !a || typeof a.ranAt !== 'string') return null;
  const ranOn: GraphCounts = {
    cables: Number(a.graphCables),
    stubs: Number(a.graphStubs),
    references: Number(a.graphReferences),
    traffic: Number(a.graphTraffic),
    posts: Number(a.graphPosts),
  };
  const sameGraph = (Object.keys(ranOn) as (keyof GraphCounts)[]).every((k) => ranOn[k] === row.counts[k]);
  return {
    ranAt: a.ranAt,
    durationMs: Number(a.durationMs),
    complete: a.complete === true,
    current: a.complete === true && sameGraph && Number(a.version) === ANALYSIS_VERSION,
    ranOn,
    now: row.counts,
  };
}
