// Integration test of the project-managed local Neo4j (the `test` instance, Bolt 127.0.0.1:7688).
// Leaves the instance running if it was running before (other tests use it); stops it if this test started it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import neo4j from 'neo4j-driver';
import { externalConnection, instancePaths, neo4jAdmin, startLocal, statusLocal, stopLocal, type Connection } from '../../scripts/neo4j/local.ts';
import { instanceSettings, parseMemory, parsePort, renderConf } from '../../scripts/neo4j/config.ts';
import { findJava, isSupportedJava, parseJavaMajor, probeJava } from '../../scripts/neo4j/java.ts';
import { paths } from '../../scripts/neo4j/paths.ts';
import { freePort } from '../support/ports.ts';

const lines: string[] = [];
const log = (l: string) => lines.push(l);
const external = externalConnection('test') !== null;

describe('pure helpers', () => {
  test('java version parsing and the 17/21 check', async () => {
    assert.equal(parseJavaMajor('openjdk version "17.0.15" 2025-04-15'), 17);
    assert.equal(parseJavaMajor('java version "1.8.0_392"'), 8);
    assert.equal(parseJavaMajor('openjdk version "25" 2025-09-16'), 25);
    assert.equal(parseJavaMajor('garbage'), null);
    assert.ok(isSupportedJava(17) && isSupportedJava(21) && !isSupportedJava(25) && !isSupportedJava(11));
    const j25 = '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java';
    if (existsSync(j25)) {
      const info = await probeJava(j25);
      assert.equal(info?.major, 25);
      // JAVA_HOME pointing at an unsupported JDK: falls back to a 17/21 one and says so
      const saved = process.env.JAVA_HOME;
      process.env.JAVA_HOME = '/usr/lib/jvm/temurin-25-jdk-amd64';
      const msgs: string[] = [];
      try {
        const picked = await findJava((l) => msgs.push(l));
        assert.ok(isSupportedJava(picked.major));
        assert.match(msgs.join('\n'), /Java 25 .* not supported by Neo4j 5\.26/);
      } finally {
        if (saved === undefined) delete process.env.JAVA_HOME;
        else process.env.JAVA_HOME = saved;
      }
    }
  });

  test('settings: defaults, env overrides, validation', () => {
    assert.deepEqual(instanceSettings('app', {}), { name: 'app', host: '127.0.0.1', boltPort: 7687, heap: '4g', pagecache: '4g' });
    assert.deepEqual(instanceSettings('test', {}), { name: 'test', host: '127.0.0.1', boltPort: 7688, heap: '1g', pagecache: '1g' });
    const s = instanceSettings('app', { NEO4J_BOLT_PORT: '7700', NEO4J_HEAP: '2G', NEO4J_PAGECACHE: '512m', NEO4J_TEST_BOLT_PORT: '1' });
    assert.equal(s.boltPort, 7700);
    assert.equal(s.heap, '2g');
    assert.equal(s.pagecache, '512m');
    assert.equal(instanceSettings('test', { NEO4J_BOLT_PORT: '7700', NEO4J_TEST_BOLT_PORT: '7701' }).boltPort, 7701);
    assert.throws(() => parsePort('70000', 'NEO4J_BOLT_PORT'), /NEO4J_BOLT_PORT=70000 is not a valid TCP port/);
    assert.throws(() => parseMemory('lots', 'NEO4J_HEAP'), /NEO4J_HEAP=lots is not a memory size/);
    const conf = renderConf(paths('test'), instanceSettings('test', {}));
    assert.match(conf, /^server\.bolt\.listen_address=127\.0\.0\.1:7688$/m);
    assert.match(conf, /^dbms\.security\.auth_enabled=true$/m);
    assert.match(conf, /^server\.memory\.heap\.max_size=1g$/m);
    assert.match(conf, new RegExp(`^server\\.directories\\.import=${paths('test').import.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));
  });
});

describe('local Neo4j "test" instance', () => {
  let wasRunning = false;
  let stopped = false;
  let conn: Connection;

  // A private instance folder and port: start/stop here never disturb the shared test
  // database that the other suites use.
  const savedEnv = { dir: process.env.CABLESCOPE_NEO4J_INSTANCES, port: process.env.NEO4J_TEST_BOLT_PORT };
  const privateDir = mkdtempSync(path.join(tmpdir(), 'cablescope-neo4j-'));

  before(async () => {
    if (!external) {
      process.env.CABLESCOPE_NEO4J_INSTANCES = privateDir;
      process.env.NEO4J_TEST_BOLT_PORT = String(await freePort());
    }
    wasRunning = (await statusLocal('test')).running;
  });

  after(async () => {
    try {
      // safety net when a test failed before the stop test ran
      if (!wasRunning && !external && !stopped) await stopLocal('test', log);
    } finally {
      if (process.env.DEBUG_NEO4J_TEST) console.error(lines.join('\n'));
      restoreEnv('CABLESCOPE_NEO4J_INSTANCES', savedEnv.dir);
      restoreEnv('NEO4J_TEST_BOLT_PORT', savedEnv.port);
      rmSync(privateDir, { recursive: true, force: true });
    }
  });

  test('a port taken by another process gives a clear error', async (t) => {
    if (wasRunning || external) return t.skip('instance already running (or external): start would be a no-op');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    const saved = process.env.NEO4J_TEST_BOLT_PORT;
    process.env.NEO4J_TEST_BOLT_PORT = String(port);
    try {
      await assert.rejects(startLocal('test', log), (e: Error) => {
        assert.match(e.message, new RegExp(`port 127\\.0\\.0\\.1:${port} is already taken by .*not by the "test" Neo4j instance`));
        assert.match(e.message, /NEO4J_TEST_BOLT_PORT/);
        return true;
      });
    } finally {
      if (saved === undefined) delete process.env.NEO4J_TEST_BOLT_PORT;
      else process.env.NEO4J_TEST_BOLT_PORT = saved;
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  test('start: Bolt answers with auth (and cleans up a stale pid file)', async () => {
    const p = paths('test');
    let stalePid: number | undefined;
    if (!wasRunning && !external) {
      // a pid file left by a crash: the pid of a process that has exited
      const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      stalePid = Number(child.stdout);
      mkdirSync(p.run, { recursive: true });
      writeFileSync(p.pidFile, `${stalePid}\n`);
    }
    conn = await startLocal('test', log);
    if (stalePid) assert.match(lines.join('\n'), new RegExp(`removed stale pid file \\(pid ${stalePid} is gone\\)`));
    assert.equal(conn.external, external);
    assert.equal(conn.user, external ? conn.user : 'neo4j');
    const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password));
    try {
      const { records } = await driver.executeQuery('RETURN 1 + 1 AS two');
      assert.equal(records[0]?.get('two').toNumber(), 2);
    } finally {
      await driver.close();
    }
    if (!external) {
      assert.ok(existsSync(p.connectionFile));
      assert.deepEqual(JSON.parse(readFileSync(instancePaths('test').connectionFile, 'utf8')), { uri: conn.uri, user: conn.user, password: conn.password });
      assert.equal(statSync(p.connectionFile).mode & 0o777, 0o600);
      assert.equal(statSync(paths('test').passwordFile).mode & 0o777, 0o600);
    }
  });

  test('the instance tree is private (0700 folders, no file readable by others) and auth.ini exists', { skip: external ? 'external server' : false }, () => {
    const home = paths('test').home;
    assert.equal(statSync(home).mode & 0o777, 0o700);
    const open: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isSymbolicLink()) continue;
        if ((statSync(full).mode & 0o077) !== 0) open.push(full);
        if (entry.isDirectory()) walk(full);
      }
    };
    walk(home);
    assert.deepEqual(open, []);
    assert.ok(existsSync(path.join(paths('test').data, 'dbms', 'auth.ini')));
    assert.ok(!existsSync(path.join(home, '.initial-password.args')), 'the password argument file is removed');
  });

  test('a neo4j:// routing table advertises the real port', { skip: external ? 'external server' : false }, async () => {
    const port = new URL(conn.uri).port;
    assert.match(readFileSync(paths('test').confFile, 'utf8'), new RegExp(`^server\\.bolt\\.advertised_address=127\\.0\\.0\\.1:${port}$`, 'm'));
    const driver = neo4j.driver(`neo4j://127.0.0.1:${port}`, neo4j.auth.basic(conn.user, conn.password));
    try {
      const { records, summary } = await driver.executeQuery('RETURN 1 AS one');
      assert.equal(records[0]?.get('one').toNumber(), 1);
      assert.equal(summary.server.address, `127.0.0.1:${port}`);
    } finally {
      await driver.close();
    }
  });

  test('a wrong password is rejected', async () => {
    const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, `${conn.password}-wrong`));
    try {
      await assert.rejects(driver.getServerInfo(), (e: { code?: string }) => {
        assert.equal(e.code, 'Neo.ClientError.Security.Unauthorized');
        return true;
      });
    } finally {
      await driver.close();
    }
  });


  test('a first start takes any password (a leading "-", spaces, quotes, backslashes), never on a command line', { skip: external ? 'uses the bundled Neo4j' : false }, async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'cablescope-dash-password-'));
    const password = '-dash "first" \\ #9';
    const env = {
      ...process.env,
      CABLESCOPE_NEO4J_INSTANCES: home,
      NEO4J_TEST_BOLT_PORT: String(await freePort()),
      NEO4J_TEST_PASSWORD: password,
      NEO4J_TEST_HEAP: '512m',
      NEO4J_TEST_PAGECACHE: '128m',
      NEO4J_TEST_URI: '',
    };
    const cli = (command: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/neo4j/cli.ts', command, '--instance', 'test'], { env, encoding: 'utf8', timeout: 420_000 });
    try {
      const started = cli('start');
      assert.equal(started.status, 0, started.stdout + started.stderr);
      const stored = JSON.parse(readFileSync(path.join(home, 'test', 'connection.json'), 'utf8')) as { uri: string; password: string };
      assert.equal(stored.password, password);
      const driver = neo4j.driver(stored.uri, neo4j.auth.basic('neo4j', password));
      try {
        const { records } = await driver.executeQuery('RETURN 1 + 1 AS two');
        assert.equal(records[0]?.get('two').toNumber(), 2);
      } finally {
        await driver.close();
      }
    } finally {
      cli('stop');
      rmSync(home, { recursive: true, force: true });
    }
  });
  test('a second start is a no-op returning the same connection', async (t) => {
    if (external) return t.skip('external server');
    const pidBefore = (await statusLocal('test')).pid;
    const t0 = Date.now();
    const again = await startLocal('test', log);
    assert.ok(Date.now() - t0 < 10_000, 'no-op start should be quick');
    assert.deepEqual(again, conn);
    assert.equal((await statusLocal('test')).pid, pidBefore);
    assert.match(lines.join('\n'), /already running/);
  });

  test('status says running', async () => {
    const st = await statusLocal('test');
    assert.equal(st.running, true, st.message);
    assert.equal(st.external, external);
    assert.equal(st.uri, conn.uri);
    if (!external) {
      assert.ok(st.pid && st.pid > 0);
      assert.match(st.version ?? '', /^5\.26\./);
    }
  });

  test('neo4jAdmin runs against the instance', async (t) => {
    if (external) return t.skip('external server');
    const r = await neo4jAdmin('test', ['--version']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /5\.26\.\d+/);
  });

  test('stop (only when this test started the instance): clean, no JVM left', async (t) => {
    if (wasRunning || external) return t.skip('instance was already running before the test (other tests use it)');
    const pid = (await statusLocal('test')).pid;
    await stopLocal('test', log);
    stopped = true;
    assert.ok(pid);
    assert.throws(() => process.kill(pid, 0), /ESRCH/);
    assert.ok(!existsSync(paths('test').pidFile));
    const st = await statusLocal('test');
    assert.equal(st.running, false);
    assert.equal(st.message, 'stopped');
  });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

