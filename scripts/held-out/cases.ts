/**
 * Builds parser cases from the real cables of /work/shared/data (CABLESCOPE_SHARED_DATA) and
 * splits them into a tune half and a held-out half.
 *
 * The split is fixed before any result is looked at: a cable belongs to the held-out half when
 * the first byte of SHA-256(canonical cable id) is odd (`halfOf`). Every case of one cable is in
 * the same half, so a cable's REF line and its Classified-By line never straddle the split.
 *
 * Where each expected answer comes from (never from this parser):
 *  - references: the release's own `references` column of cables.csv (MANIFEST `csv_refs_column`)
 *    and the citation edges of REF-EDGES.tsv. A cited id counts only when its serial is written in
 *    the cable's text (a release column entry with no trace in the text cannot be parsed from it).
 *    Assertion `contains`: every such id must be found.
 *  - summary: cables whose body marks a summary (`SUMMARY:` at a paragraph start) and closes it with
 *    `END SUMMARY`; the expected summary is the text between, compared letters-and-digits only
 *    (markings, paragraph numbers, spacing and line breaks are layout, not content).
 *  - classified_by: real Classified-By lines whose person was labelled by hand
 *    (test/held-out/classified_by.labelled.json, see its README).
 *  - references_typed: REF lists written one item per line, each line opened by its bullet letter
 *    (`A.`, `B)`, `(C)`, `D -`, in alphabetical order). The cited ids come from the same release
 *    column and REF-EDGES.tsv as `references`; an id's bullet is the letter of the one line its
 *    serial is written on. A line that cites no such id and names an e-mail, letter, memo,
 *    report or call must come back as a non-cable reference with its letter. Assertion
 *    `contains`.
 *  - tags: the TAGS codes the release itself linked in its HTML pages (native/html.tar.xz, the
 *    `/tag/…` links of the cable text), for cables whose text came from HTML. The release linked
 *    only the first line of a TAGS field that runs over two, so its list is a floor: every code it
 *    linked must be found, and every code found must belong to the release's tag vocabulary (the
 *    `Browse by tag` index every page carries, and every code linked in any cable's text), so page-break noise, a subject line read as tags
 *    or a stray `\` fail. Both sides go through the project's tag canonicaliser first (`RU` →
 *    `RS`, glued codes split): what is measured is which words of the text were read as tags.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeHTML } from 'entities';
import { canonicalCableId } from '../../server/src/cables/canonical-id.ts';
// station parts of the release's 251,287 ids seen at least 3 times (data/README.md of the parser)
import { releaseStations } from '../../server/src/cables/tables.ts';

export type Half = 'tune' | 'held-out';

/** The split rule: decided before any case was run, never changed after. */
export function halfOf(cableId: string): Half {
  const canonical = canonicalCableId(cableId) ?? cableId;
  return createHash('sha256').update(canonical).digest()[0]! % 2 === 1 ? 'held-out' : 'tune';
}

export const REAL_FIELDS = ['references', 'references_typed', 'summary', 'classified_by', 'tags'] as const;
export type RealField = (typeof REAL_FIELDS)[number];

/** What a typed-reference case expects: a cited cable with its bullet, or a non-cable item's bullet. */
export type ExpectedTyped = { kind: 'cable'; value: string; bullet: string } | { kind: 'non-cable'; bullet: string };

export interface RealCase {
  field: RealField;
  cableId: string;
  half: Half;
  input: string;
  year: number | null;
  expected: string[] | string | ExpectedTyped[];
  /** tags: every tag the release knows (its `Browse by tag` index), shared by all tag cases. */
  vocabulary?: ReadonlySet<string>;
}

export const SHARED_DATA = process.env.CABLESCOPE_SHARED_DATA ?? '/work/shared/data';

interface SeedCable {
  id: string;
  /** The whole file, as the importer reads it. */
  text: string;
  date: string;
  body: string;
}

/** Format (a): id, subject, date, classification, origin, then header + body. */
function readSeed(file: string): SeedCable {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  return { id: lines[0]!.trim(), text, date: lines[2]!.trim(), body: lines.slice(5).join('\n') };
}

function yearOfSeed(c: SeedCable): number | null {
  const y = /\b(19\d\d|20\d\d)$/.exec(c.date)?.[1];
  return y ? Number(y) : null;
}

/** The cited ids per citing cable: the release's references column plus REF-EDGES.tsv. */
function citations(dataDir: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (from: string, to: string): void => {
    const a = canonicalCableId(from);
    const b = canonicalCableId(to);
    if (!a || !b || a === b) return;
    if (!out.has(a)) out.set(a, new Set());
    out.get(a)!.add(b);
  };
  const manifest = readFileSync(path.join(dataDir, 'MANIFEST.tsv'), 'utf8').split('\n');
  const header = manifest[0]!.split('\t');
  const column = header.indexOf('csv_refs_column');
  for (const line of manifest.slice(1)) {
    const cells = line.split('\t');
    for (const to of (cells[column] ?? '').split('|')) if (to.trim()) add(cells[0]!, to.trim());
  }
  for (const line of readFileSync(path.join(dataDir, 'REF-EDGES.tsv'), 'utf8').split('\n').slice(1)) {
    const [from, to] = line.split('\t');
    if (from && to) add(from.trim(), to.trim());
  }
  return out;
}

/** The REF line region: 800 characters after the first REF keyword (where a REF list is written). */
function refRegion(body: string): string | null {
  const m = /(?<![A-Z])REF(?:S|TELS?|ERENCES?|\(S\))?\s*[:.]/i.exec(body.slice(0, 8000));
  return m ? body.slice(m.index, m.index + 800) : null;
}

/** The release's id form: YY + a station the release uses as an id prefix + serial (not its garbles). */
function releaseIdForm(id: string, stations: Set<string>): boolean {
  const m = /^\d{2}([A-Z]+)\d{1,7}$/.exec(id);
  return m !== null && stations.has(m[1]!);
}

/** A cited id is answerable from the REF line when its serial (any zero padding) is written there. */
function serialWritten(text: string, id: string): boolean {
  const serial = /(\d+)$/.exec(id)?.[1];
  if (!serial) return false;
  return new RegExp(`(?<!\\d)0*${serial}(?!\\d)`).test(text);
}

/** A REF item's line: its bullet letter (`A.`, `A)`, `(A)`, `A -`), then the item. */
const BULLET_LINE = /^[ \t]*¶?[ \t]*(?:REFS?[ \t]*:[ \t]*)?(?:\(([A-Z])\)|([A-Z])(?:[.)]|[ \t]+-{1,2}))[ \t]+(\S.*)$/;
/** Words naming an e-mail, letter, memo, report or call. */
const NON_CABLE = /\b(?:E-?MAILS?|LETTERS?|MEMOS?|MEMORANDUM|REPORTS?|TELCONS?|TELECONS?|PHONE|TELEPHONE|FAX)\b/i;

/**
 * The items of a REF list written one per line with bullets A, B, C… in order, or null. A line
 * without a bullet continues the item before it; a blank line or a paragraph ends the list.
 */
export function bulletedItems(region: string): Array<{ bullet: string; text: string }> | null {
  const items: Array<{ bullet: string; text: string }> = [];
  const marker = /(?<![A-Z])REF(?:S|TELS?|ERENCES?|\(S\))?\s*[:.]/i.exec(region);
  const lines = region.slice(marker ? marker.index + marker[0].length : 0).split('\n');
  for (const [i, line] of lines.entries()) {
    const m = BULLET_LINE.exec(line);
    const letter = m ? (m[1] ?? m[2])! : null;
    if (letter !== null && letter === String.fromCharCode(65 + items.length)) {
      items.push({ bullet: letter, text: m![3]! });
      continue;
    }
    if (line.trim() === '') {
      if (items.length > 0) break;
      continue;
    }
    // the list's first line may hold REF itself; later unbulleted lines continue an item until a paragraph starts
    if (items.length === 0) {
      if (i > 0) return null;
      continue;
    }
    if (/^[ \t]*¶?[ \t]*\d{1,2}[ \t]*\.|Classified\s+By|SUMMARY|SUBJECT/i.test(line)) break;
    items[items.length - 1]!.text += ` ${line.trim()}`;
  }
  // a second bullet inside an item (`B. MANAMA 897 C. MANAMA 163`, `A. A) ZAGREB 2199`) makes the line's letter no answer
  if (items.some((item) => /(?:^|\s)\(?[A-Z](?:[.)]|[ \t]+-)\s+(?:\d|[A-Z]{3,})/.test(item.text))) return null;
  return items.length >= 2 ? items : null;
}

/** The typed answer of a bulleted REF list: cited ids by the line their serial is on, non-cable lines by their word. */
function typedExpectation(items: Array<{ bullet: string; text: string }>, cited: string[]): ExpectedTyped[] {
  const expected: ExpectedTyped[] = [];
  for (const id of cited) {
    const on = items.filter((item) => serialWritten(item.text, id));
    if (on.length === 1) expected.push({ kind: 'cable', value: id, bullet: on[0]!.bullet });
  }
  for (const item of items) {
    // a line naming an e-mail or memo, with no `STATION 1234` in it, is no cable
    if (NON_CABLE.test(item.text) && !/\b[A-Z]{3,}\s+\d{3,}\b/.test(item.text) && !cited.some((id) => serialWritten(item.text, id))) expected.push({ kind: 'non-cable', bullet: item.bullet });
  }
  return expected;
}

/** The codes the release linked in a cable's text (`<a href='/tag/PREL_0.html'>PREL</a>`), in text order. */
export function releaseTagLinks(html: string): string[] {
  const text = [...html.matchAll(/<code><pre>([\s\S]*?)<\/pre><\/code>/g)].map((m) => m[1]!).join('\n');
  return [...text.matchAll(/<a href='\/tag\/[^']*'>([^<]*)<\/a>/g)].map((m) => decodeHTML(m[1]!).trim().toUpperCase()).filter(Boolean);
}

/** The release's tag vocabulary: the `/tag/…` index outside the cable text of a page. */
export function releaseTagIndex(html: string): string[] {
  const outside = html.replace(/<code><pre>[\s\S]*?<\/pre><\/code>/g, ' ');
  return [...outside.matchAll(/<a href='\/tag\/[^']*'>([^<]*)<\/a>/g)].map((m) => decodeHTML(m[1]!).trim().toUpperCase()).filter(Boolean);
}

/** Every cable page of native/html.tar.xz, unpacked once into the system's temporary directory. */
function releasePages(dataDir: string): Map<string, string> {
  const archive = path.join(dataDir, 'native', 'html.tar.xz');
  const pages = new Map<string, string>();
  if (!existsSync(archive)) return pages;
  const dir = path.join(tmpdir(), `cablescope-held-out-html-${statSync(archive).size}`);
  if (!existsSync(path.join(dir, 'done'))) {
    mkdirSync(dir, { recursive: true });
    const untar = spawnSync('tar', ['-xJf', archive, '-C', dir], { stdio: 'inherit' });
    if (untar.status !== 0) throw new Error(`unpacking ${archive} failed`);
    writeFileSync(path.join(dir, 'done'), '');
  }
  const walk = (p: string): void => {
    for (const entry of readdirSync(p, { withFileTypes: true })) {
      const full = path.join(p, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) pages.set(entry.name.slice(0, -5), full);
    }
  };
  walk(dir);
  return pages;
}

const SUMMARY_OPEN = /(?:^|\n)[ \t]*(?:¶?\d{1,2}[ \t]*\.?[ \t]*)?(?:\([A-Z/]{1,8}\)[ \t]*)?(?:BEGIN[ \t]+)?SUMMARY[ \t]*[:.-][ \t-]*/i;
const SUMMARY_CLOSE = /\bEND[ \t]+(?:OF[ \t]+)?SUMMARY\b/i;

/** Letters and digits only, markings and paragraph numbers dropped: what a summary says. */
export function summaryContent(text: string): string {
  return text
    .toUpperCase()
    .replace(/\((?:[A-Z]{1,4}(?:\s*\/+\s*[A-Z]{1,4})*)\)/g, '')
    .replace(/(?:^|\n)\s*¶?\d{1,2}\s*\.(?!\d)/g, '\n')
    .replace(/[^A-Z0-9]/g, '');
}

export function buildRealCases(dataDir = SHARED_DATA, labelledClassifiedBy: Array<{ cableId: string; input: string; expected: string[] }> = []): RealCase[] {
  const cited = citations(dataDir);
  const stations = releaseStations();
  const cases: RealCase[] = [];
  const pages = releasePages(dataDir);
  const vocabulary = new Set<string>();
  const dir = path.join(dataDir, 'cables');
  for (const name of readFileSync(path.join(dataDir, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]!).filter(Boolean)) {
    let cable: SeedCable;
    try {
      cable = readSeed(path.join(dir, `${name}.txt`));
    } catch {
      continue;
    }
    const id = canonicalCableId(cable.id);
    if (!id) continue;
    const half = halfOf(id);
    const year = yearOfSeed(cable);
    const region = refRegion(cable.body);
    const refs = region === null ? [] : [...(cited.get(id) ?? [])].filter((to) => releaseIdForm(to, stations) && serialWritten(region, to));
    if (refs.length > 0) cases.push({ field: 'references', cableId: id, half, input: cable.body.slice(0, 8000), year, expected: refs.sort() });
    const items = region === null ? null : bulletedItems(region);
    const typed = items === null ? [] : typedExpectation(items, [...(cited.get(id) ?? [])].filter((to) => releaseIdForm(to, stations)));
    if (typed.length > 0) cases.push({ field: 'references_typed', cableId: id, half, input: cable.body.slice(0, 8000), year, expected: typed });
    const page = pages.get(cable.id) ?? pages.get(id);
    const html = page ? readFileSync(page, 'utf8') : '';
    for (const tag of releaseTagIndex(html)) vocabulary.add(tag);
    const linked = releaseTagLinks(html);
    for (const tag of linked) vocabulary.add(tag);
    if (linked.length > 0) cases.push({ field: 'tags', cableId: id, half, input: cable.text, year, expected: linked, vocabulary });
    const open = SUMMARY_OPEN.exec(cable.body);
    if (open) {
      const rest = cable.body.slice(open.index + open[0].length);
      const close = SUMMARY_CLOSE.exec(rest);
      // a metadata dump pasted inside the span means the END SUMMARY found belongs to another copy
      if (close && close.index > 40 && !/\n(?:refid|header):/.test(rest.slice(0, close.index))) {
        cases.push({ field: 'summary', cableId: id, half, input: cable.body.slice(0, open.index + open[0].length + close.index + 40), year, expected: summaryContent(rest.slice(0, close.index)) });
      }
    }
  }
  for (const l of labelledClassifiedBy) {
    cases.push({ field: 'classified_by', cableId: l.cableId, half: halfOf(l.cableId), input: l.input, year: null, expected: l.expected });
  }
  return cases;
}
