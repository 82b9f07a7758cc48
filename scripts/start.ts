/**
 * `npm start`: the one command that brings everything up. Starts the bundled Neo4j (unless
 * NEO4J_URI points elsewhere), imports the bundled sample corpus when the database holds no
 * cables yet, builds the client and serves the app. Ctrl+C stops what this command started.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConnection } from '../server/src/db/connection.ts';
import { Database } from '../server/src/db/driver.ts';
import { serve, startupLines } from '../server/src/main.ts';
import { graphStats } from './db/graph-stats.ts';
import { analysisStatus } from '../server/src/queries/analysis-state.ts';
import { formatAnalysisReport, runAnalysis } from './analyse/analyse.ts';
import { importPaths } from './import/import.ts';
import { createProgress } from './import/progress.ts';
import { DEFAULT_REJECTS_FILE } from './import/rejects.ts';
import { formatSummary } from './import/summary.ts';
import { externalConnection, startLocal, statusLocal, stopLocal } from './neo4j/local.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The bundled sample: 400 cables as text files (the tests use these) and 2,600 more in an archive (data/README.md). */
const sampleCorpus = [path.join(repoRoot, 'data', 'sample'), path.join(repoRoot, 'data', 'sample-more.tar.xz')];

/** Imports the sample into an empty database; then analyses the graph when its analysis is missing or out of date. */
async function importSampleIfEmpty(): Promise<void> {
  const db = new Database(resolveConnection(), { maxRetryTimeMs: 30_000 });
  try {
    const stats = await graphStats(db);
    if (stats.nodes.Cable - stats.stubs > 0) {
      console.log(`Database holds ${stats.nodes.Cable - stats.stubs} cables; skipping the sample import.`);
    } else {
      console.log('Database is empty: importing the bundled sample corpus (data/sample, data/sample-more.tar.xz)…');
      const summary = await importPaths(db, sampleCorpus, { rejectsFile: DEFAULT_REJECTS_FILE, rejectsFileIsDefault: true, progress: createProgress() });
      console.log(formatSummary(summary));
    }
    const status = await analysisStatus(db);
    if (status?.current) return;
    console.log(status ? 'The graph changed since the last analysis: analysing it again…' : 'Analysing the graph…');
    console.log(formatAnalysisReport(await runAnalysis(db, { log: (line) => console.log(line) })));
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const external = externalConnection('app') !== null;
  const startedDatabase = !external && !(await statusLocal('app')).running;
  if (external) console.log(`Using the Neo4j at ${process.env.NEO4J_URI}.`);
  else await startLocal('app', (line) => console.log(`[neo4j] ${line}`));

  await importSampleIfEmpty();

  console.log('Building the client…');
  const build = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'build-client.ts')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('building the client failed');

  const app = await serve();
  console.log(`\n${startupLines(app).join('\n')}  (Ctrl+C to stop)\n`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await app.close();
    if (startedDatabase) await stopLocal('app', (line) => console.log(`[neo4j] ${line}`));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: Error) => {
  console.error(`\nCould not start Cablescope: ${error.message}`);
  process.exit(1);
});
