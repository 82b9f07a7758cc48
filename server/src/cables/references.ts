/**
 * The REF block near the top of the body: which cables (and e-mails, reports…) a cable cites.
 *
 *   REF: A. TBILISI 1605  B. 06 TBILISI 2601  C. LEE-GOLDSTEIN EMAIL 05/11/07
 *
 * A cited cable is `[year] STATION SERIAL`; the year defaults to the citing cable's year,
 * as the release itself does. Cable ids go through canonicalCableId so edges meet.
 */
import type { Reference, ReferenceKind } from './record.ts';
import { canonicalCableId, canonicalStation } from './canonical-id.ts';
import { knownStation, nearestStation } from './stations.ts';
import { FIRST_RELEASE_YEAR, fullYear } from './year-from-id.ts';

/** `REF:`, `REFS:`, `REFTEL:`, `REF(S):`, `PROGRAM REF:`, `REF A…` after a word boundary; `…PRIMEREF:` glued. */
const REF_AT = /(?:REFERENCES?\s*:\s*|REF(?:S|TELS?|\(S\))?(?:\s*[:.;,]\s*|\s+(?=[A-Z0-9(\['])))/iy;
const GLUED_REF_AT = /REFS?:\s*/y;
const REF_CANDIDATE = /REF/gi;

/** The first REF marker of `head`: where it starts and where the list after it begins. */
function findMarker(head: string): { index: number; end: number } | null {
  REF_CANDIDATE.lastIndex = 0;
  for (let c = REF_CANDIDATE.exec(head); c; c = REF_CANDIDATE.exec(head)) {
    const at = c.index;
    const before = at === 0 ? '' : head[at - 1]!;
    if (before === '' || /[\s.):;¶\\]/.test(before)) {
      REF_AT.lastIndex = at;
      const m = REF_AT.exec(head);
      if (m) {
        const program = /PROGRAM\s+$/.exec(head.slice(Math.max(0, at - 12), at));
        return { index: program ? at - program[0].length : at, end: at + m[0].length };
      }
    } else if (/[A-Z’']/.test(before)) {
      GLUED_REF_AT.lastIndex = at;
      const m = GLUED_REF_AT.exec(head);
      if (m) return { index: at, end: at + m[0].length };
    }
    REF_CANDIDATE.lastIndex = at + 1;
  }
  return null;
}
/** Where the REF block certainly ends. */
const BLOCK_END = [
  /Classi\w*\s+By\b/i,
  /(?:^|\n)[ \t]*¶?[ \t]*1[ \t]*\.[ \t]*\S/,
  /(?:^|\s)¶?\s*1\s*\.?\s*\((?:U|C|S|SBU|S\/NF|C\/NF|TS)[^)]{0,10}\)/i,
  /\b(?:BEGIN\s+)?SUMMARY\b/i,
  /C\s+O\s+N\s+F\s+I\s+D|S\s+E\s+C\s+R\s+E\s+T\b|U\s+N\s+C\s+L\s+A\s+S|C\s+O\s+R\s+R\s+E\s+C\s+T\s+E\s+D/i,
  /SENSITIVE\s+BUT\s+UNCLASSIFIED/i,
  /\n[ \t]*\n[ \t]*\n/,
  /\n\s*(?:SUBJECT|TAGS|E\.O\.)\s*:/,
  // a metadata dump pasted into some cables (`id: 112682`, `refid: 07LIMA2129`)
  /\n\s*(?:id|date|refid|origin|classification|destination|header):/,
  /\n\s*(?:VZCZC|FM\s|TO\s|INFO\s)/,
];
/** Page headers repeated in the middle of the text. */
const PAGE_NOISE = [
  /\bPAGE\s+\d+\s+[A-Z]+(?:\s+[A-Z]+)?\s+\d+\s+(?:\d+\s+OF\s+\d+\s+)?\d{6}Z/g,
  /\b[A-Z][A-Z' ]{1,30}?\s+\d{5,8}\s+\d{1,3}(?:\.\d+)?\s+OF\s+\d{1,3}\b/g,
  /\b(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)(?:\\n|\s)+(?=PAGE\b)/g,
];
const MAX_BLOCK = 3000;

export interface ParsedReferences {
  /** Canonical ids of the cited cables, in order, deduplicated, self excluded. */
  cableIds: string[];
  /** Every reference, typed, with its bullet letter. */
  typed: Reference[];
}

interface Block {
  text: string;
  /** `A. REF AMMAN 222`: a bullet written before the REF keyword. */
  leadingBullet: string | null;
}

/** Finds the REF block(s) in `text` (the start of a body) and parses them. */
export function parseReferences(text: string, year: number | null, selfId: string | null = null): ParsedReferences {
  const result: ParsedReferences = { cableIds: [], typed: [] };
  findReferenceBlocks(text).forEach((block, index) => {
    const parsed = parseReferenceBlock(block.text, year, selfId, block.leadingBullet);
    const seen = new Set(result.cableIds);
    for (const id of parsed.cableIds) if (!seen.has(id)) result.cableIds.push(id);
    // a repeated copy of the text only adds what the first copy lacked
    result.typed.push(...(index === 0 ? parsed.typed : parsed.typed.filter((r) => r.cableId !== null && !seen.has(r.cableId))));
  });
  return result;
}

function blockAt(text: string, from: number): { block: Block; end: number } | null {
  const head = text.slice(from, from + 6000);
  const marker = findMarker(head);
  if (!marker) return null;
  const start = marker.end;
  let end = Math.min(head.length, start + MAX_BLOCK);
  for (const pattern of BLOCK_END) {
    const m = pattern.exec(head.slice(start, end));
    if (m) end = start + m.index;
  }
  // a bullet opens its own line (`A. REF AMMAN 222`); `U.S.` or `(CORRECTED COPY)` before REF is no bullet
  const before = /(?:^|\n)[ \t]*¶?[ \t]*\(?([A-Z])[.)][ \t]*$/.exec(head.slice(0, marker.index));
  return { block: { text: head.slice(start, end), leadingBullet: before ? before[1]! : null }, end: from + end };
}

export function findReferenceBlocks(text: string): Block[] {
  const first = blockAt(text, 0);
  if (!first) return [];
  const blocks = [first.block];
  // Cables with a pasted metadata dump repeat their text, often with the complete REF list.
  const dump = text.indexOf('\nrefid:');
  if (dump > first.end) {
    const again = blockAt(text, dump);
    if (again) blocks.push(again.block);
  }
  return blocks;
}

/** Back-compat helper: the first REF block's text, or null. */
export function findReferenceBlock(text: string): string | null {
  return findReferenceBlocks(text)[0]?.text ?? null;
}

interface Item {
  bullet: string | null;
  text: string;
}

const nextLetter = (l: string): string => String.fromCharCode(l.charCodeAt(0) + 1);

/** Splits `A. X  B) Y  (C) Z  [D] W` into items; bullets must come in alphabetical order. */
function splitItems(block: string, leadingBullet: string | null): Item[] {
  const cleaned = block.replace(/\\\s*\n/g, '\n').replace(/¶/g, ' ');
  // `A.`, `A)`, `(A)`, `[A]`, `A:`, a bare `A`, and `A -` / `A --` at the start of a line
  const candidate = /(?:^|(?<=[\s;,.]))(?:REF\s+)?[[(]?([A-Za-z])(?:\.\)|[.):\]](?=\s|[A-Z0-9'([])|(?<=(?:^|\n)[ \t]*[A-Z])[ \t]+[-–]{1,2}[ \t]+|\s+(?=[A-Z0-9'(]))/g;
  const items: Item[] = [];
  let current: string | null = leadingBullet;
  let expected = leadingBullet ? nextLetter(leadingBullet) : 'A';
  let last = 0;
  for (let m = candidate.exec(cleaned); m; m = candidate.exec(cleaned)) {
    const letter = m[1]!.toUpperCase();
    const bare = !/[.):\]\-–]/.test(m[0]);
    if (letter !== expected) continue;
    // `a)`, `b.`: a lower-case bullet needs its punctuation (a bare `a` is the article)
    if (bare && m[1] !== letter) continue;
    // A bare letter (`REF A WELLINGTON 721 B WELLINGTON 690`) counts only at an item boundary.
    if (bare && cleaned.slice(last, m.index).trim() !== '' && !/\d\s*$/.test(cleaned.slice(last, m.index))) continue;
    items.push({ bullet: current, text: cleaned.slice(last, m.index) });
    current = letter;
    expected = nextLetter(letter);
    last = m.index + m[0].length;
    // `A. A) BERN 1253`, `A. REF A: 09 SOFIA 154`: the letter repeated after its bullet
    const repeat = new RegExp(`^\\s*(?:REF\\s+)?[[(]?${letter}(?:\\.\\)|[.):\\]]|\\s+(?=[A-Z0-9'(]))\\s*`).exec(cleaned.slice(last));
    if (repeat) last += repeat[0].length;
    candidate.lastIndex = last;
  }
  items.push({ bullet: current, text: cleaned.slice(last) });
  return items.filter((i) => i.text.trim() !== '');
}

export function parseReferenceBlock(block: string, year: number | null, selfId: string | null, leadingBullet: string | null = null): ParsedReferences {
  let text = block;
  for (const noise of PAGE_NOISE) text = text.replace(noise, ' ');
  const self = selfId ? canonicalCableId(selfId) : null;
  const ownStation = self ? /^\d{2}([A-Z-]+?)\d+$/.exec(self)?.[1] ?? null : null;
  const cableIds: string[] = [];
  const typed: Reference[] = [];
  for (const item of splitItems(text, leadingBullet)) {
    for (const piece of item.text.split(';').flatMap((p) => separateTypedParts(p, year))) {
      const cables = cablesIn(piece, year, ownStation);
      if (cables.length > 0) {
        for (const id of cables) {
          if (id === self) continue;
          if (!cableIds.includes(id)) cableIds.push(id);
          typed.push({ kind: 'cable', bullet: item.bullet, value: id, cableId: id });
        }
        continue;
      }
      const value = piece.replace(/\s+/g, ' ').replace(/^[\s,-]+|[\s;,-]+$/g, '').trim();
      if (value === '' || /^(?:REFS?|AND PREVIOUS|PREVIOUS)$/i.test(value)) continue;
      typed.push({ kind: kindOf(value), bullet: item.bullet, value, cableId: null });
    }
  }
  return { cableIds, typed };
}

/** Words that make a REF part an e-mail, letter, memo, report or call rather than a cable. */
const NON_CABLE_WORD = /\b(?:E-?MAILS?|LETTERS?|MEMOS?|MEMORANDU?M|REPORTS?|TELCONS?|TELECONS?|PHONE|TELEPHONE|FAX|NOTES?|IIR|INTSUM|SITREP)\b/i;

/**
 * `STATE 1234 AND SMITH EMAIL 3/4/06`, `ROME 567, DOS MEMO OF 12/2005`: a part naming an e-mail,
 * letter, memo or report shares an item with cables; each comma- or AND-separated part is read
 * on its own then, so the non-cable one is kept, not dropped.
 */
function separateTypedParts(piece: string, year: number | null): string[] {
  if (!NON_CABLE_WORD.test(piece) || cablesIn(piece, year ?? 2010, null).length === 0) return [piece];
  const parts = piece.split(/,|\s+AND\s+|\s+&\s+/i);
  // REF lists are terse; prose that ran into the block (a sentence with a comma) stays whole
  if (parts.length < 2 || parts.some((p) => p.trim().length > 80)) return [piece];
  const out: string[] = [];
  for (const part of parts) {
    // a bare number continues the cable list before it (`STATE 1234 AND 5678`)
    if (out.length > 0 && !NON_CABLE_WORD.test(part) && !NON_CABLE_WORD.test(out.at(-1)!) && /^\s*[\dOl]+\s*$/.test(part)) out[out.length - 1] += ` AND ${part}`;
    else out.push(part);
  }
  return out;
}

function kindOf(value: string): ReferenceKind {
  if (/E-?MAILS?\b/i.test(value)) return 'email';
  if (/\b(?:TELCONS?|TELECONS?|PHONE|TELEPHONE|TEL)\b/i.test(value)) return 'tel';
  if (/\bIIR\b|\bREPORTS?\b|\bINTSUM\b|\bSITREP\b|\bTD[- ]?\d{3}\b/i.test(value)) return 'report';
  if (/\bBOOK\b|\bFAM\b|\bFAH\b|\bAPPENDIX\b|\bU\.?S\.?C\.?\b|\bC\.?F\.?R\.?\b/i.test(value)) return 'book';
  return 'other';
}

type Token =
  | { kind: 'num'; text: string; year?: string }
  | { kind: 'year'; text: string }
  | { kind: 'word'; text: string }
  | { kind: 'sep'; how: 'comma' | 'and' | 'slash' }
  | { kind: 'stop' };

/** Letters read by OCR for digits inside a number (`12O45`, `l2345`, `O6`): O is 0, l and I are 1. */
const OCR_NUMBER = /(?<![A-Za-z])(?=[0-9OoIl]*\d)[0-9OoIl]{2,}(?![A-Za-z])/g;
const ocrDigits = (n: string): string => n.replace(/[Oo]/g, '0').replace(/[Il]/g, '1');

function tokenize(text: string): Token[] {
  const prepared = text
    .replace(OCR_NUMBER, ocrDigits)
    .toUpperCase()
    .replace(/\b\d{6}\s?Z\b(?:\s+[A-Z]{3}\s+\d{2,4}\b)?/g, ' ; ') // a date-time group (`271015Z APR 04`), never a serial
    .replace(/(?:#|\bNO\.)\s*(?=\d)/g, ' ') // STATE #12345, STATE NO. 12345
    .replace(/(?<=[A-Z])\s*:\s*(?=\d)/g, ' ') // STATE: 12345
    .replace(/\((?:U|C|S|SBU|LOU|NF|S\/NF|C\/NF|SBU\/NF)\)/g, ' ') // markings inside an item
    .replace(/\(([^)]*\s[^)]*)\)/g, ' ; $1 ; ') // a parenthesised remark is read on its own: (LAHORE 315), (SUBJ: IIR 6 832 0617 08)
    .replace(/\((\d{2}|\d{4})\)/g, ' ($1) ')
    .replace(/(?<=[A-Z])0(?=[A-Z])|(?<=[A-Z]{3})0\b/g, 'O') // SANTIAG0, COTON0U
    .replace(/(\d)(?=[A-Z])/g, '$1 ') // 09CAIRO0561
    .replace(/([A-Z])(?=\d)/g, '$1 ')
    .replace(/(\d)-(?=[A-Z])|([A-Z])-(?=\d)/g, '$1$2 ') // 10-OTTAWA-57
    .replace(/'(?=\d{2}\b)/g, ' ') // '08 BUENOS AIRES
    .replace(/,/g, ' , ')
    .replace(/&/g, ' AND ');
  const tokens: Token[] = [];
  for (const raw of prepared.split(/\s+/)) {
    if (raw === '') continue;
    if (raw === ',') {
      tokens.push({ kind: 'sep', how: 'comma' });
      continue;
    }
    if (/^\d{1,2}\.{2,}$/.test(raw)) {
      tokens.push({ kind: 'stop' }); // `LIMA 2...`: a serial cut off by truncation
      continue;
    }
    const year = /^\((\d{2}|\d{4})\)$/.exec(raw);
    if (year) {
      tokens.push({ kind: 'year', text: year[1]! });
      continue;
    }
    const word = raw.replace(/^[("'[]+|[)"'.;:\]]+$/g, '');
    const serialYear = /^(\d{3,7})[-/](\d{2})$/.exec(word); // QUITO 4525-91, PANAMA 00789/08
    if (serialYear) tokens.push({ kind: 'num', text: serialYear[1]!, year: serialYear[2]! });
    else if (/^\d{1,2}\/\d{1,2}(?:\/\d{2}|\/\d{4})?$/.test(word)) tokens.push({ kind: 'stop' }); // a date (`10/23`, `9/6/03`), not serials
    else if (/^\d+(?:\/\d+)+$/.test(word)) {
      // KABUL 692/317/274/162
      word.split('/').forEach((n, i) => {
        if (i > 0) tokens.push({ kind: 'sep', how: 'slash' });
        tokens.push({ kind: 'num', text: n });
      });
    } else if (/^\d+$/.test(word)) tokens.push({ kind: 'num', text: word });
    else if (word === 'AND') tokens.push({ kind: 'sep', how: 'and' });
    else if (/^[A-Z][A-Z'-]*$/.test(word)) tokens.push({ kind: 'word', text: word.replace(/'/g, '') });
    else tokens.push({ kind: 'stop' });
    if (/[;:]$/.test(raw) || (/\.$/.test(raw) && /^\d+\.$/.test(raw))) tokens.push({ kind: 'stop' });
  }
  return tokens;
}

const MONTH = /^(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)[A-Z]*$/;

/**
 * Cited cables reach back before the release, but not by more than a generation: the release's
 * own cables cite no year before 1966 (REF-EDGES.tsv), so a two-digit number read as a year of
 * the 1910s–1930s is a serial or a count, not a year.
 */
const EARLIEST_CITED_YEAR = FIRST_RELEASE_YEAR - 25;

/** `yy` is a year a cited cable can have: not after the citing cable's year, nor generations before. */
const plausibleYear = (yy: string | null, citingYear: number | null): boolean => {
  if (yy === null) return false;
  const year = fullYear(Number(yy));
  return year >= EARLIEST_CITED_YEAR && (citingYear === null || year <= citingYear);
};

function yearFrom(token: Token | undefined): string | null {
  if (!token || (token.kind !== 'num' && token.kind !== 'year')) return null;
  const t = token.text;
  if (t.length === 2) return t;
  if (t.length === 3 && t.startsWith('0')) return t.slice(1);
  if (t.length === 4 && /^(19[4-9]\d|20[01]\d)$/.test(t)) return t.slice(2);
  return null;
}

/** An item that is a serial alone, perhaps followed by `AND PREVIOUS` (the thread before it). */
const BARE_SERIAL = /^\s*(\d{3,6})\s*(?:,?\s*(?:AND|&)\s+(?:ALL\s+)?PREVIOUS(?:LY)?(?:\s+REF(?:TEL)?S?)?)?\s*[.;,]?\s*$/i;

/** Words that may sit between a station and its serial (`COLOMBO CABLES 0266`). */
const FILLER = new Set(['CABLE', 'CABLES', 'TEL', 'TELEGRAM', 'NO']);

/** The canonical ids of every `[YY] STATION SERIAL [AND SERIAL]` in one item. */
function cablesIn(text: string, citingYear: number | null, ownStation: string | null): string[] {
  const tokens = tokenize(text);
  const found: string[] = [];
  const defaultYear = citingYear === null ? null : String(citingYear).slice(-2).padStart(2, '0');
  let lastStation: string | null = null;
  let lastYear: string | null = null;
  let lastCableAt = -10;
  let listStarted = false;
  const add = (year: string, station: string, serial: string): void => {
    const id = canonicalCableId(`${year}${station}${serial}`);
    if (id && !found.includes(id)) found.push(id);
  };
  const consumed = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const serial = tokens[i]!;
    if (serial.kind !== 'num' || consumed.has(i)) continue;
    if (serial.text.length > 8) continue;
    const after = tokens[i + 1];
    const next = after?.kind === 'num' ? after.text : null;
    // `PARIS 2004 1234`, `PARIS 04 1234`: a year written between the station and the serial
    const yearLike = serial.text.length === 2 || (serial.text.length === 4 && yearFrom(after) === null);
    if (yearLike && plausibleYear(yearFrom(serial), citingYear) && next !== null && next.length >= 3) continue;
    // `ROME MARCH 2005`, `PARIS 2004 MEETING IN MAY`: a year of a date, not a serial
    if (serial.text.length === 4 && plausibleYear(yearFrom(serial), citingYear) && (after?.kind === 'word' && MONTH.test(after.text))) continue;
    let at = i;
    let yearBetween: string | null = null;
    const longSerial = serial.text.length >= 3;
    if (longSerial && (tokens[at - 1]?.kind === 'year' || (tokens[at - 1]?.kind === 'num' && yearFrom(tokens[at - 1]) !== null && stationBefore(tokens, at - 1)))) {
      yearBetween = yearFrom(tokens[at - 1]);
      at--;
    }
    if (tokens[at - 1]?.kind === 'sep' && tokens[at - 2]?.kind === 'word') at--; // PRAGUE, 1228
    if (tokens[at - 1]?.kind === 'word' && FILLER.has((tokens[at - 1] as { text: string }).text)) at--;
    const station = stationBefore(tokens, at);
    const parenYear = after?.kind === 'year' ? yearFrom(after) : null;
    // `ROME 01234 98`: a bare year after the serial, unless it opens the next reference (`… 05 ROME 2543`)
    const trailingYear =
      longSerial && after?.kind === 'num' && (after.text.length === 2 || after.text.length === 4) && tokens[i + 2]?.kind !== 'word' && plausibleYear(yearFrom(after), citingYear)
        ? yearFrom(after)
        : null;
    if (station) {
      const prefix = tokens[at - station.words - 1];
      const year = yearBetween ?? yearFrom(prefix) ?? serial.year ?? parenYear ?? trailingYear ?? defaultYear;
      if (trailingYear !== null && year === trailingYear) consumed.add(i + 1);
      if (year === null) continue;
      add(year, station.code, serial.text);
      lastStation = station.code;
      lastYear = yearFrom(prefix) ?? defaultYear;
      lastCableAt = i;
      listStarted = false;
      continue;
    }
    // `STATE 41252 AND 44603`, `GUANGZHOU 11657 and 7743, 12155`, `KABUL 936/935`; a number
    // after a bare comma only continues a list already opened with AND or a slash, and a
    // number before a word is the year of the next reference (`05 ROME 2543, 03 VAT 4859`).
    const sep = tokens[i - 1];
    if (lastStation && lastYear && sep?.kind === 'sep' && i - lastCableAt <= 3 && serial.text.length >= 2 && tokens[i + 1]?.kind !== 'word') {
      if (sep.how === 'comma' && !listStarted) continue;
      listStarted = true;
      add(serial.year ?? parenYear ?? lastYear, lastStation, serial.text);
      lastCableAt = i;
      continue;
    }
    // `870 Ulaanbaatar`, `1234 PARIS`: the serial before its station, when no serial follows that station
    // `10/14/2009 LONDON` is a date; `90 1940 STATE` is a serial after its two-digit year
    const before = tokens[i - 1];
    const afterShortYear = before?.kind === 'num' && before.text.length === 2 && yearFrom(before) !== null;
    const inDate = tokens[i - 1]?.kind === 'sep' || (serial.text.length === 4 && yearFrom(serial) !== null && !afterShortYear);
    const later = longSerial && !inDate && defaultYear ? stationAfter(tokens, i + 1) : null;
    if (later && tokens[i + 1 + later.words]?.kind !== 'num') {
      add(yearFrom(tokens[i - 1]) ?? defaultYear!, later.code, serial.text);
      i += later.words;
    }
  }
  if (found.length === 0 && defaultYear && ownStation) {
    // `A) 6307`, `B. 2962 AND PREVIOUS`: a bare serial is one of the citing post's own cables
    const bare = BARE_SERIAL.exec(text)?.[1];
    if (bare) add(defaultYear, ownStation, bare);
  }
  return found;
}

/** The longest run of words from tokens[from] on that names a known station. */
function stationAfter(tokens: Token[], from: number): { code: string; words: number } | null {
  for (let n = Math.min(4, tokens.length - from); n >= 1; n--) {
    const words = tokens.slice(from, from + n);
    if (!words.every((t) => t.kind === 'word')) continue;
    const code = canonicalStation(words.map((t) => (t as { text: string }).text.replace(/-/g, '')).join(''));
    if (knownStation(code)) return { code, words: n };
  }
  return null;
}

/** The longest run of words right before tokens[at] that names a known station. */
function stationBefore(tokens: Token[], at: number): { code: string; words: number } | null {
  for (let n = Math.min(5, at); n >= 1; n--) {
    const words = tokens.slice(at - n, at);
    if (!words.every((t) => t.kind === 'word')) continue;
    const joined = words.map((t) => (t as { text: string }).text.replace(/-/g, '')).join('');
    const code = canonicalStation(joined);
    if (knownStation(code)) return { code, words: n };
  }
  const single = tokens[at - 1];
  if (single?.kind === 'word' && single.text.length >= 6) {
    const near = nearestStation(single.text);
    if (near) return { code: near, words: 1 };
  }
  return null;
}
