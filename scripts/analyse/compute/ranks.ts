import { UndirectedGraph } from 'graphology';
import { louvain } from './graphology-cjs.ts';
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
  const ranks = computePagerank(csr, graph.size, members);
  const { hubs, authorities } = computeHits(csr, graph.size);
  const out = new Map<number, NodeRanks>();
  for (const i of members) {
    out.set(i, { citationsIn: inDegree(csr, i), citationsOut: outDegree(csr, i), pagerank: ranks[i]!, hub: hubs[i]!, authority: authorities[i]! });
  }
  return out;
}

export interface PagerankOptions {
  alpha: number;
  /** Converged when the L1 change of one step is below `members × tolerance`. */
  tolerance: number;
  maxIterations: number;
}

export const PAGERANK_OPTIONS: PagerankOptions = { alpha: PAGERANK_DAMPING, tolerance: 1e-10, maxIterations: 200 };

/**
 * PageRank by power iteration over the CSR arrays, restricted to `members` (indices, ascending;
 * every cable a member cites must be a member): graphology-metrics' algorithm step for step
 * (same order of additions, so the same values to the last bit, which a unit test checks),
 * without building graphology's graph of string keys, which took most of the analysis's
 * compute time at full size. Returns a value per node index (0 outside `members`).
 */
export function computePagerank(csr: Adjacency, size: number, members: readonly number[], options: PagerankOptions = PAGERANK_OPTIONS): Float64Array {
  const out = new Float64Array(size);
  const n = members.length;
  if (n === 0) return out;
  const position = new Int32Array(size).fill(-1);
  for (let k = 0; k < n; k++) position[members[k]!] = k;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) start[k + 1] = start[k]! + outDegree(csr, members[k]!);
  const target = new Int32Array(start[n]!);
  const dangling: number[] = [];
  for (let k = 0, e = 0; k < n; k++) {
    const i = members[k]!;
    if (csr.outStart[i + 1] === csr.outStart[i]) dangling.push(k);
    for (let a = csr.outStart[i]!; a < csr.outStart[i + 1]!; a++) {
      const t = position[csr.outList[a]!]!;
      if (t < 0) throw new Error(`PageRank: cable ${csr.outList[a]} is cited by a member but is not one`);
      target[e++] = t;
    }
  }
  const { alpha, tolerance, maxIterations } = options;
  const p = 1 / n;
  let x = new Float64Array(n).fill(p);
  let last = new Float64Array(n);
  let converged = false;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    [last, x] = [x, last];
    x.fill(0);
    let dangleSum = 0;
    for (const k of dangling) dangleSum += last[k]!;
    dangleSum *= alpha;
    for (let k = 0; k < n; k++) {
      const degree = start[k + 1]! - start[k]!;
      for (let e = start[k]!; e < start[k + 1]!; e++) x[target[e]!]! += alpha * last[k]! * (1 / degree);
      x[k]! += dangleSum * p + (1 - alpha) * p;
    }
    let error = 0;
    for (let k = 0; k < n; k++) error += Math.abs(x[k]! - last[k]!);
    if (error < n * tolerance) {
      converged = true;
      break;
    }
  }
  if (!converged) throw new Error(`PageRank did not converge in ${maxIterations} iterations`);
  for (let k = 0; k < n; k++) out[members[k]!] = x[k]!;
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
  // two pairs of buffers, swapped each step (a fresh pair per step was most of its time, in GC)
  let nextHubs = new Float64Array(size);
  let nextAuthorities = new Float64Array(size);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    nextAuthorities.fill(0);
    for (let i = 0; i < size; i++) {
      for (let e = csr.outStart[i]!; e < csr.outStart[i + 1]!; e++) nextAuthorities[csr.outList[e]!]! += hubs[i]!;
    }
    for (let i = 0; i < size; i++) {
      let sum = 0;
      for (let e = csr.outStart[i]!; e < csr.outStart[i + 1]!; e++) sum += nextAuthorities[csr.outList[e]!]!;
      nextHubs[i] = sum;
    }
    scaleToMax(nextAuthorities);
    scaleToMax(nextHubs);
    let change = 0;
    for (let i = 0; i < size; i++) change += Math.abs(nextHubs[i]! - hubs[i]!);
    [hubs, nextHubs] = [nextHubs, hubs];
    [authorities, nextAuthorities] = [nextAuthorities, authorities];
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

/**
 * REF threads: weakly connected components of the citation network (size ≥ 2), by union-find
 * over the reference arrays; largest first, then by id.
 */
export function computeThreads(graph: CitationGraph, members: readonly number[]): Thread[] {
  const parent = new Int32Array(graph.size);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!; // path halving
      i = parent[i]!;
    }
    return i;
  };
  graph.forEachReference((s, t) => {
    const a = find(s);
    const b = find(t);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  });
  const byRoot = new Map<number, number[]>();
  for (const i of members) {
    const root = find(i);
    let list = byRoot.get(root);
    if (!list) byRoot.set(root, (list = []));
    list.push(i);
  }
  const threads: Thread[] = [];
  for (const indices of byRoot.values()) {
    let id = graph.ids[indices[0]!]!;
    for (const i of indices) if (graph.ids[i]! < id) id = graph.ids[i]!;
    threads.push({ id, members: indices });
  }
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
