/**
 * Finds mentions of cited cables in a cable's text, so the reader can link them.
 * Output is a list of plain-text segments; the caller builds DOM nodes from them with
 * `createTextNode` and `textContent` only (cable text is untrusted and never parsed as HTML).
 *
 * Two kinds of mention are linked, and only when they resolve to a cable the API listed as
 * a reference (or citer) of this cable, so no guessing at ids:
 *  - written ids: `07LONDON3175`, `07 LONDON 3175`, `07 LONDON 03175`, and without the year
 *    (`REF: LONDON 03175`, `D. MANAMA 50`) when exactly one listed cable has that station and
 *    serial number (telegrams drop the year when it is the current one);
 *  - letter references: `REF A`, `REFTEL B`, `(ref E)`, `REF (C)`, using the letters of the
 *    `REF:` block.
 */

export type Segment = { text: string; ref?: undefined } | { text: string; ref: string };

/** `07 LONDON 03175` / `07LONDON3175` → `07LONDON3175`; null when it is not id-shaped. */
export function normaliseCableId(s: string): string | null {
  const m = /^(\d{2})\s*([A-Z][A-Z\s]*?[A-Z]|[A-Z])\s*0*(\d{1,7})$/.exec(s.trim().toUpperCase());
  if (!m) return null;
  return `${m[1]}${(m[2] ?? '').replace(/\s+/g, '')}${m[3]}`;
}

/** `LONDON 03175` / `07 LONDON 3175` → `LONDON3175`: station and serial without the year. */
export function stationSerial(s: string): string | null {
  const m = /^(?:\d{2}\s*)?([A-Z][A-Z\s]*?[A-Z]|[A-Z])\s*0*(\d{1,7})$/.exec(s.trim().toUpperCase());
  return m ? `${(m[1] ?? '').replace(/\s+/g, '')}${m[2]}` : null;
}

/** An id as written, the year optional: `07 LONDON 03175`, `07LONDON3175`, `LONDON 03175`. */
const ID_RE = /\b(?:\d{2}\s?)?[A-Z]{2,}(?:\s[A-Z]{2,})?\s?\d{1,7}\b/g;
/** `A. 07 LONDON 3175`, `(B) STATE 123`, `¶C. 08 MANAMA 593`, `D. MANAMA 50` in a REF block. */
const LETTER_DEF_RE = /(?:^|[\s;,(¶])\(?([A-Z])[.)]\s*((?:\d{2}\s?)?[A-Z]{2,}(?:\s[A-Z]{2,})?\s?\d{1,7})\b/g;
/** `REF A`, `REFTEL B`, `REFS (C)`, `ref E`: the word in any case, the letter a capital. */
const LETTER_USE_RE = /\b[Rr][Ee][Ff](?:[Tt][Ee][Ll])?[Ss]?\s*(?:\(([A-Z])\)|([A-Z])(?![A-Za-z]))/g;

/**
 * The cables a mention can point to: by full id, and by station and serial when that pair
 * names a single listed cable.
 */
export class KnownRefs {
  private readonly byId = new Map<string, string>();
  private readonly bySerial = new Map<string, string | null>();

  constructor(keys: Iterable<string>) {
    for (const k of keys) {
      const id = normaliseCableId(k);
      if (!id) continue;
      this.byId.set(id, k);
      const serial = stationSerial(k);
      if (serial) this.bySerial.set(serial, this.bySerial.has(serial) && this.bySerial.get(serial) !== k ? null : k);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** The listed cable a written id names, with or without its year; undefined when none or ambiguous. */
  resolve(written: string): string | undefined {
    const id = normaliseCableId(written);
    if (id) return this.byId.get(id);
    const serial = stationSerial(written);
    return (serial && this.bySerial.get(serial)) || undefined;
  }
}

/**
 * Maps REF letters to cable keys from the `REF:` block (up to the first blank line after it).
 */
export function refLetters(text: string, known: KnownRefs | ReadonlyMap<string, string>): Map<string, string> {
  const refs = known instanceof KnownRefs ? known : new KnownRefs(known.values());
  const out = new Map<string, string>();
  const start = text.search(/\bREFS?\s*:/);
  if (start < 0) return out;
  const rest = text.slice(start);
  const end = rest.search(/\n\s*\n/);
  const block = end < 0 ? rest.slice(0, 2000) : rest.slice(0, end);
  for (const m of block.matchAll(LETTER_DEF_RE)) {
    const key = refs.resolve(m[2] ?? '');
    if (key && m[1] && !out.has(m[1])) out.set(m[1], key);
  }
  return out;
}

/** Splits text into plain and linked segments. `knownKeys` are the bare cable keys to link. */
export function linkRefs(text: string, knownKeys: Iterable<string>): Segment[] {
  const known = new KnownRefs(knownKeys);
  if (known.size === 0 || !text) return text ? [{ text }] : [];
  const letters = refLetters(text, known);
  const spans: { start: number; end: number; ref: string }[] = [];
  for (const m of text.matchAll(ID_RE)) {
    if (m.index === undefined) continue;
    // `PER LONDON 3175` reads as a two-word station first; then the station may be the second word.
    const cut = m[0].search(/[A-Z]{2,}\s[A-Z]{2,}/) === 0 ? m[0].indexOf(' ') + 1 : 0;
    const options = cut ? [0, cut] : [0];
    for (const skip of options) {
      const key = known.resolve(m[0].slice(skip));
      if (!key) continue;
      spans.push({ start: m.index + skip, end: m.index + m[0].length, ref: key });
      break;
    }
  }
  if (letters.size) {
    for (const m of text.matchAll(LETTER_USE_RE)) {
      const letter = m[1] ?? m[2];
      const key = letter ? letters.get(letter) : undefined;
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
