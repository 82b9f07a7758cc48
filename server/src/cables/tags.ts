/**
 * The TAGS line: `TAGS: PREL KNNP MNUC IR UK` (HTML) or `TAGS: PGOV, PHUM, PE` (csv).
 * Canonical form: upper case, typos fixed, glued tags split (`ITPHUM` → IT, PHUM),
 * person tags as `SURNAME, GIVEN`, duplicates and SIPDIS dropped.
 */
import type { Tag } from './record.ts';
import { tagKind } from './tag-kind.ts';
import { freeTextTags, givenNames, organisationTags, subjectTags } from './tables.ts';
import { KNOWN_PERSONS, PHRASE_FIXES, TAG_FIXES } from './tag-tables.ts';
import { knownStation } from './stations.ts';
import { canonicalStation } from './canonical-id.ts';

// `DECL: 08/16/2015TAGS: …`: records that lost their line breaks glue the label to the date before it
const TAGS_MARKER = /(?:^|[\s.]|(?<=\d))(?:TAGS|TAGES|TAGS?|TABS|TAS|TGS|AGS)\s*(?:[:;,]\s*|\s+)/gi;
const PAGE_NOISE = /\s*\b(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|SENSITIVE)?\s*PAGE\s+\d+\s+[A-Z]+(?:\s+[A-Z]+)?\s+\d+\s+(?:\d+\s+OF\s+\d+\s+)?\d{6}Z/g;
const SUBJECT = /\bSUBJ(?:ECT)?\b\s*:?|\bE\.\s?O\.|\bREF\s*:|Classified\s+By/i;

const CLASSIFICATION_BANNER =
  /\b(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED\s+OFFICIAL\s+USE|SENSITIVE(?:\s+BUT\s+UNCLASSIFIED)?|NOFORN|FOR\s+OFFICIAL\s+USE\s+ONLY)\b(?:\s*\/\/\s*[A-Z]+)?|(?<![A-Z])(?:[A-Z] ){3,}[A-Z](?![A-Z])|\bSECTION\s+\d+\s+OF\s+\d+\b/g;
/** A page header's `STATION SERIAL [n OF m]`, possibly glued to the tag before it (`ITROME 00001234`). */
const STATION_SERIAL = /((?:[A-Z]+[ \t]+){0,2}[A-Z]+)[ \t]+\d{4,8}(?:[ \t]+\d{1,3}[ \t]+OF[ \t]+\d{1,3})?\b/g;

/** `PREL ROME` → `PREL`, `KDEMBAGHDAD` → `KDEM`: the words before a page header's station. */
function beforeStation(words: string): string | null {
  const list = words.split(/[ \t]+/);
  for (let k = Math.min(3, list.length); k >= 1; k--) {
    if (knownStation(canonicalStation(list.slice(-k).join('')))) return list.slice(0, -k).join(' ');
  }
  const last = list.at(-1)!;
  for (const cut of [2, 4]) {
    if (isCode(last.slice(0, cut)) && knownStation(canonicalStation(last.slice(cut)))) return [...list.slice(0, -1), last.slice(0, cut)].join(' ');
  }
  return null;
}

/**
 * Page-break noise inside a TAGS field that runs over a page: the repeated classification, the
 * page header (`PAGE 02 ROME 01234 01 OF 02 121212Z`, `ROME 00001234 002 OF 003`), even glued to
 * the tag before it. Tags never contain digits, so a station followed by a serial is never a tag.
 */
export function removePageBreaks(text: string): string {
  return text
    .replace(PAGE_NOISE, ' ')
    .replace(/\bPAGE[ \t]+\d+[ \t]+[A-Z]+(?:[ \t]+[A-Z]+)?[ \t]+\d+(?:[ \t]+\d+[ \t]+OF[ \t]+\d+)?(?:[ \t]+\d{6}Z)?/g, ' ')
    .replace(CLASSIFICATION_BANNER, ' ')
    .replace(STATION_SERIAL, (m, words: string) => {
      const kept = beforeStation(words);
      return kept === null ? m : ` ${kept} `;
    });
}

const isPageBreakLine = (line: string): boolean => line.trim() !== '' && removePageBreaks(line.toUpperCase()).replace(/[\s,]/g, '') === '';

/** The raw text of the TAGS field (possibly spanning lines), or null. */
export function findTagsText(text: string): string | null {
  const head = text.slice(0, 4000);
  let marked = false;
  // `C O R R E C T E D C O P Y - TAG`: a marker with nothing after it is a word, not the field
  for (const m of head.matchAll(TAGS_MARKER)) {
    marked = true;
    const field = tagsFieldAfter(head.slice(m.index + m[0].length));
    // a lone `\` ends a line of csv-derived text: a line break, never a tag
    if (removePageBreaks(field.toUpperCase()).replace(/[\s,\\]/g, '') !== '') return field.replace(/(?<=^|\s)\\+(?=\s|$)/g, ' ');
  }
  return marked ? '' : unmarkedTagsLine(head);
}

/** Whether a line holds codes rather than words of a sentence: at least half of its words are tags. */
function codeLine(line: string): boolean {
  const words = removePageBreaks(line.toUpperCase().split(SUBJECT)[0]!).split(/[\s,\\]+/).filter(Boolean);
  return words.length > 0 && words.filter((w) => isCode(w) || splitGlued(w) !== null).length * 2 >= words.length;
}

/** The TAGS field from right after its marker: its first line and the lines that continue it. */
function tagsFieldAfter(rest: string): string {
  const lines = rest.split('\n');
  let out = cutAtSubject(lines[0]!);
  if (out.cut) return out.text;
  let collected = out.text;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (isPageBreakLine(trimmed)) {
      collected += ' ' + trimmed;
      continue;
    }
    if (trimmed === '') {
      // a page break may leave a blank line inside the field
      if (isPageBreakLine(lines[i - 1] ?? '') || isPageBreakLine(lines[i + 1] ?? '')) continue;
      break;
    }
    // a line that opens a list continues the field only with codes (`AU-I, CD, SU, LY`): `RUN-OFF,` before a
    // sentence is a subject that lost its label
    const endsWithComma = /,\s*$/.test(collected);
    const looksLikeList = /^[A-Za-z_-]+\s*,/.test(trimmed) && codeLine(trimmed);
    const nextIsSubject = /^\s*SUBJ/i.test(lines[i + 1] ?? '') || SUBJECT.test(trimmed);
    const tagLike = /^[A-Z0-9_(),.\s-]+$/.test(trimmed.split(SUBJECT)[0]!.trim() || 'x');
    if (!(endsWithComma || looksLikeList || (nextIsSubject && tagLike) || (tagLike && SUBJECT.test(trimmed) && !SUBJECT.test(trimmed.slice(0, 3))))) break;
    out = cutAtSubject(line);
    collected += ' ' + out.text;
    if (out.cut) break;
  }
  return collected;
}

/**
 * Some cables lost the `TAGS:` label; the codes still sit on their own line between the
 * E.O. line and the SUBJECT line (`EFIN, ECON, EINV, PGOV, CH`).
 */
function unmarkedTagsLine(head: string): string | null {
  const m = /(?:^|\n)[ \t]*E\.?\s?O\.?\s*1\d{3,4}[^\n]*\n[ \t]*([A-Z]{2,4}(?:[ \t]*,?[ \t]+[A-Z]{2,4})+)[ \t,]*\n[ \t]*SUBJ/.exec(head);
  if (!m) return null;
  const codes = m[1]!.split(/[\s,]+/);
  return codes.filter(isCode).length >= Math.max(2, codes.length - 1) ? m[1]! : null;
}

function cutAtSubject(line: string): { text: string; cut: boolean } {
  const m = SUBJECT.exec(line);
  return m ? { text: line.slice(0, m.index), cut: true } : { text: line, cut: false };
}

/** TAGS as written, upper-cased, split on commas/spaces (context.canonicalize = false). */
export function parseTagsAsWritten(text: string): string[] {
  const raw = findTagsText(text);
  if (raw === null) return [];
  return removePageBreaks(raw.toUpperCase())
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

export function parseTagCodes(text: string): string[] {
  const raw = findTagsText(text);
  if (raw === null) return [];
  return canonicalTags(removePageBreaks(raw.toUpperCase()));
}

export function parseTags(text: string): Tag[] {
  return parseTagCodes(text).map((code) => ({ code, kind: tagKind(code) }));
}

const isCode = (w: string): boolean =>
  /^[A-Z]{2}$/.test(w) || /^K[A-Z]{3}$/.test(w) || subjectTags().has(w) || organisationTags().has(w);

/** Pieces a glued run may be made of: subject/program tags and country codes. */
const gluePiece = (piece: string): boolean =>
  piece.length === 2 ? /^[A-Z]{2}$/.test(piece) : piece.length === 4 && (subjectTags().has(piece) || /^K[A-Z]{3}$/.test(piece));

/**
 * Splits a glued run of codes (`ITPHUM`, `KFRDKIRFCVIS…EG`). Ordinary words also split
 * into two-letter pieces (`DOMESTIC` → DO ME ST IC), so at most one country code is allowed.
 */
function splitGlued(word: string): string[] | null {
  if (word.length < 6 || !/^[A-Z]+$/.test(word)) return null;
  const go = (at: number, countries: number): string[] | null => {
    if (at === word.length) return [];
    for (const len of [4, 2]) {
      const piece = word.slice(at, at + len);
      if (piece.length !== len || !gluePiece(piece)) continue;
      const used = countries + (len === 2 ? 1 : 0);
      if (used > 1) continue;
      const rest = go(at + len, used);
      if (rest) return [piece, ...rest];
    }
    return null;
  };
  return go(0, 0);
}

export function canonicalTags(raw: string): string[] {
  const out: string[] = [];
  const add = (tag: string): void => {
    const t = tag.trim().replace(/\s+/g, ' ');
    if (t === '' || t === 'SIPDIS' || out.includes(t)) return;
    out.push(t);
  };
  const persons: string[] = [];
  // Parenthesised person tags (`OVIP (STEINBERG, JAMES B.)`) keep their comma.
  const text = raw
    .toUpperCase()
    .replace(/RIGHTSPOLMIL/g, 'RIGHTS POLMIL')
    .replace(/\(([^)]*)\)/g, (_, inner: string) => `,\u0001${persons.push(inner.trim()) - 1},`);
  for (const segment of text.split(/[,;]/)) {
    const seg = segment.trim();
    if (seg === '') continue;
    const placeholder = /^\u0001(\d+)$/.exec(seg);
    if (placeholder) {
      add(persons[Number(placeholder[1])]!);
      continue;
    }
    for (const tag of splitSegment(seg)) add(tag);
  }
  return out;
}

/** One comma-separated segment: codes, glued codes, persons and free-text phrases. */
function splitSegment(segment: string): string[] {
  const words = segment
    .split(/\s+/)
    .map((w) => w.replace(/^[.;:'"]+|[.;:'"]+$/g, ''))
    .filter((w) => w !== '' && w !== '&');
  const result: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    result.push(...splitRun(run));
    run = [];
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const person = KNOWN_PERSONS.get(`${w} ${words[i + 1] ?? ''}`);
    if (person) {
      flush();
      result.push(person);
      i++;
      continue;
    }
    const phrase = longestFreeText(words, i);
    if (phrase > 0) {
      flush();
      let length = phrase;
      // `FEE TRADE AGREEMENT OF AMERICA`: a known phrase continued by `OF`/`IN`… and more words
      while (FUNCTION_WORDS.has(words[i + length] ?? '') && isPlainWord(words[i + length + 1])) {
        length += 2;
        while (isPlainWord(words[i + length]) && longestFreeText(words, i + length) === 0) length++;
      }
      const text = words.slice(i, i + length).join(' ');
      result.push(PHRASE_FIXES.get(text) ?? text);
      i += length - 1;
      continue;
    }
    const fixed = TAG_FIXES.get(w);
    if (fixed) {
      flush();
      result.push(...fixed);
      continue;
    }
    const next = words[i + 1];
    // A country-like pair of letters between two words of a phrase is part of it (`TIP IN TURKEY`).
    const inPhrase = run.length > 0 && /^[A-Z]{2}$/.test(w) && next !== undefined && !isCode(next) && splitGlued(next) === null;
    if (isCode(w) && !inPhrase) {
      flush();
      result.push(w);
      continue;
    }
    const glued = inPhrase ? null : splitGlued(w);
    if (glued) {
      flush();
      result.push(...glued);
      continue;
    }
    run.push(w);
  }
  flush();
  return result;
}

/** Two-letter English words that are also country codes (OF is none, but IN is India). */
const FUNCTION_WORDS = new Set(['OF', 'IN', 'TO', 'ON', 'AT', 'BY', 'OR', 'AN', 'FOR', 'AND', 'THE']);
const isPlainWord = (w: string | undefined): boolean =>
  w !== undefined && w.length > 2 && !isCode(w) && splitGlued(w) === null && !TAG_FIXES.has(w);

function longestFreeText(words: string[], at: number): number {
  for (let n = Math.min(6, words.length - at); n >= 2; n--) {
    const candidate = words.slice(at, at + n).join(' ');
    if (freeTextTags().has(candidate) || PHRASE_FIXES.has(candidate)) return n;
  }
  return 0;
}

/** A run of non-code words: `SURNAME GIVEN` pairs become person tags, the rest free text. */
function splitRun(run: string[]): string[] {
  const out: string[] = [];
  let phrase: string[] = [];
  for (let i = 0; i < run.length; i++) {
    const given = run[i + 1];
    if (given !== undefined && givenNames().has(given) && !givenNames().has(run[i]!)) {
      if (phrase.length > 0) out.push(phrase.join(' '));
      phrase = [];
      out.push(`${run[i]}, ${given}`);
      i++;
      continue;
    }
    phrase.push(run[i]!);
  }
  if (phrase.length > 0) out.push(phrase.join(' '));
  return out;
}
