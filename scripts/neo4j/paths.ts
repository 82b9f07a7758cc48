// Where everything of the project-managed Neo4j lives: the git-ignored `.neo4j/` at the repo root.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';

export type InstanceName = 'app' | 'test';
export const INSTANCE_NAMES: readonly InstanceName[] = ['app', 'test'];

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** `.neo4j/` at the repo root; CABLESCOPE_NEO4J_DIR moves it (e.g. an isolated copy for benchmarks or CI caches). */
export const NEO4J_ROOT = process.env.CABLESCOPE_NEO4J_DIR ? resolve(process.env.CABLESCOPE_NEO4J_DIR) : join(REPO_ROOT, '.neo4j');
export const LIB_DIR = join(NEO4J_ROOT, 'lib');

/**
 * Instance folders, read at call time: CABLESCOPE_NEO4J_INSTANCES moves them away from the
 * shared jars, so parallel checkouts, developers or a test of start/stop get a database of
 * their own.
 */
export function instancesRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.CABLESCOPE_NEO4J_INSTANCES ? resolve(env.CABLESCOPE_NEO4J_INSTANCES) : join(NEO4J_ROOT, 'instances');
}
export const POM_FILE = join(REPO_ROOT, 'scripts', 'neo4j', 'pom.xml');

export interface InstancePaths {
  home: string;
  conf: string;
  data: string;
  logs: string;
  run: string;
  import: string;
  plugins: string;
  lib: string;
  confFile: string;
  pidFile: string;
  passwordFile: string;
  connectionFile: string;
  lockFile: string;
}

export function assertInstanceName(name: string): asserts name is InstanceName {
  if (!(INSTANCE_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown Neo4j instance "${name}" (expected one of: ${INSTANCE_NAMES.join(', ')})`);
  }
}

export function paths(name: InstanceName): InstancePaths {
  assertInstanceName(name);
  const home = join(instancesRoot(), name);
  const run = join(home, 'run');
  return {
    home,
    conf: join(home, 'conf'),
    data: join(home, 'data'),
    logs: join(home, 'logs'),
    run,
    import: join(home, 'import'),
    plugins: join(home, 'plugins'),
    lib: LIB_DIR,
    confFile: join(home, 'conf', 'neo4j.conf'),
    pidFile: join(run, 'neo4j.pid'),
    passwordFile: join(home, 'password'),
    connectionFile: join(home, 'connection.json'),
    lockFile: join(home, '.lock'),
  };
}

export function ensureInstanceDirs(p: InstancePaths): void {
  for (const d of [p.home, p.conf, p.data, p.logs, p.run, p.import, p.plugins]) mkdirSync(d, { recursive: true });
}
