import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
import { formatAnalysisReport, runAnalysis } from '../analyse/analyse.ts';
import { externalConnection, startLocal } from '../neo4j/local.ts';
import { fastImport } from './admin-import.ts';
import { DEFAULT_BATCH_SIZE, importPaths, type ImportSummary } from './import.ts';
import { createProgress } from './progress.ts';
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
  .option('--rejects <file>', 'where rejected records go (JSONL)', 'import-rejects.jsonl')
  .option('--summary-json <file>', 'also write the summary (and peak RSS) as JSON')
  .option('--workers <n>', 'worker threads parsing cables.csv (default: one per core, at most 4)', positiveInt)
  .option('--fast', 'first load into the EMPTY bundled app instance through neo4j-admin database import (stops and restarts it)')
  .option('--no-analyse', 'skip the analysis step that otherwise runs after the import (run it later with npm run analyse)')
  .option('--no-resume', 'ignore the checkpoint of an interrupted run of the same inputs and start from the beginning')
  .addHelpText(
    'after',
    '\nUses NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD when set, else the bundled local Neo4j (started if needed).\n' +
      'An interrupted run (killed, crashed, Ctrl-C) started again with the same inputs resumes after its last\n' +
      'committed batch; a finished run started again re-imports and changes nothing.\n' +
      'Exit code: 0 when every record was imported, 2 when some were rejected, 1 on failure.',
  )
  .action(async (paths: string[], options: { batchSize: number; rejects: string; resume: boolean; analyse: boolean; summaryJson?: string; workers?: number; fast?: boolean }) => {
    const report = (summary: ImportSummary) => {
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      console.log(formatSummary(summary));
      console.log(`Peak RSS of the importer: ${peakRssMb} MB`);
      if (options.summaryJson) writeFileSync(options.summaryJson, `${JSON.stringify({ ...summary, peakRssMb }, null, 2)}\n`);
      process.exitCode = summary.rejected > 0 ? 2 : 0;
    };
    const analyse = async (db: Database) => {
      if (!options.analyse) return;
      console.log('Analysing the graph (ranks, threads, communities, related cables, estimated dates)…');
      console.log(formatAnalysisReport(await runAnalysis(db, { log: (line) => console.error(line) })));
    };
    if (options.fast) {
      report(await fastImport(paths, { rejectsFile: options.rejects, progress: createProgress(), ...(options.workers ? { workers: options.workers } : {}) }));
      const db = new Database(resolveConnection(), { maxRetryTimeMs: 30_000, connectionTimeoutMs: 15_000 });
      await analyse(db).finally(() => db.close());
      return;
    }
    if (!externalConnection('app')) await startLocal('app', (line) => console.error(line));
    const db = new Database(resolveConnection(), { maxRetryTimeMs: 30_000, connectionTimeoutMs: 15_000 });
    try {
      const summary = await importPaths(db, paths, {
        batchSize: options.batchSize,
        rejectsFile: options.rejects,
        resume: options.resume,
        ...(options.workers ? { workers: options.workers } : {}),
        progress: createProgress(),
      });
      report(summary);
      await analyse(db);
    } finally {
      await db.close();
    }
  });

program.parseAsync().catch((error: Error) => {
  console.error(`import failed: ${error.message}`);
  process.exit(1);
});
