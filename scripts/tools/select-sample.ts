/**
 * Picks the bundled sample corpus (data/sample/) from the shared real cables: whole REF
 * citation clusters, largest first, starting with the seed cable's, so the demo and tests
 * have citation chains, shared posts and shared tags. A maintainer tool: it reads the
 * developers' shared data, which users do not have; its output is committed.
 *
 *   npx tsx scripts/tools/select-sample.ts ../shared/data data/sample 400
 *
 * With `--extend`, it adds to the cables already in data/sample/ until the total is reached and
 * writes the additions as one compressed archive (what `npm start` imports beside data/sample/):
 *
 *   npx tsx scripts/tools/select-sample.ts --extend ../shared/data data/sample-more.tar.xz 3000
 *
 * Additions are whole REF clusters first (BFS from their best-connected cable, so each is a
 * dense thread), ordered greedily by size plus the stations and years they add; then cables that
 * cite the most other cables (their cited cables become stubs with estimated dates and
 * co-citations), taken round-robin over station-years so every post and year gets some.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cableIdParts } from '../../server/src/cables/canonical-id.ts';

const extend = process.argv[2] === '--extend';
const [sharedData = '../shared/data', outDir = 'data/sample', limitArg = '400'] = process.argv.slice(extend ? 3 : 2);
const limit = Number(limitArg);
const seed = '07LONDON3923';

const manifest = new Map<string, string[]>();
for (const line of readFileSync(path.join(sharedData, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1)) {
  const cols = line.split('\t');
  if (cols[0]) manifest.set(cols[0], cols);
}
const usable = (id: string) => {
  const format = manifest.get(id)?.[1];
  return format === 'csv' || format === 'html';
};

const neighbours = new Map<string, Set<string>>();
for (const line of readFileSync(path.join(sharedData, 'REF-EDGES.tsv'), 'utf8').split('\n').slice(1)) {
  const [from, to] = line.split('\t');
  if (!from || !to || !usable(from) || !usable(to)) continue;
  for (const [a, b] of [[from, to], [to, from]] as const) {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    neighbours.get(a)!.add(b);
  }
}

/** Breadth-first from `start`, so any prefix of the result is itself a connected cluster. */
function component(start: string): string[] {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of neighbours.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...seen];
}

const components: string[][] = [];
const assigned = new Set<string>();
for (const id of neighbours.keys()) {
  if (assigned.has(id)) continue;
  const members = component(id);
  members.forEach((m) => assigned.add(m));
  components.push(members);
}
components.sort((a, b) => (a.includes(seed) ? -1 : b.includes(seed) ? 1 : b.length - a.length));

const degree = (id: string) => neighbours.get(id)?.size ?? 0;

if (extend) extendSample();
else chooseCore();

function chooseCore(): void {
  /** Big clusters are cut (around their best-connected cable) so that many posts and tags show up. */
  const perClusterCap = 40;
  const chosen: string[] = [];
  for (const members of components) {
    const hub = members.includes(seed) ? seed : members.reduce((a, b) => (degree(b) > degree(a) ? b : a));
    const take = component(hub).slice(0, Math.min(perClusterCap, limit - chosen.length));
    if (take.length < 2) continue;
    chosen.push(...take);
    if (chosen.length >= limit) break;
  }

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const id of chosen) copyFileSync(path.join(sharedData, 'cables', `${id}.txt`), path.join(outDir, `${id}.txt`));
  const sources = ['refid\tsource_format\trepo\tpath\tcommit', ...chosen.sort().map((id) => manifest.get(id)!.slice(0, 5).join('\t'))];
  writeFileSync(path.join(path.dirname(outDir), 'sample-sources.tsv'), `${sources.join('\n')}\n`);
  console.log(`${chosen.length} cables in ${components.filter((c) => c.some((m) => chosen.includes(m))).length} citation clusters → ${outDir}`);
  console.log(`files now: ${readdirSync(outDir).length}`);
}

function extendSample(): void {
  const archive = outDir;
  const kept = new Set(readdirSync('data/sample').filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)));
  const chosen = new Set<string>();
  const stations = new Set<string>();
  const years = new Set<string>();
  const note = (id: string) => {
    const parts = cableIdParts(id);
    if (parts) {
      stations.add(parts.station);
      years.add(parts.yy);
    }
  };
  kept.forEach(note);
  const available = (id: string) => !kept.has(id) && !chosen.has(id) && existsSync(path.join(sharedData, 'cables', `${id}.txt`));
  const room = () => limit - kept.size - chosen.size;

  const clusterCap = 150;
  let pending = components.map((members) => {
    const hub = members.reduce((a, b) => (degree(b) > degree(a) ? b : a));
    return component(hub).filter(available).slice(0, clusterCap);
  });
  while (room() > 0) {
    pending = pending.filter((c) => c.filter(available).length >= 2);
    if (pending.length === 0) break;
    const gain = (c: string[]) => {
      const s = new Set<string>();
      const y = new Set<string>();
      for (const id of c) {
        const parts = cableIdParts(id);
        if (parts && !stations.has(parts.station)) s.add(parts.station);
        if (parts && !years.has(parts.yy)) y.add(parts.yy);
      }
      return c.length + 5 * s.size + 10 * y.size;
    };
    pending.sort((a, b) => gain(b) - gain(a));
    const best = pending.shift()!.filter(available).slice(0, room());
    best.forEach((id) => {
      chosen.add(id);
      note(id);
    });
  }

  // Then the cables citing the most, round-robin over station-years.
  const citing = [...manifest.entries()]
    .filter(([id, cols]) => (cols[1] === 'csv' || cols[1] === 'html') && Number(cols[9] ?? 0) > 0 && available(id))
    .sort((a, b) => Number(b[1][9]) - Number(a[1][9]) || (a[0] < b[0] ? -1 : 1));
  const byStationYear = new Map<string, string[]>();
  for (const [id] of citing) {
    const parts = cableIdParts(id);
    const key = parts ? `${parts.yy}${parts.station}` : id;
    if (!byStationYear.has(key)) byStationYear.set(key, []);
    byStationYear.get(key)!.push(id);
  }
  const queues = [...byStationYear.values()];
  while (room() > 0 && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      const id = queue.shift();
      if (id && available(id) && room() > 0) chosen.add(id);
    }
  }

  const staging = mkdtempSync(path.join(os.tmpdir(), 'sample-more-'));
  const ids = [...chosen].sort();
  for (const id of ids) copyFileSync(path.join(sharedData, 'cables', `${id}.txt`), path.join(staging, `${id}.txt`));
  rmSync(archive, { force: true });
  execFileSync('tar', ['-cJf', path.resolve(archive), '--sort=name', '--owner=0', '--group=0', '--mtime=2010-11-28', '-C', staging, ...ids.map((id) => `${id}.txt`)]);
  rmSync(staging, { recursive: true, force: true });
  const sources = ['refid\tsource_format\trepo\tpath\tcommit', ...ids.map((id) => manifest.get(id)!.slice(0, 5).join('\t'))];
  writeFileSync(archive.replace(/\.tar\.xz$/, '-sources.tsv'), `${sources.join('\n')}\n`);
  const clusters = components.filter((c) => c.some((m) => chosen.has(m))).length;
  console.log(`${ids.length} cables added (${clusters} citation clusters), ${kept.size + ids.length} in all, ${stations.size} stations, ${years.size} years → ${archive}`);
}
