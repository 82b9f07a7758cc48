/**
 * The TAGS line: `TAGS: PREL KNNP MNUC IR UK` (HTML) or `TAGS: PGOV, PHUM, PE` (csv).
 * Canonical form: upper case, typos fixed, glued tags split (`ITPHUM` → IT, PHUM),
 * person tags as `SURNAME, GIVEN`, duplicates and SIPDIS dropped.
 */
import type { Tag } from './record.ts';
import { tagKind } from './tag-kind.ts';
import { organisationTags, subjectTags } from './tables.ts';
import { KNOWN_PERSONS, PHRASE_TAGS, TAG_FIXES, GIVEN_NAMES } from './tag-tables.ts';

const TAGS_MARKER = /(?:^|[\s.])(?:TAGS|TAGES|TAGS?|TABS|TAS|TGS|AGS)\s*(?:[:;,]\s*|\s+)/i;
const PAGE_NOISE = /\s*\b(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|SENSITIVE)?\s*PAGE\s+\d+\s+[A-Z]+(?:\s+[A-Z]+)?\s+\d+\s+(?:\d+\s+OF\s+\d+\s+)?\d{6}Z/g;
const SUBJECT = /\bSUBJ(?:ECT)?\b\s*:?|\bE\.\s?O\.|\bREF\s*:|Classified\s+By/i;

/** The raw text of the TAGS field (possibly spanning lines), or null. */
export function findTagsText(text: string): string | null {
  const head = text.slice(0, 4000);
  const m = TAGS_MARKER.exec(head);
  if (!m) return null;
  const rest = head.slice(m.index + m[0].length);
  const lines = rest.split('\n');
  let out = cutAtSubject(lines[0]!);
  if (out.cut) return out.text;
  let collected = out.text;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '') break;
    const endsWithComma = /,\s*$/.test(collected);
    const looksLikeList = /^[A-Za-z_-]+\s*,/.test(trimmed);
    const nextIsSubject = /^\s*SUBJ/i.test(lines[i + 1] ?? '') || SUBJECT.test(trimmed);
    const tagLike = /^[A-Z0-9_(),.\s-]+$/.test(trimmed.split(SUBJECT)[0]!.trim() || 'x');
    if (!(endsWithComma || looksLikeList || (nextIsSubject && tagLike) || (tagLike && SUBJECT.test(trimmed) && !SUBJECT.test(trimmed.slice(0, 3))))) break;
    out = cutAtSubject(line);
    collected += ' ' + out.text;
    if (out.cut) break;
  }
  return collected;
}

function cutAtSubject(line: string): { text: string; cut: boolean } {
  const m = SUBJECT.exec(line);
  return m ? { text: line.slice(0, m.index), cut: true } : { text: line, cut: false };
}

/** TAGS as written, upper-cased, split on commas/spaces (context.canonicalize = false). */
export function parseTagsAsWritten(text: string): string[] {
  const raw = findTagsText(text);
  if (raw === null) return [];
  return raw
    .replace(PAGE_NOISE, ' ')
    .toUpperCase()
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

export function parseTagCodes(text: string): string[] {
  const raw = findTagsText(text);
  if (raw === null) return [];
  return canonicalTags(raw.replace(PAGE_NOISE, ' '));
}

export function parseTags(text: string): Tag[] {
  return parseTagCodes(text).map((code) => ({ code, kind: tagKind(code) }));
}

const isCode = (w: string): boolean =>
  /^[A-Z]{2}$/.test(w) || /^K[A-Z]{3}$/.test(w) || subjectTags().has(w) || organisationTags().has(w);

/** Splits a glued run of codes (`ITPHUM`, `KFRDKIRFCVIS…EG`) if it splits cleanly. */
function splitGlued(word: string): string[] | null {
  if (word.length < 5) return null;
  const memo = new Map<number, string[] | null>();
  const go = (at: number): string[] | null => {
    if (at === word.length) return [];
    if (memo.has(at)) return memo.get(at)!;
    let result: string[] | null = null;
    for (const len of [4, 2, 3, 5]) {
      const piece = word.slice(at, at + len);
      if (piece.length !== len) continue;
      const known = len === 2 ? /^[A-Z]{2}$/.test(piece) : subjectTags().has(piece) || /^K[A-Z]{3}$/.test(piece) || organisationTags().has(piece);
      if (!known) continue;
      const rest = go(at + len);
      if (rest) {
        result = [piece, ...rest];
        break;
      }
    }
    memo.set(at, result);
    return result;
  };
  const parts = go(0);
  // Two-letter-only splits of ordinary words (LABOR → LA BO R) are not tags.
  if (!parts || parts.every((p) => p.length === 2)) return null;
  return parts;
}

export function canonicalTags(raw: string): string[] {
  const out: string[] = [];
  const add = (tag: string): void => {
    const t = tag.trim().replace(/\s+/g, ' ');
    if (t === '' || t === 'SIPDIS' || out.includes(t)) return;
    out.push(t);
  };
  let text = raw.toUpperCase();
  // Parenthesised person tags: `OVIP (STEINBERG, JAMES B.)`
  text = text.replace(/\(([^)]*)\)/g, (_, inner: string) => `, ¤${inner.trim()}¤ ,`);
  for (const segment of text.split(',')) {
    const seg = segment.trim();
    if (seg === '') continue;
    if (seg.startsWith('¤')) {
      const inner = seg.replace(/¤/g, '').trim();
      add(inner);
      continue;
    }
    // inside a person tag like `STEINBERG, JAMES B.` the comma split broke it; re-join handled above
    for (const tag of splitSegment(seg.replace(/¤/g, ''))) add(tag);
  }
  return out;
}

/** One comma-separated segment: codes, glued codes, persons and free-text phrases. */
function splitSegment(segment: string): string[] {
  const words = segment.split(/\s+/).map((w) => w.replace(/[.;:]+$/, '')).filter((w) => w !== '');
  const result: string[] = [];
  let phrase: string[] = [];
  const flush = (): void => {
    if (phrase.length === 0) return;
    for (const p of splitPhrase(phrase)) result.push(p);
    phrase = [];
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const fixed = TAG_FIXES.get(w);
    const nextTwo = words.slice(i, i + 2).join(' ');
    if (KNOWN_PERSONS.has(nextTwo)) {
      flush();
      result.push(KNOWN_PERSONS.get(nextTwo)!);
      i += 1;
      continue;
    }
    const phraseHere = longestPhrase(words, i);
    if (phraseHere > 0) {
      flush();
      result.push(words.slice(i, i + phraseHere).join(' '));
      i += phraseHere - 1;
      continue;
    }
    if (fixed) {
      flush();
      result.push(...fixed);
      continue;
    }
    const inPhrase = phrase.length > 0 && !isCode(w) || (phrase.length > 0 && w.length <= 3 && i + 1 < words.length && !isCode(words[i + 1]!));
    if (isCode(w) && !inPhrase) {
      flush();
      result.push(w);
      continue;
    }
    const glued = isCode(w) ? null : splitGlued(w);
    if (glued && phrase.length === 0) {
      result.push(...glued);
      continue;
    }
    if (words.length === 1 || (phrase.length === 0 && /^[A-Z]{1,4}$/.test(w) && !isLongWord(words[i + 1]))) {
      flush();
      result.push(w);
      continue;
    }
    phrase.push(w);
  }
  flush();
  return result;
}

const isLongWord = (w: string | undefined): boolean => w !== undefined && !isCode(w) && w.length > 3;

function longestPhrase(words: string[], at: number): number {
  for (let n = Math.min(5, words.length - at); n >= 2; n--) {
    if (PHRASE_TAGS.has(words.slice(at, at + n).join(' '))) return n;
  }
  return 0;
}

/** A run of non-code words: person names (`NOVO GUILLERMO`) or one free-text tag. */
function splitPhrase(words: string[]): string[] {
  if (words.length === 1) return [words[0]!];
  if (words.length % 2 === 0) {
    const pairs: string[] = [];
    for (let i = 0; i < words.length; i += 2) {
      if (!GIVEN_NAMES.has(words[i + 1]!)) return [words.join(' ')];
      pairs.push(`${words[i]}, ${words[i + 1]}`);
    }
    return pairs;
  }
  return [words.join(' ')];
}
