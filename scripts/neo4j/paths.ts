// Where everything of the project-managed Neo4j lives: the git-ignored `.neo4j/` at the repo root,
// or where the environment moves it (resolved by server/src/db/connection.ts, for every process).
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { INSTANCE_NAMES, instanceHome, localConnectionFile, neo4jRoot, REPO_ROOT, type InstanceName } from '../../server/src/db/connection.ts';

export { INSTANCE_NAMES, REPO_ROOT, type InstanceName };

/** The Neo4j jars, shared by the instances. */
export function libDir(): string {
  return join(neo4jRoot(), 'lib');
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
  const home = instanceHome(name);
  const run = join(home, 'run');
  return {
    home,
    conf: join(home, 'conf'),
    data: join(home, 'data'),
    logs: join(home, 'logs'),
    run,
    import: join(home, 'import'),
    plugins: join(home, 'plugins'),
    lib: libDir(),
    confFile: join(home, 'conf', 'neo4j.conf'),
    pidFile: join(run, 'neo4j.pid'),
    passwordFile: join(home, 'password'),
    connectionFile: localConnectionFile(name),
    lockFile: join(home, '.lock'),
  };
}

export function ensureInstanceDirs(p: InstancePaths): void {
  for (const d of [p.home, p.conf, p.data, p.logs, p.run, p.import, p.plugins]) mkdirSync(d, { recursive: true });
}
