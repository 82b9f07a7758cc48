/**
 * The SUBJECT line, which may wrap over several lines and ends at the REF line, a blank
 * line, the `Classified By` line or the first paragraph.
 */
const SUBJECT_START = /(?<![(A-Z])S?UBJ(?:ECT)?\s*(?::\s*|\s+)(?!LINE)/i;
const SUBJECT_END = [
  /\n[ \t]*\n/,
  /\s*\n?\s*REF(?:S|TEL|\(S\))?\s*[:.]?\s+(?=[A-Z0-9(])/i,
  /\s+REFS?:\s/i,
  /C O N /,
  /SENSI?TIVE BUT/i,
  /\s*Classified\s+By/i,
  /\s*[1-9]\.?[ ]*\([^)]{1,10}\)/,
  /\s*1\.?\s+Summary/i,
  /-{4,}/,
  /\bPAGE\s+\d+/,
  /This is a?n Action Req/i,
];
const MAX_SUBJECT_SEARCH = 3000;

/** Subject as written (whitespace collapsed), or "" when the cable has none. */
export function parseSubjectRaw(text: string): string {
  const head = text.slice(0, MAX_SUBJECT_SEARCH);
  const m = SUBJECT_START.exec(head);
  if (!m) return '';
  let rest = head.slice(m.index + m[0].length);
  let end = rest.length;
  for (const pattern of SUBJECT_END) {
    const e = pattern.exec(rest);
    if (e && e.index < end) end = e.index;
  }
  rest = rest.slice(0, end);
  return rest.replace(/\s+/g, ' ').trim();
}

/** Removes `(C)`-style markings, a trailing ` (U)`, backslashes and entity debris. */
export function cleanSubject(subject: string): string {
  return subject
    .replace(/\\/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/^\s*\((?:U|C|S|SBU|TS|S\/NF|C\/NF|SBU\/NF|U\/\/FOUO|C\/REL[^)]*|S\/REL[^)]*|[A-Z/]{1,12})\)\s*[:.-]?\s*/, '')
    .replace(/\s+\((?:U|C|S|SBU|TS|[A-Z/]{1,8})\)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseSubject(text: string, clean = true): string {
  const raw = parseSubjectRaw(text);
  return clean ? cleanSubject(raw) : raw;
}
