import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import type { CableDetail, GraphResponse, HealthResponse, NeighbourhoodResponse, SearchResponse } from '../../server/src/api/types.ts';
import { createApp } from '../../server/src/app.ts';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database, databaseErrorKind, type DatabaseOptions } from '../../server/src/db/driver.ts';
import { sampleApp } from '../support/app.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

const quiet = () => {};

describe('HTTP API over the sample corpus', () => {
  let db: Database;
  let app: Express;

  before(async () => {
    ({ db, app } = await sampleApp());
  });
  after(async () => db.close());

  test('health reports Neo4j reachable', async () => {
    const res = await request(app).get('/api/health').expect(200);
    const body = res.body as HealthResponse;
    assert.equal(body.status, 'ok');
    assert.equal(body.database, 'up');
  });

  test('a cable comes back with metadata, links and text, in any id spelling', async () => {
    const res = await request(app).get('/api/cables/07london03923').expect(200);
    const cable = res.body as CableDetail;
    assert.equal(cable.id, '07LONDON3923');
    assert.equal(cable.origin, 'Embassy London');
    assert.equal(cable.date, '2007-10-12');
    assert.equal(cable.sender?.key, 'LONDON');
    assert.ok(cable.info.some((p) => p.key === 'MOSCOW'));
    assert.deepEqual(cable.references.map((r) => r.id), ['07LONDON3175']);
    assert.match(cable.body ?? '', /walk away/);
    assert.match(res.headers['content-type'] ?? '', /application\/json/);
  });

  test('unknown cables are 404 and malformed ids 400, both as JSON errors', async () => {
    const missing = await request(app).get('/api/cables/99NOWHERE1').expect(404);
    assert.equal(missing.body.error.code, 'not_found');
    const bad = await request(app).get('/api/cables/%3Cscript%3E').expect(400);
    assert.equal(bad.body.error.code, 'invalid_request');
    assert.equal(bad.body.error.message.includes('at '), false, 'no stack trace');
  });

  test('the neighbourhood of a cable holds its sender, recipients, tags and citations', async () => {
    const res = await request(app).get('/api/graph/neighborhood').query({ id: 'cable:07LONDON3923', limit: 100 }).expect(200);
    const graph = res.body as GraphResponse;
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const id of ['cable:07LONDON3923', 'post:LONDON', 'post:STATE', 'tag:PREL', 'cable:07LONDON3175']) {
      assert.ok(ids.has(id), `missing ${id}`);
    }
    assert.ok(graph.links.some((l) => l.type === 'REFERENCES' && l.source === 'cable:07LONDON3923' && l.target === 'cable:07LONDON3175'));
    assert.ok(graph.links.some((l) => l.type === 'FROM' && l.target === 'post:LONDON'));
    assert.equal(graph.total, graph.links.length);
    assert.equal(graph.truncated, false);
  });

  test('a neighbourhood is capped by limit: groups that do not fit are summarised, never cut', async () => {
    const res = await request(app).get('/api/graph/neighborhood').query({ id: 'post:STATE', limit: 5 }).expect(200);
    const graph = res.body as NeighbourhoodResponse;
    assert.ok(graph.nodes.length - 1 <= 5);
    assert.ok(graph.total > 5);
    assert.equal(graph.truncated, true);
    assert.ok(graph.groups.some((g) => g.summarised));
    await request(app).get('/api/graph/neighborhood').query({ id: 'post:STATE', limit: 100000 }).expect(400);
    await request(app).get('/api/graph/neighborhood').query({ id: 'post:NOSUCHPOST' }).expect(404);
  });

  test('search finds cables by id and subject words, posts by alias and tags by code', async () => {
    const search = async (q: string) => ((await request(app).get('/api/search').query({ q }).expect(200)).body as SearchResponse).hits;
    assert.equal((await search('07LONDON3923'))[0]?.id, 'cable:07LONDON3923');
    assert.ok((await search('SAFAVI')).some((h) => h.id === 'cable:07LONDON3175'));
    assert.ok((await search('Embassy London')).some((h) => h.id === 'post:LONDON'));
    assert.equal((await search('PREL'))[0]?.id, 'tag:PREL');
    // Lucene syntax in user text is matched literally, never parsed as a query
    assert.ok(Array.isArray(await search('IRAN) OR (*:* "')));
    await request(app).get('/api/search').query({ q: '' }).expect(400);
  });

  test('unknown API routes are JSON 404s', async () => {
    const res = await request(app).get('/api/nothing-here').expect(404);
    assert.equal(res.body.error.code, 'not_found');
  });

  test('security headers are set', async () => {
    const res = await request(app).get('/api/health');
    assert.match(res.headers['content-security-policy'] ?? '', /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-powered-by'], undefined);
  });
});

describe('when Neo4j goes away', () => {
  /**
   * A Database that reaches the test Neo4j through a proxy the test can cut and open again,
   * with short connection bounds so that an outage is seen at once.
   */
  async function behindProxy(options: DatabaseOptions = {}): Promise<{ proxy: TcpProxy; db: Database }> {
    const target = new URL(resolveConnection(process.env, 'test').uri.replace(/^neo4j/, 'bolt'));
    const proxy = new TcpProxy(target.hostname, Number(target.port || 7687));
    await proxy.open();
    const db = new Database({ ...resolveConnection(process.env, 'test'), uri: `bolt://127.0.0.1:${proxy.port}` }, { maxRetryTimeMs: 500, connectionTimeoutMs: 1_000, ...options });
    return { proxy, db };
  }

  test('the API answers 503 with a clear message, then recovers by itself', async () => {
    const { proxy, db } = await behindProxy();
    const logged: string[] = [];
    const app = createApp({ db, log: (message) => logged.push(message) });
    try {
      await request(app).get('/api/cables/07LONDON3923').expect(200);
      await proxy.cut();
      const down = await request(app).get('/api/cables/07LONDON3923').expect(503);
      assert.equal(down.body.error.code, 'database_unavailable');
      for (let poll = 0; poll < 3; poll++) {
        const health = await request(app).get('/api/health').expect(503);
        assert.equal(health.body.database, 'down');
      }
      await proxy.open();
      await request(app).get('/api/cables/07LONDON3923').expect(200);
      await request(app).get('/api/health').expect(200);
      await request(app).get('/api/health').expect(200);
      // a monitor polling health during an outage leaves one line per change, not one per poll
      assert.deepEqual(logged.filter((line) => line.startsWith('health:')), ['health: database down', 'health: database up again']);
    } finally {
      await proxy.cut();
      await db.close();
    }
  });
  test('when it is back, one warm-up runs while reads are admitted query by query, then every read goes through', async () => {
    let warmUps = 0;
    let finishWarmUp!: () => void;
    const warmUpMayFinish = new Promise<void>((resolve) => (finishWarmUp = resolve));
    let warmUpDone!: () => void;
    const warmUpFinished = new Promise<void>((resolve) => (warmUpDone = resolve));
    const { proxy, db } = await behindProxy({
      // one request at a time may plan a cold query, so that a second one is seen refused
      coldPlanLanes: 1,
      // the slow query below may take its time on a loaded machine
      warmingAnswerMs: 60_000,
      // the warm-up's own read; then it lasts until the test lets it finish, as it does on a cold Neo4j
      onReconnect: async (self) => {
        warmUps++;
        await self.read('RETURN 1 AS one');
        await warmUpMayFinish;
        warmUpDone();
      },
    });
    const app = createApp({ db, log: quiet });
    // a query that runs a few seconds, long enough to be seen planning while other reads arrive
    const slowQuery = 'UNWIND range(1, $n) AS x WITH x WHERE x % 7 = 0 RETURN count(*) AS multiples';
    try {
      await request(app).get('/api/cables/07LONDON3923').expect(200);
      await proxy.cut();
      assert.equal((await request(app).get('/api/cables/07LONDON3923').expect(503)).body.error.code, 'database_unavailable');
      assert.equal((await request(app).get('/api/cables/07LONDON3923').expect(503)).body.error.code, 'database_unavailable');
      assert.equal(warmUps, 0, 'no warm-up while Neo4j cannot be reached');
      await proxy.open();
      // the read that finds Neo4j back starts the warm-up and plans its own query in the free lane
      await request(app).get('/api/cables/07LONDON3923').expect(200);
      assert.equal(warmUps, 1);
      // a cold query takes the only lane; the same query asked meanwhile waits for it and runs warm
      const planning = db.read<{ multiples: number }>(slowQuery, { n: 100_000_000 });
      await new Promise((r) => setTimeout(r, 200));
      const sameQuery = db.read<{ multiples: number }>(slowQuery, { n: 70 });
      // a different cold query while the lane is taken is refused at once
      const started = Date.now();
      const refused = await request(app).get('/api/search?q=embassy').expect(503);
      assert.equal(refused.body.error.code, 'database_warming_up');
      assert.ok(refused.headers['retry-after'], 'Retry-After is set');
      assert.ok(Date.now() - started < 500, `refused at once, not after ${Date.now() - started} ms`);
      // a query planned since the restart runs as on a warm server
      await request(app).get('/api/cables/07LONDON3923').expect(200);
      assert.deepEqual(await planning, [{ multiples: 14_285_714 }]);
      assert.deepEqual(await sameQuery, [{ multiples: 10 }]);
      // with the lane free again, the cold search plans itself while the warm-up still runs
      await request(app).get('/api/search?q=embassy').expect(200);
      finishWarmUp();
      await warmUpFinished;
      await new Promise((r) => setTimeout(r, 50));
      await request(app).get('/api/search?q=embassy').expect(200);
      await request(app).get('/api/cables/07LONDON3923').expect(200);
      assert.equal(warmUps, 1, 'one warm-up per outage');
    } finally {
      finishWarmUp();
      await proxy.cut();
      await db.close();
    }
  });
  test('while warming, a request that waits too long for a plan answers 503, and the plan goes on for the next one', async () => {
    let finishWarmUp!: () => void;
    const warmUpMayFinish = new Promise<void>((resolve) => (finishWarmUp = resolve));
    const { proxy, db } = await behindProxy({ coldPlanLanes: 1, warmingAnswerMs: 300, onReconnect: () => warmUpMayFinish });
    // a query no other test runs, so that its plan is cold here
    const slowQuery = 'UNWIND range(1, $n) AS x WITH x WHERE x % 11 = 0 RETURN count(*) AS multiples';
    try {
      await db.read('RETURN 1 AS one');
      await proxy.cut();
      await assert.rejects(db.read('RETURN 1 AS one'));
      await proxy.open();
      const started = Date.now();
      await assert.rejects(db.read(slowQuery, { n: 100_000_000 }), (error) => databaseErrorKind(error) === 'warming_up');
      assert.ok(Date.now() - started < 2_000, `answered after ${Date.now() - started} ms, not at its deadline`);
      // the read goes on: it still holds the one lane, so another cold query is refused
      await assert.rejects(db.read('RETURN 2 AS two'), (error) => databaseErrorKind(error) === 'warming_up');
      // the read went on in Neo4j; once it is done, the query counts as planned and runs at once
      const deadline = Date.now() + 60_000;
      let answer: { multiples: number }[] | undefined;
      while (!answer && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        answer = await db.read<{ multiples: number }>(slowQuery, { n: 110 }).catch(() => undefined);
      }
      assert.deepEqual(answer, [{ multiples: 10 }]);
    } finally {
      finishWarmUp();
      await proxy.cut();
      await db.close();
    }
  });
});
