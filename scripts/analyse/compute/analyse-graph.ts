import type { ThreadSummary as ApiThreadSummary } from '../../../server/src/api/types.ts';
import { inDegree, outDegree, type CitationGraph } from './citation-graph.ts';
import { estimateDates, type EstimatedDate } from './estimated-dates.ts';
import { computeHits, computePagerank, computeRefCommunities, computeThreads, undirectedRefGraph } from './ranks.ts';
import { computeRelated, type Related } from './related.ts';
import { computeTrafficCommunities, type TrafficLink } from './traffic.ts';

export interface RelatedList {
  ids: string[];
  scores: number[];
  counts: number[];
}

/** Everything the analysis says about one cable (absent parts: nothing to say). */
export interface CableAnalysis {
  citationsIn: number;
  citationsOut: number;
  pagerank: number;
  hub: number;
  authority: number;
  thread: string;
  community: number;
  cocited: RelatedList | null;
  coupled: RelatedList | null;
  estimated: EstimatedDate | null;
}

/** A thread as the analysis writes it (the API adds how many of its cables match a filter). */
export type ThreadSummary = Omit<ApiThreadSummary, 'matching'>;

export interface AnalysisResult {
  /**
   * What the analysis says about the cable at `index` (CitationGraph order): the REF network's
   * cables and the stubs with an estimated date; null for the rest. Built on demand from the
   * result arrays, so the writer never holds an object per cable.
   */
  cable(index: number): Partial<CableAnalysis> | null;
  threads: ThreadSummary[];
  /** Post key → traffic community. */
  postCommunities: Map<string, number>;
  summary: {
    networkCables: number;
    references: number;
    threads: number;
    largestThread: number;
    refCommunities: number;
    trafficCommunities: number;
    estimatedDates: number;
  };
}

export type StepLog = (step: string, milliseconds: number) => void;

/** The whole computation, pure: a graph in, results out (scripts/analyse/ reads and writes Neo4j). */
export function analyseGraph(graph: CitationGraph, traffic: TrafficLink[], log: StepLog = () => {}): AnalysisResult {
  const timed = <T>(step: string, work: () => T): T => {
    const started = performance.now();
    const value = work();
    log(step, performance.now() - started);
    return value;
  };
  const csr = timed('adjacency', () => graph.csr());
  const members: number[] = [];
  for (let i = 0; i < graph.size; i++) if (csr.outStart[i + 1]! > csr.outStart[i]! || csr.inStart[i + 1]! > csr.inStart[i]!) members.push(i);

  const pagerank = timed('PageRank', () => computePagerank(csr, graph.size, members));
  const { hubs, authorities } = timed('HITS', () => computeHits(csr, graph.size));
  const threads = timed('threads (weakly connected components)', () => computeThreads(graph, members));
  const undirected = timed('undirected REF network', () => undirectedRefGraph(graph, members));
  const communities = timed('Louvain on the REF network', () => computeRefCommunities(graph, undirected));
  const cocited = timed('co-citation', () => computeRelated(csr, graph.size, 'cocitation'));
  const coupled = timed('bibliographic coupling', () => computeRelated(csr, graph.size, 'coupling'));
  const estimated = timed('estimated dates', () => {
    const known: { id: string; date: string }[] = [];
    const missing: string[] = [];
    for (let i = 0; i < graph.size; i++) {
      const date = graph.dates[i];
      if (graph.inCorpus[i] && date) known.push({ id: graph.ids[i]!, date });
      else if (!graph.inCorpus[i]) missing.push(graph.ids[i]!);
    }
    const byIndex = new Map<number, EstimatedDate>();
    for (const [id, estimate] of estimateDates(known, missing)) byIndex.set(graph.indexOf(id)!, estimate);
    return byIndex;
  });
  const postCommunities = timed('Louvain on the post traffic network', () => computeTrafficCommunities(traffic));

  const threadOf = new Int32Array(graph.size).fill(-1);
  const summaries = timed('thread summaries', () =>
    threads.map((thread, t): ThreadSummary => {
      let firstDate: string | null = null;
      let lastDate: string | null = null;
      let inCorpus = 0;
      for (const i of thread.members) {
        threadOf[i] = t;
        if (graph.inCorpus[i]) inCorpus++;
        const date = graph.dates[i];
        if (!date) continue;
        if (firstDate === null || date < firstDate) firstDate = date;
        if (lastDate === null || date > lastDate) lastDate = date;
      }
      return { id: thread.id, size: thread.members.length, inCorpus, firstDate, lastDate };
    }),
  );
  const toList = (related: Related | undefined): RelatedList | null =>
    related ? { ids: related.nodes.map((n) => graph.ids[n]!), scores: related.scores, counts: related.counts } : null;

  return {
    cable(i) {
      const estimate = estimated.get(i) ?? null;
      if (threadOf[i] === -1) return estimate ? { estimated: estimate } : null; // outside the REF network
      return {
        citationsIn: inDegree(csr, i),
        citationsOut: outDegree(csr, i),
        pagerank: pagerank[i]!,
        hub: hubs[i]!,
        authority: authorities[i]!,
        thread: threads[threadOf[i]!]!.id,
        community: communities.get(i)!,
        cocited: toList(cocited.get(i)),
        coupled: toList(coupled.get(i)),
        estimated: estimate,
      };
    },
    threads: summaries,
    postCommunities,
    summary: {
      networkCables: members.length,
      references: graph.referenceCount,
      threads: threads.length,
      largestThread: threads[0]?.members.length ?? 0,
      refCommunities: new Set(communities.values()).size,
      trafficCommunities: new Set(postCommunities.values()).size,
      estimatedDates: estimated.size,
    },
  };
}
