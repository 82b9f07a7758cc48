/**
 * Which Neo4j a process talks to, resolved in this one place for the server (`serve`), every
 * script (`db:start`, `import`, `stats`, `db:reset`, the benchmarks) and the tests:
 *
 *   NEO4J_URI/USER/PASSWORD (app) or NEO4J_TEST_… (test)   an external Neo4j 5 (Aura, a cluster…)
 *   otherwise                                              the bundled local instance, whose folder is
 *     CABLESCOPE_NEO4J_INSTANCES/<instance>                  when set (parallel checkouts, tests)
 *     CABLESCOPE_NEO4J_DIR/instances/<instance>              when set (an isolated copy, CI caches)
 *     .neo4j/instances/<instance>                            at the repo root otherwise
 *   and whose URI and password are in `connection.json` there, written by `npm run db:start`.
 *
 * Every function reads the environment it is given at call time, so a test can point a child
 * process elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type InstanceName = 'app' | 'test';
export const INSTANCE_NAMES: readonly InstanceName[] = ['app', 'test'];

export interface ConnectionSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Env prefix per instance: `NEO4J_` for app, `NEO4J_TEST_` for test (so the two never collide). */
export function envPrefix(instance: InstanceName): string {
  return instance === 'app' ? 'NEO4J_' : 'NEO4J_TEST_';
}

/** `.neo4j/` at the repo root (jars and instances); CABLESCOPE_NEO4J_DIR moves it. */
export function neo4jRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.CABLESCOPE_NEO4J_DIR ? path.resolve(env.CABLESCOPE_NEO4J_DIR) : path.join(REPO_ROOT, '.neo4j');
}

/** The instance folders; CABLESCOPE_NEO4J_INSTANCES moves them away from the shared jars. */
export function instancesRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.CABLESCOPE_NEO4J_INSTANCES ? path.resolve(env.CABLESCOPE_NEO4J_INSTANCES) : path.join(neo4jRoot(env), 'instances');
}

export function instanceHome(instance: InstanceName, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(instancesRoot(env), instance);
}

export function localConnectionFile(instance: InstanceName, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(instanceHome(instance, env), 'connection.json');
}

/** The external Neo4j named by the environment, or null when `<prefix>URI` is not set. */
export function externalSettings(env: NodeJS.ProcessEnv = process.env, instance: InstanceName = 'app'): ConnectionSettings | null {
  const prefix = envPrefix(instance);
  const uri = env[`${prefix}URI`];
  if (!uri) return null;
  const user = env[`${prefix}USER`];
  const password = env[`${prefix}PASSWORD`];
  if (!user || !password) {
    throw new Error(`${prefix}URI is set, so ${prefix}USER and ${prefix}PASSWORD must be set too.`);
  }
  return { uri, user, password, database: env[`${prefix}DATABASE`] ?? 'neo4j' };
}

/** Where the instance's Neo4j is: the external one, else the bundled instance's connection file. */
export function resolveConnection(env: NodeJS.ProcessEnv = process.env, instance: InstanceName = 'app'): ConnectionSettings {
  const external = externalSettings(env, instance);
  if (external) return external;
  const prefix = envPrefix(instance);
  const file = localConnectionFile(instance, env);
  if (!existsSync(file)) {
    throw new Error(
      `No Neo4j configured: set ${prefix}URI, ${prefix}USER and ${prefix}PASSWORD, ` +
        `or start the bundled one with \`npm run db:start${instance === 'test' ? ' -- --instance test' : ''}\` (looked for ${file}).`,
    );
  }
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { uri: string; user: string; password: string };
  return { uri: saved.uri, user: saved.user, password: saved.password, database: env[`${prefix}DATABASE`] ?? 'neo4j' };
}
