/**
 * The analysis's reader and writer: the only place in scripts/analyse/ that holds Cypher (as
 * scripts/import/writer.ts is for the importer). Reads page through the graph by cable id;
 * writes are batches of `UNWIND $rows … SET` keyed by the uniqueness constraints, so writing the
 * same results twice changes nothing. Property names come from the analysis schema.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../server/src/db/driver.ts';
import { DATABASE_TIMING } from '../../server/src/db/connection.ts';
import { ANALYSIS, CABLE_ANALYSIS as C, POST_ANALYSIS as P, THREAD, analysisSchemaStatements } from '../../server/src/graph/schema.ts';
import type { GraphCounts } from '../../server/src/queries/analysis-state.ts';
import { CitationGraph } from './compute/citation-graph.ts';
import type { AnalysisResult, CableAnalysis, ThreadSummary } from './compute/analyse-graph.ts';
import type { TrafficLink } from './compute/traffic.ts';

export async function ensureAnalysisSchema(db: Database): Promise<void> {
  for (const statement of analysisSchemaStatements()) await db.autoCommit(statement);
}

export interface LoadedGraph {
  graph: CitationGraph;
  traffic: TrafficLink[];
  /** The analysis hash each cable carries from an earlier run, by graph index (null: none). */
  previousCableHashes: (string | null)[];
  previousPostHashes: Map<string, string>;
  /** The threads written by an earlier run, by id, with their properties' hash. */
  previousThreads: Map<string, string>;
  /** SHA-256 over everything read (cables in id order, as the graph numbers them). */
  checksum: string;
}

interface CableRow {
  id: string;
  inCorpus: boolean | null;
  date: string | null;
  hash: string | null;
  refs: string[];
}

/** Every cable with what it cites, streamed in the order Neo4j stores them (no sort, no paging). */
const cablesQuery = `
MATCH (c:Cable)
RETURN c.id AS id, c.inCorpus AS inCorpus, c.date AS date, c.${C.hash} AS hash,
       [(c)-[:REFERENCES]->(t:Cable) | t.id] AS refs`;

/** Pairs of posts with the cables between them (sender → TO/INFO recipient). */
const trafficQuery = `
MATCH (a:Post)<-[:FROM]-(c:Cable)-[:TO|INFO]->(b:Post)
WHERE a <> b
RETURN a.key AS from, b.key AS to, count(*) AS cables`;

const postsQuery = `MATCH (p:Post) WHERE p.${P.hash} IS NOT NULL RETURN p.key AS key, p.${P.hash} AS hash`;

const threadsQuery = `MATCH (t:${THREAD.label}) RETURN t {.id, .size, .inCorpus, .firstDate, .lastDate} AS thread`;

export async function loadGraph(db: Database, options: { progress?: (cables: number) => void } = {}): Promise<LoadedGraph> {
  const streamed = new CitationGraph();
  const hashes: (string | null)[] = [];
  let rows = 0;
  await db.stream<CableRow>(cablesQuery, {}, (row) => {
    const index = streamed.addCable(row.id, row.inCorpus === true, row.date ?? null);
    for (const target of row.refs) streamed.addReference(row.id, target);
    hashes[index] = row.hash ?? null;
    if (++rows % 20_000 === 0) options.progress?.(rows);
  });
  const { graph, newIndex } = streamed.inIdOrder();
  const previousCableHashes = new Array<string | null>(graph.size).fill(null);
  for (let i = 0; i < streamed.size; i++) previousCableHashes[newIndex[i]!] = hashes[i] ?? null;
  const traffic = (await db.read<TrafficLink>(trafficQuery, {}, DATABASE_TIMING.corpusReadTimeoutMs)).sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1));
  const previousPostHashes = new Map((await db.read<{ key: string; hash: string }>(postsQuery, {}, DATABASE_TIMING.corpusReadTimeoutMs)).map((r) => [r.key, r.hash]));
  const previousThreads = new Map((await db.read<{ thread: ThreadSummary }>(threadsQuery, {}, DATABASE_TIMING.corpusReadTimeoutMs)).map((r) => [r.thread.id, threadHash(r.thread)]));
  return { graph, traffic, previousCableHashes, previousPostHashes, previousThreads, checksum: graphChecksum(graph, traffic) };
}

function graphChecksum(graph: CitationGraph, traffic: TrafficLink[]): string {
  const checksum = createHash('sha256');
  const csr = graph.csr();
  for (let i = 0; i < graph.size; i++) {
    const refs: string[] = [];
    for (let e = csr.outStart[i]!; e < csr.outStart[i + 1]!; e++) refs.push(graph.ids[csr.outList[e]!]!);
    checksum.update(`${graph.ids[i]}\t${graph.inCorpus[i]}\t${graph.dates[i] ?? ''}\t${refs.join(',')}\n`);
  }
  for (const link of traffic) checksum.update(`${link.from}>${link.to}:${link.cables}\n`);
  return checksum.digest('hex');
}

/** A cable's analysis properties as written: every key present, null where nothing applies. */
export function cableRow(id: string, a: Partial<CableAnalysis> | null): Record<string, unknown> {
  const props = {
    citationsIn: a?.citationsIn ?? null,
    citationsOut: a?.citationsOut ?? null,
    pagerank: a?.pagerank ?? null,
    hub: a?.hub ?? null,
    authority: a?.authority ?? null,
    thread: a?.thread ?? null,
    community: a?.community ?? null,
    cocited: a?.cocited?.ids ?? null,
    cocitedScores: a?.cocited?.scores ?? null,
    cocitedCounts: a?.cocited?.counts ?? null,
    coupled: a?.coupled?.ids ?? null,
    coupledScores: a?.coupled?.scores ?? null,
    coupledCounts: a?.coupled?.counts ?? null,
    estimatedDate: a?.estimated?.date ?? null,
    estimatedEarliest: a?.estimated?.earliest ?? null,
    estimatedLatest: a?.estimated?.latest ?? null,
    estimatedAfter: a?.estimated?.after ?? null,
    estimatedBefore: a?.estimated?.before ?? null,
  };
  return { id, ...props, hash: a ? hashOf(props) : null };
}

function hashOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64').slice(0, 16);
}

const floats = (name: string) => `[x IN row.${name} | toFloat(x)]`;

/** Floats go through toFloat: whole numbers arrive as integers, and a stored list must hold one type. */
const writeCables = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.id})
SET c.${C.citationsIn} = row.citationsIn, c.${C.citationsOut} = row.citationsOut,
    c.${C.pagerank} = toFloat(row.pagerank), c.${C.hub} = toFloat(row.hub), c.${C.authority} = toFloat(row.authority),
    c.${C.thread} = row.thread, c.${C.community} = row.community,
    c.${C.cocited} = row.cocited, c.${C.cocitedScores} = ${floats('cocitedScores')}, c.${C.cocitedCounts} = row.cocitedCounts,
    c.${C.coupled} = row.coupled, c.${C.coupledScores} = ${floats('coupledScores')}, c.${C.coupledCounts} = row.coupledCounts,
    c.${C.estimatedDate} = row.estimatedDate, c.${C.estimatedEarliest} = row.estimatedEarliest,
    c.${C.estimatedLatest} = row.estimatedLatest, c.${C.estimatedAfter} = row.estimatedAfter,
    c.${C.estimatedBefore} = row.estimatedBefore,
    c.${C.hash} = row.hash`;

const writePosts = `
UNWIND $rows AS row
MATCH (p:Post {key: row.key})
SET p.${P.community} = row.community, p.${P.hash} = row.hash`;

const writeThreads = `
UNWIND $rows AS row
MERGE (t:${THREAD.label} {${THREAD.key}: row.id})
SET t.size = row.size, t.inCorpus = row.inCorpus, t.firstDate = row.firstDate, t.lastDate = row.lastDate`;

const dropThreads = `
UNWIND $rows AS id
MATCH (t:${THREAD.label} {${THREAD.key}: id})
DELETE t`;

const threadHash = (t: ThreadSummary) => hashOf([t.size, t.inCorpus, t.firstDate, t.lastDate]);

/** Marks the results as being rewritten, so a run cut short never passes for a complete one. */
const beginRun = `
MERGE (a:${ANALYSIS.label} {${ANALYSIS.key}: $key})
SET a.complete = false, a.startedAt = $startedAt, a.${ANALYSIS.monthAggregates} = false`;

const finishRun = `
MATCH (a:${ANALYSIS.label} {${ANALYSIS.key}: $key})
SET a += $state, a.complete = true`;

export interface WriteStats {
  cablesWritten: number;
  cablesUnchanged: number;
  postsWritten: number;
  threadsWritten: number;
  threadsDropped: number;
}

export interface WriteOptions {
  batchSize?: number;
  /** Write transactions in flight at once (the next batch is built while Neo4j applies one). */
  concurrency?: number;
  progress?: (done: number) => void;
}

/**
 * Writes the results: only nodes whose analysis hash changed (a rerun on an unchanged graph
 * writes no cable), nodes that lost their results are cleared, threads are written when new or
 * changed and dropped when gone. Batches go out in cable id order, a few in flight at once.
 */
export async function writeResults(db: Database, loaded: LoadedGraph, result: AnalysisResult, options: WriteOptions = {}): Promise<WriteStats> {
  const batchSize = options.batchSize ?? 10_000;
  const writer = new BatchWriter(db, options.concurrency ?? 2, options.progress);
  const { graph, previousCableHashes } = loaded;
  let cablesWritten = 0;
  let unchanged = 0;
  let batch: Record<string, unknown>[] = [];
  for (let i = 0; i < graph.size; i++) {
    const analysis = result.cable(i);
    const previous = previousCableHashes[i] ?? null;
    if (!analysis && previous === null) continue;
    const row = cableRow(graph.ids[i]!, analysis);
    if (row.hash === previous) {
      unchanged++;
      continue;
    }
    batch.push(row);
    cablesWritten++;
    if (batch.length >= batchSize) {
      await writer.write(writeCables, batch);
      batch = [];
    }
  }
  await writer.write(writeCables, batch);

  const postRows: { key: string; community: number | null; hash: string | null }[] = [];
  for (const [key, community] of result.postCommunities) {
    const hash = hashOf({ community });
    if (loaded.previousPostHashes.get(key) !== hash) postRows.push({ key, community, hash });
  }
  for (const key of loaded.previousPostHashes.keys()) if (!result.postCommunities.has(key)) postRows.push({ key, community: null, hash: null });
  await writer.write(writePosts, postRows);

  const threadRows = result.threads.filter((t) => loaded.previousThreads.get(t.id) !== threadHash(t));
  const current = new Set(result.threads.map((t) => t.id));
  const gone = [...loaded.previousThreads.keys()].filter((id) => !current.has(id));
  for (let i = 0; i < gone.length; i += batchSize) await writer.write(dropThreads, gone.slice(i, i + batchSize));
  for (let i = 0; i < threadRows.length; i += batchSize) await writer.write(writeThreads, threadRows.slice(i, i + batchSize));
  await writer.flush();
  return { cablesWritten, cablesUnchanged: unchanged, postsWritten: postRows.length, threadsWritten: threadRows.length, threadsDropped: gone.length };
}

/** Up to `concurrency` batched write transactions at once; the first failure fails the run. */
class BatchWriter {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;
  private done = 0;

  constructor(
    private readonly db: Database,
    private readonly concurrency: number,
    private readonly progress?: (done: number) => void,
  ) {}

  async write(statement: string, rows: unknown[]): Promise<void> {
    if (rows.length === 0) return;
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    this.check();
    const task = this.db
      .writeTransaction((run) => run(statement, { rows }))
      .then(
        () => {
          this.done += rows.length;
          this.progress?.(this.done);
        },
        (error: unknown) => {
          this.failure ??= error;
        },
      )
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  async flush(): Promise<void> {
    await Promise.all(this.inFlight);
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}

export async function markRunStarted(db: Database, startedAt: string): Promise<void> {
  await db.writeTransaction((run) => run(beginRun, { key: ANALYSIS.current, startedAt }));
}

export interface AnalysisRecord {
  ranAt: string;
  durationMs: number;
  version: number;
  checksum: string;
  counts: GraphCounts;
  summary: AnalysisResult['summary'];
}

export async function markRunFinished(db: Database, record: AnalysisRecord): Promise<void> {
  const state = {
    ranAt: record.ranAt,
    durationMs: Math.round(record.durationMs),
    version: record.version,
    checksum: record.checksum,
    ...prefixed('graph', record.counts),
    ...prefixed('result', record.summary),
  };
  await db.writeTransaction((run) => run(finishRun, { key: ANALYSIS.current, state }));
}

function prefixed(prefix: string, values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}${k[0]!.toUpperCase()}${k.slice(1)}`, v]));
}
