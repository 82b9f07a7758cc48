import type { Database } from '../../server/src/db/driver.ts';
import { graphStats, type GraphStats } from '../db/graph-stats.ts';
import { Batcher } from './batcher.ts';
import { checkFreeSpace, loadEstimate } from './disk-space.ts';
import { listInputs, totalBytes, type InputEntry } from './inputs.ts';
import { silentProgress, type ProgressReporter } from './progress.ts';
import { renamedPosts } from '../../server/src/cables/posts.ts';
import { bytesBefore, RecordStream } from './records.ts';
import { RejectsFile } from './rejects.ts';
import { ImportRun } from './resume.ts';
import { awaitIndexes, ensureSchema, nameUnnamedTags, relinkPosts, removeHeaderNoise, saveCheckpointOnly, writeBatch, type CheckpointState } from './writer.ts';

export interface ImportOptions {
  /** Most cables per write transaction. */
  batchSize?: number;
  /** A batch is also closed when its cables' text reaches this many bytes (bounds memory). */
  batchBytes?: number;
  /**
   * JSONL file that receives every rejected record, created new (rejects.ts); none is written
   * when null. An existing file is refused unless it is the one a resumed run created.
   */
  rejectsFile?: string | null;
  /** The rejects file is the default name, not the user's: take a free variant rather than refuse. */
  rejectsFileIsDefault?: boolean;
  progress?: ProgressReporter;
  /**
   * Resume an interrupted run of the same inputs from its checkpoint (default true). A finished
   * run is never resumed: running it again re-imports everything, which changes nothing.
   */
  resume?: boolean;
  /** Worker threads parsing cables.csv (default: one per core, at most 4). */
  workers?: number;
  /**
   * A folder whose file system must have room for the load (the local instance's data folder;
   * disk-space.ts estimates what the load needs), checked before anything is written. None: no check.
   */
  spaceCheckDir?: string | null;
  /** Called after each committed batch (tests and the benchmark use it). */
  onBatch?: (state: CheckpointState) => void;
}

/** The inputs hold no file at all: a usage error, found before anything is written. */
export class NothingToImport extends Error {}

export interface ImportSummary {
  /** Records read (cables and rejects), including those of an interrupted earlier attempt. */
  read: number;
  /** Cables written. */
  imported: number;
  rejected: number;
  rejectsFile: string | null;
  bytes: number;
  seconds: number;
  /** Records an interrupted earlier attempt had already committed (0 for a fresh run). */
  resumedAt: number;
  /** Posts stored under a former name (an earlier import) merged into the renamed post. */
  relinkedPosts: number;
  /** Records of this run whose header held noise taken for a post or tag (`ZNYCCCCCZZH\\`); none became one. */
  headerNoiseRecords: number;
  /** Posts and tags an older import made from header noise, deleted now. */
  removedNoiseNodes: number;
  before: GraphStats;
  after: GraphStats;
}

/** Measured on the 2-core benchmark machine (docs/benchmarks.md): larger batches gain nothing. */
export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_BATCH_BYTES = 16 * 1024 * 1024;

/**
 * Reads every cable under `paths` and writes them in batches, one transaction each, with the
 * run's checkpoint in the same transaction. The pieces: the walk (read/walk.ts) lists the inputs
 * once; resume tracking (resume.ts) says where to start; the record loop (records.ts) reads from
 * there; the batcher (batcher.ts) writes while the next batch is read. Schema first; at the end
 * the indexes (full-text included) are awaited, so search works the moment this returns.
 */
export async function importPaths(db: Database, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const entries = await listInputs(paths);
  if (entries.length === 0) throw new NothingToImport(`nothing to import: no input files in ${paths.join(', ')} (hidden files are skipped)`);
  const run = await ImportRun.open(db, paths, entries, options);
  // Refuses an existing rejects file before anything is written (rejects.ts).
  const rejects = RejectsFile.open(
    options.rejectsFile ?? null,
    paths,
    run.resumed ? { bytes: run.resumed.rejectsBytes, rejectsFile: run.resumed.rejectsFile ?? null, rejectsId: run.resumed.rejectsId ?? null } : null,
    { defaultName: options.rejectsFileIsDefault === true },
  );
  try {
    if (options.spaceCheckDir) checkFreeSpace(options.spaceCheckDir, loadEstimate(entries, 'bolt'));
    await ensureSchema(db);
    const identity = rejects.identity;
    if (identity) {
      // The rejects file is the run's own from now on: a run killed before its first batch
      // commits resumes into it rather than refusing it.
      const counters = { ...run.counters, rejectsBytes: rejects.bytes };
      await saveCheckpointOnly(db, run.key, { ...run.checkpoint(run.start, counters, false), ...identity });
    }
    return await load(db, paths, entries, run, rejects, options, started);
  } finally {
    rejects.close();
  }
}

async function load(db: Database, paths: string[], entries: InputEntry[], run: ImportRun, rejects: RejectsFile, options: ImportOptions, started: number): Promise<ImportSummary> {
  const progress = options.progress ?? silentProgress;
  const before = await graphStats(db);

  const records = new RecordStream(entries, run.start, options.workers);
  const identity = rejects.identity;
  let { read, rejected } = run.counters;
  let headerNoiseRecords = 0;
  const batches = new Batcher(
    async (rows, done) => {
      const counters = { read, rejected, imported: batches.committed + rows.length, bytes: records.bytes, rejectsBytes: rejects.bytes };
      const state = { ...run.checkpoint(records.position, counters, done), rejectsFile: identity?.rejectsFile ?? null, rejectsId: identity?.rejectsId ?? null };
      await writeBatch(db, rows, { key: run.key, state });
      options.onBatch?.(state);
    },
    { size: options.batchSize ?? DEFAULT_BATCH_SIZE, bytes: options.batchBytes ?? DEFAULT_BATCH_BYTES },
    run.counters.imported,
  );

  progress.start(totalBytes(entries), bytesBefore(entries, run.start), read);
  try {
    for await (const item of records.items()) {
      read += 1;
      if (item.row) {
        if (item.row.headerNoise.length > 0) headerNoiseRecords += 1;
        await batches.add(item.row);
      }
      else if (item.rejected) {
        rejected += 1;
        rejects.write(item.rejected);
      }
      progress.update(records.bytes, read, rejected);
    }
    await batches.flush(true);
    await batches.drain();
  } finally {
    progress.stop();
  }
  await nameUnnamedTags(db);
  // a database imported before a rename was known gets one node per post again (idempotent)
  const relinkedPosts = await relinkPosts(db, renamedPosts());
  const noise = await removeHeaderNoise(db);
  await awaitIndexes(db);
  const after = await graphStats(db);
  return {
    read,
    imported: batches.committed,
    rejected,
    rejectsFile: rejects.path !== null && rejected > 0 ? rejects.path : null,
    bytes: records.bytes,
    seconds: (Date.now() - started) / 1000,
    resumedAt: run.resumed ? run.resumed.read : 0,
    relinkedPosts,
    headerNoiseRecords,
    removedNoiseNodes: noise.posts.length + noise.tags.length,
    before,
    after,
  };
}
