/**
 * The analysis's compute step in memory, on a generated REF-like graph of any size (no Neo4j):
 * what `npm run analyse` does between reading and writing. For sizes Neo4j cannot hold here
 * (the 2.3 million cables of the whole PlusD collection).
 *
 *   npx tsx scripts/bench/analyse.ts --cables 2300000
 *
 * The graph: every cable cites 0–4 others (mean ~1.1, as in the generated corpus), most often a
 * recent cable of its own station, else a cable missing from the corpus (a stub, ~22 % of
 * nodes); dates run through the years; posts exchange traffic with a few hubs.
 */
import { Command } from 'commander';
import { analyseGraph } from '../analyse/compute/analyse-graph.ts';
import { CitationGraph } from '../analyse/compute/citation-graph.ts';
import type { TrafficLink } from '../analyse/compute/traffic.ts';
import { seededRandom } from '../analyse/compute/seeded-random.ts';

const { cables } = new Command()
  .option('--cables <n>', 'cables in the corpus', (v) => Number(v), 251_287)
  .parse()
  .opts<{ cables: number }>();

const random = seededRandom(2010);
const stations = Array.from({ length: 280 }, (_, i) => `POST${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`);
const serials = new Map<string, number>();
const started = performance.now();
const graph = new CitationGraph();
const recent: string[][] = stations.map(() => []);
const startTime = Date.UTC(1985, 0, 1);
const span = Date.UTC(2010, 1, 28) - startTime;
for (let n = 0; n < cables; n++) {
  const s = Math.floor(Math.pow(random(), 2) * stations.length);
  const time = startTime + (span * n) / cables;
  const yy = String(new Date(time).getUTCFullYear() % 100).padStart(2, '0');
  const key = `${yy}${stations[s]}`;
  const serial = (serials.get(key) ?? 0) + 1 + Math.floor(random() * 3);
  serials.set(key, serial);
  const id = `${key}${serial}`;
  graph.addCable(id, true, new Date(time).toISOString().slice(0, 10));
  const refs = random() < 0.45 ? 0 : 1 + Math.floor(random() * random() * 4);
  for (let r = 0; r < refs; r++) {
    const pool = recent[s]!;
    if (pool.length > 0 && random() < 0.6) graph.addReference(id, pool[Math.floor(random() * pool.length)]!);
    else graph.addReference(id, `${key}${Math.max(1, serial - 1 - Math.floor(random() * 50))}X`.replace(/X$/, ''));
  }
  recent[s]!.push(id);
  if (recent[s]!.length > 200) recent[s]!.shift();
}
const traffic: TrafficLink[] = [];
for (let a = 0; a < stations.length; a++) {
  for (let k = 0; k < 12; k++) traffic.push({ from: stations[a]!, to: stations[Math.floor(Math.pow(random(), 3) * stations.length)]!, cables: 1 + Math.floor(random() * 500) });
}
const built = performance.now();
const cpuBefore = process.cpuUsage();
console.log(`generated ${graph.size.toLocaleString('en')} cable nodes, ${graph.referenceCount.toLocaleString('en')} citations in ${((built - started) / 1000).toFixed(1)} s`);
const result = analyseGraph(graph, traffic, (step, ms) => console.log(`  ${step}: ${(ms / 1000).toFixed(1)} s`));
const computed = performance.now();
const cpu = process.cpuUsage(cpuBefore);
console.log(`compute: ${((computed - built) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU; ${result.summary.networkCables.toLocaleString('en')} in the REF network, ${result.summary.threads.toLocaleString('en')} threads (largest ${result.summary.largestThread.toLocaleString('en')}), ${result.summary.refCommunities.toLocaleString('en')} communities, ${result.summary.estimatedDates.toLocaleString('en')} estimated dates`);
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
