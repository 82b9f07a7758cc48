import { DirectedGraph, UndirectedGraph } from 'graphology';
import { louvain, pagerank } from './graphology-cjs.ts';
import { forEachConnectedComponent } from 'graphology-components';
import { inDegree, outDegree, type Adjacency, type CitationGraph } from './citation-graph.ts';
import { seededRandom } from './seeded-random.ts';

/** The standard damping factor (Brin & Page), as in NetworkX, igraph and GDS. */
export const PAGERANK_DAMPING = 0.85;

export interface NodeRanks {
  citationsIn: number;
  citationsOut: number;
  /** Sums to 1 over the REF network. */
  pagerank: number;
  hub: number;
  authority: number;
}

/**
 * Citation counts, PageRank and HITS over the REF network: the cables that cite or are cited
 * (a cable with neither has no rank). PageRank spreads the rank of cables that cite nothing
 * uniformly, as the published definition and graphology do.
 */
export function computeRanks(graph: CitationGraph, members: number[]): Map<number, NodeRanks> {
  const csr = graph.csr();
  const directed = new DirectedGraph();
  for (const i of members) directed.addNode(graph.ids[i]!);
  graph.forEachReference((s, t) => directed.addEdge(graph.ids[s]!, graph.ids[t]!));
  const ranks = members.length ? pagerank(directed, { alpha: PAGERANK_DAMPING, getEdgeWeight: null, tolerance: 1e-10, maxIterations: 200 }) : {};
  const { hubs, authorities } = computeHits(csr, graph.size);
  const out = new Map<number, NodeRanks>();
  for (const i of members) {
    const id = graph.ids[i]!;
    out.set(i, {
      citationsIn: inDegree(csr, i),
      citationsOut: outDegree(csr, i),
      pagerank: ranks[id] ?? 0,
      hub: hubs[i]!,
      authority: authorities[i]!,
    });
  }
  return out;
}

/**
 * HITS (Kleinberg) by power iteration over the CSR arrays: authority = Σ hub of citers,
 * hub = Σ authority of cited, each scaled to max 1 per step, and finally to sum 1 (as
 * graphology and NetworkX report them). graphology-metrics' HITS rebuilds a dictionary of every
 * node each iteration and throws when it has not converged (a REF network of many small
 * components oscillates): measured 17.7 s on a 5,000-cable sample, where this takes milliseconds.
 */
export function computeHits(csr: Adjacency, size: number, maxIterations = 100, tolerance = 1e-8): { hubs: Float64Array; authorities: Float64Array } {
  let hubs = new Float64Array(size).fill(size ? 1 / size : 0);
  let authorities = new Float64Array(size);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const nextAuthorities = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      for (let e = csr.outStart[i]!; e < csr.outStart[i + 1]!; e++) nextAuthorities[csr.outList[e]!]! += hubs[i]!;
    }
    const nextHubs = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      let sum = 0;
      for (let e = csr.outStart[i]!; e < csr.outStart[i + 1]!; e++) sum += nextAuthorities[csr.outList[e]!]!;
      nextHubs[i] = sum;
    }
    scaleToMax(nextAuthorities);
    scaleToMax(nextHubs);
    let change = 0;
    for (let i = 0; i < size; i++) change += Math.abs(nextHubs[i]! - hubs[i]!);
    hubs = nextHubs;
    authorities = nextAuthorities;
    if (change < tolerance) break;
  }
  scaleToSum(hubs);
  scaleToSum(authorities);
  return { hubs, authorities };
}

function scaleToMax(values: Float64Array): void {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  if (max > 0) for (let i = 0; i < values.length; i++) values[i]! /= max;
}

function scaleToSum(values: Float64Array): void {
  let sum = 0;
  for (const v of values) sum += v;
  if (sum > 0) for (let i = 0; i < values.length; i++) values[i]! /= sum;
}

export interface Thread {
  /** The smallest cable id in the thread: stable while the thread only grows. */
  id: string;
  members: number[];
}

/** REF threads: weakly connected components of the citation network (size ≥ 2). */
export function computeThreads(graph: CitationGraph, undirected: UndirectedGraph): Thread[] {
  const threads: Thread[] = [];
  forEachConnectedComponent(undirected, (component) => {
    const indices = component.map((id) => graph.indexOf(id)!);
    const id = component.reduce((a, b) => (a < b ? a : b));
    threads.push({ id, members: indices });
  });
  return threads.sort((a, b) => b.members.length - a.members.length || (a.id < b.id ? -1 : 1));
}

/**
 * Louvain communities of the REF network taken as undirected, seeded so reruns on the same
 * graph give the same partition; numbered by size, largest first (0).
 */
export function computeRefCommunities(graph: CitationGraph, undirected: UndirectedGraph): Map<number, number> {
  const assignment = undirected.order ? louvain(undirected, { getEdgeWeight: null, rng: seededRandom(12) }) : {};
  const byNode = new Map<number, number>();
  for (const [id, community] of Object.entries(assignment) as [string, number][]) byNode.set(graph.indexOf(id)!, community);
  return renumberBySize(byNode);
}

/** The REF network without direction (reciprocal citations become one edge). */
export function undirectedRefGraph(graph: CitationGraph, members: number[]): UndirectedGraph {
  const undirected = new UndirectedGraph();
  for (const i of members) undirected.addNode(graph.ids[i]!);
  graph.forEachReference((s, t) => undirected.mergeEdge(graph.ids[s]!, graph.ids[t]!));
  return undirected;
}

/** Community numbers 0, 1, 2 … from the largest community down (ties: first seen). */
export function renumberBySize<K>(assignment: Map<K, number>): Map<K, number> {
  const sizes = new Map<number, number>();
  for (const c of assignment.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const order = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
  const renumber = new Map(order.map((c, i) => [c, i]));
  const out = new Map<K, number>();
  for (const [key, c] of assignment) out.set(key, renumber.get(c)!);
  return out;
}
