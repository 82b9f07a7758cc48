// Where everything of the project-managed Neo4j lives: the git-ignored `.neo4j/` at the repo root,
// or where the environment moves it (resolved by server/src/db/connection.ts, for every process).
import { join } from 'node:path';
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
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

/**
 * The instance folders, private to the user running them: the store, `auth.ini` (the password
 * hash), the logs (queries and their parameters) and the connection file are nobody else's
 * business on a shared machine. New files are private too: the Java processes run with umask
 * 077 (`privateUmask`); this also narrows what an earlier version left readable.
 */
export function ensureInstanceDirs(p: InstancePaths): void {
  for (const d of [p.home, p.conf, p.data, p.logs, p.run, p.import, p.plugins]) mkdirSync(d, { recursive: true, mode: 0o700 });
  makePrivate(p.home);
}

function makePrivate(entry: string): void {
  let stat;
  try {
    stat = lstatSync(entry);
  } catch {
    return; // removed meanwhile by the running server (a rotated log)
  }
  if (stat.isSymbolicLink()) return;
  if ((stat.mode & 0o077) !== 0) chmodSync(entry, stat.mode & 0o700);
  if (stat.isDirectory()) for (const name of readdirSync(entry)) makePrivate(join(entry, name));
}

/** Runs `start` (which spawns a process) with umask 077, so the process creates private files only. */
export function withPrivateUmask<T>(start: () => T): T {
  const previous = process.umask(0o077);
  try {
    return start();
  } finally {
    process.umask(previous);
  }
}
