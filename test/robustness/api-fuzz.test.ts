/**
 * A property-based fuzzer over every API endpoint (found from the app's router): whatever the
 * path parameters, query parameters (known names and random ones, repeated, empty, odd
 * encodings) and method, the API never answers 5xx, every error is JSON with a code and a
 * message, and nothing in the graph changes. CABLESCOPE_FUZZ_RUNS raises the number of
 * requests (default 300, about 15 s); a failure prints the seed that replays it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import request from 'supertest';
import type { Express } from 'express';
import { runAnalysis } from '../../scripts/analyse/analyse.ts';
import { createApp } from '../../server/src/app.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { connectTestDatabase, wipeAndImport } from '../support/neo4j.ts';
import { apiRoutes } from '../support/routes.ts';

const RUNS = Number(process.env.CABLESCOPE_FUZZ_RUNS ?? 300);

const PARAM_NAMES = [
  'q', 'id', 'key', 'limit', 'offset', 'from', 'to', 'types', 'kinds', 'direction', 'order', 'mode', 'threshold',
  'depth', 'maxHops', 'maxDegree', 'classification', 'classifications', 'role', 'period', 'person', 'sender',
  'inCorpus', 'year', 'token', '__proto__', 'constructor',
];

/** Values that have broken parsers and queries somewhere: numbers in other notations, ids, Cypher, Lucene, encodings. */
const TRICKY = [
  '', ' ', '0', '-1', '0x10', '1e3', '16.5', 'NaN', 'Infinity', '9'.repeat(30), '07LONDON3923', '07london03923',
  'cable:07LONDON3923', 'post:LONDON', 'tag:PREL', 'post:\\', 'tag:ZNYCCCCCZZH\\', 'LONDON', 'STATE', 'PREL', '1990-01-01',
  '2010-13-45', 'FROM,TO', 'cable,post,tag', 'both', 'newest', 'aggregate', 'SECRET', 'year', 'month', 'sent',
  "' OR 1=1 --", '"}) DETACH DELETE n //', 'MATCH (n) DETACH DELETE n', '*:*', 'a AND', '(((', '\\', '"', '~', 'a*',
  '<script>alert(1)</script>', '../../etc/passwd', '%', '%zz', '\u0000', '\uffff', '😀'.repeat(50), 'x'.repeat(5000),
];

const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 2_000_000 }).map(String) },
);

const query = fc.array(
  fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PARAM_NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), value),
  { maxLength: 6 },
);

/** Parameters that make a request valid, so most fuzzed requests reach the queries and not only validation. */
const VALID_PATH: Record<string, string[]> = { id: ['07LONDON3923', '04PANAMA1014'], key: ['LONDON', 'STATE'] };
const VALID_QUERY: Record<string, string> = {
  '/api/search': 'q=embassy',
  '/api/search/suggest': 'q=emb',
  '/api/graph/neighborhood': 'id=post:LONDON',
  '/api/graph/expand': 'id=post:LONDON',
  '/api/paths/shortest': 'from=post:LONDON&to=tag:PREL',
  '/api/timeline': 'id=post:LONDON',
};

function fill(route: string, params: string[], valid: boolean): string {
  let i = 0;
  return route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = valid ? (VALID_PATH[name] ?? ['x'])[i % 2]! : (params[i % params.length] ?? 'x');
    i += 1;
    return encodeURIComponent(value);
  });
}

describe('API fuzzer', () => {
  let db: Database;
  let app: Express;
  let routes: string[];
  const counts = async () =>
    (await db.read<{ nodes: number; links: number }>('MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS links'))[0];

  before(async () => {
    db = await connectTestDatabase();
    await wipeAndImport(db);
    await runAnalysis(db); // what every import ends with, so the analysis endpoints answer too
    app = createApp({ db, log: () => {} });
    routes = apiRoutes(app);
  });
  after(async () => db.close());

  test('the router lists every endpoint', () => {
    for (const route of ['/api/health', '/api/search', '/api/cables/:id', '/api/graph/expand', '/api/timeline']) assert.ok(routes.includes(route), route);
  });

  test('no request gets a 5xx or a non-JSON error, and the graph never changes', async () => {
    const before = await counts();
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(value, { minLength: 1, maxLength: 2 }),
        query,
        fc.constantFrom('get', 'get', 'get', 'get', 'get', 'get', 'head', 'options', 'post', 'delete'),
        fc.boolean(),
        async (route, pathParams, pairs, method, valid) => {
          const base = valid ? (VALID_QUERY[route] ?? '') : '';
          const taken = new Set(base.split('&').map((p) => p.split('=')[0]));
          // a repeated name is an array, always a 400: on valid requests, random pairs add other names only
          const random = pairs.filter(([k]) => !valid || !taken.has(k)).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
          const search = [base, ...random].filter((p) => p !== '').join('&');
          const url = `${fill(route, pathParams, valid)}${search ? `?${search}` : ''}`;
          const res = await request(app)[method](url);
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          assert.ok(res.status < 500, `${method.toUpperCase()} ${url} → ${res.status} ${res.text?.slice(0, 300)}`);
          if (method === 'head' || res.status === 204) return;
          // answers are JSON, but for downloads meant as files (`/api/rank` is CSV)
          const type = res.status < 400 ? /application\/json|text\/csv/ : /application\/json/;
          assert.match(String(res.headers['content-type']), type, `${url} → ${res.status} ${res.headers['content-type']}`);
          if (res.status >= 400) {
            assert.equal(typeof res.body?.error?.code, 'string', `${url} → ${res.text.slice(0, 200)}`);
            assert.equal(typeof res.body?.error?.message, 'string');
            assert.doesNotMatch(res.text, /at \S+ \(|Neo4jError|node_modules/, 'no stack trace or driver text');
          }
        },
      ),
      { numRuns: RUNS },
    );
    assert.deepEqual(await counts(), before);
    // the fuzzer must reach past validation, or it tests nothing but the 400 path
    assert.ok((seen.get(200) ?? 0) > RUNS / 10, `statuses seen: ${JSON.stringify([...seen])}`);
  });
});
