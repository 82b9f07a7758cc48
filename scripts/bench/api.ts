/**
 * API latency benchmark: starts the API in a child process over the configured Neo4j (NEO4J_URI,
 * or the bundled instance chosen with --instance), reads realistic targets from that database
 * (hub posts, popular tags, well-cited cables, an even spread of ordinary cables) and drives each
 * endpoint with autocannon (N concurrent clients on loopback), printing p50/p95/p99/max and
 * errors per endpoint. Usage:
 *
 *   npm run bench:api -- [--instance app|test] [--connections 20] [--duration 10] [--rounds 1] [--only search,expand] [--profile dir]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
import { serve } from '../../server/src/main.ts';
import { benchFixtures, type BenchFixtures } from './fixtures.ts';
import { graphStats } from '../db/graph-stats.ts';

interface CannonResult {
  requests: { total: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface CannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: 'done', listener: (result: CannonResult) => void): void;
}
type Autocannon = (
  options: {
    url: string;
    connections: number;
    duration: number;
    timeout?: number;
    requests: { method: 'GET'; setupRequest: (req: { path?: string }) => { path?: string } }[];
  },
  done?: (error: Error | null, result: CannonResult) => void,
) => CannonInstance;

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;

interface Scenario {
  name: string;
  /** Latency target in ms (null: recorded only). */
  target: number | null;
  paths: string[];
}

const enc = encodeURIComponent;

function words(subjects: string[]): string[] {
  const out = new Set<string>();
  for (const s of subjects) {
    for (const w of s.split(/[^A-Za-z]+/)) if (w.length >= 6 && !/^(SUBJECT|CONFIDENTIAL|SECRET)$/i.test(w)) out.add(w.toLowerCase());
    if (out.size >= 60) break;
  }
  return [...out];
}

function scenarios(f: BenchFixtures): Scenario[] {
  const ws = words(f.subjects);
  const typed = [
    ...f.cables.slice(0, 30).map((id) => id.slice(0, Math.max(4, id.length - 2)).toLowerCase()),
    ...ws.slice(0, 30).map((w) => w.slice(0, 4)),
    ...ws.slice(0, 30),
    ...f.senders.slice(0, 15).map((k) => k.slice(0, 4).toLowerCase()),
    ...f.tags.slice(0, 10),
  ];
  const twoWords = ws.slice(0, 30).map((w, i) => `${w} ${ws[(i + 7) % ws.length]!.slice(0, 3)}`);
  const expandIds = [
    ...f.hubPosts.map((k) => `post:${k}`),
    ...f.tags.slice(0, 10).map((k) => `tag:${k}`),
    ...f.senders.slice(0, 10).map((k) => `post:${k}`),
    ...f.cables.slice(0, 60).map((k) => `cable:${k}`),
    ...f.citedCables.slice(0, 20).map((k) => `cable:${k}`),
  ];
  const cited = [...f.citedCables, ...f.cables.slice(0, 40)];
  const pairs = f.citedCables.slice(0, 20).map((a, i) => [a, f.citedCables[(i + 5) % f.citedCables.length]!] as const);
  return [
    { name: 'search/suggest (typing)', target: 50, paths: typed.map((q) => `/api/search/suggest?q=${enc(q)}`) },
    { name: 'search (words)', target: 50, paths: [...ws, ...twoWords].map((q) => `/api/search?q=${enc(q)}`) },
    { name: 'expand (limit 50, mixed)', target: 50, paths: expandIds.map((id) => `/api/graph/expand?id=${enc(id)}&limit=50`) },
    {
      name: 'expand (hub posts/tags)',
      target: 50,
      paths: [...f.hubPosts.map((k) => `post:${k}`), ...f.tags.slice(0, 5).map((k) => `tag:${k}`)].map(
        (id) => `/api/graph/expand?id=${enc(id)}&limit=50`,
      ),
    },
    { name: 'citations depth 3', target: 50, paths: cited.map((id) => `/api/cables/${enc(id)}/citations?depth=3`) },
    {
      name: 'timeline (post/tag)',
      target: null,
      paths: [...f.senders.slice(0, 10).map((k) => `post:${k}`), ...f.tags.slice(0, 10).map((k) => `tag:${k}`)].map(
        (id) => `/api/timeline?id=${enc(id)}`,
      ),
    },
    { name: 'traffic (post, per year)', target: null, paths: f.senders.slice(0, 20).map((k) => `/api/posts/${enc(k)}/traffic`) },
    {
      name: 'overview (corpus, filtered)',
      target: 50,
      paths: ['/api/overview', ...f.tags.slice(0, 5).map((t) => `/api/overview?tag=${enc(t)}`), ...f.senders.slice(0, 5).map((k) => `/api/overview?post=${enc(k)}&from=2005`)],
    },
    { name: 'related cables', target: 50, paths: cited.map((id) => `/api/cables/${enc(id)}/related`) },
    {
      name: 'rank (pages, filters)',
      target: 50,
      paths: (['pagerank', 'cited', 'hits'] as const).flatMap((by) => [
        `/api/rank?by=${by}`,
        `/api/rank?by=${by}&offset=200&limit=50`,
        ...f.tags.slice(0, 3).map((t) => `/api/rank?by=${by}&tag=${enc(t)}`),
      ]),
    },
    {
      name: 'shortest path (REFERENCES)',
      target: null,
      paths: pairs.map(([a, b]) => `/api/paths/shortest?from=cable:${enc(a)}&to=cable:${enc(b)}&types=REFERENCES&maxHops=6`),
    },
  ];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

interface Measured {
  name: string;
  /** First request to each distinct target, one at a time, before any warm-up (cache misses). */
  coldMedian: number;
  coldMax: number;
  target: number | null;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** p95 of every measured run, in order (the other columns are the median run's). */
  roundsP95: number[];
}

/** One request per distinct path (at most 20), sequentially: what the first visitor waits. */
async function coldPass(url: string, scenario: Scenario): Promise<{ median: number; max: number; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  for (const path of [...new Set(scenario.paths)].slice(0, 20)) {
    const started = performance.now();
    const res = await fetch(url + path);
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (!res.ok) errors++;
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), max: times.at(-1) ?? NaN, errors };
}

async function run(url: string, scenario: Scenario, connections: number, duration: number): Promise<Omit<Measured, 'coldMedian' | 'coldMax' | 'roundsP95'>> {
  let next = 0;
  const latencies: number[] = [];
  const result = await new Promise<CannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        timeout: 10,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: scenario.paths[next++ % scenario.paths.length]! }) }],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  return {
    name: scenario.name,
    target: scenario.target,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** Child mode: serve the API (no client files) and print the URL. */
async function serveChild(instance: 'app' | 'test'): Promise<void> {
  const running = await serve({ connection: resolveConnection(process.env, instance), port: 0, clientDir: '/nonexistent' });
  process.stdout.write(`LISTENING ${running.url.replace('localhost', '127.0.0.1')}\n`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function startChild(instance: string, profileDir: string | undefined): Promise<{ child: ChildProcess; url: string }> {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', '--instance', instance], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before listening`)));
  });
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');

async function main(): Promise<void> {
  const program = new Command()
    .option('--instance <name>', 'bundled Neo4j instance when NEO4J_URI is not set (app or test)', 'app')
    .option('--connections <n>', 'concurrent clients', '20')
    .option('--duration <s>', 'seconds per endpoint', '10')
    .option('--warmup <s>', 'seconds of warm-up per endpoint (not measured)', '3')
    .option('--rounds <n>', 'measured runs per endpoint; the table shows the run with the median p95 and every run\'s p95', '1')
    .option('--only <names>', 'comma-separated scenario name prefixes')
    .option('--profile <dir>', 'write a CPU profile of the API process to this folder (open it in Chrome DevTools)')
    .option('--serve', 'internal: run the API server only')
    .parse();
  const opts = program.opts<{ instance: string; connections: string; duration: string; warmup: string; only?: string; profile?: string; rounds: string; serve?: boolean }>();
  const instance = opts.instance === 'test' ? 'test' : 'app';
  if (opts.serve) return serveChild(instance);

  const db = new Database(resolveConnection(process.env, instance));
  let child: ChildProcess | null = null;
  try {
    const stats = await graphStats(db);
    const fixtures = await benchFixtures(db);
    console.log(
      `database ${db.uri}: ${stats.nodes.Cable} cables (${stats.stubs} stubs), ${stats.nodes.Post} posts, ${stats.nodes.Tag} tags, ` +
        `${stats.relationships.REFERENCES} REFERENCES; hub posts ${fixtures.hubPosts.join(', ')}`,
    );
    const loadBefore = loadavg().map((l) => l.toFixed(1)).join(' ');
    const started = await startChild(instance, opts.profile);
    child = started.child;
    const connections = Number(opts.connections);
    const duration = Number(opts.duration);
    const warmup = Number(opts.warmup);
    const rounds = Math.max(1, Number(opts.rounds));
    const only = opts.only?.split(',').map((s) => s.trim().toLowerCase());
    const results: Measured[] = [];
    for (const scenario of scenarios(fixtures)) {
      if (only && !only.some((o) => scenario.name.toLowerCase().startsWith(o))) continue;
      if (scenario.paths.length === 0) continue;
      const cold = await coldPass(started.url, scenario);
      if (warmup > 0) await run(started.url, scenario, connections, warmup);
      const runs: Awaited<ReturnType<typeof run>>[] = [];
      for (let r = 0; r < rounds; r++) runs.push(await run(started.url, scenario, connections, duration));
      const byP95 = [...runs].sort((a, b) => a.p95 - b.p95);
      const hot = byP95[Math.floor((byP95.length - 1) / 2)]!;
      const errors = runs.reduce((n, r) => n + r.errors, 0) + cold.errors;
      const m: Measured = { ...hot, coldMedian: cold.median, coldMax: cold.max, errors, roundsP95: runs.map((r) => r.p95) };
      results.push(m);
      console.log(
        `${m.name}: cold median ${fmt(m.coldMedian)} ms (max ${fmt(m.coldMax)}); ` +
          `p50 ${fmt(m.p50)} ms, p95 ${fmt(m.p95)} ms, p99 ${fmt(m.p99)} ms, max ${fmt(m.max)} ms, ${m.errors} errors` +
          (rounds > 1 ? `; p95 per run ${m.roundsP95.map(fmt).join(', ')}` : ''),
      );
    }
    console.log(
      `\n${connections} connections, ${rounds > 1 ? `${rounds} runs of ` : ''}${duration} s per endpoint after ${warmup} s warm-up, ${new Date().toISOString()}; ` +
        `load average ${loadBefore} before, ${loadavg().map((l) => l.toFixed(1)).join(' ')} after (${cpus().length} cores)\n`,
    );
    const perRun = rounds > 1 ? ' p95 per run |' : '';
    console.log(`| endpoint | cold median / max ms | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |${perRun} target p95 |`);
    console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${rounds > 1 ? ' --- |' : ''} --- |`);
    for (const m of results) {
      const verdict = m.target === null ? '–' : `< ${m.target} ms ${m.p95 < m.target && m.errors === 0 ? '✓' : '✗'}`;
      console.log(
        `| ${m.name} | ${fmt(m.coldMedian)} / ${fmt(m.coldMax)} | ${m.requests} | ${fmt(m.rps)} | ${fmt(m.p50)} | ${fmt(m.p95)} | ${fmt(m.p99)} | ${fmt(m.max)} | ${m.errors} |` +
          `${rounds > 1 ? ` ${m.roundsP95.map(fmt).join(', ')} |` : ''} ${verdict} |`,
      );
    }
  } finally {
    if (child && child.exitCode === null) {
      // wait for the exit, so that a --profile file is complete when this command returns
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await db.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
