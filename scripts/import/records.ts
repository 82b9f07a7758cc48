/**
 * The one record loop of both write paths (the Bolt writer and `--fast`): every record of the
 * walked inputs, from a position on, as cable rows and rejects. cables.csv is parsed on worker
 * threads by chunks of whole rows, so its positions are chunk-aligned (byte offset, first line,
 * records of the chunk consumed) and a resumed run seeks straight to the chunk; any other file is
 * read in the main thread, its position counts its records, and a resumed run re-reads it and
 * drops those already consumed.
 */
import { readInput } from './read/index.ts';
import type { InputEntry } from './read/walk.ts';
import { defaultWorkers, parseCsvInParallel, type ChunkItem } from './parallel-csv.ts';
import { toCableRow } from './rows.ts';

export interface ReadPosition {
  /** Index of the input file the next record comes from. */
  fileIndex: number;
  /** CSV: byte offset of the chunk the next record is in (0 for other files). */
  offset: number;
  /** CSV: first line of that chunk (0 for other files). */
  line: number;
  /** Records consumed of that chunk (CSV) or of that file (other formats). */
  recordsInFile: number;
}

export const FIRST_RECORD: ReadPosition = { fileIndex: 0, offset: 0, line: 0, recordsInFile: 0 };

const isCsv = (entry: InputEntry | undefined) => entry?.kind === 'file' && entry.format === 'csv';
const sizeOf = (entry: InputEntry) => (entry.kind === 'file' ? entry.size : 0);

/** Input bytes before a position: where a resumed run's progress starts. */
export function bytesBefore(entries: InputEntry[], position: ReadPosition): number {
  const whole = entries.slice(0, position.fileIndex).reduce((total, e) => total + sizeOf(e), 0);
  return whole + (isCsv(entries[position.fileIndex]) ? position.offset : 0);
}

export class RecordStream {
  /** Where the record after the last one yielded starts: what a checkpoint written now must say. */
  readonly position: ReadPosition;
  /** Input bytes consumed so far, those before the start position included. */
  bytes = 0;

  constructor(
    private readonly entries: InputEntry[],
    from: ReadPosition = FIRST_RECORD,
    private readonly workers = defaultWorkers(),
  ) {
    this.position = { ...from };
  }

  async *items(): AsyncGenerator<ChunkItem> {
    const from = { ...this.position };
    this.bytes = bytesBefore(this.entries, { ...from, offset: 0 });
    for (let i = from.fileIndex; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      const first = i === from.fileIndex;
      if (entry.kind === 'file' && entry.format === 'csv' && entry.size === 0) {
        // an empty cables.csv is reported like an empty text file (one reject, its one "record")
        if (!(first && from.recordsInFile > 0)) {
          Object.assign(this.position, { fileIndex: i, offset: 0, line: 0, recordsInFile: 1 });
          yield { rejected: { source: { file: entry.path, format: 'csv' }, reason: 'empty file', raw: '' } };
        }
      } else if (entry.kind === 'file' && entry.format === 'csv') {
        const start = first ? { offset: from.offset, line: from.line || 1 } : { offset: 0, line: 1 };
        let skip = first ? from.recordsInFile : 0;
        this.bytes += start.offset;
        for await (const chunk of parseCsvInParallel(entry.path, start, this.workers)) {
          Object.assign(this.position, { fileIndex: i, offset: chunk.offset, line: chunk.line, recordsInFile: 0 });
          let items = chunk.items;
          if (skip > 0) {
            items = items.slice(skip);
            this.position.recordsInFile = skip;
            skip = 0;
          }
          const perItem = chunk.bytes / Math.max(chunk.items.length, 1);
          for (const item of items) {
            this.bytes += perItem;
            this.position.recordsInFile += 1;
            yield item;
          }
          Object.assign(this.position, { offset: chunk.nextOffset, line: chunk.nextLine, recordsInFile: 0 });
        }
      } else {
        const skip = first ? from.recordsInFile : 0;
        Object.assign(this.position, { fileIndex: i, offset: 0, line: 0, recordsInFile: skip });
        let index = 0;
        for await (const outcome of readInput(entry, (n) => (this.bytes += n))) {
          index += 1;
          if (index <= skip) continue;
          this.position.recordsInFile += 1;
          yield outcome.ok ? { row: toCableRow(outcome.record) } : { rejected: outcome.rejected };
        }
      }
      // The file is finished: the next record is the first of the next file.
      Object.assign(this.position, { fileIndex: i + 1, offset: 0, line: 0, recordsInFile: 0 });
    }
  }
}
