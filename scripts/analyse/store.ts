/**
 * The analysis's reader and writer: the only place in scripts/analyse/ that holds Cypher (as
 * scripts/import/writer.ts is for the importer). Reads page through the graph by cable id;
 * writes are batches of `UNWIND $rows … SET` keyed by the uniqueness constraints, so writing the
 * same results twice changes nothing. Property names come from the analysis schema.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../server/src/db/driver.ts';
import { ANALYSIS, CABLE_ANALYSIS as C, POST_ANALYSIS as P, THREAD, analysisSchemaStatements } from '../../server/src/graph/schema.ts';
import type { GraphCounts } from '../../server/src/queries/analysis-state.ts';
import { CitationGraph } from './compute/citation-graph.ts';
import type { AnalysisResult, CableAnalysis } from './compute/analyse-graph.ts';
import type { TrafficLink } from './compute/traffic.ts';

export async function ensureAnalysisSchema(db: Database): Promise<void> {
  for (const statement of analysisSchemaStatements()) await db.autoCommit(statement);
}

export interface LoadedGraph {
  graph: CitationGraph;
  traffic: TrafficLink[];
  /** The analysis hash each node carries from an earlier run (only nodes that have one). */
  previousCableHashes: Map<string, string>;
  previousPostHashes: Map<string, string>;
  /** SHA-256 over everything read, in read order (by cable id). */
  checksum: string;
}

interface CablePageRow {
  id: string;
  inCorpus: boolean | null;
  date: string | null;
  hash: string | null;
  refs: string[];
}

const cablePageQuery = `
MATCH (c:Cable) WHERE c.id > $after
WITH c ORDER BY c.id LIMIT $limit
RETURN c.id AS id, c.inCorpus AS inCorpus, c.date AS date, c.${C.hash} AS hash,
       [(c)-[:REFERENCES]->(t:Cable) | t.id] AS refs`;

/** Pairs of posts with the cables between them (sender → TO/INFO recipient). */
const trafficQuery = `
MATCH (a:Post)<-[:FROM]-(c:Cable)-[:TO|INFO]->(b:Post)
WHERE a <> b
RETURN a.key AS from, b.key AS to, count(*) AS cables`;

const postsQuery = `MATCH (p:Post) WHERE p.${P.hash} IS NOT NULL RETURN p.key AS key, p.${P.hash} AS hash`;

export async function loadGraph(db: Database, options: { batchSize?: number; progress?: (cables: number) => void } = {}): Promise<LoadedGraph> {
  const batchSize = options.batchSize ?? 20_000;
  const graph = new CitationGraph();
  const previousCableHashes = new Map<string, string>();
  const checksum = createHash('sha256');
  let after = '';
  for (;;) {
    const rows = await db.read<CablePageRow>(cablePageQuery, { after, limit: batchSize });
    for (const row of rows) {
      graph.addCable(row.id, row.inCorpus === true, row.date ?? null);
      for (const target of row.refs) graph.addReference(row.id, target);
      if (row.hash) previousCableHashes.set(row.id, row.hash);
      checksum.update(`${row.id}\t${row.inCorpus === true}\t${row.date ?? ''}\t${[...row.refs].sort().join(',')}\n`);
    }
    options.progress?.(graph.size);
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.id;
  }
  const traffic = (await db.read<TrafficLink>(trafficQuery)).sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1));
  for (const link of traffic) checksum.update(`${link.from}>${link.to}:${link.cables}\n`);
  const previousPostHashes = new Map((await db.read<{ key: string; hash: string }>(postsQuery)).map((r) => [r.key, r.hash]));
  return { graph, traffic, previousCableHashes, previousPostHashes, checksum: checksum.digest('hex') };
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
SET t.size = row.size, t.inCorpus = row.inCorpus, t.firstDate = row.firstDate, t.lastDate = row.lastDate, t.run = $run`;

const dropOldThreads = `
MATCH (t:${THREAD.label}) WHERE t.run <> $run
WITH t LIMIT $limit
DELETE t
RETURN count(*) AS deleted`;

/** Marks the results as being rewritten, so a run cut short never passes for a complete one. */
const beginRun = `
MERGE (a:${ANALYSIS.label} {${ANALYSIS.key}: $key})
SET a.complete = false, a.startedAt = $startedAt`;

const finishRun = `
MATCH (a:${ANALYSIS.label} {${ANALYSIS.key}: $key})
SET a += $state, a.complete = true`;

export interface WriteStats {
  cablesWritten: number;
  cablesUnchanged: number;
  postsWritten: number;
  threadsWritten: number;
}

/**
 * Writes the results: only nodes whose analysis hash changed (a rerun on an unchanged graph
 * writes no cable), nodes that lost their results are cleared, threads are rewritten whole.
 */
export async function writeResults(
  db: Database,
  loaded: LoadedGraph,
  result: AnalysisResult,
  options: { batchSize?: number; run: string; progress?: (done: number, total: number) => void },
): Promise<WriteStats> {
  const batchSize = options.batchSize ?? 5_000;
  const cableRows: Record<string, unknown>[] = [];
  let unchanged = 0;
  for (const [id, analysis] of result.cables) {
    const row = cableRow(id, analysis);
    if (loaded.previousCableHashes.get(id) === row.hash) unchanged++;
    else cableRows.push(row);
  }
  for (const id of loaded.previousCableHashes.keys()) if (!result.cables.has(id)) cableRows.push(cableRow(id, null));
  cableRows.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1)); // one lock order, as the importer

  const postRows: { key: string; community: number | null; hash: string | null }[] = [];
  for (const [key, community] of result.postCommunities) {
    const hash = hashOf({ community });
    if (loaded.previousPostHashes.get(key) !== hash) postRows.push({ key, community, hash });
  }
  for (const key of loaded.previousPostHashes.keys()) if (!result.postCommunities.has(key)) postRows.push({ key, community: null, hash: null });

  const total = cableRows.length + postRows.length + result.threads.length;
  let done = 0;
  const inBatches = async <T>(rows: T[], statement: string, extra: Record<string, unknown> = {}) => {
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      await db.writeTransaction((run) => run(statement, { rows: batch, ...extra }));
      done += batch.length;
      options.progress?.(done, total);
    }
  };
  await inBatches(cableRows, writeCables);
  await inBatches(postRows, writePosts);
  await inBatches(result.threads, writeThreads, { run: options.run });
  for (;;) {
    const [row] = await db.writeTransaction((run) => run<{ deleted: number }>(dropOldThreads, { run: options.run, limit: batchSize }));
    if (!row || row.deleted < batchSize) break;
  }
  return { cablesWritten: cableRows.length, cablesUnchanged: unchanged, postsWritten: postRows.length, threadsWritten: result.threads.length };
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
