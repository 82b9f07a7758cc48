/**
 * Streams cables.csv (1.7 GB for the full release) row by row with csv-parse: 8 columns,
 * no header, backslash escapes, newlines inside fields. A broken row is reported and
 * skipped; the rest of the file goes on.
 */
import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import type { ParseOutcome, SourceLocation } from '../../../server/src/cables/record.ts';
import { parseCsvRow } from '../../../server/src/cables/csv-row.ts';

/** csv-parse handles `\"` and `\\`; the dump also escapes other characters (`\'`). */
const unescape = (field: string): string => (field.includes('\\') ? field.replace(/\\([^\\"])/g, '$1') : field);

export async function* readCsvStream(input: Readable, where: Omit<SourceLocation, 'format' | 'line'>): AsyncGenerator<ParseOutcome> {
  const skipped: ParseOutcome[] = [];
  const parser = input.pipe(
    parse({
      escape: '\\',
      quote: '"',
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        const lines = (error as { lines?: number } | undefined)?.lines;
        const source: SourceLocation = { ...where, format: 'csv', ...(lines ? { line: lines } : {}) };
        skipped.push({ ok: false, rejected: { source, reason: `broken csv row: ${error?.message ?? 'unknown error'}`, raw: String(raw ?? '').slice(0, 4000) } });
        return undefined;
      },
    }),
  );
  input.on('error', (error) => parser.destroy(error));
  let previousEnd = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      while (skipped.length > 0) yield skipped.shift()!;
      const line = previousEnd + 1;
      previousEnd = item.info.lines;
      const source: SourceLocation = { ...where, format: 'csv', line };
      yield parseCsvRow(item.record.map(unescape), source);
    }
  } catch (error) {
    // A fault csv-parse cannot skip (e.g. an unterminated quote at end of file) ends this file only.
    yield { ok: false, rejected: { source: { ...where, format: 'csv', line: previousEnd + 1 }, reason: `unreadable csv from here on: ${(error as Error).message}`, raw: '' } };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}
