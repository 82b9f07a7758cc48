/**
 * `npm run check:real-data`: parses the real cables in /work/shared/data (the seed corpus and
 * the native csv / HTML samples) and prints what the parser gets out of them: field coverage,
 * distinct posts before and after canonicalisation, and the share of the known citation
 * edges (REF-EDGES.tsv) the parser reproduces. Figures go to docs/benchmarks.md (## Parser).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readCables } from './import/read/index.ts';
import { canonicalCableId } from '../server/src/cables/canonical-id.ts';
import { formerNames, resolveOriginPost, resolvePost } from '../server/src/cables/posts.ts';
import { knownStation } from '../server/src/cables/stations.ts';
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

interface RouteUse {
  mentions: number;
  first: number;
  last: number;
  spellings: Set<string>;
}

/**
 * Every routing indicator that leads to more than one post, with the reason: a renamed post
 * (merged into one node by post-renames.tsv), co-located missions (posts of the release's cable
 * ids sharing a communications centre at the same time, kept apart), or a centre that relays
 * for agencies and commands (not posts of the release's ids: FBI, DEPTOFENERGY… via RHMFISS).
 */
function routeReport(records: CableRecord[]): string[] {
  const byRoute = new Map<string, Map<string, RouteUse>>();
  const note = (route: string | null, written: string, year: number | null): void => {
    if (!route || !/^R[A-Z]{3,7}$/.test(route) || !written) return;
    const key = resolvePost(route, written).key;
    const posts = byRoute.get(route) ?? new Map<string, RouteUse>();
    byRoute.set(route, posts);
    const use = posts.get(key) ?? { mentions: 0, first: 9999, last: 0, spellings: new Set<string>() };
    posts.set(key, use);
    use.mentions++;
    use.spellings.add(written.trim().toUpperCase().replace(/\s+/g, ' '));
    if (year !== null) {
      use.first = Math.min(use.first, year);
      use.last = Math.max(use.last, year);
    }
  };
  for (const r of records) {
    const year = r.date ? Number(r.date.slice(0, 4)) : null;
    if (r.sender) note(r.sender.route, r.sender.name, year);
    for (const p of [...r.to, ...r.info]) note(p.route, p.name, year);
  }
  const lines: string[] = [];
  const span = (u: RouteUse): string => (u.first <= u.last ? `${u.first}-${u.last}` : 'undated');
  for (const [route, posts] of [...byRoute].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [key, use] of posts) {
      const renamed = formerNames(key).filter((f) => f.route === route);
      const formerSeen = renamed.filter((f) => [...use.spellings].some((s) => s.replace(/\s+/g, '').endsWith(f.key)));
      const now = resolvePost(null, key).name;
      if (formerSeen.length > 0) lines.push(`${route}  rename, one post: ${formerSeen.map((f) => `${f.name} until ${f.until}, then ${now} from ${f.since}`).join('; ')} (${use.mentions} mentions, ${span(use)})`);
    }
    // header noise (`GENEVAPRIORITY2587\`) and one-off spellings are counted, not listed
    const noise = [...posts.keys()].filter((key) => !/^[A-Z]+$/.test(key));
    const list = [...posts].filter(([key, u]) => /^[A-Z]+$/.test(key) && u.mentions >= 2).sort((a, b) => b[1].mentions - a[1].mentions);
    if (list.length < 2) continue;
    const missions = list.filter(([key]) => knownStation(key));
    const overlapping = missions.length >= 2 && missions.some(([, a], i) => missions.some(([, b], j) => j !== i && a.first <= b.last && b.first <= a.last));
    const reason = overlapping
      ? 'co-located missions (one communications centre), separate posts'
      : missions.length >= 2
        ? 'indicator reassigned between posts at different times, separate posts'
        : 'communications centre relaying for agencies, commands or collectives, separate addressees';
    lines.push(`${route}  ${reason}: ${list.map(([key, u]) => `${key} (${u.mentions}, ${span(u)})`).join(', ')}${noise.length > 0 ? `; ${noise.length} header-noise spelling(s) not counted` : ''}`);
  }
  return lines;
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

  const routes = routeReport(all);
  console.log(`\nRouting indicators leading to more than one post, or to a renamed post (${routes.length}):`);
  for (const line of routes) console.log(`  ${line}`);

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
