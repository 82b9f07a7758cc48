/**
 * An input set as the importer sees it: the walk's entries (read/walk.ts) in reading order, and
 * the identity of the set, which checkpoints are keyed by.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { InputEntry } from './read/walk.ts';

export { listInputs, type InputEntry, type InputFile } from './read/walk.ts';

/**
 * Identity of an input set: absolute path, size and modification time of every file, in order.
 * Same files untouched → same key → an interrupted run resumes; any change → a fresh run.
 */
export function inputKey(entries: InputEntry[]): string {
  const hash = createHash('sha256');
  for (const e of entries) {
    if (e.kind === 'file') hash.update(`${path.resolve(e.path)}\u0000${e.size}\u0000${e.mtimeMs}\n`);
    else hash.update(`${path.resolve(e.path)}\u0000unreadable\n`);
  }
  return hash.digest('hex');
}

export function totalBytes(entries: InputEntry[]): number {
  return entries.reduce((total, e) => total + (e.kind === 'file' ? e.size : 0), 0);
}

export function describeInputs(paths: string[], entries: InputEntry[]): string {
  return `${paths.map((p) => path.resolve(p)).join(', ')} (${entries.length} files, ${totalBytes(entries)} bytes)`;
}
