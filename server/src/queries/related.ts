import type { RelatedCable, RelatedReason } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { rankedCableProps, toRankedCable } from './analysis-fields.ts';
import { CABLE_ANALYSIS as C } from '../graph/schema.ts';
import { memo } from './memo.ts';

/** The stored list of one reason, joined to the cables it names, in stored (best-first) order. */
const relatedList = (ids: string, scores: string, counts: string) => `
CALL {
  WITH c
  UNWIND range(0, size(coalesce(c.${ids}, [])) - 1) AS i
  WITH c, i LIMIT $limit
  MATCH (r:Cable {id: c.${ids}[i]})
  RETURN collect({cable: ${rankedCableProps('r')}, score: c.${scores}[i], count: c.${counts}[i]}) AS list
}`;

const relatedQuery = `
MATCH (c:Cable {id: $id})
${relatedList(C.cocited, C.cocitedScores, C.cocitedCounts)}
WITH c, list AS cocited
${relatedList(C.coupled, C.coupledScores, C.coupledCounts)}
RETURN cocited, list AS coupled`;

interface RelatedRow {
  cocited: { cable: Record<string, unknown>; score: number; count: number }[];
  coupled: { cable: Record<string, unknown>; score: number; count: number }[];
}

/**
 * A cable's related cables by co-citation and by bibliographic coupling; null for an unknown
 * cable. Memoised per analysis run (`analysisRun`, its `ranAt`): the lists change only with it.
 */
export async function relatedCables(db: Database, id: string, limit: number, analysisRun: string): Promise<{ cocited: RelatedCable[]; coupled: RelatedCable[] } | null> {
  const [row] = await memo(db, JSON.stringify(['related', analysisRun, id, limit]), () => db.read<RelatedRow>(relatedQuery, { id, limit }));
  if (!row) return null;
  const shape = (reason: RelatedReason) => (entry: RelatedRow['cocited'][number]): RelatedCable => ({
    cable: toRankedCable(entry.cable),
    reason,
    score: entry.score,
    count: entry.count,
  });
  return { cocited: row.cocited.map(shape('cocitation')), coupled: row.coupled.map(shape('coupling')) };
}
