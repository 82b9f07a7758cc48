/**
 * Maintainer script: derives the corpus generator's distribution tables from the developers'
 * shared collection of real cables and writes them to scripts/corpus/tables.json (small, committed:
 * users and tests do not have the shared collection).
 *
 *   npx tsx scripts/corpus/derive-tables.ts [--data /work/shared/data] [--out scripts/corpus/tables.json]
 *
 * Every cable is read with the project's own readers, so the tables describe what the importer sees.
 * The few release-wide figures the shared subset cannot give (its citations are mostly to cables
 * outside the subset) are taken from the issue and marked as such in `releaseWide`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { CableRecord } from '../../server/src/cables/record.ts';
import { yearFromCableId } from '../../server/src/cables/year-from-id.ts';
import { readCables } from '../import/read/index.ts';
import type { CorpusTables, Weighted } from './tables.ts';

function top<K>(counts: Map<K, number>, n: number): [K, number][] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).slice(0, n);
}

function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function histogram(values: number[], cap: number): number[] {
  const h = new Array<number>(cap + 1).fill(0);
  for (const v of values) h[Math.min(v, cap)]! += 1;
  return h;
}

function quantiles(values: number[], n: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 0; i <= n; i++) out.push(sorted[Math.min(sorted.length - 1, Math.floor((i / n) * (sorted.length - 1)))]!);
  return out;
}

const weighted = <K extends string>(rows: [K, number][]): Weighted<K>[] => rows.map(([value, weight]) => ({ value, weight }));

async function main(): Promise<void> {
  const program = new Command()
    .option('--data <dir>', 'the shared real-data folder', '/work/shared/data')
    .option('--out <file>', 'where the tables go', path.join(path.dirname(new URL(import.meta.url).pathname), 'tables.json'))
    .parse();
  const { data, out } = program.opts<{ data: string; out: string }>();

  const records: CableRecord[] = [];
  let rejected = 0;
  for await (const outcome of readCables([path.join(data, 'cables')])) {
    if (outcome.ok) records.push(outcome.record);
    else rejected += 1;
  }

  const years = new Map<string, number>();
  const classifications = new Map<string, number>();
  const posts = new Map<string, { count: number; senders: Map<string, number> }>();
  const recipients = new Map<string, number>();
  const tagCodes = new Map<string, number>();
  const words = new Map<string, number>();
  const signers = new Map<string, number>();
  const classifiers = new Map<string, number>();
  const toCounts: number[] = [];
  const infoCounts: number[] = [];
  const tagCounts: number[] = [];
  const refCounts: number[] = [];
  const refReachYears: number[] = [];
  const bodySizes: number[] = [];
  let withHub = 0;
  let routed = 0;
  let partial = 0;
  let garbled = 0;
  let sameStationRefs = 0;
  let allRefs = 0;

  for (const r of records) {
    const year = r.date ? Number(r.date.slice(0, 4)) : null;
    if (year) bump(years, String(year));
    bump(classifications, r.classification ?? '');
    if (r.idAsWritten) garbled += 1;
    if (r.partial) partial += 1;
    if (r.origin) {
      let post = posts.get(r.origin);
      if (!post) posts.set(r.origin, (post = { count: 0, senders: new Map() }));
      post.count += 1;
      if (r.sender) bump(post.senders, `${r.sender.route ?? ''}|${r.sender.name}`);
    }
    if (!r.partial && (r.to.length > 0 || r.info.length > 0)) {
      routed += 1;
      toCounts.push(r.to.length);
      infoCounts.push(r.info.length);
      if ([...r.to, ...r.info].some((x) => /^SECSTATE\b/.test(x.name))) withHub += 1;
      for (const x of [...r.to, ...r.info]) if (!/^SECSTATE\b/.test(x.name)) bump(recipients, `${x.route ?? ''}|${x.name}`);
    }
    tagCounts.push(r.tags.length);
    for (const t of r.tags) bump(tagCodes, t.code);
    const cableRefs = r.references.filter((x) => x.kind === 'cable' && x.cableId);
    refCounts.push(cableRefs.length);
    const station = r.id.replace(/^\d{2}/, '').replace(/\d+$/, '');
    for (const ref of cableRefs) {
      allRefs += 1;
      const citedYear = yearFromCableId(ref.cableId!);
      if (year && citedYear !== null && citedYear <= year) refReachYears.push(year - citedYear);
      if (ref.cableId!.replace(/^\d{2}/, '').replace(/\d+$/, '') === station) sameStationRefs += 1;
    }
    bodySizes.push(Buffer.byteLength(r.body) + Buffer.byteLength(r.header));
    for (const s of r.signers) bump(signers, s);
    for (const s of r.classifiedBy) bump(classifiers, s);
    // Vocabulary: upper-case words of plain letters from the first 3 KB of the body.
    for (const w of r.body.slice(0, 3000).toUpperCase().match(/\b[A-Z]{2,14}\b/g) ?? []) bump(words, w);
  }

  const postTable = top(new Map([...posts].map(([k, v]) => [k, v.count])), 400).map(([origin, count]) => {
    const senders = top(posts.get(origin)!.senders, 1);
    const [route, name] = senders.length ? senders[0]![0].split('|') : ['', ''];
    return { origin, sender: name || null, route: route || null, weight: count };
  });

  const tables: CorpusTables = {
    derivedFrom: `${records.length} real cables of the developers' shared collection (${rejected} unreadable files skipped), read with the project's readers`,
    years: weighted(top(years, 100)).sort((a, b) => Number(a.value) - Number(b.value)),
    classifications: weighted(top(classifications, 20)),
    posts: postTable.filter((p) => p.sender !== null),
    hubShare: withHub / Math.max(routed, 1),
    hub: { route: 'RUEHC', name: 'SECSTATE WASHDC' },
    partialShare: partial / records.length,
    garbledIdShare: garbled / records.length,
    toCounts: histogram(toCounts, 30),
    infoCounts: histogram(infoCounts, 60),
    recipients: weighted(top(recipients, 600)),
    tagCounts: histogram(tagCounts, 15),
    tags: weighted(top(tagCodes, 800)),
    refCounts: histogram(refCounts, 12),
    refReachYears: histogram(refReachYears, 20),
    sameStationRefShare: sameStationRefs / Math.max(allRefs, 1),
    textBytesQuantiles: quantiles(bodySizes, 100),
    signers: weighted(top(signers, 400)),
    classifiers: weighted(top(classifiers, 300)),
    vocabulary: weighted(top(words, 2500)),
    releaseWide: {
      note: 'from the issue (release-wide figures the shared subset cannot give)',
      cables: 251_287,
      citations: 232_000,
      missingCitedShare: 56_000 / 232_000,
      csvBytes: 1.7e9,
    },
  };
  writeFileSync(out, `${JSON.stringify(tables)}\n`);
  const size = readFileSync(out).length;
  console.log(`${records.length} cables → ${out} (${(size / 1024).toFixed(0)} KB)`);
  console.log(
    `hub share ${tables.hubShare.toFixed(3)}, partial ${tables.partialShare.toFixed(3)}, garbled ${tables.garbledIdShare.toFixed(4)}, ` +
      `mean refs ${(refCounts.reduce((a, b) => a + b, 0) / refCounts.length).toFixed(2)}, mean text ${(bodySizes.reduce((a, b) => a + b, 0) / bodySizes.length).toFixed(0)} B`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
