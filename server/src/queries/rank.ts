import type { RankBy, RankedCable } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { rankedCableProps, toRankedCable } from './analysis-fields.ts';
import { CABLE_ANALYSIS as C } from '../graph/schema.ts';
import { noScope, scopeFilterMatch, scopeMatch, scopeParams, type CableScope } from './filters.ts';
import { memo } from './memo.ts';

/** The property each ranking sorts by (indexed, so an unfiltered page reads in index order). */
export const RANK_PROPERTY: Record<RankBy, string> = {
  pagerank: C.pagerank,
  cited: C.citationsIn,
  hits: C.authority,
};

export interface RankInput {
  by: RankBy;
  order: 'desc' | 'asc';
  scope: CableScope;
  /** Only the cables of this REF thread (its id); null: every thread. */
  thread?: string | null;
  offset: number;
  limit: number;
}

/** The fixed predicate every ranked cable meets: a value to rank by, and the thread when one is asked for. */
const rankedBase = (input: RankInput): string => `c.${RANK_PROPERTY[input.by]} IS NOT NULL${input.thread ? ` AND c.${C.thread} = $thread` : ''}`;

export function rankQuery(input: RankInput, walkIndex: boolean): string {
  const property = RANK_PROPERTY[input.by];
  const direction = input.order === 'asc' ? 'ASC' : 'DESC';
  const match = walkIndex ? scopeFilterMatch : scopeMatch;
  return `
${match(input.scope, rankedBase(input))}
WITH c ORDER BY c.${property} ${direction}
SKIP $offset LIMIT $limit
RETURN ${rankedCableProps('c')} AS cable`;
}

function totalQuery(input: RankInput): string {
  return `${scopeMatch(input.scope, rankedBase(input))} RETURN count(c) AS total`;
}

/** Cables pointing to the scope's tag or post: relationship degrees, constant time. */
const scopeSizeQuery = `
OPTIONAL MATCH (t:Tag {code: $scopeTag})
OPTIONAL MATCH (p:Post {key: $scopePost})
RETURN CASE WHEN t IS NULL THEN null ELSE COUNT { (t)<-[:TAGGED]-() } END AS tagged,
       CASE WHEN p IS NULL THEN null ELSE COUNT { (p)<-[:FROM|TO|INFO]-() } END AS posted`;

/**
 * Whether a page is cheaper by walking the rank index in order and testing each cable against
 * the tag/post (about `needed × ranked / scope` cables tested, each an Expand costing some 20×
 * a plain row) than by gathering the scope's cables and sorting them (`scope` rows). Measured on
 * the full-size database: PREL (119k cables) 120 ms gathered, 15 ms walked.
 */
export function walkRankIndex(needed: number, ranked: number, scope: number): boolean {
  return scope > 0 && 20 * needed * ranked < scope * scope;
}

/**
 * One page of cables ranked by PageRank, citations received or HITS authority (ties in index
 * order, stable for a given database). Pages and totals are memoised per analysis run
 * (`analysisRun`, its `ranAt`): they change only when the analysis writes new results.
 */
export async function rankCables(db: Database, input: RankInput, analysisRun: string): Promise<{ total: number; items: RankedCable[] }> {
  const params = { ...scopeParams(input.scope), thread: input.thread ?? null, offset: input.offset, limit: input.limit };
  return memo(db, JSON.stringify(['rank', analysisRun, input]), async () => {
    const countParams: Record<string, unknown> = { ...scopeParams(input.scope), thread: input.thread ?? null };
    const total = totalQuery(input);
    const counted = memo(db, JSON.stringify(['rank-total', analysisRun, total, countParams]), async () => (await db.read<{ total: number }>(total, countParams))[0]?.total ?? 0);
    let walkIndex = false;
    if (input.scope.tag !== null || input.scope.post !== null) {
      const [size] = await memo(db, JSON.stringify(['scope-size', countParams.scopeTag, countParams.scopePost]), () =>
        db.read<{ tagged: number | null; posted: number | null }>(scopeSizeQuery, countParams),
      );
      const scope = Math.min(size?.tagged ?? Infinity, size?.posted ?? Infinity);
      const [ranked] = await memo(db, JSON.stringify(['ranked-count', analysisRun, RANK_PROPERTY[input.by]]), () =>
        db.read<{ total: number }>(totalQuery({ ...input, scope: noScope, thread: null }), {}),
      );
      walkIndex = Number.isFinite(scope) && walkRankIndex(input.offset + input.limit, ranked?.total ?? 0, scope);
    }
    const rows = await db.read<{ cable: Record<string, unknown> }>(rankQuery(input, walkIndex), params);
    return { total: await counted, items: rows.map((r) => toRankedCable(r.cable)) };
  });
}
