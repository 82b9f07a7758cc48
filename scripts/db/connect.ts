/** The app's Neo4j for the housekeeping commands: NEO4J_URI… when set, else the bundled app instance. */
import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
import { externalConnection, startLocal } from '../neo4j/local.ts';

export async function connectAppDatabase(): Promise<Database> {
  if (!externalConnection('app')) await startLocal('app', (line) => console.error(line));
  return new Database(resolveConnection(), { maxRetryTimeMs: 30_000, connectionTimeoutMs: 15_000 });
}
