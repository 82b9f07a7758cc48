import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ConnectionSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Where the app's Neo4j is: `NEO4J_URI`/`NEO4J_USER`/`NEO4J_PASSWORD` when set (any Neo4j 5,
 * Aura, a cluster through `neo4j://`), otherwise the bundled local instance's connection file,
 * written by `npm run db:start`.
 */
export function resolveConnection(
  env: NodeJS.ProcessEnv = process.env,
  instance: 'app' | 'test' = 'app',
): ConnectionSettings {
  const prefix = instance === 'app' ? 'NEO4J_' : 'NEO4J_TEST_';
  const database = env[`${prefix}DATABASE`] ?? 'neo4j';
  const uri = env[`${prefix}URI`];
  if (uri) {
    const user = env[`${prefix}USER`];
    const password = env[`${prefix}PASSWORD`];
    if (!user || !password) {
      throw new Error(`${prefix}URI is set, so ${prefix}USER and ${prefix}PASSWORD must be set too.`);
    }
    return { uri, user, password, database };
  }
  const file = localConnectionFile(instance);
  if (!existsSync(file)) {
    throw new Error(
      `No Neo4j configured: set ${prefix}URI, ${prefix}USER and ${prefix}PASSWORD, ` +
        `or start the bundled one with \`npm run db:start${instance === 'test' ? ' -- --instance test' : ''}\`.`,
    );
  }
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { uri: string; user: string; password: string };
  return { uri: saved.uri, user: saved.user, password: saved.password, database };
}

export function localConnectionFile(instance: 'app' | 'test'): string {
  const instances = process.env.CABLESCOPE_NEO4J_INSTANCES
    ? path.resolve(process.env.CABLESCOPE_NEO4J_INSTANCES)
    : path.join(repoRoot, '.neo4j', 'instances');
  return path.join(instances, instance, 'connection.json');
}
