import type { ThreadSummary as ApiThreadSummary } from '../../../server/src/api/types.ts';
import type { CitationGraph } from './citation-graph.ts';
import { estimateDates, type EstimatedDate } from './estimated-dates.ts';
import { computeRanks, computeRefCommunities, computeThreads, undirectedRefGraph } from './ranks.ts';
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
  /** By cable id; only cables in the REF network or with an estimated date. */
  cables: Map<string, Partial<CableAnalysis>>;
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

  const ranks = timed('citation counts, PageRank, HITS', () => computeRanks(graph, members));
  const undirected = timed('undirected REF network', () => undirectedRefGraph(graph, members));
  const threads = timed('threads (weakly connected components)', () => computeThreads(graph, undirected));
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
    return estimateDates(known, missing);
  });
  const postCommunities = timed('Louvain on the post traffic network', () => computeTrafficCommunities(traffic));

  const cables = new Map<string, Partial<CableAnalysis>>();
  const toList = (related: Related | undefined): RelatedList | null =>
    related ? { ids: related.nodes.map((n) => graph.ids[n]!), scores: related.scores, counts: related.counts } : null;
  const threadOf = new Map<number, string>();
  const summaries: ThreadSummary[] = threads.map((thread) => {
    let firstDate: string | null = null;
    let lastDate: string | null = null;
    let inCorpus = 0;
    for (const i of thread.members) {
      threadOf.set(i, thread.id);
      if (graph.inCorpus[i]) inCorpus++;
      const date = graph.dates[i];
      if (!date) continue;
      if (firstDate === null || date < firstDate) firstDate = date;
      if (lastDate === null || date > lastDate) lastDate = date;
    }
    return { id: thread.id, size: thread.members.length, inCorpus, firstDate, lastDate };
  });
  for (const i of members) {
    const rank = ranks.get(i)!;
    cables.set(graph.ids[i]!, {
      ...rank,
      thread: threadOf.get(i)!,
      community: communities.get(i)!,
      cocited: toList(cocited.get(i)),
      coupled: toList(coupled.get(i)),
      estimated: estimated.get(graph.ids[i]!) ?? null,
    });
  }
  for (const [id, estimate] of estimated) if (!cables.has(id)) cables.set(id, { estimated: estimate });

  return {
    cables,
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
