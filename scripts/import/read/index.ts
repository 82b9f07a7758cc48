/**
 * Every supported input, as one stream of parse outcomes:
 *
 *   seed text files (`07LONDON3923.txt`) and directory trees of them
 *   cables.csv of the full release (streamed row by row)
 *   WikiLeaks HTML pages, loose or inside .tar/.tar.gz/.tar.xz/.zip archives
 *
 * Unreadable inputs become rejections with their location; only a path that does not
 * exist throws, since that is a usage error rather than bad data.
 */
import { open, opendir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ParseOutcome, SourceLocation } from '../../../server/src/cables/record.ts';
import { detectFormat, formatFromName, type InputFormat } from './detect.ts';
import { parseDocument, MAX_DOCUMENT_BYTES } from './single.ts';
import { readCsvStream } from './csv.ts';
import { readArchive } from './archive.ts';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';

export interface ReadOptions {
  /** Called with the number of input bytes consumed since the last call. */
  onBytes?: (n: number) => void;
}

async function assertExists(paths: string[]): Promise<void> {
  for (const p of paths) {
    try {
      await stat(p);
    } catch {
      throw new Error(`Input path does not exist: ${p}`);
    }
  }
}

/** Regular files under `p` (or `p` itself), in a stable order, skipping hidden entries. */
type Entry = { file: string } | { unreadableDirectory: string; reason: string };

async function* filesUnder(p: string): AsyncGenerator<Entry> {
  const info = await stat(p);
  if (!info.isDirectory()) {
    yield { file: p };
    return;
  }
  yield* filesInDirectory(p);
}

async function* filesInDirectory(dir: string): AsyncGenerator<Entry> {
  const entries: Array<{ name: string; directory: boolean }> = [];
  try {
    for await (const entry of await opendir(dir)) {
      if (entry.name.startsWith('.')) continue;
      // the dirent type avoids a stat per file; symlinks and unknown types get one
      const directory = entry.isDirectory() || ((entry.isSymbolicLink() || !entry.isFile()) && (await stat(path.join(dir, entry.name)).catch(() => null))?.isDirectory() === true);
      entries.push({ name: entry.name, directory });
    }
  } catch (error) {
    // an unreadable sub-directory (permissions) is reported; its siblings are still read
    yield { unreadableDirectory: dir, reason: (error as Error).message };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.directory) yield* filesInDirectory(full);
    else yield { file: full };
  }
}

/** Reused between files: cables are small, and one buffer spares an allocation per file. */
let scratch = Buffer.allocUnsafe(1 << 20);

/**
 * A small file read whole into the shared scratch buffer (valid until the next call).
 * Synchronous on purpose: a directory of loose cables is tens of thousands of small reads,
 * and the promise machinery around each cost more than parsing the cable (profiled); no
 * fstat either: the size is what the reads return.
 */
function readSmallFile(file: string): { bytes: Buffer | null; size: number } {
  const fd = openSync(file, 'r');
  try {
    let size = 0;
    while (true) {
      if (size === scratch.length) {
        if (scratch.length > MAX_DOCUMENT_BYTES) {
          return { bytes: null, size: fstatSync(fd).size };
        }
        const bigger = Buffer.allocUnsafe(scratch.length * 2);
        scratch.copy(bigger, 0, 0, size);
        scratch = bigger;
      }
      const n = readSync(fd, scratch, size, scratch.length - size, null);
      if (n === 0) break;
      size += n;
    }
    return { bytes: scratch.subarray(0, size), size };
  } finally {
    closeSync(fd);
  }
}

async function head(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buffer, 0, 512, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Name first (cheap); content sniffing only for names that say nothing. */
async function formatOf(file: string): Promise<InputFormat> {
  return formatFromName(file) ?? detectFormat(file, await head(file));
}

async function* readFileOutcomes(file: string, onBytes: (n: number) => void): AsyncGenerator<ParseOutcome> {
  let format: InputFormat;
  try {
    format = await formatOf(file);
  } catch (error) {
    yield { ok: false, rejected: { source: { file, format: 'text' }, reason: `unreadable file: ${(error as Error).message}`, raw: '' } };
    return;
  }
  try {
    switch (format) {
      case 'text':
      case 'html': {
        const source: SourceLocation = { file, format };
        const { bytes, size } = readSmallFile(file);
        onBytes(size);
        if (bytes === null) {
          yield { ok: false, rejected: { source, reason: `file too large for one cable (${size} bytes)`, raw: '' } };
          return;
        }
        yield parseDocument(bytes, format, source);
        return;
      }
      case 'csv':
      case 'csv.gz': {
        const stream = createReadStream(file, { highWaterMark: 1 << 20 });
        stream.on('data', (chunk) => onBytes((chunk as Buffer).length));
        if (format === 'csv') {
          yield* readCsvStream(stream, { file });
          return;
        }
        const gunzip = createGunzip();
        stream.on('error', (e) => gunzip.destroy(e));
        yield* readCsvStream(stream.pipe(gunzip), { file });
        return;
      }
      case 'tar':
      case 'tar.gz':
      case 'tar.xz':
      case 'zip':
        yield* readArchive(file, format, onBytes);
        return;
      default: {
        const size = (await stat(file)).size;
        onBytes(size);
        const bytes = size <= 4096 ? await readFile(file) : Buffer.from(await head(file));
        const reason = size === 0 ? 'empty file' : bytes.includes(0) ? 'binary file (NUL bytes)' : 'unrecognised file format (not a cable text, csv, html page or archive)';
        yield { ok: false, rejected: { source: { file, format: 'text' }, reason, raw: Buffer.from(bytes.subarray(0, 200)).toString('latin1') } };
      }
    }
  } catch (error) {
    const kind = format === 'csv' || format === 'csv.gz' ? 'csv' : format === 'html' ? 'html' : 'text';
    yield { ok: false, rejected: { source: { file, format: kind }, reason: `read error: ${(error as Error).message}`, raw: '' } };
  }
}

export async function* readCables(paths: string[], options: ReadOptions = {}): AsyncGenerator<ParseOutcome> {
  await assertExists(paths);
  const onBytes = options.onBytes ?? (() => undefined);
  for (const p of paths) {
    for await (const entry of filesUnder(p)) {
      if ('file' in entry) yield* readFileOutcomes(entry.file, onBytes);
      else yield { ok: false, rejected: { source: { file: entry.unreadableDirectory, format: 'text' }, reason: `unreadable directory: ${entry.reason}`, raw: '' } };
    }
  }
}

/** Bytes `readCables` will report through onBytes, for a progress bar's total. */
export async function totalInputBytes(paths: string[]): Promise<number> {
  await assertExists(paths);
  let total = 0;
  for (const p of paths) {
    for await (const entry of filesUnder(p)) if ('file' in entry) total += (await stat(entry.file).catch(() => null))?.size ?? 0;
  }
  return total;
}
