/**
 * `npm run bench:parser -- [PATH...]`: parser throughput on one core (MB/s, cables/s) over
 * real inputs, default the shared seed corpus, the release cables.csv sample and the HTML
 * archive. Reading from disk is included (it is part of an import); records are built but
 * not serialised. Parsing is single-threaded, so the process's CPU time is the one-core
 * figure; wall time is printed too, and differs when other work competes for the machine.
 *
 * Each input is read twice: the first pass sees a cold JIT and disk cache (what a one-off
 * import of a small input sees), the second the steady state the bulk of a 1.7 GB import runs in.
 */
import { existsSync } from 'node:fs';
import { readCables, totalInputBytes } from '../import/read/index.ts';

const DEFAULT_INPUTS = ['/work/shared/data/cables', '/work/shared/data/native/csv/cables.csv', '/work/shared/data/native/html.tar.xz'];

interface Measurement {
  bytes: number;
  cables: number;
  rejected: number;
  seconds: number;
  cpuSeconds: number;
}

async function measure(input: string): Promise<Measurement> {
  const bytes = await totalInputBytes([input]);
  let cables = 0;
  let rejected = 0;
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for await (const outcome of readCables([input])) {
    if (outcome.ok) cables++;
    else rejected++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { bytes, cables, rejected, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function report(input: string, pass: string, r: Measurement): void {
  const mb = r.bytes / 1e6;
  console.log(
    `${input} [${pass}]: ${mb.toFixed(1)} MB, ${r.cables} cables (${r.rejected} rejected)\n` +
      `  cpu  ${r.cpuSeconds.toFixed(2)} s → ${(mb / r.cpuSeconds).toFixed(1)} MB/s, ${Math.round(r.cables / r.cpuSeconds)} cables/s (one core)\n` +
      `  wall ${r.seconds.toFixed(2)} s → ${(mb / r.seconds).toFixed(1)} MB/s, ${Math.round(r.cables / r.seconds)} cables/s`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const inputs = args.length > 0 ? args : DEFAULT_INPUTS.filter((p) => existsSync(p));
  if (inputs.length === 0) throw new Error('no inputs: pass paths, or run where /work/shared/data exists');
  console.log(`node ${process.version}, one process (single-threaded parsing)`);
  for (const input of inputs) {
    for (const pass of ['cold', 'warm']) report(input, pass, await measure(input));
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
