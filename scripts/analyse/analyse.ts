import type { Database } from '../../server/src/db/driver.ts';
import { ANALYSIS_VERSION } from '../../server/src/graph/schema.ts';
import { analyseGraph, type AnalysisResult } from './compute/analyse-graph.ts';
import { readGraphCounts, type GraphCounts } from '../../server/src/queries/analysis-state.ts';
import { storeOverview } from '../../server/src/queries/overview.ts';
import { computeMonthAggregates, storeMonthAggregates } from '../../server/src/queries/month-aggregates.ts';
import { ensureAnalysisSchema, loadGraph, markRunFinished, markRunStarted, writeResults, type WriteStats } from './store.ts';

export interface AnalysisReport {
  counts: GraphCounts;
  summary: AnalysisResult['summary'];
  written: WriteStats;
  /** Wall time of each phase, ms. */
  phases: Record<string, number>;
  durationMs: number;
  /** CPU time of this process (on a busy machine, wall time says more about the load). */
  cpuMs: number;
}

export interface AnalyseOptions {
  /** One line per step and progress on long ones. */
  log?: (line: string) => void;
  writeBatchSize?: number;
}

/**
 * The analysis step: read the graph in batches, compute (scripts/analyse/compute/, pure), write
 * the results back and record on which graph state it ran (`:Analysis`). Safe to rerun at any
 * time: unchanged results are not rewritten.
 */
export async function runAnalysis(db: Database, options: AnalyseOptions = {}): Promise<AnalysisReport> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    const value = await work();
    phases[name] = performance.now() - t;
    log(`${name}: ${seconds(phases[name])}`);
    return value;
  };

  await ensureAnalysisSchema(db);
  const counts = await readGraphCounts(db);
  log(`analysing ${counts.cables.toLocaleString('en')} cables (${counts.stubs.toLocaleString('en')} cited but missing), ${counts.references.toLocaleString('en')} citations`);
  // before the citation graph is loaded: the two never hold memory at the same time
  const monthAggregates = await phase('month aggregates', () => computeMonthAggregates(db));
  const loaded = await phase('read', () => loadGraph(db, { progress: throttled((n) => log(`  read ${n.toLocaleString('en')} of ${counts.cables.toLocaleString('en')} cables`)) }));
  const result = await phase('compute', () => analyseGraph(loaded.graph, loaded.traffic, (step, ms) => log(`  ${step}: ${seconds(ms)}`)));
  await markRunStarted(db, new Date().toISOString());
  const written = await phase('write', () =>
    writeResults(db, loaded, result, {
      ...(options.writeBatchSize ? { batchSize: options.writeBatchSize } : {}),
      progress: throttled((done) => log(`  wrote ${done.toLocaleString('en')} nodes`)),
    }),
  );
  await phase('overview', () => storeOverview(db));
  const aggregates = await phase('month aggregates stored', () => storeMonthAggregates(db, monthAggregates));
  log(
    aggregates.skipped
      ? `  month aggregates not stored: ${aggregates.skipped}`
      : `  ${aggregates.months.toLocaleString('en')} months and ${aggregates.years} years, ${aggregates.rows.toLocaleString('en')} month × classification rows, ${(aggregates.bytes / 1024 / 1024).toFixed(1)} MB`,
  );
  const durationMs = performance.now() - started;
  await markRunFinished(db, { ranAt: new Date().toISOString(), durationMs, version: ANALYSIS_VERSION, checksum: loaded.checksum, counts, summary: result.summary });
  const cpu = process.cpuUsage(cpuStart);
  return { counts, summary: result.summary, written, phases, durationMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** At most one call every few seconds (progress on long work without flooding a log). */
function throttled<A extends unknown[]>(report: (...args: A) => void, intervalMs = 3_000): (...args: A) => void {
  let last = 0;
  return (...args: A) => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    report(...args);
  };
}

export function formatAnalysisReport(report: AnalysisReport): string {
  const s = report.summary;
  const w = report.written;
  return [
    `Analysis done in ${seconds(report.durationMs)}, ${seconds(report.cpuMs)} CPU (${Object.entries(report.phases).map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ')})`,
    `  REF network: ${s.networkCables.toLocaleString('en')} cables, ${s.references.toLocaleString('en')} citations, ${s.threads.toLocaleString('en')} threads (largest ${s.largestThread.toLocaleString('en')}), ${s.refCommunities.toLocaleString('en')} communities`,
    `  posts: ${s.trafficCommunities} traffic communities; ${s.estimatedDates.toLocaleString('en')} missing cables dated by estimate`,
    `  written: ${w.cablesWritten.toLocaleString('en')} cables (${w.cablesUnchanged.toLocaleString('en')} unchanged), ${w.postsWritten} posts, ${w.threadsWritten.toLocaleString('en')} threads (${w.threadsDropped.toLocaleString('en')} dropped)`,
  ].join('\n');
}
