/**
 * The one walk over the inputs: every file under the given paths, once, in a stable order
 * (sorted, hidden entries skipped), with its size, modification time and format (from its name,
 * or from its first bytes when the name says nothing). Unreadable directories and files are
 * entries too, so the readers turn them into rejects in their place. Only a path that does not
 * exist throws, before anything is yielded: that is a usage error rather than bad data.
 */
import { open, opendir, stat } from 'node:fs/promises';
import path from 'node:path';
import { detectFormat, formatFromName, type InputFormat } from './detect.ts';

export interface InputFile {
  kind: 'file';
  path: string;
  size: number;
  mtimeMs: number;
  format: InputFormat;
}

/** A directory that could not be listed or a file that could not be examined. */
export interface UnreadableInput {
  kind: 'unreadable';
  path: string;
  /** `unreadable directory: …` or `unreadable file: …`. */
  reason: string;
}

export type InputEntry = InputFile | UnreadableInput;

export async function assertInputsExist(paths: string[]): Promise<void> {
  for (const p of paths) {
    try {
      await stat(p);
    } catch {
      throw new Error(`Input path does not exist: ${p}`);
    }
  }
}

/** The file-system calls the walk makes that can fail on a directory (tests inject failures). */
export interface WalkIo {
  opendir: typeof opendir;
}

const realIo: WalkIo = { opendir };

export async function* walkInputs(paths: string[], io: WalkIo = realIo): AsyncGenerator<InputEntry> {
  await assertInputsExist(paths);
  for (const p of paths) {
    if ((await stat(p)).isDirectory()) yield* entriesOfDirectory(p, io);
    else yield await examineFile(p);
  }
}

/** Every entry of `paths`, for an input set's identity and its byte total. */
export async function listInputs(paths: string[], io: WalkIo = realIo): Promise<InputEntry[]> {
  const entries: InputEntry[] = [];
  for await (const entry of walkInputs(paths, io)) entries.push(entry);
  return entries;
}

async function* entriesOfDirectory(dir: string, io: WalkIo): AsyncGenerator<InputEntry> {
  const entries: Array<{ name: string; directory: boolean }> = [];
  try {
    for await (const entry of await io.opendir(dir)) {
      if (entry.name.startsWith('.')) continue;
      // the dirent type avoids a stat per directory entry; symlinks and unknown types get one
      const directory = entry.isDirectory() || ((entry.isSymbolicLink() || !entry.isFile()) && (await stat(path.join(dir, entry.name)).catch(() => null))?.isDirectory() === true);
      entries.push({ name: entry.name, directory });
    }
  } catch (error) {
    // an unreadable sub-directory (permissions) is reported; its siblings are still read
    yield { kind: 'unreadable', path: dir, reason: `unreadable directory: ${(error as Error).message}` };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.directory) yield* entriesOfDirectory(full, io);
    else yield await examineFile(full);
  }
}

async function examineFile(file: string): Promise<InputEntry> {
  try {
    const info = await stat(file);
    const format = formatFromName(file) ?? detectFormat(file, await head(file));
    return { kind: 'file', path: file, size: info.size, mtimeMs: Math.trunc(info.mtimeMs), format };
  } catch (error) {
    return { kind: 'unreadable', path: file, reason: `unreadable file: ${(error as Error).message}` };
  }
}

/** The first bytes of a file, for format sniffing and for describing an unrecognised one. */
export async function head(file: string, bytes = 512): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
