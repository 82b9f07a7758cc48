/**
 * The seed text format: five metadata lines, then the raw header and body.
 *
 *   07LONDON3923                         reference id
 *   XXXXXXXXXXXX ARGUES TIME IS RIPE FOR subject (page title; empty for csv sources)
 *   Fri Oct 12 00:00:00 +0200 2007       date
 *   CONFIDENTIAL                         classification
 *   Embassy London                       origin
 *   VZCZCXRO8374 …                       header immediately followed by the body
 */
import type { ParseOutcome, SourceLocation } from './record.ts';
import { buildRecord, reject } from './build-record.ts';
import { parseSeedDate } from './dates.ts';
import { splitHeaderBody } from './split.ts';

const ID_LINE = /^\s*\d{2}[0-9A-Z-]*[A-Z][0-9A-Z-]*\s*$/;

export function parseCableText(text: string, source: SourceLocation): ParseOutcome {
  try {
    if (typeof text !== 'string' || text.trim() === '') return reject(source, 'empty input', '');
    if (text.includes('\u0000')) return reject(source, 'binary data (NUL bytes)', text.slice(0, 200));
    const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const normalized = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
    const lines = normalized.split('\n', 6);
    if (lines.length < 5) return reject(source, 'truncated: fewer than 5 metadata lines', normalized);
    const idLine = lines[0]!.trim();
    if (!ID_LINE.test(idLine)) return reject(source, `line 1 is not a cable reference id: ${JSON.stringify(idLine.slice(0, 60))}`, normalized);
    const [, subjectLine, dateLine, classificationLine, originLine] = lines as [string, string, string, string, string];
    let offset = 0;
    for (let i = 0; i < 5; i++) offset += lines[i]!.length + 1;
    const content = normalized.slice(Math.min(offset, normalized.length));
    const { header, body } = splitHeaderBody(content, idLine);
    return buildRecord(
      {
        id: idLine,
        date: parseSeedDate(dateLine),
        classification: classificationLine.trim() || null,
        origin: originLine.trim() || null,
        header,
        body,
        fallbackSubject: subjectLine.trim() || null,
      },
      source,
    );
  } catch (error) {
    return reject(source, `parser error: ${(error as Error).message}`, String(text).slice(0, 4000));
  }
}
