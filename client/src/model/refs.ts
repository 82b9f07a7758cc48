/**
 * Finds mentions of cited cables in a cable's text, so the reader can link them.
 * Output is a list of plain-text segments; the caller builds DOM nodes from them with
 * `createTextNode` and `textContent` only (cable text is untrusted and never parsed as HTML).
 *
 * Two kinds of mention are linked, and only when they resolve to a cable the API listed as
 * a reference (or citer) of this cable, so no guessing at ids:
 *  - written ids: `07LONDON3175`, `07 LONDON 3175`, `07 LONDON 03175`;
 *  - letter references: `REF A`, `REFTEL B`, `REF (C)`, using the letters of the `REF:` line.
 */

export type Segment = { text: string; ref?: undefined } | { text: string; ref: string };

/** `07 LONDON 03175` / `07LONDON3175` → `07LONDON3175`; null when it is not id-shaped. */
export function normaliseCableId(s: string): string | null {
  const m = /^(\d{2})\s*([A-Z][A-Z\s]*?[A-Z]|[A-Z])\s*0*(\d{1,7})$/.exec(s.trim().toUpperCase());
  if (!m) return null;
  return `${m[1]}${(m[2] ?? '').replace(/\s+/g, '')}${m[3]}`;
}

const ID_RE = /\b(\d{2})\s?([A-Z]{2,}(?:\s[A-Z]{2,})?)\s?(\d{1,7})\b/g;
const LETTER_DEF_RE = /(?:^|[\s;,(])\(?([A-Z])[.)]\s*(\d{2}\s?[A-Z]{2,}(?:\s[A-Z]{2,})?\s?\d{1,7})\b/g;
const LETTER_USE_RE = /\bREF(?:TEL)?S?\s*\(?([A-Z])\)?(?![A-Za-z])/g;

/**
 * Maps REF letters to cable keys from the `REF:` block (up to the first blank line after it).
 * `known` maps normalised ids to the keys to link to.
 */
export function refLetters(text: string, known: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const start = text.search(/\bREFS?\s*:/);
  if (start < 0) return out;
  const rest = text.slice(start);
  const end = rest.search(/\n\s*\n/);
  const block = end < 0 ? rest.slice(0, 2000) : rest.slice(0, end);
  for (const m of block.matchAll(LETTER_DEF_RE)) {
    const id = normaliseCableId(m[2] ?? '');
    const key = id ? known.get(id) : undefined;
    if (key && m[1] && !out.has(m[1])) out.set(m[1], key);
  }
  return out;
}

/** Splits text into plain and linked segments. `knownKeys` are the bare cable keys to link. */
export function linkRefs(text: string, knownKeys: Iterable<string>): Segment[] {
  const known = new Map<string, string>();
  for (const k of knownKeys) {
    const n = normaliseCableId(k);
    if (n) known.set(n, k);
  }
  if (known.size === 0 || !text) return text ? [{ text }] : [];
  const letters = refLetters(text, known);
  const spans: { start: number; end: number; ref: string }[] = [];
  for (const m of text.matchAll(ID_RE)) {
    const id = normaliseCableId(m[0]);
    const key = id ? known.get(id) : undefined;
    if (key && m.index !== undefined) spans.push({ start: m.index, end: m.index + m[0].length, ref: key });
  }
  if (letters.size) {
    for (const m of text.matchAll(LETTER_USE_RE)) {
      const key = m[1] ? letters.get(m[1]) : undefined;
      if (key && m.index !== undefined) spans.push({ start: m.index, end: m.index + m[0].length, ref: key });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue;
    if (s.start > pos) out.push({ text: text.slice(pos, s.start) });
    out.push({ text: text.slice(s.start, s.end), ref: s.ref });
    pos = s.end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos) });
  return out;
}
