import { Command } from 'commander';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
import { externalConnection, startLocal } from '../neo4j/local.ts';
import { formatAnalysisReport, runAnalysis } from './analyse.ts';

const program = new Command()
  .name('npm run analyse --')
  .description('Compute ranks, threads, communities, related cables and estimated dates over the imported graph and write them back to Neo4j.')
  .option('--json', 'print the report as JSON (with peak RSS)')
  .addHelpText('after', '\nUses NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD when set, else the bundled local Neo4j (started if needed).\nRuns after every import by itself; run it by hand after changing the graph some other way.')
  .action(async (options: { json?: boolean }) => {
    if (!externalConnection('app')) await startLocal('app', (line) => console.error(line));
    const db = new Database(resolveConnection(), { maxRetryTimeMs: 30_000, connectionTimeoutMs: 15_000 });
    try {
      const report = await runAnalysis(db, { log: (line) => console.error(line) });
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      if (options.json) console.log(JSON.stringify({ ...report, peakRssMb }, null, 2));
      else console.log(`${formatAnalysisReport(report)}\nPeak RSS of the analysis: ${peakRssMb} MB`);
    } finally {
      await db.close();
    }
  });

program.parseAsync().catch((error: Error) => {
  console.error(`analysis failed: ${error.message}`);
  process.exit(1);
});
