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
import { knownStation } from './stations.ts';

const REF_MARKER = /(?:^|[\s.):;¶])(?:PROGRAM\s+)?(REF(?:S|TELS?|\(S\))?)(?:\s*[:.;,]\s*|\s+(?=[A-Z0-9(]))/gi;
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

/** Finds the REF block in `text` (the start of a body) and parses it. */
export function parseReferences(text: string, year: number | null, selfId: string | null = null): ParsedReferences {
  const block = findReferenceBlock(text);
  if (block === null) return { cableIds: [], typed: [] };
  return parseReferenceBlock(block, year, selfId);
}

export function findReferenceBlock(text: string): string | null {
  const head = text.slice(0, 6000);
  REF_MARKER.lastIndex = 0;
  const marker = REF_MARKER.exec(head);
  if (!marker) return null;
  const start = marker.index + marker[0].length;
  let end = Math.min(head.length, start + MAX_BLOCK);
  for (const pattern of BLOCK_END) {
    const m = pattern.exec(head.slice(start, end));
    if (m) end = start + m.index;
  }
  return head.slice(start, end);
}

interface Item {
  bullet: string | null;
  text: string;
}

/** Splits `A. X  B) Y  (C) Z` into bullet items. */
function splitItems(block: string): Item[] {
  const cleaned = block.replace(/\\\s*\n/g, '\n').replace(/¶/g, ' ');
  const bullet = /(?:^|[\s;,])(?:REF\s+)?\(?([A-Z])(?:\.\)|[.):](?=\s|[A-Z0-9'(])|\)(?=\S))\s*(?:[A-Z][.)]\s*|\([A-Z]\)\s*|REF\s+[A-Z]\s*[:.]\s*|[A-Z](?=\s))?/g;
  const items: Item[] = [];
  let last = 0;
  let current: string | null = null;
  for (let m = bullet.exec(cleaned); m; m = bullet.exec(cleaned)) {
    // A single letter followed by a number is a bullet only when it looks like one.
    const piece = cleaned.slice(last, m.index);
    if (piece.trim() !== '' || current !== null) items.push({ bullet: current, text: piece });
    current = m[1]!.toUpperCase();
    last = m.index + m[0].length;
  }
  items.push({ bullet: current, text: cleaned.slice(last) });
  return items.filter((i) => i.text.trim() !== '');
}

export function parseReferenceBlock(block: string, year: number | null, selfId: string | null): ParsedReferences {
  let text = block;
  for (const noise of PAGE_NOISE) text = text.replace(noise, ' ');
  const self = selfId ? canonicalCableId(selfId) : null;
  const cableIds: string[] = [];
  const typed: Reference[] = [];
  for (const item of splitItems(text)) {
    const cables = cablesIn(item.text, year);
    if (cables.length > 0) {
      for (const id of cables) {
        if (id === self) continue;
        if (!cableIds.includes(id)) cableIds.push(id);
        typed.push({ kind: 'cable', bullet: item.bullet, value: id, cableId: id });
      }
      continue;
    }
    const value = item.text.replace(/\s+/g, ' ').replace(/[\s;,]+$/, '').trim();
    if (value === '') continue;
    typed.push({ kind: kindOf(value), bullet: item.bullet, value, cableId: null });
  }
  return { cableIds, typed };
}

function kindOf(value: string): ReferenceKind {
  if (/E-?MAILS?\b|\bEMAILS?\b/i.test(value)) return 'email';
  if (/\b(?:TELCON|TELECON|PHONE|TELEPHONE|TEL)\b/i.test(value)) return 'tel';
  if (/\bIIR\b|\bREPORT\b|\bINTSUM\b|\bSITREP\b/i.test(value)) return 'report';
  if (/\bBOOK\b/i.test(value)) return 'book';
  return 'other';
}

type Token = { kind: 'num'; text: string } | { kind: 'word'; text: string } | { kind: 'stop' };

function tokenize(text: string): Token[] {
  const prepared = text
    .toUpperCase()
    .replace(/\([^)]*\s[^)]*\)/g, ' ; ') // parenthesised remarks: (SUBJ: IIR 6 832 0617 08)
    .replace(/\(([0-9]{2,4})\)/g, ' $1 ') // (99) ROME 2196
    .replace(/\b([A-Z]{3,})0\b/g, '$1O') // SANTIAG0 465
    .replace(/(\d)(?=[A-Z])/g, '$1 ') // 09CAIRO0561
    .replace(/([A-Z])(?=\d)/g, '$1 ')
    .replace(/(\d)-(?=[A-Z])|([A-Z])-(?=\d)/g, '$1$2 ') // 10-OTTAWA-57
    .replace(/'(?=\d{2}\b)/g, ' '); // '08 BUENOS AIRES
  const tokens: Token[] = [];
  for (const raw of prepared.split(/\s+/)) {
    if (raw === '') continue;
    const word = raw.replace(/^[("']+|[)"',.;:]+$/g, '');
    if (/^\d+$/.test(word)) tokens.push({ kind: 'num', text: word });
    else if (/^[A-Z][A-Z'-]*$/.test(word) && !/[.:;,)]$/.test(raw.replace(/[)"']+$/, ''))) tokens.push({ kind: 'word', text: word.replace(/'/g, '') });
    else if (/^[A-Z][A-Z'-]*$/.test(word)) {
      tokens.push({ kind: 'word', text: word.replace(/'/g, '') });
      tokens.push({ kind: 'stop' });
    } else tokens.push({ kind: 'stop' });
    if (/[;:]$/.test(raw)) tokens.push({ kind: 'stop' });
  }
  return tokens;
}

function yearFrom(token: Token | undefined): string | null {
  if (!token || token.kind !== 'num') return null;
  const t = token.text;
  if (t.length === 2) return t;
  if (t.length === 3 && t.startsWith('0')) return t.slice(1);
  if (t.length === 4 && /^(19[4-9]\d|20[01]\d)$/.test(t)) return t.slice(2);
  return null;
}

/** The canonical ids of every `[YY] STATION SERIAL [AND SERIAL]` in one item. */
function cablesIn(text: string, citingYear: number | null): string[] {
  const tokens = tokenize(text);
  const found: string[] = [];
  const defaultYear = citingYear === null ? null : String(citingYear).slice(-2).padStart(2, '0');
  let lastStation: string | null = null;
  let lastYear: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const serial = tokens[i]!;
    if (serial.kind !== 'num' || serial.text.length > 8) {
      if (serial.kind === 'stop') lastStation = null;
      continue;
    }
    const station = stationBefore(tokens, i);
    if (station) {
      let year = yearFrom(tokens[i - station.words - 1]) ?? defaultYear;
      if (year === null) continue;
      const id = canonicalCableId(`${year}${station.code}${serial.text}`);
      if (id && !found.includes(id)) found.push(id);
      lastStation = station.code;
      lastYear = year;
      continue;
    }
    // `STATE 41252 AND 44603`
    const prev = tokens[i - 1];
    if (lastStation && lastYear && prev?.kind === 'word' && prev.text === 'AND' && tokens[i - 2]?.kind === 'num') {
      const id = canonicalCableId(`${lastYear}${lastStation}${serial.text}`);
      if (id && !found.includes(id)) found.push(id);
    }
  }
  return found;
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
  return null;
}
