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

/**
 * How long the server's Database waits for Neo4j, in one place (docs/architecture.md, "Driver
 * settings", says why each value is what it is). Measured on the 2-core reference machine
 * (docs/benchmarks.md, "Hardening"): a freshly started Neo4j answers its first query of each kind
 * slowly (13.6 s for the first, 4-5 s for each further kind at load ~25; the JVM and the query
 * plans are cold), while a warm one answers every API read in well under a second.
 */
export const DATABASE_TIMING = {
  /** Most time one API read may run in Neo4j (its transaction timeout); Neo4j stops it after that. */
  readTimeoutMs: 15_000,
  /** Opening a TCP connection to a loopback or LAN Neo4j takes milliseconds; a refused one fails at once. */
  connectionTimeoutMs: 3_000,
  /**
   * Most time a request waits for a pooled connection (creating one included): while Neo4j is
   * down every request fails fast (a 503) instead of queueing behind the ones already waiting.
   */
  acquisitionTimeoutMs: 5_000,
  /** A pooled connection idle longer than this is checked (RESET) before reuse. */
  livenessCheckIdleMs: 2_000,
  /**
   * The warm-up after Neo4j comes back (or at start): its reads may run this long, so that a
   * cold plan is finished and cached instead of being stopped at `readTimeoutMs` and planned
   * again by the next request.
   */
  warmUpReadTimeoutMs: 60_000,
  /**
   * While the warm-up runs, how many requests may each plan a query not yet planned since Neo4j
   * came back (alongside the warm-up's own read); a further cold request answers 503 at once.
   * Two, for the two cores of the reference machine: requests then get what they ask for planned
   * first, without the stampede of every client planning cold at once.
   */
  coldPlanLanes: 2,
  /**
   * While the warm-up runs, the longest a request waits for its query to be planned (by itself
   * or by another read) before it answers 503; the plan goes on in Neo4j and a later request
   * finds it done. On a loaded machine the first plans of a fresh Neo4j take 8-10 s (load ~7).
   */
  warmingAnswerMs: 4_000,
  /**
   * Reads are admitted query by query while the warm-up runs, for at most this long; then every
   * read goes through. Measured at load ~20 on 2 cores, the warm-up of a fresh Neo4j took over
   * 20 s, and a gate opened at 20 s let 20 clients plan cold queries at once again (answers of
   * 17-19 s, some past the read timeout); on a quiet machine it takes a few seconds.
   */
  warmUpGateMs: 45_000,
  /**
   * Most time a corpus-wide read of an admin step (the analysis reading the traffic network,
   * storing the overview) may run: seconds on a quiet machine at full size, but many times that
   * on a loaded one, where a request's 15 s stopped the analysis at the end of a full import.
   */
  corpusReadTimeoutMs: 30 * 60_000,
} as const;

