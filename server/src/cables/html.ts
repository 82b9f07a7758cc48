/**
 * A WikiLeaks cablegate HTML page (`cable/2007/10/07LONDON3923.html`): the metadata table
 * (reference id, created, released, classification, origin) and one or two `<code><pre>`
 * blocks (header, body). Pages are machine-generated, so targeted extraction is enough and
 * far faster than building a DOM for the ~100 KB of navigation around each cable.
 */
import { decodeHTML } from 'entities';
import type { ParseOutcome, SourceLocation } from './record.ts';
import { buildRecord, reject } from './build-record.ts';
import { parseHtmlDate } from './dates.ts';

const TITLE = /<h3>\s*Viewing cable\s+([^,<]+?)\s*,\s*([\s\S]*?)<\/h3>/i;
const TABLE = /<table\s+class\s*=\s*["']cable["']\s*>([\s\S]*?)<\/table>/i;
const CELL = /<td>([\s\S]*?)<\/td>/gi;
const PRE = /<code>\s*<pre>([\s\S]*?)<\/pre>\s*<\/code>/gi;

/** Text of an HTML fragment: tags removed, entities decoded, `&#x000A;` as newline. */
export function htmlFragmentToText(fragment: string): string {
  return decodeHTML(fragment.replace(/<[^>]*>/g, ''));
}

export function parseCableHtml(html: string, source: SourceLocation): ParseOutcome {
  try {
    const table = TABLE.exec(html);
    if (!table) return reject(source, 'no cable metadata table (not a cable page)', html.slice(0, 2000));
    const cells = [...table[1]!.matchAll(CELL)].map((m) => htmlFragmentToText(m[1]!).replace(/\s+/g, ' ').trim());
    if (cells.length < 5) return reject(source, `cable table has ${cells.length} cells, expected 5`, table[0].slice(0, 2000));
    const [id, created, , classification, origin] = cells as [string, string, string, string, string];
    const pres = [...html.matchAll(PRE)].map((m) => htmlFragmentToText(m[1]!));
    if (pres.length === 0) return reject(source, 'cable page has no <code><pre> text', html.slice(0, 2000));
    const header = pres.length >= 2 ? pres[0]! : '';
    const body = pres.length >= 2 ? pres.slice(1).join('\n') : pres[0]!;
    const title = TITLE.exec(html);
    return buildRecord(
      {
        id,
        date: parseHtmlDate(created),
        classification: classification || null,
        origin: origin || null,
        header,
        body,
        fallbackSubject: title ? htmlFragmentToText(title[2]!).trim() : null,
        preferHeaderTime: true,
      },
      source,
    );
  } catch (error) {
    return reject(source, `parser error: ${(error as Error).message}`, html.slice(0, 2000));
  }
}
