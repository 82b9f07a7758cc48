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
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalCableId } from '../../server/src/cables/canonical-id.ts';
// station parts of the release's 251,287 ids seen at least 3 times (data/README.md of the parser)
import { releaseStations } from '../../server/src/cables/tables.ts';

export type Half = 'tune' | 'held-out';

/** The split rule: decided before any case was run, never changed after. */
export function halfOf(cableId: string): Half {
  const canonical = canonicalCableId(cableId) ?? cableId;
  return createHash('sha256').update(canonical).digest()[0]! % 2 === 1 ? 'held-out' : 'tune';
}

export interface RealCase {
  field: 'references' | 'summary' | 'classified_by';
  cableId: string;
  half: Half;
  input: string;
  year: number | null;
  expected: string[] | string;
}

export const SHARED_DATA = process.env.CABLESCOPE_SHARED_DATA ?? '/work/shared/data';

interface SeedCable {
  id: string;
  date: string;
  body: string;
}

/** Format (a): id, subject, date, classification, origin, then header + body. */
function readSeed(file: string): SeedCable {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  return { id: lines[0]!.trim(), date: lines[2]!.trim(), body: lines.slice(5).join('\n') };
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
