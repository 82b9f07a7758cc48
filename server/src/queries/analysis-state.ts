import type { AnalysisGraphCounts, AnalysisStatus } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { ANALYSIS, ANALYSIS_VERSION } from '../graph/schema.ts';
import { GRAPH_COUNT_CALLS, GRAPH_COUNTS_MAP, readGraphCountRow, type GraphCountRow } from './graph-counts.ts';

/** What the analysis depends on, counted from Neo4j's count store (cheap at any size). */
export type GraphCounts = AnalysisGraphCounts;

export function analysisCounts(row: GraphCountRow): GraphCounts {
  const { nodes, links } = row;
  return { cables: nodes.Cable, stubs: row.stubs, references: links.REFERENCES, traffic: links.FROM + links.TO + links.INFO, posts: nodes.Post };
}

export async function readGraphCounts(db: Database): Promise<GraphCounts> {
  return analysisCounts(await readGraphCountRow(db));
}

interface StateRow {
  a: Record<string, unknown> | null;
  counts: GraphCountRow;
}

const stateQuery = `
OPTIONAL MATCH (a:${ANALYSIS.label} {${ANALYSIS.key}: $key})
WITH a
${GRAPH_COUNT_CALLS}
RETURN a {.*, ${ANALYSIS.overview}: null} AS a, ${GRAPH_COUNTS_MAP} AS counts`;

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
  const now = analysisCounts(row.counts);
  const sameGraph = (Object.keys(ranOn) as (keyof GraphCounts)[]).every((k) => ranOn[k] === now[k]);
  return {
    ranAt: a.ranAt,
    durationMs: Number(a.durationMs),
    complete: a.complete === true,
    current: a.complete === true && sameGraph && Number(a.version) === ANALYSIS_VERSION,
    ranOn,
    now,
  };
}
