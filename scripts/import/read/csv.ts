/**
 * Streams cables.csv (1.7 GB for the full release) row by row: 8 columns, no header,
 * backslash escapes, newlines inside fields. A broken row is reported with its line and
 * skipped; the rest of the file goes on. Memory is bounded by the longest row.
 */
import type { Readable } from 'node:stream';
import type { ParseOutcome, SourceLocation } from '../../../server/src/cables/record.ts';
import { parseCsvRow } from '../../../server/src/cables/csv-row.ts';
import { CsvRowScanner, type ScannedRow } from './csv-scanner.ts';

export async function* readCsvStream(input: Readable, where: Omit<SourceLocation, 'format' | 'line'>): AsyncGenerator<ParseOutcome> {
  const scanner = new CsvRowScanner();
  // a non-fatal decoder: a row with invalid UTF-8 is rejected on its own (U+FFFD inside)
  const decoder = new TextDecoder('utf-8');
  const outcome = (row: ScannedRow): ParseOutcome => {
    const source: SourceLocation = { ...where, format: 'csv', line: row.line };
    if (!row.ok) return { ok: false, rejected: { source, reason: `broken csv row: ${row.reason}`, raw: row.raw } };
    if (row.fields.some((f) => f.includes('\uFFFD'))) {
      return { ok: false, rejected: { source, reason: 'invalid UTF-8 (wrong encoding) in csv row', raw: row.fields.join(',').slice(0, 4000) } };
    }
    return parseCsvRow(row.fields, source);
  };
  try {
    for await (const chunk of input) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
      if (text.includes('\u0000')) {
        yield { ok: false, rejected: { source: { ...where, format: 'csv' }, reason: 'binary data (NUL bytes) in csv file; rest of file skipped', raw: '' } };
        input.destroy();
        return;
      }
      for (const row of scanner.push(text)) yield outcome(row);
    }
    const tail = decoder.decode();
    for (const row of [...scanner.push(tail), ...scanner.end()]) yield outcome(row);
  } catch (error) {
    yield { ok: false, rejected: { source: { ...where, format: 'csv' }, reason: `read error: ${(error as Error).message}`, raw: '' } };
  }
}
