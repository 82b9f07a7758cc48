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
import { readFile } from 'node:fs/promises';
import type { ParseOutcome, SourceLocation } from '../../../server/src/cables/record.ts';
import { parseDocument, MAX_DOCUMENT_BYTES } from './single.ts';
import { readCsvStream } from './csv.ts';
import { readArchive } from './archive.ts';
import { head, listInputs, walkInputs, type InputEntry } from './walk.ts';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';

export interface ReadOptions {
  /** Called with the number of input bytes consumed since the last call. */
  onBytes?: (n: number) => void;
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

/** The parse outcomes of one entry of the walk (walk.ts), whose format is known already. */
export async function* readInput(entry: InputEntry, onBytes: (n: number) => void = () => undefined): AsyncGenerator<ParseOutcome> {
  if (entry.kind === 'unreadable') {
    yield { ok: false, rejected: { source: { file: entry.path, format: 'unknown' }, reason: entry.reason, raw: '' } };
    return;
  }
  const { path: file, format } = entry;
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
        const size = entry.size;
        onBytes(size);
        const bytes = size <= 4096 ? await readFile(file) : await head(file);
        const reason = size === 0 ? 'empty file' : bytes.includes(0) ? 'binary file (NUL bytes)' : 'unrecognised file format (not a cable text, csv, html page or archive)';
        yield { ok: false, rejected: { source: { file, format: 'unknown' }, reason, raw: Buffer.from(bytes.subarray(0, 200)).toString('latin1') } };
      }
    }
  } catch (error) {
    const kind = format === 'csv' || format === 'csv.gz' ? 'csv' : format === 'html' || format === 'text' ? format : format === 'unknown' ? 'unknown' : 'archive';
    yield { ok: false, rejected: { source: { file, format: kind }, reason: `read error: ${(error as Error).message}`, raw: '' } };
  }
}

export async function* readCables(paths: string[], options: ReadOptions = {}): AsyncGenerator<ParseOutcome> {
  const onBytes = options.onBytes ?? (() => undefined);
  for await (const entry of walkInputs(paths)) yield* readInput(entry, onBytes);
}

/** Bytes `readCables` will report through onBytes, for a progress bar's total. */
export async function totalInputBytes(paths: string[]): Promise<number> {
  return (await listInputs(paths)).reduce((total, entry) => total + (entry.kind === 'file' ? entry.size : 0), 0);
}
