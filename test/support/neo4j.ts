import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
import { importPaths, type ImportSummary } from '../../scripts/import/import.ts';
import { deleteEverything } from '../../scripts/import/writer.ts';
import { startLocal } from '../../scripts/neo4j/local.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sampleCorpus = path.join(repoRoot, 'data', 'sample');

/**
 * A Database on the TEST Neo4j (never the user's): NEO4J_TEST_URI when set, else the bundled
 * `test` instance, started here if `npm test` has not already done it.
 */
export async function connectTestDatabase(): Promise<Database> {
  await startLocal('test', () => {}); // a no-op when running already or when NEO4J_TEST_URI is set
  return new Database(resolveConnection(process.env, 'test'), { maxRetryTimeMs: 15_000 });
}

export async function wipe(db: Database): Promise<void> {
  await deleteEverything(db);
}

/** Empties the test database and imports the given paths (the bundled sample by default). */
export async function wipeAndImport(db: Database, paths: string[] = [sampleCorpus]): Promise<ImportSummary> {
  await wipe(db);
  return importPaths(db, paths, { rejectsFile: null });
}
