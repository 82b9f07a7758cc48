/**
 * cables.csv parsed on worker threads. The main thread cuts the file into chunks of whole rows
 * (a row starts at a line beginning `"<n>","<m/d/yyyy h:mm>","`: inside a field a quote is
 * always escaped as `\"`, so no field line can look like that), workers run the project's own
 * csv reader and row builder on each chunk, and the results come back in file order. Positions
 * are chunk-aligned: (byte offset of a chunk, its first line, records of it consumed), so a
 * resumed run seeks straight to the chunk and skips a few records.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RejectedRecord } from '../../server/src/cables/record.ts';
import type { CableRow } from './rows.ts';

export interface ChunkItem {
  row?: CableRow;
  rejected?: RejectedRecord;
}

export interface ChunkResult {
  /** Byte offset and first line of the chunk. */
  offset: number;
  line: number;
  /** Byte offset and first line of the chunk after it. */
  nextOffset: number;
  nextLine: number;
  bytes: number;
  items: ChunkItem[];
}

const ROW_START = /\n"\d+","\d{1,2}\/\d{1,2}\/\d{4}[ 0-9:]*","/g;
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** Offset (in `buffer`) of the last row start at or after `from`, or -1. */
function lastRowStart(buffer: Buffer, from: number): number {
  const text = buffer.toString('latin1', from);
  let last = -1;
  ROW_START.lastIndex = 0;
  for (let m = ROW_START.exec(text); m; m = ROW_START.exec(text)) last = m.index + 1;
  return last === -1 ? -1 : from + last;
}

function countLines(buffer: Buffer): number {
  let n = 0;
  for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) n += 1;
  return n;
}

/** Whole-row chunks of `file` from `offset` on (the last chunk may end without a newline). */
async function* chunksOf(file: string, offset: number, line: number, chunkBytes: number): AsyncGenerator<{ offset: number; line: number; data: Buffer }> {
  let carry: Buffer = Buffer.alloc(0);
  let chunkOffset = offset;
  let chunkLine = line;
  for await (const piece of createReadStream(file, { start: offset, highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    carry = carry.length === 0 ? piece : Buffer.concat([carry, piece]);
    if (carry.length < chunkBytes) continue;
    const cut = lastRowStart(carry, Math.max(0, carry.length - chunkBytes / 2));
    const at = cut > 0 ? cut : lastRowStart(carry, 0);
    if (at <= 0) continue; // one enormous row: keep reading
    const data = carry.subarray(0, at);
    yield { offset: chunkOffset, line: chunkLine, data };
    chunkOffset += data.length;
    chunkLine += countLines(data);
    carry = carry.subarray(at);
  }
  if (carry.length > 0) yield { offset: chunkOffset, line: chunkLine, data: carry };
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, cpus().length));
}

/**
 * Parsed chunks in file order. At most `workers + 1` chunks are in flight, so memory stays at a
 * few tens of MB whatever the file size.
 */
export async function* parseCsvInParallel(
  file: string,
  start: { offset: number; line: number },
  workers = defaultWorkers(),
  chunkBytes = CHUNK_BYTES,
): AsyncGenerator<ChunkResult> {
  // Capped heaps: a worker holds one 4 MB chunk and its parsed rows; without a cap V8 lets
  // garbage pile up to gigabytes before collecting (the importer must stay under 1 GB RSS).
  const pool = Array.from(
    { length: workers },
    () => new Worker(new URL('./parse-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32 } }),
  );
  const waiting = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>();
  for (const worker of pool) {
    worker.on('message', (message: ChunkResult & { id: number }) => {
      const entry = waiting.get(message.id);
      waiting.delete(message.id);
      entry?.resolve(message);
    });
    worker.on('error', (error) => {
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
    });
  }
  const pending: Promise<ChunkResult>[] = [];
  let id = 0;
  try {
    const source = chunksOf(file, start.offset, start.line, chunkBytes);
    const next = async () => {
      const item = await source.next();
      if (item.done) return false;
      const { offset, line, data } = item.value;
      const worker = pool[id % pool.length]!;
      const myId = id++;
      pending.push(
        new Promise<ChunkResult>((resolve, reject) => {
          waiting.set(myId, { resolve, reject });
          worker.postMessage({ id: myId, file, offset, line, text: data.toString('utf8'), bytes: data.length });
        }),
      );
      return true;
    };
    let more = true;
    while (more && pending.length < workers + 1) more = await next();
    while (pending.length > 0) {
      const result = await pending.shift()!;
      if (more) more = await next();
      yield result;
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Size of `file`, for progress totals. */
export async function fileSize(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}
