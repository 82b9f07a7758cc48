/**
 * Title case for subjects (`WESTERWELLE'S SURGE` → `Westerwelle's Surge`): small words lower
 * case except first and after a colon, acronyms (data/acronyms.txt) in their own spelling
 * (`UK`, `DoD`, `Ex-IM`), parts of hyphenated and slashed words treated one by one.
 */
import { acronyms } from './tables.ts';

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'en', 'for', 'if', 'in', 'of', 'on', 'or', 'the', 'to', 'v', 'vs', 'via']);

let acronymSpelling: Map<string, string> | null = null;

function acronymFor(word: string): string | undefined {
  if (acronymSpelling === null) {
    acronymSpelling = new Map();
    for (const a of acronyms()) acronymSpelling.set(a.toUpperCase(), a);
  }
  return acronymSpelling.get(word.toUpperCase());
}

/** One word piece without punctuation: acronym, redacted run, or capitalised word. */
function casePiece(piece: string, small: boolean): string {
  if (piece === '') return piece;
  if (/^X{4,}$/i.test(piece)) return piece.toUpperCase();
  const lower = piece.toLowerCase();
  if (small && SMALL_WORDS.has(lower)) return lower;
  const acronym = acronymFor(piece);
  if (acronym) return acronym;
  // capitalise the first letter only if the piece starts with one (`63rd` stays `63rd`);
  // `d'ivoire` → `D'Ivoire`, but `westerwelle's` keeps its `'s`
  return lower
    .replace(/^[a-z]/, (c) => c.toUpperCase())
    .replace(/^([a-z])(['’])([a-z])/i, (_, a: string, q: string, b: string) => a.toUpperCase() + q + b.toUpperCase());
}

function caseWord(word: string, small: boolean): string {
  const edges = /^([("'“\[]*)(.*?)([)"'”\],:;?!]*)$/.exec(word)!;
  const whole = acronymFor(edges[2]!);
  if (whole && /[-/.]/.test(edges[2]!)) return `${edges[1]}${whole}${edges[3]}`;
  return word
    .split(/(--|[-/])/)
    .map((part, i) => {
      if (part === '-' || part === '/' || part === '--') return part;
      const m = /^([("'“\[]*)(.*?)((?:['’][a-z]{1,3})?)([)"'”\],.:;?!]*)$/i.exec(part);
      if (!m) return part;
      const [, lead, core, possessive, trail] = m as unknown as [string, string, string, string, string];
      return `${lead}${casePiece(core, small && i === 0)}${possessive.toLowerCase()}${trail}`;
    })
    .join('');
}

export function titlefy(subject: string): string {
  const words = subject.trim().split(/(\s+)/);
  let first = true;
  let afterColon = false;
  return words
    .map((w) => {
      if (/^\s+$/.test(w) || w === '') return w;
      const out = caseWord(w, !first && !afterColon);
      first = false;
      afterColon = /[:?!]$/.test(w);
      return out;
    })
    .join('');
}
