/**
 * Body text for reading and full-text indexing: paragraph numbers and `(C)`-style markings,
 * `Summary:`/`Comment:` openers and their `End Summary`/`End Comment` closers, SIPDIS lines
 * and heading rules removed.
 */
const PARAGRAPH_MARK = /^[ \t]*¶?\d+\.[ \t]*(?:\(?(?:U|C|S|TS|SBU|LOU|NF|[A-Z]{1,4}(?:\/+[A-Z]{1,4})*)\)[ \t]*)?/gm;
const OPENER = /^(?:(?:BEGIN\s+)?SUMMARY(?:\s+AND\s+[A-Z ]+?)?|COMMENT)\s*[:.]\s*/i;
const CLOSER = /\s*\bEND\s+(?:SUMMARY|COMMENT)(?:\s+AND\s+[A-Z ]+?)?\s*\.?/gi;

export function cleanContent(text: string): string {
  return text
    .replace(PARAGRAPH_MARK, '')
    .split('\n')
    .map((line) => line.replace(OPENER, ''))
    .join('\n')
    .replace(CLOSER, ' ')
    .replace(/\n[ \t]*\n[ \t]*SIPDIS[ \t]*\n/g, '\n')
    .replace(/^[ \t]*SIPDIS[ \t]*\n/gm, '')
    .replace(/^-{3,}[ \t]*$/gm, '');
}
