/** npm run stats [-- --json]: node counts per label and relationship counts per type of the app's Neo4j. */
import { Command } from 'commander';
import { countsByLabelAndType, graphStats } from './graph-stats.ts';
import { connectAppDatabase } from './connect.ts';

const program = new Command()
  .name('npm run stats --')
  .description("Counts of the app's Neo4j database (NEO4J_URI… when set, else the bundled app instance).")
  .option('--json', 'machine-readable output')
  .action(async (options: { json?: boolean }) => {
    const db = await connectAppDatabase();
    try {
      const counts = await countsByLabelAndType(db);
      const graph = await graphStats(db);
      const result = { uri: db.uri, database: db.database, nodes: counts.labels, relationships: counts.relationshipTypes, stubs: graph.stubs, people: graph.people };
      if (options.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      const rows: [string, string][] = [
        ...Object.entries(counts.labels).map(([label, n]): [string, string] => [`:${label}`, String(n)]),
        ['  Cable stubs (cited, not in corpus)', String(graph.stubs)],
        ['  people (distinct signer / classified-by names)', String(graph.people)],
        ...Object.entries(counts.relationshipTypes).map(([type, n]): [string, string] => [`[:${type}]`, String(n)]),
      ];
      const width = Math.max(...rows.map((r) => r[0].length));
      const numbers = Math.max(...rows.map((r) => r[1].length));
      console.log(`${db.uri} (database ${db.database})`);
      for (const [name, n] of rows) console.log(`${name.padEnd(width)}  ${n.padStart(numbers)}`);
    } finally {
      await db.close();
    }
  });

program.parseAsync().catch((error: Error) => {
  console.error(`stats failed: ${error.message}`);
  process.exit(1);
});
