/**
 * The importer's view of its inputs: the files under the given paths in reading order, the
 * identity of that input set (for checkpoints), and readers that can start in the middle.
 */
import { createHash } from 'node:crypto';
import { open, opendir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ParseOutcome } from '../../server/src/cables/record.ts';
import { detectFormat, formatFromName } from './read/detect.ts';
import { readCables } from './read/index.ts';

export interface InputFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** Regular files under `p` in the order read/index.ts reads them (sorted, hidden entries skipped). */
async function* filesUnder(p: string): AsyncGenerator<InputFile> {
  const info = await stat(p);
  if (!info.isDirectory()) {
    yield { path: p, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) };
    return;
  }
  const names: string[] = [];
  for await (const entry of await opendir(p)) if (!entry.name.startsWith('.')) names.push(entry.name);
  names.sort();
  for (const name of names) yield* filesUnder(path.join(p, name));
}

export async function listInputs(paths: string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const p of paths) {
    try {
      await stat(p);
    } catch {
      throw new Error(`Input path does not exist: ${p}`);
    }
    for await (const file of filesUnder(p)) files.push(file);
  }
  return files;
}

/**
 * Identity of an input set: absolute path, size and modification time of every file, in order.
 * Same files untouched → same key → an interrupted run resumes; any change → a fresh run.
 */
export function inputKey(files: InputFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${path.resolve(f.path)}\u0000${f.size}\u0000${f.mtimeMs}\n`);
  return hash.digest('hex');
}

export function describeInputs(paths: string[], files: InputFile[]): string {
  const total = files.reduce((a, f) => a + f.size, 0);
  return `${paths.map((p) => path.resolve(p)).join(', ')} (${files.length} files, ${total} bytes)`;
}

export async function isCsv(file: string): Promise<boolean> {
  const byName = formatFromName(file);
  if (byName !== null) return byName === 'csv';
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buffer, 0, 512, 0);
    return detectFormat(file, buffer.subarray(0, bytesRead)) === 'csv';
  } finally {
    await handle.close();
  }
}

export interface FileStart {
  /** Outcomes of this file already consumed. */
  records: number;
  line: number;
}

/**
 * The outcomes of one file that is not cables.csv (a cable text or HTML page, or an archive of
 * them), starting after `start.records` of them: the file is re-read and the consumed outcomes
 * dropped (cables.csv seeks instead: parallel-csv.ts).
 */
export async function* readFileFrom(
  file: string,
  start: FileStart,
  onBytes: (n: number) => void,
): AsyncGenerator<{ outcome: ParseOutcome; nextLine: number }> {
  let index = 0;
  for await (const outcome of readCables([file], { onBytes })) {
    index += 1;
    if (index <= start.records) continue;
    yield { outcome, nextLine: 0 };
  }
}
