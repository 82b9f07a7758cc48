/** Worker thread of parallel-csv.ts: one chunk of whole cables.csv rows in, cable rows and rejects out. */
import { Readable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { readCsvStream } from './read/csv.ts';
import { toCableRow } from './rows.ts';
import type { ChunkItem, ChunkResult } from './parallel-csv.ts';

interface ChunkRequest {
  id: number;
  file: string;
  offset: number;
  line: number;
  text: string;
  bytes: number;
}

parentPort!.on('message', (request: ChunkRequest) => {
  void (async () => {
    const items: ChunkItem[] = [];
    const shift = request.line - 1;
    for await (const outcome of readCsvStream(Readable.from([request.text]), { file: request.file })) {
      const source = outcome.ok ? outcome.record.source : outcome.rejected.source;
      if (source.line !== undefined) source.line += shift;
      items.push(outcome.ok ? { row: toCableRow(outcome.record) } : { rejected: outcome.rejected });
    }
    let lines = 0;
    for (let at = request.text.indexOf('\n'); at !== -1; at = request.text.indexOf('\n', at + 1)) lines += 1;
    const result: ChunkResult & { id: number } = {
      id: request.id,
      offset: request.offset,
      line: request.line,
      nextOffset: request.offset + request.bytes,
      nextLine: request.line + lines,
      bytes: request.bytes,
      items,
    };
    parentPort!.postMessage(result);
  })();
});
