/**
 * Issue 11, server side: each defect found by trying the API as a hostile user would, with the
 * request that showed it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/src/app.ts';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database, databaseErrorKind } from '../../server/src/db/driver.ts';
import { loopbackExposure, resolveExposure, type ExposureSettings } from '../../server/src/http/exposure.ts';
import { serve } from '../../server/src/main.ts';
import { CABLE_TEXT_INDEX } from '../../server/src/graph/schema.ts';
import { importPaths } from '../../scripts/import/import.ts';
import { ensureSchema } from '../../scripts/import/writer.ts';
import { connectTestDatabase, repoRoot, sampleCorpus, wipe, wipeAndImport } from '../support/neo4j.ts';
import { freePort } from '../support/ports.ts';

const quiet = () => {};
const clientDir = path.join(repoRoot, 'client', 'dist');

function assertJsonError(res: request.Response, status: number): void {
  assert.equal(res.status, status, `status of ${res.text.slice(0, 200)}`);
  assert.match(String(res.headers['content-type']), /application\/json/);
  assert.equal(typeof res.body.error?.code, 'string');
  assert.equal(typeof res.body.error?.message, 'string');
}

describe('API hardening over the sample corpus', () => {
  let db: Database;
  let app: Express;

  before(async () => {
    db = await connectTestDatabase();
    await wipeAndImport(db);
    app = createApp({ db, clientDir, log: quiet });
  });
  after(async () => {
    await ensureSchema(db);
    await db.close();
  });

  test('(1) while the text index is missing or being built: 503 with Retry-After, never 500; an id still answers', async () => {
    await db.autoCommit(`DROP INDEX ${CABLE_TEXT_INDEX} IF EXISTS`);
    // a fresh app: index states are remembered per Database for a short while
    const fresh = new Database(resolveConnection(process.env, 'test'));
    try {
      const app2 = createApp({ db: fresh, log: quiet });
      for (const url of ['/api/search?q=embassy', '/api/search/suggest?q=embassy', '/api/timeline?q=embassy']) {
        const res = await request(app2).get(url);
        assertJsonError(res, 503);
        assert.equal(res.body.error.code, 'index_unavailable');
        assert.match(res.body.error.message, /cable_text/);
        assert.equal(res.headers['retry-after'], '5');
      }
      const byId = await request(app2).get('/api/search?q=07LONDON3923').expect(200);
      assert.equal(byId.body.hits[0].id, 'cable:07LONDON3923');
    } finally {
      await fresh.close();
      await ensureSchema(db);
      await db.autoCommit('CALL db.awaitIndexes(60)');
    }
  });

  test('(1) schema first: search answers with partial results during a first import', async () => {
    await wipe(db);
    await db.autoCommit(`DROP INDEX ${CABLE_TEXT_INDEX} IF EXISTS`);
    const statuses: Promise<number>[] = [];
    const searchDb = new Database(resolveConnection(process.env, 'test'));
    const searcher = createApp({ db: searchDb, log: quiet });
    let batches = 0;
    let seen: number[];
    try {
      await importPaths(db, [sampleCorpus], {
        rejectsFile: null,
        batchSize: 100,
        onBatch: () => {
          batches += 1;
          statuses.push(request(searcher).get('/api/search?q=embassy').then((r) => r.status));
        },
      });
      seen = await Promise.all(statuses);
    } finally {
      await searchDb.close();
    }
    assert.ok(batches >= 3, `batches ${batches}`);
    assert.deepEqual([...new Set(seen)], [200], `statuses during the import: ${seen.join(',')}`);
  });

  test('(3) every API read has a transaction timeout; a slow read becomes a 503, not a hang', async () => {
    const impatient = new Database(resolveConnection(process.env, 'test'), { readTimeoutMs: 200 });
    try {
      const started = Date.now();
      const error = await impatient.read('UNWIND range(1, 300000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n').then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(error, 'the slow read should have been stopped');
      assert.equal(databaseErrorKind(error), 'timeout');
      assert.ok(Date.now() - started < 5_000, `stopped after ${Date.now() - started} ms`);
    } finally {
      await impatient.close();
    }
  });

  test('(3) with nothing listening, a request fails within the connection bounds', async () => {
    const port = await freePort();
    const gone = new Database({ ...resolveConnection(process.env, 'test'), uri: `bolt://127.0.0.1:${port}` });
    try {
      const started = Date.now();
      const res = await request(createApp({ db: gone, log: quiet })).get('/api/cables/07LONDON3923');
      assertJsonError(res, 503);
      assert.equal(res.headers['retry-after'], '5');
      assert.ok(Date.now() - started < 6_000, `answered after ${Date.now() - started} ms`);
    } finally {
      await gone.close();
    }
  });

  test('(4) a foreign Host header (DNS rebinding) gets a 421 JSON answer; loopback names and PUBLIC_URL work', async () => {
    const foreign = await request(app).get('/api/search?q=embassy').set('Host', 'attacker.example:3000');
    assertJsonError(foreign, 421);
    assert.equal(foreign.body.error.code, 'host_not_allowed');
    assert.equal(foreign.body.hits, undefined);
    assertJsonError(await request(app).get('/').set('Host', 'attacker.example'), 421);
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST']) {
      await request(app).get('/api/cables/07LONDON3923').set('Host', host).expect(200);
    }
    const exposure = resolveExposure({ HOST: '127.0.0.1', PUBLIC_URL: 'http://cables.newsroom.example:8080' });
    const proxied = createApp({ db, log: quiet, exposure });
    await request(proxied).get('/api/cables/07LONDON3923').set('Host', 'cables.newsroom.example:8080').expect(200);
    assertJsonError(await request(proxied).get('/api/cables/07LONDON3923').set('Host', 'other.example'), 421);
  });

  test('(6) the CSP works over plain HTTP: no upgrade-insecure-requests, no HSTS', async () => {
    const res = await request(app).get('/').set('Host', 'localhost').expect(200);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/);
    assert.equal(res.headers['strict-transport-security'], undefined);
  });

  test('(7) every post and tag key in the graph can be asked for again', async () => {
    const keys = await db.read<{ id: string }>(
      "MATCH (p:Post) RETURN 'post:' + p.key AS id UNION MATCH (t:Tag) RETURN 'tag:' + t.code AS id",
    );
    assert.ok(keys.length > 50);
    for (const { id } of keys.slice(0, 400)) {
      const res = await request(app).get(`/api/graph/expand?id=${encodeURIComponent(id)}&limit=1`);
      assert.equal(res.status, 200, `${id}: ${res.text.slice(0, 200)}`);
    }
  });

  test('(9) health says up, down or auth failed, without address, version or driver text', async () => {
    const up = await request(app).get('/api/health').expect(200);
    assert.deepEqual(Object.keys(up.body).sort(), ['database', 'message', 'status']);
    assert.equal(up.body.database, 'up');
    const settings = resolveConnection(process.env, 'test');
    const wrong = new Database({ ...settings, password: `${settings.password}-wrong` });
    const logged: string[] = [];
    try {
      const res = await request(createApp({ db: wrong, log: (m, e) => logged.push(`${m} ${String(e)}`) })).get('/api/health');
      assert.equal(res.status, 503);
      assert.equal(res.body.database, 'auth_failed');
      assert.match(res.body.message, /password/);
      assert.doesNotMatch(JSON.stringify(res.body), /bolt:|127\.0\.0\.1|Neo4j\/5|Neo\.ClientError/);
      assert.ok(logged.some((line) => /auth/i.test(line)), 'the details go to the server log');
      const api = await request(createApp({ db: wrong, log: quiet })).get('/api/cables/07LONDON3923');
      assertJsonError(api, 503);
      assert.equal(api.body.error.code, 'database_auth_failed');
    } finally {
      await wrong.close();
    }
    const gone = new Database({ ...settings, uri: `bolt://127.0.0.1:${await freePort()}` });
    try {
      const res = await request(createApp({ db: gone, log: quiet })).get('/api/health').expect(503);
      assert.equal(res.body.database, 'down');
      assert.doesNotMatch(JSON.stringify(res.body), /bolt:|127\.0\.0\.1|ECONNREFUSED/);
    } finally {
      await gone.close();
    }
  });

  test('(10) numbers are decimal digits only: limit=0x10, 1e1 and " 16" are rejected', async () => {
    for (const limit of ['0x10', '1e1', '%2016', '16.0', '-1', '']) {
      assertJsonError(await request(app).get(`/api/search?q=embassy&limit=${limit}`), 400);
    }
    await request(app).get('/api/search?q=embassy&limit=16').expect(200);
    assertJsonError(await request(app).get('/api/graph/expand?id=post:LONDON&offset=0x1'), 400);
  });

  test('(10) no source maps are built or served', async () => {
    assert.ok(existsSync(path.join(clientDir, 'main.js')), 'the client is built');
    assert.deepEqual(readdirSync(clientDir).filter((f) => f.endsWith('.map')), []);
    assertJsonError(await request(app).get('/main.js.map'), 404);
  });

  test('(10) OPTIONS is a 204 with Allow; other methods are a 405 JSON error', async () => {
    for (const url of ['/api/search?q=x', '/api/health', '/']) {
      const res = await request(app).options(url).expect(204);
      assert.equal(res.headers.allow, 'GET, HEAD, OPTIONS');
      assert.equal(res.headers['access-control-allow-origin'], undefined);
    }
    for (const method of ['post', 'put', 'delete', 'patch'] as const) {
      const res = await request(app)[method]('/api/search?q=x');
      assertJsonError(res, 405);
      assert.equal(res.headers.allow, 'GET, HEAD, OPTIONS');
    }
  });
});

describe('HTTP parser errors and token mode', () => {
  test("(10) the HTTP parser's 400 and 431 answers are JSON", async () => {
    const running = await serve({ connection: resolveConnection(process.env, 'test'), port: 0, clientDir, warmUp: false });
    const port = Number(new URL(running.url).port);
    const raw = (payload: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(payload));
        let data = '';
        socket.setEncoding('utf8').on('data', (c: string) => (data += c));
        socket.on('end', () => resolve(data)).on('error', reject);
      });
    try {
      const bad = await raw('NOT HTTP AT ALL\r\n\r\n');
      assert.match(bad, /^HTTP\/1\.1 400 /);
      assert.match(bad, /content-type: application\/json/i);
      assert.equal(JSON.parse(bad.slice(bad.indexOf('\r\n\r\n') + 4)).error.code, 'bad_request');
      const big = await raw(`GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      assert.match(big, /^HTTP\/1\.1 431 /);
      assert.equal(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4)).error.code, 'headers_too_large');
    } finally {
      await running.close();
    }
  });

  test('beyond loopback every API call needs the token; the printed link sets it as a cookie', async () => {
    const db = await connectTestDatabase();
    const exposure: ExposureSettings = resolveExposure({ HOST: '0.0.0.0', PUBLIC_URL: 'http://cables.newsroom.example:3000' });
    assert.ok(exposure.token && exposure.token.length >= 24 && exposure.tokenGenerated);
    assert.equal(loopbackExposure.token, null);
    const app = createApp({ db, clientDir, exposure, log: quiet });
    const host = 'cables.newsroom.example:3000';
    try {
      const anonymous = await request(app).get('/api/health').set('Host', host);
      assertJsonError(anonymous, 401);
      assert.equal(anonymous.body.error.code, 'token_required');
      assertJsonError(await request(app).get('/api/search?q=embassy').set('Host', host), 401);
      await request(app).get('/api/health').set('Host', host).set('Authorization', `Bearer ${exposure.token}`).expect(200);
      assertJsonError(await request(app).get('/api/health').set('Host', host).set('Authorization', 'Bearer nope'), 401);
      assertJsonError(await request(app).get('/?token=nope').set('Host', host), 401);
      const login = await request(app).get(`/?token=${exposure.token}&view=map`).set('Host', host).expect(303);
      assert.equal(login.headers.location, '/?view=map');
      const cookie = String(login.headers['set-cookie']);
      assert.match(cookie, /cablescope_token=.*HttpOnly.*SameSite=Strict/);
      await request(app).get('/api/health').set('Host', host).set('Cookie', cookie.split(';')[0]!).expect(200);
      await request(app).get('/').set('Host', host).expect(200);
      const fixed = resolveExposure({ HOST: '10.0.0.5', CABLESCOPE_TOKEN: 'a-token-set-by-the-team' });
      assert.equal(fixed.token, 'a-token-set-by-the-team');
      assert.equal(fixed.tokenGenerated, false);
      assert.throws(() => resolveExposure({ HOST: '10.0.0.5', CABLESCOPE_TOKEN: 'short' }), /16 characters/);
    } finally {
      await db.close();
    }
  });
});
