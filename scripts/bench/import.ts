/**
 * npm run bench:import -- --cables N [--yes] [--kill-resume] [--baseline-cables 300]
 *
 * Generates (or reuses) a corpus of N cables (cables.csv format), empties the app's Neo4j, runs the
 * importer CLI as a child process, and prints cables/s, relationships/s, wall time, the importer's
 * peak RSS, the database size and the time of an idempotent re-run. Optionally kills a run with
 * SIGKILL at a random point and checks that the restarted run ends with the same counts. Finally
 * times the naive baseline (one MERGE transaction per cable) on a small N against the batched writer.
 *
 * WARNING: empties the database it runs against (the app's: NEO4J_URI… or the bundled app instance).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import type { Database } from '../../server/src/db/driver.ts';
import { graphStats, type GraphStats } from '../db/graph-stats.ts';
import { generateCorpus, DEFAULT_SEED } from '../corpus/generate.ts';
import { connectAppDatabase } from '../db/connect.ts';
import { importPaths, type ImportSummary } from '../import/import.ts';
import { inputKey, listInputs } from '../import/inputs.ts';
import { readCables } from '../import/read/index.ts';
import { toCableRow, type CableRow } from '../import/rows.ts';
import { deleteEverything, ensureSchema, loadCheckpoint, writeBatch } from '../import/writer.ts';
import { externalConnection, instancePaths } from '../neo4j/local.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function wholeNumber(value: string): number {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

interface CliRun {
  code: number | null;
  signal: string | null;
  seconds: number;
  summary: (ImportSummary & { peakRssMb: number }) | null;
}

/** A new rejects file per run (the importer never replaces one); a resumed run reuses its killed run's. */
const newRejectsFile = (corpus: string) => path.join(path.dirname(corpus), `bench-rejects-${process.pid}-${Date.now()}.jsonl`);

function runImporter(corpus: string, extra: string[], onStart?: (kill: () => void) => void, rejectsFile = newRejectsFile(corpus)): Promise<CliRun> {
  const jsonFile = path.join(path.dirname(corpus), `summary-${process.pid}-${Date.now()}.json`);
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'scripts/import/cli.ts'), corpus, '--rejects', rejectsFile, '--summary-json', jsonFile, ...extra],
    { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  onStart?.(() => child.kill('SIGKILL'));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      const summary = existsSync(jsonFile) ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as CliRun['summary']) : null;
      resolve({ code, signal, seconds: (Date.now() - started) / 1000, summary });
    }),
  );
}

function relationships(stats: GraphStats): number {
  return Object.values(stats.relationships).reduce((a, b) => a + b, 0);
}

function duBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? duBytes(p) : statSync(p).size;
  }
  return total;
}

function databaseSize(): string {
  if (externalConnection('app')) return 'n/a (external Neo4j)';
  const data = instancePaths('app').data;
  const store = duBytes(path.join(data, 'databases', 'neo4j'));
  const txLogs = duBytes(path.join(data, 'transactions', 'neo4j'));
  return `${(store / 1024 / 1024).toFixed(0)} MB store + ${(txLogs / 1024 / 1024).toFixed(0)} MB transaction logs`;
}

async function wipe(db: Database): Promise<number> {
  const started = Date.now();
  await deleteEverything(db);
  return (Date.now() - started) / 1000;
}

async function baseline(db: Database, dir: string, n: number): Promise<{ naive: number; batched: number }> {
  const corpus = path.join(dir, `baseline-${n}.csv`);
  if (!existsSync(corpus)) await generateCorpus({ cables: n, format: 'csv', out: corpus, seed: DEFAULT_SEED + 1 });
  const rows: CableRow[] = [];
  for await (const outcome of readCables([corpus])) if (outcome.ok) rows.push(toCableRow(outcome.record));
  await wipe(db);
  await ensureSchema(db);
  let started = Date.now();
  // The naive baseline: one transaction per cable, the importer's statements.
  for (const row of rows) await writeBatch(db, [row]);
  const naive = (Date.now() - started) / 1000;
  await wipe(db);
  started = Date.now();
  await importPaths(db, [corpus], { rejectsFile: null });
  const batched = (Date.now() - started) / 1000;
  return { naive, batched };
}

const program = new Command()
  .name('npm run bench:import --')
  .description("Benchmark the importer on a generated corpus. EMPTIES the app's Neo4j database.")
  .option('--cables <n>', 'corpus size (records)', wholeNumber, 251_287)
  .option('--dir <dir>', 'where corpora are generated and kept', path.join(tmpdir(), 'cablescope-bench'))
  .option('--kill-resume', 'also SIGKILL a run at a random point, restart it and compare counts')
  .option('--kill-resume-only', 'only the kill-and-resume check, against the counts saved by an earlier full run')
  .option('--baseline-cables <n>', 'corpus size of the naive one-transaction-per-cable baseline', wholeNumber, 300)
  .option('--skip-baseline', 'do not time the naive baseline')
  .option('--yes', 'empty a database that is not empty without asking')
  .action(async (o: { cables: number; dir: string; killResume?: boolean; killResumeOnly?: boolean; baselineCables: number; skipBaseline?: boolean; yes?: boolean }) => {
    mkdirSync(o.dir, { recursive: true });
    const corpus = path.join(o.dir, `cables-${o.cables}-seed${DEFAULT_SEED}.csv`);
    if (!existsSync(corpus)) {
      console.log(`generating ${o.cables} cables → ${corpus}`);
      const started = Date.now();
      const g = await generateCorpus({ cables: o.cables, format: 'csv', out: corpus });
      console.log(`  ${g.records} records, ${(g.bytes / 1024 / 1024).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } else console.log(`reusing ${corpus}`);
    const db = await connectAppDatabase();
    try {
      const current = await graphStats(db);
      if (current.nodes.Cable + current.nodes.Post > 0 && !o.yes) {
        throw new Error(`the database at ${db.uri} is not empty (${current.nodes.Cable} cables): pass --yes to let the benchmark empty it`);
      }
      console.log(`emptying ${db.uri} …`);
      console.log(`  ${(await wipe(db)).toFixed(1)} s`);

      const countsFile = path.join(o.dir, `counts-${o.cables}-seed${DEFAULT_SEED}.json`);
      const lines: string[] = [`corpus: ${o.cables} records, ${(statSync(corpus).size / 1024 / 1024).toFixed(0)} MB (${corpus})`];
      let stats: GraphStats;
      let records: number;
      if (o.killResumeOnly) {
        if (!existsSync(countsFile)) throw new Error(`--kill-resume-only needs the counts of an uninterrupted run (${countsFile}): run without it first`);
        ({ stats, records } = JSON.parse(readFileSync(countsFile, 'utf8')) as { stats: GraphStats; records: number });
      } else {
        console.log('\n▶ import into an empty database');
        const first = await runImporter(corpus, []);
        if (!first.summary) throw new Error(`the importer failed (exit ${first.code})`);
        stats = first.summary.after;
        records = first.summary.read;
        writeFileSync(countsFile, `${JSON.stringify({ stats, records })}\n`);
        const dbSize = databaseSize();

        console.log('\n▶ idempotent re-run');
        const rerun = await runImporter(corpus, []);
        const rerunStats = rerun.summary?.after;
        const s = first.summary;
        lines.push(
          `cables: ${stats.nodes.Cable - stats.stubs} full + ${stats.stubs} stubs; posts ${stats.nodes.Post}; tags ${stats.nodes.Tag}; people ${stats.people}; relationships ${relationships(stats)} ${JSON.stringify(stats.relationships)}; rejects ${s.rejected}`,
          `first import (empty database, full-text index ready at the end): ${first.seconds.toFixed(1)} s wall (importer ${s.seconds.toFixed(1)} s) → ${(s.imported / first.seconds).toFixed(0)} cables/s, ${(relationships(stats) / first.seconds).toFixed(0)} relationships/s`,
          `importer peak RSS: ${s.peakRssMb} MB (re-run: ${rerun.summary?.peakRssMb ?? '?'} MB)`,
          `database size: ${dbSize}`,
          `idempotent re-run: ${rerun.seconds.toFixed(1)} s wall; counts unchanged: ${JSON.stringify(rerunStats) === JSON.stringify(stats) ? 'YES' : 'NO'}`,
        );
      }

      let killResume: string | null = null;
      if (o.killResume || o.killResumeOnly) {
        console.log('\n▶ SIGKILL at a random point, then restart');
        await wipe(db);
        const key = inputKey(await listInputs([corpus]));
        const target = Math.floor(records * (0.2 + Math.random() * 0.6));
        let killedAt = 0;
        const rejectsFile = newRejectsFile(corpus);
        const killed = await runImporter(corpus, [], (kill) => {
          const poll = setInterval(() => {
            loadCheckpoint(db, key)
              .then((k) => {
                if (k && k.read >= target && killedAt === 0) {
                  killedAt = k.read;
                  kill();
                  clearInterval(poll);
                }
              })
              .catch(() => undefined);
          }, 500);
        }, rejectsFile);
        const resumed = await runImporter(corpus, [], undefined, rejectsFile);
        const same = JSON.stringify(resumed.summary?.after) === JSON.stringify(stats);
        killResume =
          `killed (${killed.signal}) after ${killedAt} committed records at ${killed.seconds.toFixed(0)} s; restarted run resumed after ` +
          `${resumed.summary?.resumedAt ?? '?'} records and took ${resumed.seconds.toFixed(0)} s (peak RSS ${resumed.summary?.peakRssMb ?? '?'} MB); ` +
          `counts equal to the uninterrupted run: ${same ? 'YES' : 'NO'}`;
        if (!same) console.log(JSON.stringify({ expected: stats, got: resumed.summary?.after }));
      }

      let ratio: string | null = null;
      if (!o.skipBaseline) {
        console.log(`\n▶ naive baseline: one MERGE transaction per cable, ${o.baselineCables} cables`);
        const b = await baseline(db, o.dir, o.baselineCables);
        ratio = `naive ${(o.baselineCables / b.naive).toFixed(0)} cables/s (${b.naive.toFixed(1)} s) vs batched ${(o.baselineCables / b.batched).toFixed(0)} cables/s (${b.batched.toFixed(1)} s, schema and index wait included): ×${(b.naive / b.batched).toFixed(1)}`;
      }

      if (killResume) lines.push(`kill and resume: ${killResume}`);
      if (ratio) lines.push(`baseline: ${ratio}`);
      console.log(`\n## bench:import --cables ${o.cables}\n${lines.map((l) => `- ${l}`).join('\n')}`);
    } finally {
      await db.close();
    }
  });

program.parseAsync().catch((error: Error) => {
  console.error(`bench:import failed: ${error.message}`);
  process.exit(1);
});
