/**
 * Search during a first import (issue 11): a fresh, empty Neo4j instance of its own, the app
 * server on it, and the normal Bolt import (`npm run import`) of a generated corpus, while N
 * clients keep asking the server what a visitor would: a search, a suggestion, a timeline of
 * search words, an exact cable id, a neighbourhood. Prints the status codes seen per time slice
 * (with p95 and max latency), and the totals. No answer may be a 500.
 *
 *   npm run bench:import-search -- [--cables 251287] [--corpus FILE] [--clients 8] [--slice 30]
 *                                  [--bolt-port 7797] [--port 3197] [--max-minutes M] [--keep]
 *
 * With --max-minutes (or on Ctrl-C) the import is stopped after that time and the table covers
 * the part that was loaded (it says so). The table so far is also written to the work folder
 * after every slice.
 * The corpus is generated when FILE does not exist yet (never overwritten). The instance lives in
 * a new temporary folder (removed at the end unless --keep), so the user's instances are never
 * touched; heap and page cache follow NEO4J_HEAP / NEO4J_PAGECACHE as for `npm run db:start`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, openSync, readSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_SEED, generateCorpus } from '../corpus/generate.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function wholeNumber(value: string): number {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

export interface Answer {
  /** ms since the import started */
  at: number;
  ms: number;
  status: number;
  kind: string;
  code?: string;
}

/** The requests a visitor makes while the corpus loads, built from ids and words seen in the corpus. */
export function visitorPaths(sample: { cableIds: string[]; word: string }): { kind: string; path: string }[] {
  const id = sample.cableIds[0] ?? '07LONDON3923';
  const word = encodeURIComponent(sample.word);
  return [
    { kind: 'search', path: `/api/search?q=${word}` },
    { kind: 'suggest', path: `/api/search/suggest?q=${encodeURIComponent(sample.word.slice(0, 4))}` },
    { kind: 'timeline?q', path: `/api/timeline?q=${word}` },
    { kind: 'search id', path: `/api/search?q=${encodeURIComponent(id)}` },
    { kind: 'neighborhood', path: `/api/graph/neighborhood?id=${encodeURIComponent(`cable:${id}`)}&limit=20` },
  ];
}

/** Cable ids from the first rows of a cables.csv (they are imported first), and a common subject word. */
function sampleCorpus(file: string): { cableIds: string[]; word: string } {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(256 * 1024);
  const read = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const head = buffer.subarray(0, read).toString('utf8');
  const cableIds = [...new Set([...head.matchAll(/"(\d{2}[A-Z][A-Z-]+\d+)"/g)].map((m) => m[1]!))].slice(0, 5);
  return { cableIds, word: 'embassy' };
}

/** Why a fetch got no HTTP answer: `timeout`, or the socket error's code (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET, …). */
function noAnswerCause(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timeout';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : 'unknown';
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The status table: one row per time slice, then the totals per request kind. */
export function statusTable(answers: Answer[], sliceMs: number, importEndedAt: number | null): string[] {
  const lines = ['| from – to (s) | answers | statuses | p95 ms | max ms |', '| --- | --- | --- | --- | --- |'];
  const row = (label: string, list: Answer[]) => {
    const counts = new Map<number, number>();
    for (const a of list) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
    const causes = [...new Set(list.filter((a) => a.status === 0).map((a) => a.code ?? 'unknown'))].join(', ');
    const statuses = [...counts]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${n.toLocaleString('en-US')} × ${s === 0 ? `no answer (${causes})` : s}`)
      .join(', ');
    const ms = list.map((a) => a.ms).sort((a, b) => a - b);
    lines.push(`| ${label} | ${list.length.toLocaleString('en-US')} | ${statuses} | ${percentile(ms, 95)} | ${ms.at(-1) ?? 0} |`);
  };
  const end = Math.max(0, ...answers.map((a) => a.at));
  for (let from = 0; from <= end; from += sliceMs) {
    const slice = answers.filter((a) => a.at >= from && a.at < from + sliceMs);
    if (slice.length === 0) continue;
    const marker = importEndedAt !== null && importEndedAt >= from && importEndedAt < from + sliceMs ? ' (import ends)' : '';
    row(`${(from / 1000).toFixed(0)} – ${((from + sliceMs) / 1000).toFixed(0)}${marker}`, slice);
  }
  for (const kind of [...new Set(answers.map((a) => a.kind))]) row(`all: ${kind}`, answers.filter((a) => a.kind === kind));
  row('**all**', answers);
  return lines;
}

function runChild(args: string[], env: NodeJS.ProcessEnv, log: NodeJS.WritableStream | 'inherit'): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: repoRoot, env, stdio: ['ignore', log === 'inherit' ? 'inherit' : 'pipe', log === 'inherit' ? 'inherit' : 'pipe'] });
  if (log !== 'inherit') {
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
  }
  return child;
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

async function waitForServer(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`the app server exited (${server.exitCode}) before it answered`);
    try {
      await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error('the app server did not answer within 5 minutes');
}

async function main(): Promise<void> {
  const opts = new Command()
    .name('npm run bench:import-search --')
    .option('--cables <n>', 'records in the generated corpus', wholeNumber, 251_287)
    .option('--corpus <file>', 'cables.csv to import (generated here when it does not exist)')
    .option('--clients <n>', 'concurrent clients', wholeNumber, 8)
    .option('--slice <s>', 'seconds per row of the table', wholeNumber, 30)
    .option('--bolt-port <port>', 'Bolt port of the fresh instance', wholeNumber, 7797)
    .option('--port <port>', 'HTTP port of the app server', wholeNumber, 3197)
    .option('--max-minutes <m>', 'stop the import after this long and report what was seen')
    .option('--keep', 'keep the instance folder (default: removed at the end)')
    .parse()
    .opts<{ cables: number; corpus?: string; clients: number; slice: number; boltPort: number; port: number; maxMinutes?: string; keep?: boolean }>();

  const corpus = path.resolve(opts.corpus ?? path.join(tmpdir(), `cablescope-cables-${opts.cables}-seed${DEFAULT_SEED}.csv`));
  if (!existsSync(corpus)) {
    console.error(`generating ${opts.cables.toLocaleString('en-US')} records → ${corpus} …`);
    await generateCorpus({ cables: opts.cables, format: 'csv', out: corpus, seed: DEFAULT_SEED, duplicateShare: 0.001, rejectShare: 0.0002 });
  }
  const work = mkdtempSync(path.join(tmpdir(), 'cablescope-import-search-'));
  const logFile = path.join(work, 'server-and-import.log');
  const log = createWriteStream(logFile);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CABLESCOPE_NEO4J_INSTANCES: path.join(work, 'instances'),
    NEO4J_BOLT_PORT: String(opts.boltPort),
    PORT: String(opts.port),
    HOST: '127.0.0.1',
  };
  delete env.NEO4J_URI; // always the fresh local instance, never an external one
  const cli = (command: string, ...args: string[]) => exited(runChild([path.join(repoRoot, 'scripts/neo4j/cli.ts'), command, ...args], env, 'inherit'));
  console.error(`fresh instance in ${work} (Bolt ${opts.boltPort}); server log: ${logFile}`);
  if ((await cli('start')) !== 0) throw new Error('the fresh Neo4j instance did not start');
  let server: ChildProcess | null = null;
  try {
    server = runChild([path.join(repoRoot, 'server/src/main.ts')], env, log);
    const base = `http://127.0.0.1:${opts.port}`;
    await waitForServer(base, server);
    const paths = visitorPaths(sampleCorpus(corpus));
    const answers: Answer[] = [];
    const started = Date.now();
    let running = true;
    const clients = Array.from({ length: opts.clients }, async (_, c) => {
      for (let i = c; running; i++) {
        const { kind, path: p } = paths[i % paths.length]!;
        const t0 = Date.now();
        let status = 0;
        let code: string | undefined;
        try {
          const res = await fetch(`${base}${p}`, { signal: AbortSignal.timeout(60_000) });
          const text = await res.text();
          status = res.status;
          if (status !== 200) code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
        } catch (error) {
          // no answer: status 0, with why (a timeout, a refused or reset connection)
          code = noAnswerCause(error);
        }
        answers.push({ at: t0 - started, ms: Date.now() - t0, status, kind, ...(code ? { code } : {}) });
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
    });
    const importer = runChild([path.join(repoRoot, 'scripts/import/cli.ts'), corpus, '--rejects', path.join(work, 'rejects.jsonl')], env, 'inherit');
    let cut: string | null = null;
    const stopImport = (why: string) => {
      if (importer.exitCode !== null || cut) return;
      cut = why;
      importer.kill('SIGINT');
    };
    const limit = opts.maxMinutes ? setTimeout(() => stopImport(`stopped after ${opts.maxMinutes} min (--max-minutes)`), Number(opts.maxMinutes) * 60_000) : undefined;
    process.once('SIGINT', () => stopImport('stopped by Ctrl-C'));
    process.once('SIGTERM', () => stopImport('stopped by SIGTERM'));
    const tableFile = path.join(work, 'table.md');
    const progress = setInterval(() => writeFileSync(tableFile, statusTable(answers, opts.slice * 1000, null).join('\n') + '\n'), opts.slice * 1000);
    const importCode = await exited(importer);
    clearTimeout(limit);
    clearInterval(progress);
    const importEndedAt = Date.now() - started;
    await new Promise((r) => setTimeout(r, 10_000)); // and a little after
    running = false;
    await Promise.all(clients);
    const fivexx = answers.filter((a) => a.status >= 500);
    const codes = new Map<string, number>();
    for (const a of fivexx) codes.set(`${a.status} ${a.code ?? ''}`, (codes.get(`${a.status} ${a.code ?? ''}`) ?? 0) + 1);
    const how = cut ? `import ${cut} (not finished)` : `import exit ${importCode}${importCode === 2 ? ' (finished; some records rejected)' : ''}`;
    console.log(`\n${how} after ${(importEndedAt / 1000).toFixed(1)} s; ${opts.clients} clients; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
    console.log(`5xx by code: ${[...codes].map(([k, n]) => `${k}: ${n}`).join(', ') || 'none'}`);
    console.log(`500s: ${answers.filter((a) => a.status === 500).length}\n`);
    for (const line of statusTable(answers, opts.slice * 1000, importEndedAt)) console.log(line);
    if (answers.some((a) => a.status === 500)) process.exitCode = 2;
  } finally {
    if (server) {
      server.kill('SIGTERM');
      await exited(server);
    }
    await cli('stop');
    log.end();
    if (!opts.keep) rmSync(path.join(work, 'instances'), { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
