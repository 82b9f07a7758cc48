/**
 * Cables straight from archives: .tar, .tar.gz, .tar.xz (the WikiLeaks HTML dump) and .zip.
 * Members are streamed one at a time; each member is dispatched on its own name.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, PassThrough } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ReadableStream as WebReadableStream } from 'node:stream/web';
import tar from 'tar-stream';
import yauzl from 'yauzl';
import xz from 'xz-decompress';

const { XzReadableStream } = xz;
import type { ParseOutcome, SourceLocation } from '../../../server/src/cables/record.ts';
import { formatFromName } from './detect.ts';
import { parseDocument, MAX_DOCUMENT_BYTES } from './single.ts';
import { readCsvStream } from './csv.ts';

export type ArchiveKind = 'tar' | 'tar.gz' | 'tar.xz' | 'zip';

/** Reads `file`, counting raw bytes for progress reporting. */
function countedStream(file: string, onBytes: (n: number) => void): Readable {
  const stream = createReadStream(file);
  stream.on('data', (chunk) => onBytes((chunk as Buffer).length));
  return stream;
}

async function collect(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.resume();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function* readMember(name: string, content: Readable, file: string): AsyncGenerator<ParseOutcome> {
  const kind = formatFromName(name);
  const source: SourceLocation = { file, member: name, format: kind === 'html' ? 'html' : kind === 'csv' ? 'csv' : 'text' };
  if (kind === 'csv') {
    yield* readCsvStream(content, { file, member: name });
    return;
  }
  if (kind !== 'html' && kind !== 'text') {
    content.resume();
    if (/(?:^|\/)\.|__MACOSX|(?:\/|^)$/.test(name)) return; // hidden files, folders: not cables, not errors
    yield { ok: false, rejected: { source, reason: `unsupported archive member type: ${name}`, raw: '' } };
    return;
  }
  const bytes = await collect(content, MAX_DOCUMENT_BYTES);
  if (bytes === null) {
    yield { ok: false, rejected: { source, reason: 'archive member too large for one cable', raw: '' } };
    return;
  }
  yield parseDocument(bytes, kind, source);
}

function decompressed(file: string, kind: Exclude<ArchiveKind, 'zip'>, onBytes: (n: number) => void): Readable {
  const raw = countedStream(file, onBytes);
  if (kind === 'tar') return raw;
  if (kind === 'tar.gz') {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    return raw.pipe(gunzip);
  }
  const web = Readable.toWeb(raw) as unknown as ReadableStream<Uint8Array>;
  return Readable.fromWeb(new XzReadableStream(web) as unknown as WebReadableStream<Uint8Array>);
}

async function* readTar(file: string, kind: Exclude<ArchiveKind, 'zip'>, onBytes: (n: number) => void): AsyncGenerator<ParseOutcome> {
  const extract = tar.extract();
  const input = decompressed(file, kind, onBytes);
  input.on('error', (e) => extract.destroy(e));
  input.pipe(extract);
  try {
    for await (const entry of extract as AsyncIterable<Readable & { header: tar.Header }>) {
      if (entry.header.type !== 'file') {
        entry.resume();
        continue;
      }
      yield* readMember(entry.header.name, entry, file);
    }
  } catch (error) {
    yield { ok: false, rejected: { source: { file, format: 'html' }, reason: `unreadable ${kind} archive: ${(error as Error).message}`, raw: '' } };
  }
}

async function* readZip(file: string, onBytes: (n: number) => void): AsyncGenerator<ParseOutcome> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, z) => (err || !z ? reject(err ?? new Error('no zip')) : resolve(z))),
    );
  } catch (error) {
    yield { ok: false, rejected: { source: { file, format: 'html' }, reason: `unreadable zip archive: ${(error as Error).message}`, raw: '' } };
    return;
  }
  const entries = zipEntries(zip);
  let reported = 0;
  const report = (n: number): void => {
    reported += n;
    onBytes(n);
  };
  try {
    for await (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      report(entry.compressedSize);
      const stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s))),
      );
      const safe = new PassThrough();
      stream.on('error', (e) => safe.destroy(e));
      stream.pipe(safe);
      try {
        yield* readMember(entry.fileName, safe, file);
      } catch (error) {
        yield { ok: false, rejected: { source: { file, member: entry.fileName, format: 'html' }, reason: `unreadable zip member: ${(error as Error).message}`, raw: '' } };
      }
    }
  } catch (error) {
    yield { ok: false, rejected: { source: { file, format: 'html' }, reason: `unreadable zip archive: ${(error as Error).message}`, raw: '' } };
  } finally {
    zip.close();
    // headers and the central directory: report the rest so progress ends at the file size
    const size = (await stat(file).catch(() => null))?.size ?? reported;
    if (size > reported) onBytes(size - reported);
  }
}

/** yauzl's event API as an async iterator, one entry at a time. */
async function* zipEntries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  while (true) {
    const next = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      const onEntry = (entry: yauzl.Entry) => { cleanup(); resolve(entry); };
      const onEnd = () => { cleanup(); resolve(null); };
      const onError = (err: Error) => { cleanup(); reject(err); };
      const cleanup = () => { zip.off('entry', onEntry); zip.off('end', onEnd); zip.off('error', onError); };
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    });
    if (next === null) return;
    yield next;
  }
}

export function readArchive(file: string, kind: ArchiveKind, onBytes: (n: number) => void): AsyncGenerator<ParseOutcome> {
  return kind === 'zip' ? readZip(file, onBytes) : readTar(file, kind, onBytes);
}
