/**
 * Canonical identity of a post (embassy, consulate, mission, Washington agency), so the
 * many spellings of one sender or addressee become one graph node:
 *
 *   AMEMBASSY LONDON, Embassy London, LONDON, RUEHLO      → key LONDON
 *   SECSTATE WASHDC, DEPT OF STATE WASHINGTON DC, RUEHC   → key STATE
 *
 * The key is the station part of the post's cable ids (`07LONDON3923`, `09STATE1234`),
 * so a cable's id, its origin line and its FM line all lead to the same post.
 */
import { canonicalStation } from './canonical-id.ts';
import { postRenames, routeToName } from './tables.ts';
import { titlefy } from './titlefy.ts';
import { readFileSync } from 'node:fs';

export interface Post {
  /** Canonical key (`LONDON`, `STATE`, `USUNNEWYORK`). */
  key: string;
  /** Readable display name (`Embassy London`, `Secretary of State, Washington`). */
  name: string;
  /** Spellings seen for this post in the input that produced it, and its former names. */
  aliases: string[];
}

/** A former name of a post, for its timeline: `Embassy Kiev until 2006, then Embassy Kyiv`. */
export interface FormerName {
  key: string;
  name: string;
  /** Last year the former name was used in cable ids. */
  until: number;
  /** First year of the next name. */
  since: number;
  /** The name that followed (the next former name, or the current one). */
  nextName: string;
  route: string;
}

let renamesByKey: Map<string, FormerName[]> | null = null;
let laterKey: Map<string, string> | null = null;

/** `Embassy Kiev` from `Embassy Kyiv`: the current display name with the former place name in it. */
function formerDisplayName(formerKey: string, key: string): string {
  const known = displayNames().get(formerKey);
  if (known) return known;
  const now = displayNames().get(key) ?? displayName(key, key);
  const place = new RegExp(`\\b${key.split('').join('\\s*')}$`, 'i');
  return place.test(now) ? now.replace(place, titleCase(formerKey)) : titleCase(formerKey);
}

/** The key a renamed post has now (`KIEV` → `KYIV`), following renames in turn. */
function currentKey(key: string): string {
  laterKey ??= new Map(postRenames().map((r) => [r.formerKey, r.key]));
  let k = key;
  for (let hops = 0; laterKey.has(k) && hops < 10; hops++) k = laterKey.get(k)!;
  return k;
}

/** Every renamed post's former key → current key and name, for relinking a database (scripts/import/writer.ts). */
export function renamedPosts(): Array<{ formerKey: string; key: string; name: string }> {
  return postRenames().map((r) => {
    const key = currentKey(r.key);
    return { formerKey: r.formerKey, key, name: displayName(key, key) };
  });
}

/** The former names of the post with this (current) key, oldest first; empty for most posts. */
export function formerNames(key: string): FormerName[] {
  if (renamesByKey === null) {
    renamesByKey = new Map();
    for (const r of postRenames()) {
      const to = currentKey(r.key);
      const list = renamesByKey.get(to) ?? [];
      list.push({ key: r.formerKey, name: formerDisplayName(r.formerKey, to), until: r.formerUntil, since: r.since, nextName: '', route: r.route });
      renamesByKey.set(to, list.sort((a, b) => a.until - b.until));
    }
    for (const [key, list] of renamesByKey) list.forEach((f, i) => (f.nextName = list[i + 1]?.name ?? displayNames().get(key) ?? displayName(key, key)));
  }
  return renamesByKey.get(key) ?? [];
}

/** Words naming the kind of post, dropped from the key. */
const POST_TYPE = /^(?:AMEMBASSY|AMEMB|AMCONSUL|AMCONGEN|AMCONSULATE|USMISSION|USMISSIN|US MISSION|USMISSION TO|AMERICAN EMBASSY|AMERICAN CONSULATE|EMBASSY|CONSULATE GENERAL|CONSULATE|MISSION|US INTERESTS SECTION|USINT|USLO|USOFFICE|US OFFICE|AMERICAN INSTITUTE TAIWAN|AIT|REO|US DELEGATION|USDEL|XMT)\b[\s,]*/;
/** Ways of writing the Secretary of State / Department of State. */
const STATE = /^(?:SECSTATE|SECSTATE WASHDC|SECSTATE WASHINGTON DC|SECRETARY OF STATE|DEPT OF STATE|DEPT OF STATE WASHINGTON DC|DEPARTMENT OF STATE|DEPARTMENT OF STATE WASHINGTON DC|STATE|STATE DEPT|SECSTATE WASH DC|WASHDC)$/;
const WASHINGTON_SUFFIX = /\s+(?:WASHDC|WASHINGTON DC|WASHINGTON D C|WASH DC|WASHINGTON)$/;
/** Missions whose key keeps its mission word, as cable ids do. */
const MISSION_KEYS: Array<[RegExp, string]> = [
  [/^USNATO\b/, 'USNATO'],
  [/^USEU\b/, 'USEUBRUSSELS'],
  [/^USUN\b/, 'USUNNEWYORK'],
  [/^UNVIE\b/, 'UNVIEVIENNA'],
  [/^OSCE\b/, 'USOSCE'],
  [/^USOSCE\b/, 'USOSCE'],
  [/^UNROME\b|^USUN ROME\b/, 'UNROME'],
  [/^USTR GENEVA\b|^USTRGENEVA\b/, 'USTRGENEVA'],
  [/^(?:US)?UNESCO\b/, 'UNESCOPARISFR'],
  [/^CD GENEVA\b|^CDGENEVA\b/, 'CDGENEVA'],
  [/^IRAN RPO DUBAI\b/, 'IRANRPODUBAI'],
];

let originNames: Map<string, string> | null = null;

/** Display names learnt from the release's origin lines, by key. */
function displayNames(): Map<string, string> {
  if (originNames) return originNames;
  originNames = new Map();
  const text = readFileSync(new URL('./data/origin-names.txt', import.meta.url), 'utf8');
  for (const line of text.split('\n')) {
    const origin = line.trim();
    if (origin === '' || origin.startsWith('#')) continue;
    const key = keyFromName(origin);
    if (key && !originNames.has(key)) originNames.set(key, origin);
  }
  originNames.set('STATE', 'Secretary of State, Washington');
  return originNames;
}

function normalizeSpelling(text: string): string {
  return text
    .toUpperCase()
    .replace(/[.,'’]/g, ' ')
    .replace(/\/+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Key from a written name, or null when nothing recognisable is left. */
function keyFromName(raw: string): string | null {
  // `USCINCSO MIAMI FL//SCJ2/SCJ5/POLAD//`: the office codes after `//` name a desk, not the post
  let name = normalizeSpelling(raw.split('//')[0]!);
  if (name === '') return null;
  if (STATE.test(name)) return 'STATE';
  name = name.replace(WASHINGTON_SUFFIX, (m) => (name.length > m.length ? '' : m)).trim();
  if (STATE.test(name)) return 'STATE';
  let previous = '';
  while (previous !== name) {
    previous = name;
    name = name.replace(POST_TYPE, '').trim();
  }
  if (name === '') return null;
  for (const [pattern, key] of MISSION_KEYS) if (pattern.test(name)) return key;
  if (/^SECRETARY$/.test(name)) return 'SECDELEGATION';
  // Country codes written after the city in routing tables (`BRUSSELS BE`, `USDAO NAIROBI KE`).
  if (/\s[A-Z]{2}$/.test(name) && !/\sDC$/.test(name)) name = name.slice(0, -3);
  const compact = name.replace(/[\s-]+/g, '');
  return compact === '' ? null : canonicalStation(compact);
}

/**
 * Words of an upper-case post name that are codes, not words, and keep their capitals: a word
 * of three letters or more with no vowel (`CDR`, `GCHQ`; `ST` is Saint), letters mixed with digits (`126RW`), a US command or
 * mission written as one word (`USDAO`, `USOSCE`, `USSOCOM`), and a closing two-letter state or
 * country code (`MACDILL AFB FL`).
 */
const CODE_WORD = /^(?:[B-DF-HJ-NP-TV-Z]{3,}|(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z\d]{3,}|US[A-Z]{3,})$/;

/** Display case that keeps acronyms (`CIA Washington DC`, `Consulate Rio de Janeiro`, `USDAO Nairobi`). */
function titleCase(text: string): string {
  if (text.toLowerCase() === text) return titlefy(text);
  const upper = text.toUpperCase();
  const words = upper.split(' ');
  const codes = new Set(words.filter((w, i) => CODE_WORD.test(w) || (i > 0 && i === words.length - 1 && /^[A-Z]{2}$/.test(w))));
  return titlefy(upper)
    .split(' ')
    .map((w, i) => (codes.has(words[i]!) && w.toUpperCase() === words[i] ? words[i]! : w))
    .join(' ');
}

/**
 * A key written as one word (`RPODUBAI`) named by the words of a release name that spell it
 * (`Iran RPO Dubai` → `RPO Dubai`): the release's own spelling beats guessing where words break.
 */
function nameSpellingKey(key: string): string | null {
  // asked for every recipient of every cable an import reads: the scan runs once per key
  spelt ??= new Map();
  if (!spelt.has(key)) spelt.set(key, findSpelling(key));
  return spelt.get(key)!;
}

let spelt: Map<string, string | null> | null = null;

function findSpelling(key: string): string | null {
  for (const name of displayNames().values()) {
    const words = name.split(' ');
    for (let start = 0; start < words.length; start++) {
      if (words.slice(start).join('').toUpperCase() === key) return start === 0 ? name : words.slice(start).join(' ');
    }
  }
  return null;
}

function displayName(key: string, written: string): string {
  const known = displayNames().get(key);
  if (known) return known;
  if (!/\s/.test(written.trim())) {
    const spelt = nameSpellingKey(key);
    if (spelt) return spelt;
  }
  const upper = normalizeSpelling(written);
  const type = /^(AMEMBASSY|AMCONSUL|USMISSION|EMBASSY|CONSULATE)\b/.exec(upper)?.[1];
  const rest = titleCase(upper.replace(POST_TYPE, '').trim());
  if (type === 'AMEMBASSY' || type === 'EMBASSY') return `Embassy ${rest}`;
  if (type === 'AMCONSUL' || type === 'CONSULATE') return `Consulate ${rest}`;
  if (type === 'USMISSION') return `Mission ${rest}`;
  return titleCase(upper) || key;
}

function uniqueAliases(values: Array<string | null | undefined>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const t = v?.replace(/\s+/g, ' ').trim();
    if (!t || seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  return out;
}

export function resolvePost(route: string | null, name: string): Post {
  const upperRoute = route?.trim().toUpperCase() ?? '';
  // a routing indicator is 4-8 letters (`RUEHC`, `RUEHBUL`); anything else is not one
  const cleanRoute = /^[A-Z]{4,8}$/.test(upperRoute) ? upperRoute : null;
  const written = (name ?? '').trim();
  const routeName = cleanRoute ? routeToName().get(cleanRoute) ?? null : null;
  let key = keyFromName(written);
  let basis = written;
  // A bare routing indicator written where the name should be (`RUEHLO`).
  if ((key === null || /^R[A-Z]{3,6}$/.test(written.toUpperCase())) && routeToName().has(written.toUpperCase())) {
    const fromTable = routeToName().get(written.toUpperCase())!;
    key = keyFromName(fromTable);
    basis = fromTable;
  }
  if (key === null && routeName) {
    key = keyFromName(routeName);
    basis = routeName;
  }
  if (key === null) key = cleanRoute ?? 'UNKNOWN';
  const renamed = currentKey(key);
  if (renamed !== key) {
    // a post written under a former name is the renamed post; its current name is the display name
    const former = formerNames(renamed);
    const sameRoute = routeName !== null && currentKey(keyFromName(routeName) ?? '') === renamed ? routeName : null;
    return { key: renamed, name: displayName(renamed, renamed), aliases: uniqueAliases([written, cleanRoute, sameRoute, ...former.flatMap((f) => [f.name, f.key])]) };
  }
  // the indicator's table name is an alias only when it names this post: USEU Brussels is not
  // `AMEMBASSY BRUSSELS`, although both are reached through RUEHBS
  const sameRoute = routeName !== null && keyFromName(routeName) === key ? routeName : null;
  return {
    key,
    name: displayName(key, basis || key),
    aliases: uniqueAliases([written, cleanRoute, sameRoute, ...formerNames(key).flatMap((f) => [f.name, f.key])]),
  };
}

/** Same as resolvePost, for the metadata origin line (`Embassy London`, `Secretary of State`). */
export function resolveOriginPost(origin: string): Post {
  return resolvePost(null, origin);
}
