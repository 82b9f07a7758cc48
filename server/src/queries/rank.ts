import type { RankBy, RankedCable } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { rankedCableProps, toRankedCable } from './analysis-fields.ts';
import { CABLE_ANALYSIS as C } from '../graph/schema.ts';
import { scopeMatch, scopeParams, type CableScope } from './filters.ts';
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
  offset: number;
  limit: number;
}

function rankQuery(input: RankInput): string {
  const property = RANK_PROPERTY[input.by];
  const direction = input.order === 'asc' ? 'ASC' : 'DESC';
  return `
${scopeMatch(input.scope, `c.${property} IS NOT NULL`)}
WITH c ORDER BY c.${property} ${direction}
SKIP $offset LIMIT $limit
RETURN ${rankedCableProps('c')} AS cable`;
}

function totalQuery(input: RankInput): string {
  return `${scopeMatch(input.scope, `c.${RANK_PROPERTY[input.by]} IS NOT NULL`)} RETURN count(c) AS total`;
}

/**
 * One page of cables ranked by PageRank, citations received or HITS authority (ties in index
 * order, stable for a given database). The total is memoised: it changes only with the graph.
 */
export async function rankCables(db: Database, input: RankInput): Promise<{ total: number; items: RankedCable[] }> {
  const params = { ...scopeParams(input.scope), offset: input.offset, limit: input.limit };
  const total = totalQuery(input);
  const countParams = scopeParams(input.scope);
  const [rows, counted] = await Promise.all([
    db.read<{ cable: Record<string, unknown> }>(rankQuery(input), params),
    memo(db, JSON.stringify(['rank-total', total, countParams]), () => db.read<{ total: number }>(total, countParams)),
  ]);
  return { total: counted[0]?.total ?? 0, items: rows.map((r) => toRankedCable(r.cable)) };
}
