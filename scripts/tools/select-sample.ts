/**
 * Picks the bundled sample corpus (data/sample/) from the shared real cables: whole REF
 * citation clusters, largest first, starting with the seed cable's, so the demo and tests
 * have citation chains, shared posts and shared tags. A maintainer tool: it reads the
 * developers' shared data, which users do not have; its output is committed.
 *
 *   npx tsx scripts/tools/select-sample.ts ../shared/data data/sample 400
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [sharedData = '../shared/data', outDir = 'data/sample', limitArg = '400'] = process.argv.slice(2);
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

/** Big clusters are cut (around their best-connected cable) so that many posts and tags show up. */
const perClusterCap = 40;
const degree = (id: string) => neighbours.get(id)?.size ?? 0;
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
