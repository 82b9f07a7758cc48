// Benchmark of the project-managed local Neo4j: jar download size and fetch time, start and stop times of the
// `test` instance (averaged over 3 runs). Usage: npm run bench:neo4j [-- --cold] [-- --runs N]
//   --force stop the test instance for the measurement when it is running (other tests may be using it)
//   --cold  also measures a true cold fetch from Maven Central into a throw-away local Maven repository
//           (downloads ~123 MB + Maven plugins once more); without it the fetch is timed from ~/.m2 (warm).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { ensureJars, jarStats, pinnedVersion, runMavenCopy } from '../neo4j/fetch-jars.ts';
import { externalConnection, instancePaths, startLocal, statusLocal, stopLocal } from '../neo4j/local.ts';
import { instanceSettings } from '../neo4j/config.ts';
import { findJava } from '../neo4j/java.ts';

const opts = new Command()
  .option('--cold', 'also time a cold fetch from Maven Central (empty local Maven repository)', false)
  .option('--runs <n>', 'start/stop cycles', '3')
  .option('--force', 'stop the test instance for the measurement if it is running (restarted afterwards)', false)
  .parse(process.argv)
  .opts<{ cold: boolean; runs: string; force: boolean }>();
const runs = Math.max(1, Number(opts.runs) || 3);

const quiet = () => {};
const sec = (ms: number) => (ms / 1000).toFixed(1);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function timeFetch(extra: string[]): Promise<{ ms: number; files: number; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'neo4j-lib-'));
  try {
    const t0 = Date.now();
    const r = await runMavenCopy(dir, extra);
    const ms = Date.now() - t0;
    if (r.code !== 0) throw new Error(`mvn failed (exit ${r.code}): ${(r.stdout + r.stderr).trim().slice(-2000)}`);
    return { ms, ...jarStats(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (externalConnection('test')) throw new Error('NEO4J_TEST_URI/USER/PASSWORD point at an external server: nothing local to benchmark');
  const java = await findJava();
  const lib = await ensureJars((l) => console.log(l));
  const s = instanceSettings('test');
  console.log(`Neo4j ${pinnedVersion()} on Java ${java.major} (${java.versionLine}); test instance heap ${s.heap}, page cache ${s.pagecache}`);
  console.log(`jars: ${lib.files} files, ${(lib.bytes / 1024 / 1024).toFixed(1)} MiB (${(lib.bytes / 1e6).toFixed(1)} MB) in ${instancePaths('test').lib}`);
  console.log(`load average: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  console.log(`cached check (lib complete, nothing fetched): ${(await ensureJars()).ms} ms`);

  const warm = await timeFetch([]);
  console.log(`fetch from ~/.m2 (warm Maven cache) into an empty folder: ${sec(warm.ms)} s (${warm.files} jars)`);
  if (opts.cold) {
    const repo = mkdtempSync(join(tmpdir(), 'm2-cold-'));
    try {
      const cold = await timeFetch([`-Dmaven.repo.local=${repo}`]);
      console.log(`cold fetch from Maven Central (empty local Maven repository, incl. Maven plugins): ${sec(cold.ms)} s (${cold.files} jars)`);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  }

  const wasRunning = (await statusLocal('test')).running;
  if (wasRunning) {
    if (!opts.force) {
      console.log('the test instance is running (other tests may be using it): start/stop not measured; rerun with --force to stop it for the measurement (it is restarted at the end)');
      return;
    }
    console.log('the test instance was running: stopping it for the measurement (--force; restarted at the end)');
    await stopLocal('test', quiet);
  }
  const starts: number[] = [];
  const stops: number[] = [];
  const noops: number[] = [];
  try {
    for (let i = 1; i <= runs; i++) {
      let t0 = Date.now();
      await startLocal('test', quiet);
      starts.push(Date.now() - t0);
      t0 = Date.now();
      await startLocal('test', quiet);
      noops.push(Date.now() - t0);
      t0 = Date.now();
      await stopLocal('test', quiet);
      stops.push(Date.now() - t0);
      console.log(`run ${i}: start (launch → Bolt answers with auth) ${sec(starts.at(-1)!)} s, no-op start ${noops.at(-1)} ms, stop ${sec(stops.at(-1)!)} s`);
    }
  } finally {
    if (wasRunning) await startLocal('test', quiet);
  }
  console.log(`mean over ${runs} runs: start ${sec(mean(starts))} s, stop ${sec(mean(stops))} s, start when already running (no-op) ${Math.round(mean(noops))} ms`);
}

main().catch((e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
