import { closeSync, openSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
import { formatAnalysisReport, runAnalysis } from '../analyse/analyse.ts';
import { externalConnection, instancePaths, startLocal } from '../neo4j/local.ts';
import { fastImport } from './admin-import.ts';
import { DEFAULT_BATCH_SIZE, importPaths, type ImportSummary } from './import.ts';
import { createProgress } from './progress.ts';
import { describeWriteError } from './disk-space.ts';
import { DEFAULT_REJECTS_FILE, OutputRefused, refuseExistingOutput } from './rejects.ts';
import { formatSummary } from './summary.ts';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

const program = new Command()
  .name('npm run import --')
  .description('Import cables (seed text files, cables.csv, WikiLeaks HTML pages or archives of them) into Neo4j.')
  .argument('<paths...>', 'files, directories or archives to import')
  .option('--batch-size <n>', 'cables per write transaction', positiveInt, DEFAULT_BATCH_SIZE)
  .option('--rejects <file>', `where rejected records go (JSONL), a new file (default: ${DEFAULT_REJECTS_FILE}, or ${DEFAULT_REJECTS_FILE.replace(/\.jsonl$/, '-2.jsonl')}… when that exists)`, DEFAULT_REJECTS_FILE)
  .option('--summary-json <file>', 'also write the summary (and peak RSS) as JSON')
  .option('--workers <n>', 'worker threads parsing cables.csv (default: one per core, at most 4)', positiveInt)
  .option('--fast', 'first load into the EMPTY bundled app instance through neo4j-admin database import (stops and restarts it)')
  .option('--no-analyse', 'skip the analysis step that otherwise runs after the import (run it later with npm run analyse)')
  .option('--no-resume', 'ignore the checkpoint of an interrupted run of the same inputs and start from the beginning')
  .option('--no-space-check', 'skip the free-disk-space check before the load (when its estimate is too high for your data)')
  .addHelpText(
    'after',
    '\nUses NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD when set, else the bundled local Neo4j (started if needed).\n' +
      'An interrupted run (killed, crashed, Ctrl-C) started again with the same inputs resumes after its last\n' +
      'committed batch; a finished run started again re-imports and changes nothing.\n' +
      'The rejects file and --summary-json are created new: a path that exists (or is an input) is refused\n' +
      'before anything is imported; only a resumed run reopens the rejects file it created itself.\n' +
      'Exit code: 0 when every record was imported, 2 when some were rejected, 1 on failure or when the\n' +
      'inputs hold no record at all.',
  )
  .action(async (paths: string[], options: { batchSize: number; rejects: string; resume: boolean; analyse: boolean; spaceCheck: boolean; summaryJson?: string; workers?: number; fast?: boolean }) => {
    // the default name never refuses (rejects.ts takes a free variant); a name the user gave does
    const rejectsFileIsDefault = program.getOptionValueSource('rejects') === 'default';
    if (options.summaryJson) {
      refuseExistingOutput(options.summaryJson, '--summary-json', paths);
      if (path.resolve(options.summaryJson) === path.resolve(options.rejects)) throw new OutputRefused('--summary-json and --rejects name the same file: give them different names.');
    }
    const report = (summary: ImportSummary) => {
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      console.log(formatSummary(summary));
      console.log(`Peak RSS of the importer: ${peakRssMb} MB`);
      process.exitCode = exitCode(summary);
      if (summary.read === 0) console.error(`Nothing found to import: ${paths.join(', ')} hold no cable record.`);
      else if (summary.imported === 0) console.error(`No cable imported: all ${summary.rejected} records were rejected${summary.rejectsFile ? ` (see ${summary.rejectsFile})` : ''}.`);
      if (options.summaryJson) writeSummaryJson(options.summaryJson, { ...summary, peakRssMb });
    };
    const analyse = async (db: Database) => {
      if (!options.analyse) return;
      console.log('Analysing the graph (ranks, threads, communities, related cables, estimated dates)…');
      console.log(formatAnalysisReport(await runAnalysis(db, { log: (line) => console.error(line) })));
    };
    if (options.fast) {
      report(await fastImport(paths, { rejectsFile: options.rejects, rejectsFileIsDefault, progress: createProgress(), spaceCheck: options.spaceCheck, ...(options.workers ? { workers: options.workers } : {}) }));
      const db = new Database(resolveConnection(), { maxRetryTimeMs: 30_000, connectionTimeoutMs: 15_000 });
      await analyse(db).finally(() => db.close());
      return;
    }
    const local = !externalConnection('app');
    if (local) await startLocal('app', (line) => console.error(line));
    const db = new Database(resolveConnection(), { maxRetryTimeMs: 30_000, connectionTimeoutMs: 15_000 });
    try {
      const summary = await importPaths(db, paths, {
        batchSize: options.batchSize,
        rejectsFile: options.rejects,
        rejectsFileIsDefault,
        resume: options.resume,
        spaceCheckDir: local && options.spaceCheck ? instancePaths('app').data : null,
        ...(options.workers ? { workers: options.workers } : {}),
        progress: createProgress(),
      });
      report(summary);
      await analyse(db);
    } finally {
      await db.close();
    }
  });

/** 0: every record imported; 2: some rejected; 1: nothing found at all (an empty file or folder). */
function exitCode(summary: Pick<ImportSummary, 'read' | 'rejected'>): number {
  return summary.read === 0 ? 1 : summary.rejected > 0 ? 2 : 0;
}

/**
 * The summary as JSON, in a file created new. The import has happened by then: a failed write
 * (disk full, no such folder) is a warning and leaves the exit code to the import's outcome.
 */
function writeSummaryJson(file: string, data: object): void {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'wx');
    writeFileSync(fd, `${JSON.stringify(data, null, 2)}\n`);
    const done = fd;
    fd = null;
    closeSync(done);
  } catch (error) {
    if (fd !== null) {
      // a partial file this run created is removed
      try {
        closeSync(fd);
      } catch {
        // already reported below
      }
      rmSync(file, { force: true });
    }
    console.error(`warning: the import finished, but the --summary-json file could not be written: ${describeWriteError(error as Error, file)}`);
  }
}

program.parseAsync().catch((error: Error) => {
  console.error(`import failed: ${error.message}`);
  process.exit(1);
});
