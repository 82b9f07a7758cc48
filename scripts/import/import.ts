import { closeSync, existsSync, ftruncateSync, fstatSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import type { RejectedRecord } from '../../server/src/cables/record.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { graphStats, type GraphStats } from '../db/graph-stats.ts';
import { describeInputs, inputKey, isCsv, listInputs, readFileFrom } from './inputs.ts';
import { defaultWorkers, parseCsvInParallel, type ChunkItem } from './parallel-csv.ts';
import { silentProgress, type ProgressReporter } from './progress.ts';
import { toCableRow, type CableRow } from './rows.ts';
import { renamedPosts } from '../../server/src/cables/posts.ts';
import {
  awaitIndexes,
  createTextIndexes,
  ensureSchema,
  isEmpty,
  loadCheckpoint,
  nameUnnamedTags,
  relinkPosts,
  saveCheckpointOnly,
  writeBatch,
  type CheckpointState,
} from './writer.ts';

export interface ImportOptions {
  /** Most cables per write transaction. */
  batchSize?: number;
  /** A batch is also closed when its cables' text reaches this many bytes (bounds memory). */
  batchBytes?: number;
  /** JSONL file that receives every rejected record; none is written when null. */
  rejectsFile?: string | null;
  progress?: ProgressReporter;
  /**
   * Resume an interrupted run of the same inputs from its checkpoint (default true). A finished
   * run is never resumed: running it again re-imports everything, which changes nothing.
   */
  resume?: boolean;
  /**
   * On an empty database, build the full-text indexes after the last batch instead of updating
   * them in every transaction (default true).
   */
  deferTextIndexes?: boolean;
  /** Worker threads parsing cables.csv (default: one per core, at most 4). */
  workers?: number;
  /** Called after each committed batch (tests and the benchmark use it). */
  onBatch?: (state: CheckpointState) => void;
}

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
  before: GraphStats;
  after: GraphStats;
}

/** Measured on the 2-core benchmark machine (docs/benchmarks.md): larger batches gain nothing. */
export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_BATCH_BYTES = 16 * 1024 * 1024;
const RAW_LIMIT = 64 * 1024;

function rejectLine(reject: RejectedRecord): string {
  const raw = reject.raw.length > RAW_LIMIT ? `${reject.raw.slice(0, RAW_LIMIT)}…[truncated]` : reject.raw;
  const position = reject.source.line ?? null;
  return `${JSON.stringify({ source: reject.source, position, reason: reject.reason, raw })}\n`;
}

/**
 * The rejects file, written synchronously so that its length at each checkpoint is exact: a
 * resumed run truncates it back to the checkpoint and appends, so no reject is lost or doubled.
 */
class RejectsFile {
  private fd: number | null = null;
  bytes = 0;
  constructor(private readonly file: string | null, private readonly resumeAt: number | null) {
    // A fresh run replaces the rejects of an earlier run (the file is created again on the first
    // reject); a resumed run drops what the interrupted run wrote after its last checkpoint.
    if (file && resumeAt === null && existsSync(file)) rmSync(file);
    if (file && resumeAt !== null && existsSync(file)) truncateSync(file, Math.min(resumeAt, statSync(file).size));
  }
  write(reject: RejectedRecord): void {
    if (!this.file) return;
    if (this.fd === null) {
      if (this.resumeAt !== null && existsSync(this.file)) {
        this.fd = openSync(this.file, 'r+');
        this.bytes = Math.min(this.resumeAt, fstatSync(this.fd).size);
        ftruncateSync(this.fd, this.bytes);
      } else {
        this.fd = openSync(this.file, 'w');
        this.bytes = 0;
      }
    }
    const line = Buffer.from(rejectLine(reject));
    writeSync(this.fd, line, 0, line.length, this.bytes);
    this.bytes += line.length;
  }
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Reads every cable under `paths` and writes them in batches, one transaction each, with the
 * run's checkpoint in the same transaction. Schema first; while one batch is being written the
 * next one is parsed; at the end the indexes (full-text included) are awaited, so search works
 * the moment this returns.
 */
export async function importPaths(db: Database, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const batchBytes = options.batchBytes ?? DEFAULT_BATCH_BYTES;
  const progress = options.progress ?? silentProgress;
  const started = Date.now();
  const files = await listInputs(paths);
  const key = inputKey(files);
  const saved = options.resume === false ? null : await loadCheckpoint(db, key).catch(() => null);
  const resume = saved && !saved.done ? saved : null;
  // A first load into an empty database builds the full-text indexes once, at the end.
  const deferText = resume ? resume.deferText === true : options.deferTextIndexes !== false && (await isEmpty(db));
  await ensureSchema(db, { deferText });
  const before = await graphStats(db);
  const totalBytes = files.reduce((a, f) => a + f.size, 0);

  const state: CheckpointState = resume
    ? { ...resume }
    : { inputs: describeInputs(paths, files), fileIndex: 0, offset: 0, recordsInFile: 0, line: 0, rejectsBytes: 0, read: 0, imported: 0, rejected: 0, bytes: 0, deferText, done: false };
  const resumedAt = resume ? resume.read : 0;
  const rejects = new RejectsFile(options.rejectsFile ?? null, resume ? resume.rejectsBytes : null);
  rejects.bytes = resume ? resume.rejectsBytes : 0;
  let bytes = 0;
  let read = state.read;
  let rejected = state.rejected;
  let imported = state.imported;
  let batch: CableRow[] = [];
  let batchText = 0;
  let inflight: Promise<void> | null = null;
  // Where the record after the last one read starts: what a checkpoint written now must say.
  const position = { fileIndex: state.fileIndex, offset: state.offset ?? 0, recordsInFile: state.recordsInFile, line: state.line };
  const workers = options.workers ?? defaultWorkers();

  const flush = async (done: boolean) => {
    // One batch in flight: wait for it, so that the checkpoint below counts it.
    if (inflight) await inflight;
    const rows = batch;
    batch = [];
    batchText = 0;
    const snapshot: CheckpointState = {
      ...state,
      ...position,
      rejectsBytes: rejects.bytes,
      read,
      rejected,
      imported: imported + rows.length,
      bytes: Math.round(bytes),
      done,
    };
    const write = writeBatch(db, rows, { key, state: snapshot }).then(() => {
      imported += rows.length;
      options.onBatch?.(snapshot);
    });
    write.catch(() => undefined);
    inflight = write;
  };

  const doneBytes = resume
    ? files.slice(0, state.fileIndex).reduce((a, f) => a + f.size, 0) + (files[state.fileIndex] && (await isCsv(files[state.fileIndex]!.path)) ? (state.offset ?? 0) : 0)
    : 0;
  progress.start(totalBytes, doneBytes, read);
  try {
    const take = async (item: ChunkItem) => {
      read += 1;
      position.recordsInFile += 1;
      if (item.row) {
        batch.push(item.row);
        batchText += item.row.textLength;
        if (batch.length >= batchSize || batchText >= batchBytes) await flush(false);
      } else if (item.rejected) {
        rejected += 1;
        rejects.write(item.rejected);
      }
      progress.update(bytes, read, rejected);
    };
    for (let i = state.fileIndex; i < files.length; i++) {
      const file = files[i]!;
      const first = i === state.fileIndex;
      if (first && resume) bytes += files.slice(0, i).reduce((a, f) => a + f.size, 0);
      if (await isCsv(file.path)) {
        // cables.csv: parsed on worker threads; positions are (chunk offset, chunk line, records of the chunk).
        const from = first ? { offset: state.offset ?? 0, line: state.line || 1 } : { offset: 0, line: 1 };
        let skip = first ? state.recordsInFile : 0;
        bytes += from.offset;
        for await (const chunk of parseCsvInParallel(file.path, from, workers)) {
          Object.assign(position, { fileIndex: i, offset: chunk.offset, line: chunk.line, recordsInFile: 0 });
          let items = chunk.items;
          if (skip > 0) {
            items = items.slice(skip);
            position.recordsInFile = skip;
            skip = 0;
          }
          const perItem = chunk.bytes / Math.max(chunk.items.length, 1);
          for (const item of items) {
            bytes += perItem;
            await take(item);
          }
          Object.assign(position, { offset: chunk.nextOffset, line: chunk.nextLine, recordsInFile: 0 });
        }
      } else {
        const start = first ? { records: state.recordsInFile, line: 0 } : { records: 0, line: 0 };
        Object.assign(position, { fileIndex: i, offset: 0, line: 0, recordsInFile: start.records });
        for await (const { outcome } of readFileFrom(file.path, start, (n) => (bytes += n))) {
          await take(outcome.ok ? { row: toCableRow(outcome.record) } : { rejected: outcome.rejected });
        }
      }
      // The file is finished: the next record is the first of the next file.
      Object.assign(position, { fileIndex: i + 1, offset: 0, line: 0, recordsInFile: 0 });
    }
    await flush(true);
    if (inflight) await inflight;
  } finally {
    progress.stop();
    rejects.close();
  }
  if (files.length === 0) await saveCheckpointOnly(db, key, { ...state, done: true });
  if (deferText) await createTextIndexes(db);
  await nameUnnamedTags(db);
  // a database imported before a rename was known gets one node per post again (idempotent)
  const relinkedPosts = await relinkPosts(db, renamedPosts());
  await awaitIndexes(db);
  const after = await graphStats(db);
  return {
    read,
    imported,
    rejected,
    rejectsFile: options.rejectsFile && rejected > 0 ? options.rejectsFile : null,
    bytes,
    seconds: (Date.now() - started) / 1000,
    resumedAt,
    relinkedPosts,
    before,
    after,
  };
}
