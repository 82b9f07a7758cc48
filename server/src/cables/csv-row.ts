/**
 * One row of the release's cables.csv: 8 columns, no header row.
 *
 *   row number, date (`12/28/1966 18:48`), reference id, origin, classification,
 *   references (`66STATE106206` or space/comma separated ids), header, body
 *
 * Backslash escapes (`\'`, `\"`) are undone by the reader before the row gets here.
 */
import type { ParseOutcome, SourceLocation } from './record.ts';
import { buildRecord, reject } from './build-record.ts';
import { parseCsvDate } from './dates.ts';

export const CSV_COLUMNS = 8;

export function parseCsvRow(fields: string[], source: SourceLocation): ParseOutcome {
  try {
    if (fields.length !== CSV_COLUMNS) {
      return reject(source, `csv row has ${fields.length} columns, expected ${CSV_COLUMNS}`, fields.join(',').slice(0, 4000));
    }
    const [, date, id, origin, classification, references, header, body] = fields as [string, string, string, string, string, string, string, string];
    if (header.includes('\u0000') || body.includes('\u0000')) return reject(source, 'binary data (NUL bytes) in csv row', `${id}`);
    return buildRecord(
      {
        id,
        date: parseCsvDate(date),
        classification: classification || null,
        origin: origin || null,
        header,
        body,
        extraReferences: references.split(/[\s,;]+/).filter((r) => r !== ''),
      },
      source,
    );
  } catch (error) {
    return reject(source, `parser error: ${(error as Error).message}`, fields.join(',').slice(0, 4000));
  }
}
