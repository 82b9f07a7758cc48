/**
 * Search terms highlighted in the reader: which words of a query to look for, and where they
 * occur in a piece of text. Pure; the reader builds `<mark>` elements holding text nodes from
 * the parts (cable text is never parsed as HTML).
 */

/** Words that say nothing about a cable's content. */
const STOP = new Set(['the', 'and', 'for', 'with', 'from', 'that', 'this', 'are', 'was', 'not', 'but', 'his', 'her', 'its', 'has', 'have', 'had', 'who', 'all', 'any']);

/**
 * The words of a query worth marking: three letters or more, not a stop word, not a cable id
 * (an id is what was opened, not what is looked for), without quotes and operators; a
 * trailing `*` is a prefix.
 */
export function searchTerms(query: string): string[] {
  const out = new Set<string>();
  for (const raw of query.split(/[\s,;:"()]+/)) {
    const w = raw.replace(/^[+\-]+/, '').replace(/[.!?]+$/, '');
    const bare = w.replace(/\*$/, '');
    if (bare.length < 3 || !/[A-Za-z]/.test(bare) || STOP.has(bare.toLowerCase())) continue;
    if (/^\d{2}[A-Za-z]+\d+$/.test(bare)) continue;
    out.add(w.toLowerCase());
  }
  return [...out];
}

export interface MarkedPart {
  text: string;
  mark: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Splits text into parts, the whole-word (or prefix, for `term*`) occurrences of the terms marked, case-insensitively. */
export function markTerms(text: string, terms: readonly string[]): MarkedPart[] {
  if (!terms.length || !text) return text ? [{ text, mark: false }] : [];
  const alternatives = [...terms]
    .sort((a, b) => b.length - a.length)
    .map((t) => (t.endsWith('*') ? `${escape(t.slice(0, -1))}[\\p{L}\\p{N}]*` : escape(t)));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const out: MarkedPart[] = [];
  let pos = 0;
  for (const m of text.matchAll(re)) {
    if (m.index === undefined || m[0] === '') continue;
    if (m.index > pos) out.push({ text: text.slice(pos, m.index), mark: false });
    out.push({ text: m[0], mark: true });
    pos = m.index + m[0].length;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), mark: false });
  return out;
}
