import { UndirectedGraph } from 'graphology';
import { louvain } from './graphology-cjs.ts';
import { renumberBySize } from './ranks.ts';
import { seededRandom } from './seeded-random.ts';

export interface TrafficLink {
  /** Sending post key. */
  from: string;
  /** Receiving post key (TO or INFO). */
  to: string;
  /** Cables sent from `from` to `to`. */
  cables: number;
}

/**
 * Louvain communities of the posts over their traffic: undirected, each pair of posts weighted
 * by the cables between them in both directions. Posts without traffic get no community.
 */
export function computeTrafficCommunities(links: TrafficLink[]): Map<string, number> {
  const graph = new UndirectedGraph();
  for (const { from, to, cables } of links) {
    if (from === to || cables <= 0) continue;
    graph.mergeNode(from);
    graph.mergeNode(to);
    graph.updateEdge(from, to, (attributes) => ({ weight: ((attributes.weight as number | undefined) ?? 0) + cables }));
  }
  if (graph.order === 0) return new Map();
  const assignment = louvain(graph, { getEdgeWeight: 'weight', rng: seededRandom(7) });
  return renumberBySize(new Map(Object.entries(assignment)));
}
