/**
 * The signer surname(s) at the end of the body (`SULLIVAN`, `Murphy`, `DE PREE`).
 * Scans up from the end, past classification banners, page headers and archive trailers.
 */
import { canonicalSurname } from './surnames.ts';

const TRAILER = [
  /^(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|SENSITIVE BUT UNCLASSIFIED|NOFORN|SIPDIS|NNNN|NNN|BT|ZZZZ|YYY)\b.*$/i,
  /^[-.>#/*\s]*$/,
  /^#?\d+$/,
  /^Declassified\/Released\b/i,
  /^(?:Systematic\s+)?Review\s+\d/i,
  /^v\d+(?:\.\d+)+$/,
  /^\d{4}[A-Z]+\d+\s+-\s+/,
  /^PAGE\s+\d+/i,
  /^[A-Z][A-Z ]+\s+\d{5,8}\s+\d{1,3}(?:\.\d)?\s+OF\s+\d{1,3}$/,
  /^NOTE\b/i,
  /^CORRECTION TO FOLLOW/i,
  /^(?:CLASSIFICATION|DRAFTED|CLEARED|APPROVED)\b/i,
];
const STOP_WORDS = new Set(['END', 'TEXT', 'COMMENT', 'SUMMARY', 'REGARDS', 'THANKS', 'CONSIDERED', 'MINIMIZE', 'NNNN', 'FYI', 'CONFIDENTIAL', 'SECRET', 'UNCLASSIFIED', 'SIPDIS', 'NOFORN', 'CITY', 'ACTION', 'OK', 'YES', 'NO', 'THE', 'A', 'I']);
const NAME = String.raw`(?:MC|MAC|O'|DE |VAN |VON |DI |LA )?[A-Z][A-Z'-]+`;
const UPPER_SIGNERS = new RegExp(`^(${NAME}(?:\\s*/\\s*${NAME})*)[.#\\s]*$`);
const TITLE_SIGNER = /^([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)[.#\s]*$/;
const AFTER_SENTENCE = new RegExp(`(?:MINIMIZE CONSIDERED|[.!?)])\\s+(${NAME})[.#\\s]*$`);
/** London cables end `Visit London's Classified Website: …cfm Tuttle`. */
const AFTER_LINK = /\bcfm\s+([A-Z][A-Za-z'-]+)[.#\s]*$/;

function isTrailer(line: string): boolean {
  return TRAILER.some((p) => p.test(line));
}

function names(match: string): string[] {
  return match
    .split('/')
    .map((n) => n.trim())
    .filter((n) => n.length > 1 && !STOP_WORDS.has(n.toUpperCase()));
}

export function parseSigners(body: string, canonicalize = false): string[] {
  // only the last lines matter: walk back from the end instead of splitting a long body
  let checked = 0;
  let end = body.length;
  for (let scanned = 0; end > 0 && checked < 40 && scanned < 400; scanned++) {
    const newline = body.lastIndexOf('\n', end - 1);
    const raw = body.slice(newline + 1, end);
    end = newline === -1 ? 0 : newline;
    const line = raw.trim().replace(/[#]+$/, '').trim();
    if (line === '' || isTrailer(line)) continue;
    checked++;
    const found = UPPER_SIGNERS.exec(line) ?? TITLE_SIGNER.exec(line) ?? AFTER_SENTENCE.exec(line) ?? AFTER_LINK.exec(line);
    if (!found) return [];
    const result = names(found[1]!);
    if (result.length === 0) return [];
    return canonicalize ? result.map(canonicalSurname) : result;
  }
  return [];
}
