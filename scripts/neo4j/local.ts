// Project-managed local Neo4j Community (5.26 LTS from Maven Central jars), one folder per instance under
// .neo4j/instances/<name>. Public API used by the server, the importer and the tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { totalmem } from 'node:os';
import { externalSettings } from '../../server/src/db/connection.ts';
import { boltUri, envPrefix, instanceSettings, memoryBytes, writeConf, type InstanceSettings } from './config.ts';
import { ensureJars, libState, pinnedVersion } from './fetch-jars.ts';
import { findJava, type JavaInfo } from './java.ts';
import { withLock } from './lock.ts';
import { launcherOutput, logOffsets, logTails } from './logs.ts';
import {
  envPassword,
  generatePassword,
  isInitialized,
  MIN_PASSWORD_LENGTH,
  readConnectionFile,
  readStoredPassword,
  storePassword,
  USER,
  writeConnectionFile,
  writeSecret,
} from './password.ts';
import { ensureInstanceDirs, paths, withPrivateUmask, type InstanceName, type InstancePaths } from './paths.ts';
import { isPortFree, portHolder } from './port.ts';
import { findInstanceJvms, isAlive, isOurNeo4j, readPid, removeFile, run, waitForExit, type RunResult } from './process.ts';
import { BoltAuthError, ProcessDiedError, probeBolt, waitForBolt } from './wait-for-bolt.ts';

export type { InstanceName } from './paths.ts';

export interface Connection {
  uri: string;
  user: string;
  password: string;
  external: boolean;
}

export interface Status {
  running: boolean;
  external: boolean;
  uri: string;
  pid?: number;
  version?: string;
  message: string;
}

const START_TIMEOUT_MS = Number(process.env.NEO4J_START_TIMEOUT_MS) || 120_000;
const STOP_TIMEOUT_S = Number(process.env.NEO4J_STOP_TIMEOUT_S) || 60;
const NEO4J_COMMAND = 'org.neo4j.server.startup.Neo4jCommand';
const NEO4J_ADMIN_COMMAND = 'org.neo4j.server.startup.Neo4jAdminCommand';

function defaultLog(name: InstanceName): (line: string) => void {
  return (line) => process.stderr.write(`[neo4j:${name}] ${line}\n`);
}

/** NEO4J_URI/USER/PASSWORD (app) or NEO4J_TEST_URI/USER/PASSWORD (test): use that server (server/src/db/connection.ts). */
export function externalConnection(name: InstanceName): Connection | null {
  const external = externalSettings(process.env, name);
  return external ? { uri: external.uri, user: external.user, password: external.password, external: true } : null;
}

export function instancePaths(name: InstanceName): {
  home: string;
  conf: string;
  data: string;
  logs: string;
  run: string;
  import: string;
  lib: string;
  connectionFile: string;
} {
  const p = paths(name);
  return { home: p.home, conf: p.conf, data: p.data, logs: p.logs, run: p.run, import: p.import, lib: p.lib, connectionFile: p.connectionFile };
}

function javaEnv(p: InstancePaths, java: JavaInfo): NodeJS.ProcessEnv {
  return { ...process.env, NEO4J_HOME: p.home, NEO4J_CONF: p.conf, JAVA_HOME: java.home, NEO4J_SHUTDOWN_TIMEOUT: String(STOP_TIMEOUT_S) };
}

function runNeo4jClass(
  p: InstancePaths,
  java: JavaInfo,
  mainClass: string,
  args: string[],
  opts: { timeoutMs?: number; onLine?: (line: string) => void } = {},
): Promise<RunResult> {
  return withPrivateUmask(() =>
    run(java.bin, ['-cp', `${p.lib}/*`, `-Dbasedir=${p.home}`, mainClass, ...args], { env: javaEnv(p, java), cwd: p.home, ...opts }),
  );
}

/**
 * An argument file for neo4j-admin (picocli's `@file`): how the initial password reaches it
 * without appearing on a command line, where every user of the machine can read it (`ps`).
 * Quoted, with `\` and `"` escaped, so any password (spaces, a leading `-`, `#`) is one argument.
 */
export function passwordArgumentFile(password: string): string {
  if (/[\r\n]/.test(password)) throw new Error('the Neo4j password must not contain a line break');
  return `dbms\nset-initial-password\n--\n"${password.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n`;
}

/** Jars + Java + directories + fresh conf: what every java invocation against an instance needs. */
async function prepare(name: InstanceName, log: (line: string) => void): Promise<{ p: InstancePaths; s: InstanceSettings; java: JavaInfo }> {
  const p = paths(name);
  const s = instanceSettings(name);
  const java = await findJava(log);
  await ensureJars(log);
  ensureInstanceDirs(p);
  writeConf(p, s);
  return { p, s, java };
}

/** The pid of this instance's running server, cleaning up a stale pid file and adopting an orphan JVM. */
function livePid(p: InstancePaths, log: (line: string) => void): number | null {
  const pid = readPid(p.pidFile);
  if (pid !== null) {
    if (isOurNeo4j(pid, p.home)) return pid;
    removeFile(p.pidFile);
    log(`removed stale pid file (pid ${pid} is ${isAlive(pid) ? 'another process' : 'gone'})`);
  }
  const orphans = findInstanceJvms(p.home);
  if (orphans.length) {
    const o = orphans[0]!;
    writeFileSync(p.pidFile, `${o}\n`);
    log(`found a running Neo4j JVM of this instance without pid file (pid ${o}); adopted it`);
    return o;
  }
  return null;
}

async function changePassword(uri: string, oldPw: string, newPw: string): Promise<void> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(USER, oldPw), { logging: { level: 'error', logger: () => {} } });
  try {
    await driver.executeQuery('ALTER CURRENT USER SET PASSWORD FROM $old TO $new', { old: oldPw, new: newPw }, { database: 'system' });
  } finally {
    await driver.close();
  }
}

/** Waits for Bolt with the known password; reconciles with NEO4J_PASSWORD when it differs. Returns the password that works. */
async function connectAndReconcile(
  name: InstanceName,
  p: InstancePaths,
  uri: string,
  pid: number,
  log: (line: string) => void,
): Promise<{ password: string; version: string }> {
  const stored = readStoredPassword(p);
  const wanted = envPassword(name);
  const first = stored ?? wanted;
  if (!first) {
    throw new Error(
      `the database in ${p.data} was initialised before, but its password is unknown (no ${p.passwordFile} and no ${envPrefix(name)}PASSWORD). ` +
        `Set ${envPrefix(name)}PASSWORD to the current password, or stop the instance and delete ${p.data} to start over (this erases the data).`,
    );
  }
  const alive = () => isAlive(pid);
  try {
    const r = await waitForBolt({ uri, user: USER, password: first }, { timeoutMs: START_TIMEOUT_MS, alive, log });
    if (wanted && wanted !== first) {
      if (wanted.length < MIN_PASSWORD_LENGTH) throw new Error(`${envPrefix(name)}PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
      await changePassword(uri, first, wanted);
      storePassword(p, wanted);
      log(`password changed to the one in ${envPrefix(name)}PASSWORD`);
      return { password: wanted, version: r.version };
    }
    if (!stored) storePassword(p, first);
    return { password: first, version: r.version };
  } catch (e) {
    if (!(e instanceof BoltAuthError) || !wanted || wanted === first) {
      if (e instanceof BoltAuthError) {
        throw new Error(
          `${e.message}. The stored password (${p.passwordFile}) does not match the database: set ${envPrefix(name)}PASSWORD to the current one.`,
        );
      }
      throw e;
    }
    // the stored password is outdated but the env one may be current (changed by hand)
    const r = await waitForBolt({ uri, user: USER, password: wanted }, { timeoutMs: 10_000, alive, log });
    storePassword(p, wanted);
    return { password: wanted, version: r.version };
  }
}

export async function startLocal(name: InstanceName, log: (line: string) => void = defaultLog(name)): Promise<Connection> {
  const ext = externalConnection(name);
  if (ext) {
    log(`using the external Neo4j at ${ext.uri} (from ${envPrefix(name)}URI/USER/PASSWORD); nothing is started locally`);
    return ext;
  }
  const p0 = paths(name);
  ensureInstanceDirs(p0);
  return withLock(
    p0.lockFile,
    `start/stop of the "${name}" Neo4j instance`,
    async () => {
      const p = p0;
      const s = instanceSettings(name);
      let pid = livePid(p, log);
      if (pid !== null) {
        const prev = readConnectionFile(p);
        const uri = prev?.uri ?? boltUri(s);
        if (uri !== boltUri(s)) log(`note: running on ${uri}; restart (db:stop, db:start) to apply ${boltUri(s)}`);
        const { password, version } = await connectAndReconcile(name, p, uri, pid, log);
        writeConnectionFile(p, { uri, user: USER, password });
        log(`already running (pid ${pid}, Neo4j ${version}) at ${uri}`);
        return { uri, user: USER, password, external: false };
      }

      const uri = boltUri(s);
      if (!(await isPortFree(s.boltPort, s.host))) {
        const who = await portHolder(s.boltPort);
        throw new Error(
          `port ${s.host}:${s.boltPort} is already taken by ${who ?? 'another process'}, not by the "${name}" Neo4j instance. ` +
            `Stop that process or choose another port with ${envPrefix(name)}BOLT_PORT.`,
        );
      }
      const { java } = await prepare(name, log);

      if (!isInitialized(p)) {
        const pw = envPassword(name) ?? readStoredPassword(p) ?? generatePassword();
        if (pw.length < MIN_PASSWORD_LENGTH) throw new Error(`${envPrefix(name)}PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
        // `--` ends the options: a password may begin with `-` (a generated one does 1 time in 64)
        const argsFile = join(p.home, '.initial-password.args');
        writeSecret(argsFile, passwordArgumentFile(pw));
        const r = await runNeo4jClass(p, java, NEO4J_ADMIN_COMMAND, [`@${argsFile}`], { timeoutMs: 120_000 }).finally(() => removeFile(argsFile));
        if (r.code !== 0) {
          throw new Error(`neo4j-admin dbms set-initial-password failed (exit ${r.code}):\n${(r.stdout + r.stderr).trim()}`);
        }
        storePassword(p, pw);
        log(`initial password set (stored in ${p.passwordFile})`);
      }

      const want = memoryBytes(s.heap) + memoryBytes(s.pagecache);
      if (want > totalmem() * 0.8) {
        log(
          `warning: heap ${s.heap} + page cache ${s.pagecache} is more than 80% of this machine's ${(totalmem() / 1024 ** 3).toFixed(0)} GiB; ` +
            `lower them with ${envPrefix(name)}HEAP / ${envPrefix(name)}PAGECACHE if the start fails or the machine swaps`,
        );
      }
      log(`starting Neo4j ${pinnedVersion()} (heap ${s.heap}, page cache ${s.pagecache}) on ${uri} …`);
      const t0 = Date.now();
      const since = logOffsets(p.logs);
      const r = await runNeo4jClass(p, java, NEO4J_COMMAND, ['start'], { timeoutMs: 120_000 });
      pid = readPid(p.pidFile);
      if (r.code !== 0 || pid === null || !isAlive(pid)) {
        if (pid !== null && !isAlive(pid)) removeFile(p.pidFile);
        throw new Error(
          `Neo4j failed to start (launcher exit ${r.code}):\n${launcherOutput(r.stdout + '\n' + r.stderr)}\n${logTails(p.logs, 20, since)}`,
        );
      }
      log(`server JVM forked (pid ${pid}); waiting for Bolt …`);
      const startedPid = pid;
      try {
        const { password, version } = await connectAndReconcile(name, p, uri, startedPid, log);
        writeConnectionFile(p, { uri, user: USER, password });
        log(`Neo4j ${version} is up at ${uri} (pid ${startedPid}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        return { uri, user: USER, password, external: false };
      } catch (e) {
        if (e instanceof ProcessDiedError) {
          removeFile(p.pidFile);
          throw new Error(`Neo4j died during start (pid ${startedPid}).\n${logTails(p.logs, 20, since)}`);
        }
        const still = isAlive(startedPid) ? ` The server process (pid ${startedPid}) is still running: check the logs, or stop it with \`npm run db:stop -- --instance ${name}\`.` : '';
        throw new Error(`${(e as Error).message}.${still}\n${logTails(p.logs, 20, since)}`);
      }
    },
    { log },
  );
}

export async function stopLocal(name: InstanceName, log: (line: string) => void = defaultLog(name)): Promise<void> {
  const ext = externalConnection(name);
  if (ext) {
    log(`the external Neo4j at ${ext.uri} is in use (${envPrefix(name)}URI/USER/PASSWORD); nothing local to stop`);
    return;
  }
  const p = paths(name);
  ensureInstanceDirs(p);
  await withLock(
    p.lockFile,
    `start/stop of the "${name}" Neo4j instance`,
    async () => {
      const pid = livePid(p, log);
      if (pid === null) {
        log('not running');
        return;
      }
      const t0 = Date.now();
      log(`stopping Neo4j (pid ${pid}) …`);
      let launcherOk = false;
      try {
        const java = await findJava(log);
        if (libState()) {
          const r = await runNeo4jClass(p, java, NEO4J_COMMAND, ['stop'], { timeoutMs: (STOP_TIMEOUT_S + 15) * 1000 });
          launcherOk = r.code === 0;
          if (!launcherOk) log(`launcher stop exited ${r.code}: ${(r.stdout + r.stderr).trim().split('\n').slice(-3).join(' | ')}`);
        }
      } catch (e) {
        log(`launcher stop unavailable (${(e as Error).message}); sending SIGTERM`);
      }
      if (!launcherOk && isAlive(pid)) process.kill(pid, 'SIGTERM');
      if (!(await waitForExit(pid, launcherOk ? 5_000 : STOP_TIMEOUT_S * 1000))) {
        process.kill(pid, 'SIGKILL');
        await waitForExit(pid, 10_000);
        log(`Neo4j (pid ${pid}) did not stop within ${STOP_TIMEOUT_S} s: killed it with SIGKILL (the next start will run recovery)`);
      }
      removeFile(p.pidFile);
      for (const o of findInstanceJvms(p.home)) {
        process.kill(o, 'SIGKILL');
        log(`killed an orphan Neo4j JVM of this instance (pid ${o})`);
      }
      log(`stopped (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    },
    { log },
  );
}

export async function statusLocal(name: InstanceName): Promise<Status> {
  const ext = externalConnection(name);
  if (ext) {
    const r = await probeBolt(ext, 10_000);
    return r.ok
      ? { running: true, external: true, uri: ext.uri, version: r.version, message: `external Neo4j ${r.version} at ${ext.uri} answers (user ${ext.user})` }
      : { running: false, external: true, uri: ext.uri, message: `external Neo4j at ${ext.uri} does not answer: ${r.message}` };
  }
  const p = paths(name);
  const s = instanceSettings(name);
  const conn = readConnectionFile(p);
  const pid = readPid(p.pidFile);
  const live = pid !== null && isOurNeo4j(pid, p.home) ? pid : (findInstanceJvms(p.home)[0] ?? null);
  if (live === null) {
    const stale = pid !== null ? ` (stale pid file for pid ${pid}; cleaned up on next start/stop)` : '';
    return { running: false, external: false, uri: boltUri(s), message: `stopped${stale}` };
  }
  const uri = conn?.uri ?? boltUri(s);
  const password = readStoredPassword(p) ?? conn?.password ?? envPassword(name);
  if (!password) return { running: false, external: false, uri, pid: live, message: `process ${live} is alive but the password is unknown` };
  const r = await probeBolt({ uri, user: USER, password }, 5000);
  if (r.ok) return { running: true, external: false, uri, pid: live, version: r.version, message: `running (pid ${live}), Neo4j ${r.version} at ${uri}` };
  return {
    running: false,
    external: false,
    uri,
    pid: live,
    message: r.authFailed ? `process ${live} is alive but refuses the stored password: ${r.message}` : `process ${live} is alive but Bolt does not answer yet (starting or stopping?)`,
  };
}

/** Runs `neo4j-admin <args>` against the instance's home and conf (e.g. `database import full …`). */
export async function neo4jAdmin(name: InstanceName, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const log = defaultLog(name);
  const { p, java } = await prepare(name, log);
  return runNeo4jClass(p, java, NEO4J_ADMIN_COMMAND, args);
}
