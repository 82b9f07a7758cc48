import { createWriteStream, type WriteStream } from 'node:fs';
import type { RejectedRecord } from '../../server/src/cables/record.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { graphStats, type GraphStats } from '../../server/src/queries/stats.ts';
import { readCables, totalInputBytes } from './read/index.ts';
import { silentProgress, type ProgressReporter } from './progress.ts';
import { toCableRow, type CableRow } from './rows.ts';
import { awaitIndexes, ensureSchema, writeBatch } from './writer.ts';

export interface ImportOptions {
  /** Cables per write transaction. */
  batchSize?: number;
  /** JSONL file that receives every rejected record; none is written when null. */
  rejectsFile?: string | null;
  progress?: ProgressReporter;
}

export interface ImportSummary {
  read: number;
  imported: number;
  rejected: number;
  rejectsFile: string | null;
  bytes: number;
  seconds: number;
  before: GraphStats;
  after: GraphStats;
}

export const DEFAULT_BATCH_SIZE = 500;
const RAW_LIMIT = 64 * 1024;

function rejectLine(reject: RejectedRecord): string {
  const raw = reject.raw.length > RAW_LIMIT ? `${reject.raw.slice(0, RAW_LIMIT)}…[truncated]` : reject.raw;
  return `${JSON.stringify({ source: reject.source, position: reject.source.line ?? null, reason: reject.reason, raw })}\n`;
}

/**
 * Reads every cable under `paths`, writes them in batches and reports what changed. Schema
 * first, then batches in input order, then the full-text index is awaited so search works the
 * moment this returns.
 */
export async function importPaths(db: Database, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const progress = options.progress ?? silentProgress;
  const started = Date.now();
  await ensureSchema(db);
  const before = await graphStats(db);
  const totalBytes = await totalInputBytes(paths);

  let rejectsOut: WriteStream | null = null;
  let bytes = 0;
  let read = 0;
  let imported = 0;
  let rejected = 0;
  let batch: CableRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await writeBatch(db, batch);
    imported += batch.length;
    batch = [];
  };

  progress.start(totalBytes);
  try {
    for await (const outcome of readCables(paths, { onBytes: (n) => (bytes += n) })) {
      read += 1;
      if (outcome.ok) {
        batch.push(toCableRow(outcome.record));
        if (batch.length >= batchSize) await flush();
      } else {
        rejected += 1;
        if (options.rejectsFile) {
          rejectsOut ??= createWriteStream(options.rejectsFile, { flags: 'w' });
          rejectsOut.write(rejectLine(outcome.rejected));
        }
      }
      progress.update(bytes, read, rejected);
    }
    await flush();
  } finally {
    progress.stop();
    if (rejectsOut) await new Promise((resolve) => rejectsOut!.end(resolve));
  }
  await awaitIndexes(db);
  const after = await graphStats(db);
  return {
    read,
    imported,
    rejected,
    rejectsFile: rejectsOut ? (options.rejectsFile ?? null) : null,
    bytes,
    seconds: (Date.now() - started) / 1000,
    before,
    after,
  };
}
