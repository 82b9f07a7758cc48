/**
 * "Most important first" for lists of neighbours (a drill into a hub, a capped expansion): the
 * one place that decides it. The analysis step's PageRank leads once it has run (nodes it has
 * no rank for come after the ranked ones); until then, and among equals, a cable's citations
 * and a post's or tag's connections decide, then the newest date, then the key, so the order
 * is total and an answer reproducible.
 *
 * `m` is the neighbour variable; `citedBy` and `degree` are expressions already in scope.
 */
import { CABLE_ANALYSIS } from '../graph/schema.ts';

export const PAGERANK_PROPERTY = CABLE_ANALYSIS.pagerank;

export function importanceOrder(m: string, citedBy: string, degree: string, sortKey: string): string {
  return [
    `${m}.${PAGERANK_PROPERTY} IS NULL`,
    `${m}.${PAGERANK_PROPERTY} DESC`,
    `coalesce(${citedBy}, ${degree}) DESC`,
    `${m}.date IS NULL`,
    `${m}.date DESC`,
    sortKey,
  ].join(', ');
}
