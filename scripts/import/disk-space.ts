/**
 * The free-space check before a load: what a load will need on disk, estimated from the input's
 * size, against what the file system has free (fs.statfs). Ratios measured at full size
 * (docs/benchmarks.md, 1,706 MB of cables.csv): the fast path's spill file (~1.5x the input) and
 * node/relationship CSV files (1,843 MB, ~1.1x) are on disk together, then the CSV files and the
 * new store (2.8-3.0 GB, ~1.8x); the Bolt path grows the store (~1.8x) and the transaction logs
 * (up to 5.8 GB right after a first load, ~3.4x).
 */
import { existsSync, statfsSync } from 'node:fs';
import path from 'node:path';
import type { InputEntry } from './read/walk.ts';

/** Compressed inputs count at this many times their size (the HTML dump's archives, csv.gz). */
export const COMPRESSION_RATIO = 5;
/** Disk bytes per input byte. */
export const FAST_LOAD_RATIO = 3;
export const BOLT_LOAD_RATIO = 5;
const MARGIN = 64 * 1024 * 1024;

const COMPRESSED = new Set(['tar.gz', 'tar.xz', 'zip', 'csv.gz']);

/** Input bytes as the loader sees them (compressed inputs at their likely unpacked size). */
export function unpackedBytes(entries: InputEntry[]): number {
  return entries.reduce((total, e) => total + (e.kind !== 'file' ? 0 : COMPRESSED.has(e.format) ? e.size * COMPRESSION_RATIO : e.size), 0);
}

export interface SpaceEstimate {
  bytes: number;
  /** How the figure was reached, for the error message. */
  explanation: string;
}

export function loadEstimate(entries: InputEntry[], path: 'fast' | 'bolt'): SpaceEstimate {
  const input = unpackedBytes(entries);
  const ratio = path === 'fast' ? FAST_LOAD_RATIO : BOLT_LOAD_RATIO;
  const what =
    path === 'fast'
      ? 'spill file and CSV files, then the CSV files and the new store'
      : 'store and transaction logs of a first load';
  return { bytes: Math.ceil(input * ratio) + MARGIN, explanation: `${ratio} x ${mb(input)} of input (${what}) + ${mb(MARGIN)}` };
}

/** Bytes an unprivileged process may still write under `dir` (its nearest existing ancestor). */
export function freeBytes(dir: string): number {
  let at = path.resolve(dir);
  while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  const stats = statfsSync(at);
  return Number(stats.bavail) * Number(stats.bsize);
}

export class NotEnoughSpace extends Error {}

/** Throws NotEnoughSpace, saying the estimate and the free space, when `dir` lacks room. */
export function checkFreeSpace(dir: string, estimate: SpaceEstimate, free = freeBytes(dir)): void {
  if (free >= estimate.bytes) return;
  throw new NotEnoughSpace(
    `not enough free disk space for this load: it needs about ${mb(estimate.bytes)} in ${dir} (${estimate.explanation}), ` +
      `and ${mb(free)} is free. Free some space, or pass --no-space-check if you know the estimate is too high.`,
  );
}

export function mb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`;
}

/** A clearer message for a failed write: ENOSPC and EDQUOT say "disk full". */
export function describeWriteError(error: Error, file: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return `disk full while writing ${file} (${error.message})`;
  return `cannot write ${file}: ${error.message}`;
}
