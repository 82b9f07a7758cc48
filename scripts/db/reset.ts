/**
 * npm run db:reset [-- --yes]: empties the app's database (every node and relationship, import
 * checkpoints included). Indexes and constraints stay; the importer would create them anyway.
 */
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { graphStats } from './graph-stats.ts';
import { deleteEverything } from '../import/writer.ts';
import { connectAppDatabase } from './connect.ts';

const program = new Command()
  .name('npm run db:reset --')
  .description("Delete everything in the app's Neo4j database (NEO4J_URI… when set, else the bundled app instance).")
  .option('-y, --yes', 'do not ask for confirmation')
  .action(async (options: { yes?: boolean }) => {
    const db = await connectAppDatabase();
    try {
      const stats = await graphStats(db);
      const rels = Object.values(stats.relationships).reduce((a, b) => a + b, 0);
      const what = `${stats.nodes.Cable} cables (${stats.stubs} stubs), ${stats.nodes.Post} posts, ${stats.nodes.Tag} tags, ${rels} relationships`;
      if (!options.yes) {
        if (!process.stdin.isTTY) {
          console.error(`refusing to delete ${what} in ${db.uri} without confirmation: pass --yes`);
          process.exitCode = 1;
          return;
        }
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        const answer = await rl.question(`Delete ${what} in ${db.uri} (database ${db.database})? Type "yes": `);
        rl.close();
        if (answer.trim().toLowerCase() !== 'yes') {
          console.log('nothing deleted');
          return;
        }
      }
      const started = Date.now();
      await deleteEverything(db);
      console.log(`deleted ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await db.close();
    }
  });

program.parseAsync().catch((error: Error) => {
  console.error(`db:reset failed: ${error.message}`);
  process.exit(1);
});
