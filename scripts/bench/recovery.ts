/**
 * Recovery after a Neo4j restart under load: N concurrent clients read the API in a loop while
 * the bundled Neo4j instance is stopped and started again. Prints the status codes seen before,
 * during and after the outage, the slowest answer during it, and how long after Neo4j accepted
 * connections again the first answer and normal answers (a full second of 200s at no more than
 * 3× the latency before the stop) came back.
 * Usage:
 *
 *   npm run bench:recovery -- [--instance app|test] [--clients 20] [--outage 5]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { serve } from '../../server/src/main.ts';
import { startLocal, stopLocal } from '../neo4j/local.ts';
import type { InstanceName } from '../neo4j/paths.ts';

export interface Sample {
  started: number;
  ended: number;
  status: number;
  path: string;
  /** The JSON error code of an answer that is not a 200 (what kind of 503). */
  code?: string;
}

export interface RecoveryReport {
  clients: number;
  baselineP50Ms: number;
  /** Status counts: before the stop; while Neo4j was down; while it was starting; after it accepted connections. */
  before: Record<number, number>;
  during: Record<number, number>;
  starting: Record<number, number>;
  after: Record<number, number>;
  /** Slowest answer to a request sent while Neo4j was stopping or down (ms). */
  slowestDuringOutageMs: number;
  /** From Neo4j accepting connections again to the first 200 (ms). */
  firstOkAfterMs: number | null;
  /** From Neo4j accepting connections again to a full second of 200s at normal latency (ms). */
  normalAfterMs: number | null;
  /**
   * From Neo4j accepting connections again to the moment after which every request sent got a
   * 200 within SETTLED_ANSWER_MS (ms): stricter than `normalAfterMs`, whose first window may
   * still hold a few slow answers.
   */
  settledAfterMs: number | null;
  stopSeconds: number;
  startSeconds: number;
}

/** Clients reading `paths` from `base` in a loop until `stop()`; every answer is recorded. */
export function loadClients(base: string, paths: string[], clients: number, headers: Record<string, string> = {}) {
  const samples: Sample[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async (_, c) => {
    let i = c;
    while (running) {
      const started = Date.now();
      const path = paths[i++ % paths.length]!;
      let status = 0; // no HTTP answer at all (a hang cut by the timeout, a refused connection)
      let code: string | undefined;
      try {
        const res = await fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(30_000) });
        const text = await res.text();
        status = res.status;
        if (status !== 200) code = (JSON.parse(text) as { error?: { code?: string }; database?: string }).error?.code ?? (JSON.parse(text) as { database?: string }).database;
      } catch {
        status = status || 0;
      }
      samples.push({ started, ended: Date.now(), status, path, ...(code ? { code } : {}) });
      if (status !== 200) await new Promise((r) => setTimeout(r, 50)); // a real client backs off a little
    }
  });
  return {
    samples,
    async stop(): Promise<Sample[]> {
      running = false;
      await Promise.all(loops);
      return samples;
    },
  };
}

const countBy = (list: Sample[]) => list.reduce<Record<number, number>>((acc, s) => ((acc[s.status] = (acc[s.status] ?? 0) + 1), acc), {});
const p50 = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;

/** When answers were back to normal after `from`: the first second-long window of only fast 200s. */
function normalSince(samples: Sample[], from: number, baselineP50: number): number | null {
  const after = samples.filter((s) => s.started >= from).sort((a, b) => a.started - b.started);
  const limit = Math.max(3 * baselineP50, 50);
  for (const first of after) {
    const window = after.filter((s) => s.started >= first.started && s.started < first.started + 1_000);
    if (window.length >= 5 && window.every((s) => s.status === 200) && p50(window.map((s) => s.ended - s.started)) <= limit) return first.started;
  }
  return null;
}

/** An answer slower than this after the restart means the server has not settled yet. */
export const SETTLED_ANSWER_MS = 1_000;

/** The first moment from `from` on after which every request sent was answered 200 within SETTLED_ANSWER_MS; null if the last one was not. */
function settledSince(samples: Sample[], from: number): number | null {
  const after = samples.filter((s) => s.started >= from);
  const unsettled = after.filter((s) => s.status !== 200 || s.ended - s.started > SETTLED_ANSWER_MS);
  if (unsettled.length === 0) return from;
  const last = Math.max(...unsettled.map((s) => s.started));
  return after.some((s) => s.started > last) ? last + 1 : null;
}

export interface RecoveryOptions {
  base: string;
  paths: string[];
  clients: number;
  outageSeconds: number;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  headers?: Record<string, string>;
  /** How long the clients keep going after Neo4j accepts connections again (default 8 s). */
  observeSeconds?: number;
  /** Receives every answer and the moments of the run (epoch ms), e.g. to write a trace file. */
  trace?: (samples: Sample[], marks: RecoveryMarks) => void;
}

export async function measureRecovery(options: RecoveryOptions): Promise<RecoveryReport> {
  const load = loadClients(options.base, options.paths, options.clients, options.headers);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await sleep(3_000);
  const stopAt = Date.now();
  await options.stop();
  const stopped = Date.now();
  await sleep(options.outageSeconds * 1_000);
  const startAt = Date.now();
  await options.start();
  const upAt = Date.now();
  await sleep((options.observeSeconds ?? 8) * 1_000);
  const samples = await load.stop();
  options.trace?.(samples, { stopAt, stopped, startAt, upAt });
  const before = samples.filter((s) => s.ended < stopAt);
  const baselineP50Ms = p50(before.filter((s) => s.status === 200).map((s) => s.ended - s.started));
  const during = samples.filter((s) => s.started >= stopped && s.ended < startAt);
  const starting = samples.filter((s) => s.started >= stopped && s.ended >= startAt && s.started < upAt);
  const after = samples.filter((s) => s.started >= upAt);
  const firstOk = after.filter((s) => s.status === 200).sort((a, b) => a.ended - b.ended)[0];
  const normal = normalSince(samples, upAt, baselineP50Ms);
  const settled = settledSince(samples, upAt);
  return {
    clients: options.clients,
    baselineP50Ms,
    before: countBy(before),
    during: countBy(during),
    starting: countBy(starting),
    after: countBy(after),
    slowestDuringOutageMs: Math.max(0, ...samples.filter((s) => s.started >= stopAt && s.started < upAt).map((s) => s.ended - s.started)),
    firstOkAfterMs: firstOk ? firstOk.ended - upAt : null,
    normalAfterMs: normal === null ? null : Math.max(0, normal - upAt),
    settledAfterMs: settled === null ? null : settled - upAt,
    stopSeconds: (stopped - stopAt) / 1000,
    startSeconds: (upAt - startAt) / 1000,
  };
}

/** Reads any deployment would serve: a cable, a search, a neighbourhood, a post's traffic, health. */
export const RECOVERY_PATHS = [
  '/api/cables/07LONDON3923',
  '/api/search?q=embassy',
  '/api/graph/neighborhood?id=post:LONDON&limit=20',
  '/api/posts/LONDON/traffic',
  '/api/health',
];

export type RecoveryMarks = { stopAt: number; stopped: number; startAt: number; upAt: number };

/**
 * One line per second from the stop to the end, relative to Neo4j accepting connections again:
 * what the answers that ended in that second were, and the slowest of them. What a failing fault
 * test prints to show where the time went.
 */
export function timelineLines(samples: Sample[], marks: RecoveryMarks): string[] {
  const sec = (t: number) => Math.floor((t - marks.upAt) / 1000);
  const lines = [`stop ${sec(marks.stopAt)} s, stopped ${sec(marks.stopped)} s, start ${sec(marks.startAt)} s, accepting 0 s`];
  const bySecond = new Map<number, Sample[]>();
  for (const s of samples) if (s.ended >= marks.stopAt) bySecond.set(sec(s.ended), [...(bySecond.get(sec(s.ended)) ?? []), s]);
  for (const [second, list] of [...bySecond].sort((a, b) => a[0] - b[0])) {
    const counts = new Map<string, number>();
    for (const s of list) counts.set(`${s.status}${s.code ? ` ${s.code}` : ''}`, (counts.get(`${s.status}${s.code ? ` ${s.code}` : ''}`) ?? 0) + 1);
    const slowest = list.reduce((a, b) => (b.ended - b.started > a.ended - a.started ? b : a));
    lines.push(
      `${second} s: ${[...counts].map(([k, n]) => `${n}×${k}`).join(', ')}; slowest ${slowest.ended - slowest.started} ms (${slowest.path}, sent at ${sec(slowest.started)} s)`,
    );
  }
  return lines;
}

/** Every answer with its times relative to the moment Neo4j accepted connections again (ms), sorted by start. */
function writeTrace(file: string, samples: Sample[], marks: RecoveryMarks): void {
  const at = (t: number) => t - marks.upAt;
  const rows = [...samples]
    .sort((a, b) => a.started - b.started)
    .map((s) => ({ start: at(s.started), ms: s.ended - s.started, status: s.status, path: s.path, ...(s.code ? { code: s.code } : {}) }));
  const relative = Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, at(v)]));
  writeFileSync(file, JSON.stringify({ marks: relative, timeline: timelineLines(samples, marks), samples: rows }, null, 1));
}

async function main(): Promise<void> {
  const program = new Command()
    .name('npm run bench:recovery --')
    .option('--instance <name>', 'bundled Neo4j instance to stop and start (app or test)', 'app')
    .option('--clients <n>', 'concurrent clients', (v) => Number(v), 20)
    .option('--outage <s>', 'seconds Neo4j stays down', (v) => Number(v), 5)
    .option('--observe <s>', 'seconds the clients go on after Neo4j accepts connections again', (v) => Number(v), 15)
    .option('--trace <file>', 'also write every answer (path, status, error code, times from Neo4j accepting connections) as JSON')
    .parse();
  const opts = program.opts<{ instance: InstanceName; clients: number; outage: number; observe: number; trace?: string }>();
  const log = (line: string) => console.error(`[neo4j] ${line}`);
  await startLocal(opts.instance, log);
  const running = await serve({ connection: resolveConnection(process.env, opts.instance), port: 0, warmUp: true });
  try {
    const report = await measureRecovery({
      base: running.url,
      paths: RECOVERY_PATHS,
      clients: opts.clients,
      outageSeconds: opts.outage,
      observeSeconds: opts.observe,
      stop: () => stopLocal(opts.instance, log),
      start: async () => void (await startLocal(opts.instance, log)),
      ...(opts.trace ? { trace: (samples, marks) => writeTrace(opts.trace!, samples, marks) } : {}),
    });
    console.log(JSON.stringify({ ...report, loadavg: loadavg().map((l) => Number(l.toFixed(2))) }, null, 2));
  } finally {
    await running.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
