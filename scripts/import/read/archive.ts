/**
 * Cables straight from archives: .tar, .tar.gz, .tar.xz (the WikiLeaks HTML dump) and .zip.
 * Members are streamed one at a time; each member is dispatched on its own name. A bad member (an
 * unsafe name such as `../x` or `/x`, corrupt data, an unsupported compression) is rejected on its
 * own, with its name, its format and the reason, and the members after it are still read; only
 * damage to the archive's own structure (a broken tar header, a truncated gzip or xz stream, a
 * zip without its central directory) ends the archive there, and says so.
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

/** The format a member's reject reports: the reader its name dispatches it to. */
export function memberFormat(name: string): SourceLocation['format'] {
  const kind = formatFromName(name);
  return kind === 'html' || kind === 'csv' || kind === 'text' ? kind : 'unknown';
}

/**
 * Why a member name is unsafe, or null: absolute paths, drive letters, `..` components,
 * backslashes (a Windows path), control characters, an empty name. Nothing is extracted to disk,
 * but such a name is a crafted or broken archive, and is reported rather than trusted.
 */
export function unsafeMemberName(name: string): string | null {
  if (name === '') return 'empty member name';
  if (/[\u0000-\u001f]/.test(name)) return 'control character in member name';
  if (name.includes('\\')) return 'backslash in member name';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'absolute path as member name';
  if (name.split('/').includes('..')) return "'..' in member name (a path outside the archive)";
  return null;
}

function unsafeMember(file: string, name: string, why: string): ParseOutcome {
  return { ok: false, rejected: { source: { file, member: name, format: memberFormat(name) }, reason: `unsafe archive member name, member not read: ${why}`, raw: '' } };
}

async function* readMember(name: string, content: Readable, file: string): AsyncGenerator<ParseOutcome> {
  const kind = formatFromName(name);
  const source: SourceLocation = { file, member: name, format: memberFormat(name) };
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
  let last: string | null = null;
  try {
    for await (const entry of extract as AsyncIterable<Readable & { header: tar.Header }>) {
      if (entry.header.type !== 'file') {
        entry.resume();
        continue;
      }
      const name = entry.header.name;
      const unsafe = unsafeMemberName(name);
      if (unsafe !== null) {
        entry.resume();
        yield unsafeMember(file, name, unsafe);
        continue;
      }
      last = name;
      try {
        yield* readMember(name, entry, file);
      } catch (error) {
        yield { ok: false, rejected: { source: { file, member: name, format: memberFormat(name) }, reason: `unreadable ${kind} member: ${(error as Error).message}`, raw: '' } };
        throw error;
      }
    }
  } catch (error) {
    const where = last === null ? 'before its first member' : `after member ${last}`;
    yield { ok: false, rejected: { source: { file, format: 'archive' }, reason: `unreadable ${kind} archive ${where}, the rest of it is lost: ${(error as Error).message}`, raw: '' } };
  }
}

async function* readZip(file: string, onBytes: (n: number) => void): AsyncGenerator<ParseOutcome> {
  let zip: yauzl.ZipFile;
  try {
    // decodeStrings: false: yauzl would otherwise fail the whole archive at the first unsafe
    // name; names are decoded (and judged) here, member by member.
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: true, decodeStrings: false }, (err, z) => (err || !z ? reject(err ?? new Error('no zip')) : resolve(z))),
    );
  } catch (error) {
    yield { ok: false, rejected: { source: { file, format: 'archive' }, reason: `unreadable zip archive: ${(error as Error).message}`, raw: '' } };
    return;
  }
  const entries = zipEntries(zip);
  let reported = 0;
  const report = (n: number): void => {
    reported += n;
    onBytes(n);
  };
  let last: string | null = null;
  try {
    for await (const entry of entries) {
      const name = zipEntryName(entry);
      if (name.endsWith('/')) continue;
      report(entry.compressedSize);
      const unsafe = unsafeMemberName(name);
      if (unsafe !== null) {
        yield unsafeMember(file, name, unsafe);
        continue;
      }
      last = name;
      try {
        const stream = await new Promise<Readable>((resolve, reject) =>
          zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s))),
        );
        const safe = new PassThrough();
        stream.on('error', (e) => safe.destroy(e));
        stream.pipe(safe);
        yield* readMember(name, safe, file);
      } catch (error) {
        yield { ok: false, rejected: { source: { file, member: name, format: memberFormat(name) }, reason: `unreadable zip member: ${(error as Error).message}`, raw: '' } };
      }
    }
  } catch (error) {
    const where = last === null ? 'before its first member' : `after member ${last}`;
    yield { ok: false, rejected: { source: { file, format: 'archive' }, reason: `unreadable zip archive ${where}, the rest of it is lost: ${(error as Error).message}`, raw: '' } };
  } finally {
    zip.close();
    // headers and the central directory: report the rest so progress ends at the file size
    const size = (await stat(file).catch(() => null))?.size ?? reported;
    if (size > reported) onBytes(size - reported);
  }
}

/** An entry's name as yauzl would decode it (UTF-8 flag, Info-ZIP path field, CP437), backslashes kept. */
function zipEntryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
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
