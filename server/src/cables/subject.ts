/**
 * The SUBJECT line, which may wrap over several lines and ends at the REF line, a blank
 * line, the `Classified By` line or the first paragraph. Only the opening of the body is
 * searched (up to the first numbered paragraph), so "the subject of negotiations" in the
 * text is never taken for it.
 */
import { subjectFixes } from './tables.ts';

const SUBJECT_START = /(?<![(A-Za-z])(?:(?:S?UBJ(?:ECT)?|Subj(?:ect)?)\s*:\s*|(?:SUBJECT|SUBJ)\s+(?!LINE))/gi;
const SUBJECT_END = [
  /\n[ \t]*\n/,
  /\s*\n?\s*REF(?:S|TEL|\(S\))?\s*[:.]?\s+(?=[A-Z0-9(])/i,
  /(?<=[A-Z’'])REFS?:\s/,
  /\s+REFS?:\s/i,
  /C O N /,
  /SENSI?TIVE BUT/i,
  /\s*Classified\s+By/i,
  /\s*[1-9]\.?[ ]*\([^)]{1,10}\)/,
  /\n[ \t]*¶?\d+[ \t]*\.\s/,
  /\s*1\.?\s+Summary/i,
  /-{4,}/,
  /\bPAGE\s+\d+/,
  /\s+[A-Z][A-Z ]+\s+\d{5,8}\s+\d{1,3}(?:\.\d)?\s+OF\s+\d{1,3}\b/,
  /This is a?n Action Req/i,
];
const FIRST_PARAGRAPH = /(?:^|\n)[ \t]*¶?1[ \t]*\.[ \t]*(?:\(|[A-Z])/;
const MAX_SUBJECT_SEARCH = 3000;

function isUpperKeyword(match: string): boolean {
  return /^S?UBJ/.test(match) && match.includes(':') ? true : /^(?:SUBJECT|SUBJ)\b/.test(match);
}

/** Subject as written (whitespace collapsed), or "" when the text has none. */
export function parseSubjectRaw(text: string): string {
  let head = text.slice(0, MAX_SUBJECT_SEARCH).replace(/\\[ \t]*(?=\n|$)/g, '');
  const firstParagraph = FIRST_PARAGRAPH.exec(head);
  if (firstParagraph) head = head.slice(0, firstParagraph.index + 1);
  SUBJECT_START.lastIndex = 0;
  for (let m = SUBJECT_START.exec(head); m; m = SUBJECT_START.exec(head)) {
    // `Subject:` in any case; without a colon only the upper-case keyword counts
    if (!m[0].includes(':') && !isUpperKeyword(m[0])) continue;
    let rest = head.slice(m.index + m[0].length);
    let end = rest.length;
    for (const pattern of SUBJECT_END) {
      const e = pattern.exec(rest);
      if (e && e.index < end) end = e.index;
    }
    rest = rest.slice(0, end);
    return rest
      .replace(/-[ \t]*\n[ \t]*/g, '-') // `US- \nLATIN` is one word broken at its hyphen
      .replace(/\s+/g, ' ')
      .trim();
  }
  return '';
}

/** Removes `(C)`-style markings, a trailing ` (U)`, backslashes and entity debris. */
export function cleanSubject(subject: string): string {
  const cleaned = subject
    .replace(/\\/g, '')
    .replace(/&#(\d{1,7});/g, (entity, n: string) => (Number(n) <= 0x10ffff ? String.fromCodePoint(Number(n)) : entity))
    .replace(/^\s*\((?:U|C|S|SBU|TS|S\/NF|C\/NF|SBU\/NF|U\/\/FOUO|C\/REL[^)]*|S\/REL[^)]*|[A-Z/]{1,12})\)\s*[:.-]?\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // a trailing ` (U)`; tested on the tail only, a `\s+…$` search over a long subject is slow
  return cleaned.endsWith(')') ? cleaned.replace(/ \((?:U|C|S|SBU|TS|[A-Z/]{1,8})\)$/, '') : cleaned;
}

export function parseSubject(text: string, clean = true): string {
  const raw = parseSubjectRaw(text);
  return clean ? cleanSubject(raw) : raw;
}

/**
 * Forwarded cables carry an e-mail header instead of a SUBJECT line:
 * `Subject: TRIPOLI 00000063 P CO 28-JAN-09 RISKY BUSINESS? … [8466936]`.
 */
export function subjectFromEmailHeader(header: string): string {
  const m = /(?:^|\n)Subject:[ \t]*([^\n]*(?:\n(?![A-Z][A-Za-z]*:|\s*\n)[^\n]*)?)/.exec(header);
  if (!m) return '';
  return cleanSubject(
    m[1]!
      .replace(/\s+/g, ' ')
      .replace(/^[A-Z][A-Z ]*?\s+\d{5,8}\s+[A-Z]{1,2}\s+[A-Z]{2}\s+\d{1,2}-[A-Z]{3}-\d{2}\s+/, '')
      .replace(/\s*\[\d+\]\s*$/, ''),
  );
}

/** A subject known from other publications, for cables whose text lacks one. */
export function knownSubject(cableId: string): string {
  return subjectFixes().get(cableId) ?? '';
}
