/**
 * `npm run check:real-data`: parses the real cables in /work/shared/data (the seed corpus and
 * the native csv / HTML samples) and prints what the parser gets out of them: field coverage,
 * distinct posts before and after canonicalisation, and the share of the known citation
 * edges (REF-EDGES.tsv) the parser reproduces. Figures go to docs/benchmarks.md (## Parser).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readCables } from './import/read/index.ts';
import { canonicalCableId } from '../server/src/cables/canonical-id.ts';
import { resolveOriginPost, resolvePost } from '../server/src/cables/posts.ts';
import type { CableRecord } from '../server/src/cables/record.ts';

const DATA = process.env.CABLESCOPE_SHARED_DATA ?? '/work/shared/data';
const INPUTS: Array<[string, string]> = [
  ['seed text', `${DATA}/cables`],
  ['cables.csv', `${DATA}/native/csv/cables.csv`],
  ['HTML pages', `${DATA}/native/html.tar.xz`],
];

const FIELDS: Array<[string, (r: CableRecord) => boolean]> = [
  ['date', (r) => r.date !== null],
  ['classification', (r) => r.classification !== null],
  ['origin', (r) => r.origin !== null],
  ['subject', (r) => r.subject !== ''],
  ['TAGS', (r) => r.tags.length > 0],
  ['sender (FM)', (r) => r.sender !== null],
  ['TO', (r) => r.to.length > 0],
  ['INFO', (r) => r.info.length > 0],
  ['REF (any)', (r) => r.references.length > 0],
  ['REF (cable)', (r) => r.references.some((x) => x.cableId !== null)],
  ['transmission id', (r) => r.transmissionId !== null],
  ['summary', (r) => r.summary !== null],
  ['signers', (r) => r.signers.length > 0],
  ['classified by', (r) => r.classifiedBy.length > 0],
  ['DECL date', (r) => r.declassificationDate !== null],
  ['caveats', (r) => r.caveats.length > 0],
  ['partial extract', (r) => r.partial],
];

const pct = (n: number, d: number): string => (d === 0 ? '  n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

interface Tally {
  records: CableRecord[];
  rejected: Map<string, number>;
}

async function tally(path: string): Promise<Tally> {
  const records: CableRecord[] = [];
  const rejected = new Map<string, number>();
  for await (const o of readCables([path])) {
    if (o.ok) {
      // bodies are not needed for the figures; drop them to keep memory small
      records.push({ ...o.record, header: '', body: '' });
    } else rejected.set(o.rejected.reason, (rejected.get(o.rejected.reason) ?? 0) + 1);
  }
  return { records, rejected };
}

function postSpellings(records: CableRecord[]): { before: Set<string>; after: Set<string> } {
  const before = new Set<string>();
  const after = new Set<string>();
  const add = (spelling: string, key: string): void => {
    before.add(spelling.trim().toUpperCase().replace(/\s+/g, ' '));
    after.add(key);
  };
  for (const r of records) {
    if (r.origin) add(r.origin, resolveOriginPost(r.origin).key);
    for (const p of [...(r.sender ? [r.sender] : []), ...r.to, ...r.info]) {
      if (p.name) add(p.name, resolvePost(p.route, p.name).key);
    }
  }
  return { before, after };
}

async function main(): Promise<void> {
  if (!existsSync(DATA)) throw new Error(`${DATA} not found (set CABLESCOPE_SHARED_DATA)`);
  const results: Array<[string, Tally]> = [];
  for (const [label, path] of INPUTS) {
    if (!existsSync(path)) continue;
    const started = Date.now();
    const t = await tally(path);
    results.push([label, t]);
    const rejectedTotal = [...t.rejected.values()].reduce((a, b) => a + b, 0);
    console.log(`${label}: ${t.records.length} cables parsed, ${rejectedTotal} rejected (${((Date.now() - started) / 1000).toFixed(1)} s) — ${path}`);
    for (const [reason, n] of t.rejected) console.log(`  rejected ${n}× ${reason}`);
  }

  console.log('\nField coverage (share of parsed cables with the field):');
  console.log(`${'field'.padEnd(16)}${results.map(([l]) => l.padStart(12)).join('')}`);
  for (const [name, has] of FIELDS) {
    console.log(`${name.padEnd(16)}${results.map(([, t]) => pct(t.records.filter(has).length, t.records.length).padStart(12)).join('')}`);
  }

  const all = results.flatMap(([, t]) => t.records);
  const posts = postSpellings(all);
  console.log(`\nPosts (origin, FM, TO, INFO over all inputs): ${posts.before.size} distinct spellings → ${posts.after.size} canonical posts`);
  const seedOnly = postSpellings(results.find(([l]) => l === 'seed text')?.[1].records ?? []);
  console.log(`Posts (seed text only): ${seedOnly.before.size} distinct spellings → ${seedOnly.after.size} canonical posts`);

  const edgesFile = `${DATA}/REF-EDGES.tsv`;
  if (existsSync(edgesFile)) {
    const known = readFileSync(edgesFile, 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.includes('\t'))
      .map((l) => l.split('\t').map((id) => canonicalCableId(id.trim()) ?? id.trim()) as [string, string]);
    const edgesOf = (records: CableRecord[]): Set<string> => {
      const set = new Set<string>();
      for (const r of records) for (const ref of r.references) if (ref.cableId) set.add(`${r.id}\t${ref.cableId}`);
      return set;
    };
    const seedEdges = edgesOf(results.find(([l]) => l === 'seed text')?.[1].records ?? []);
    const allEdges = edgesOf(all);
    const share = (set: Set<string>): string => {
      const hit = known.filter(([a, b]) => set.has(`${a}\t${b}`)).length;
      return `${hit}/${known.length} = ${pct(hit, known.length).trim()}`;
    };
    console.log(`\nREF edges of REF-EDGES.tsv reproduced: seed text alone ${share(seedEdges)}; seed + native samples (csv references column) ${share(allEdges)}`);
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
