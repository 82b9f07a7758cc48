import { inDegree, outDegree, type Adjacency } from './citation-graph.ts';

export const RELATED_LIMIT = 20;

export interface Related {
  /** Node indices, best first. */
  nodes: number[];
  /** Salton's cosine: shared / √(a · b), in (0, 1]. */
  scores: number[];
  /** The count behind each score: citing cables in common, or cited cables in common. */
  counts: number[];
}

export type Relatedness = 'cocitation' | 'coupling';

/**
 * The top related cables of every cable, by one of the two classic bibliometric measures:
 * - co-citation: x and y are cited together by `counts` cables; normalised by how often each
 *   is cited (cosine over the citing sets);
 * - bibliographic coupling: x and y cite `counts` cables in common; normalised by how many
 *   each cites (cosine over the reference lists).
 * Ties are broken by the count, then by index (stable). Work is Σ deg² over the shared side.
 */
export function computeRelated(csr: Adjacency, size: number, kind: Relatedness, limit = RELATED_LIMIT): Map<number, Related> {
  // co-citation walks x → its citers → what else they cite; coupling walks x → its references → their other citers
  const [firstStart, firstList, secondStart, secondList, degree] =
    kind === 'cocitation'
      ? [csr.inStart, csr.inList, csr.outStart, csr.outList, inDegree]
      : [csr.outStart, csr.outList, csr.inStart, csr.inList, outDegree];
  const shared = new Int32Array(size);
  const touched: number[] = [];
  const out = new Map<number, Related>();
  for (let x = 0; x < size; x++) {
    for (let a = firstStart[x]!; a < firstStart[x + 1]!; a++) {
      const via = firstList[a]!;
      for (let b = secondStart[via]!; b < secondStart[via + 1]!; b++) {
        const y = secondList[b]!;
        if (y === x) continue;
        if (shared[y] === 0) touched.push(y);
        shared[y] = shared[y]! + 1;
      }
    }
    if (touched.length === 0) continue;
    const dx = degree(csr, x);
    const candidates = touched.map((y) => ({ y, count: shared[y]!, score: shared[y]! / Math.sqrt(dx * degree(csr, y)) }));
    candidates.sort((p, q) => q.score - p.score || q.count - p.count || p.y - q.y);
    const top = candidates.slice(0, limit);
    out.set(x, { nodes: top.map((c) => c.y), scores: top.map((c) => c.score), counts: top.map((c) => c.count) });
    for (const y of touched) shared[y] = 0;
    touched.length = 0;
  }
  return out;
}
