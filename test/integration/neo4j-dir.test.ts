/**
 * With CABLESCOPE_NEO4J_DIR set, `db:start`, `import`, `stats` and `serve` all use the one
 * instance under that folder (they once resolved it in two places that had drifted apart, so
 * `db:start` managed one database while the others talked to another). Runs the npm scripts
 * themselves, against a throwaway instance on a free port, each step bounded in time.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { externalSettings } from '../../server/src/db/connection.ts';
import { libDir } from '../../scripts/neo4j/paths.ts';
import { freePort } from '../support/ports.ts';
import { repoRoot } from '../support/neo4j.ts';

const external = externalSettings(process.env, 'test') !== null;

describe('CABLESCOPE_NEO4J_DIR', { skip: external ? 'runs the bundled Neo4j' : false }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cablescope-neo4j-dir-'));
  // The jars are shared (a symlink), the instance is the folder's own.
  symlinkSync(libDir(), path.join(dir, 'lib'));
  const env: NodeJS.ProcessEnv = { ...process.env, CABLESCOPE_NEO4J_DIR: dir, NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '128m' };
  for (const name of ['CABLESCOPE_NEO4J_INSTANCES', 'NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'CABLESCOPE_TEST']) delete env[name];
  const npm = (script: string, args: string[] = [], timeout = 180_000): SpawnSyncReturns<string> =>
    spawnSync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], { cwd: repoRoot, env, encoding: 'utf8', timeout });
  const ok = (r: SpawnSyncReturns<string>) => assert.equal(r.status, 0, `exit ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`.slice(-3000));
  let uri = '';

  after(() => {
    if (existsSync(path.join(dir, 'instances', 'app', 'connection.json'))) npm('db:stop', [], 120_000);
    rmSync(dir, { recursive: true, force: true });
  });

  test('db:start starts the instance under the folder', async () => {
    env.NEO4J_BOLT_PORT = String(await freePort());
    const started = npm('db:start');
    ok(started);
    uri = `bolt://127.0.0.1:${env.NEO4J_BOLT_PORT}`;
    assert.match(started.stdout, new RegExp(`ready: ${uri}`));
    assert.ok(existsSync(path.join(dir, 'instances', 'app', 'connection.json')));
  });

  test('import writes into that instance', () => {
    assert.ok(uri, 'db:start ran');
    const imported = npm('import', [path.join(repoRoot, 'data', 'sample', '07LONDON3923.txt'), '--rejects', path.join(dir, 'rejects.jsonl')]);
    ok(imported);
    assert.match(imported.stdout, /Cables written\s+1\b/);
  });

  test('stats reads that instance', () => {
    assert.ok(uri, 'db:start ran');
    const stats = npm('stats', ['--json']);
    ok(stats);
    const result = JSON.parse(stats.stdout) as { uri: string; nodes: Record<string, number>; stubs: number };
    assert.equal(result.uri, uri);
    assert.equal((result.nodes.Cable ?? 0) - result.stubs, 1, 'the one imported cable');
  });

  test('serve answers from that instance', async () => {
    assert.ok(uri, 'db:start ran');
    const port = await freePort();
    const server = spawn('npm', ['run', '--silent', 'serve'], { cwd: repoRoot, env: { ...env, PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 120_000;
      while (!/is running at/.test(output)) {
        assert.ok(Date.now() < deadline && server.exitCode === null, `serve did not come up:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const response = await fetch(`http://127.0.0.1:${port}/api/cables/07LONDON3923`);
      assert.equal(response.status, 200, await response.clone().text());
      const cable = (await response.json()) as { id: string };
      assert.equal(cable.id, '07LONDON3923');
    } finally {
      if (server.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
    }
  });
});
