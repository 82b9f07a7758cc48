/**
 * One connection resolver: the folder `db:start` manages (scripts/neo4j/paths.ts) and the
 * connection file `serve`, `import`, `stats` and `db:reset` read (server/src/db/connection.ts)
 * move together with CABLESCOPE_NEO4J_DIR and CABLESCOPE_NEO4J_INSTANCES.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { externalSettings, localConnectionFile, resolveConnection } from '../../../server/src/db/connection.ts';
import { libDir, paths } from '../../../scripts/neo4j/paths.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cablescope-conn-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ENV = ['CABLESCOPE_NEO4J_DIR', 'CABLESCOPE_NEO4J_INSTANCES', 'NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD'] as const;

/** Runs `body` with exactly these of the variables set in process.env (what paths.ts reads). */
function withEnv<T>(values: Partial<Record<(typeof ENV)[number], string>>, body: () => T): T {
  const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
  for (const name of ENV) {
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  }
  try {
    return body();
  } finally {
    for (const name of ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
}

test('with CABLESCOPE_NEO4J_DIR set, the resolver reads the connection file db:start writes there', () => {
  withEnv({ CABLESCOPE_NEO4J_DIR: dir }, () => {
    const managed = paths('app');
    assert.equal(managed.home, path.join(dir, 'instances', 'app'));
    assert.equal(managed.lib, path.join(dir, 'lib'));
    assert.equal(libDir(), path.join(dir, 'lib'));
    assert.equal(localConnectionFile('app'), managed.connectionFile);
    mkdirSync(managed.home, { recursive: true });
    writeFileSync(managed.connectionFile, JSON.stringify({ uri: 'bolt://127.0.0.1:7713', user: 'neo4j', password: 'secret-1' }));
    assert.deepEqual(resolveConnection(), { uri: 'bolt://127.0.0.1:7713', user: 'neo4j', password: 'secret-1', database: 'neo4j' });
  });
});

test('CABLESCOPE_NEO4J_INSTANCES moves the instances (not the jars) for both sides', () => {
  const instances = path.join(dir, 'private');
  withEnv({ CABLESCOPE_NEO4J_DIR: dir, CABLESCOPE_NEO4J_INSTANCES: instances }, () => {
    assert.equal(paths('test').home, path.join(instances, 'test'));
    assert.equal(localConnectionFile('test'), paths('test').connectionFile);
    assert.equal(paths('test').lib, path.join(dir, 'lib'));
  });
});

test('an external Neo4j needs all three variables, and then no local file is read', () => {
  assert.equal(externalSettings({}, 'app'), null);
  assert.throws(() => externalSettings({ NEO4J_URI: 'bolt://db:7687' }, 'app'), /NEO4J_USER and NEO4J_PASSWORD/);
  const env = { NEO4J_TEST_URI: 'neo4j+s://x.databases.neo4j.io', NEO4J_TEST_USER: 'u', NEO4J_TEST_PASSWORD: 'p', CABLESCOPE_NEO4J_DIR: '/nonexistent' };
  assert.deepEqual(resolveConnection(env, 'test'), { uri: env.NEO4J_TEST_URI, user: 'u', password: 'p', database: 'neo4j' });
  assert.throws(() => resolveConnection({ CABLESCOPE_NEO4J_DIR: '/nonexistent' }, 'app'), /npm run db:start.*\/nonexistent\/instances\/app\/connection\.json/);
});
