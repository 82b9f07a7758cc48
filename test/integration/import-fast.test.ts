// The fast path (`npm run import -- --fast`, neo4j-admin database import) on a PRIVATE `app`
// instance (temp instances dir, free Bolt port), compared with a Bolt import of the same input
// into the shared test database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
import { CABLE_TEXT_INDEX } from '../../server/src/graph/schema.ts';
import { countsByLabelAndType, graphStats } from '../../scripts/db/graph-stats.ts';
import { FastImportRefused, fastImport } from '../../scripts/import/admin-import.ts';
import { OutputRefused } from '../../scripts/import/rejects.ts';
import { instancePaths, stopLocal } from '../../scripts/neo4j/local.ts';
import { connectTestDatabase, sampleCorpus, wipeAndImport } from '../support/neo4j.ts';
import { freePort } from '../support/ports.ts';

const ENV = ['CABLESCOPE_NEO4J_INSTANCES', 'NEO4J_BOLT_PORT', 'NEO4J_HEAP', 'NEO4J_PAGECACHE', 'NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD'] as const;
const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
const quiet = () => {};


/** 07LONDON3923's links, with their properties, in a comparable form. */
async function linksOf(db: Database, id: string): Promise<string[]> {
  const rows = await db.read<{ link: string }>(
    `MATCH (:Cable {id: $id})-[r:FROM|TO|INFO|REFERENCES|TAGGED]->(m)
     RETURN type(r) + ' ' + coalesce(m.id, m.key, m.code) + ' ' + coalesce(toString(r.position), '') + '/' +
            coalesce(r.route, '') + '/' + coalesce(r.precedence, '') + '/' + coalesce(r.mcn, '') + '/' +
            coalesce(toString(r.excluded), '') + '/' + coalesce(r.bullet, '') AS link`,
    { id },
  );
  return rows.map((r) => r.link).sort();
}

describe('import --fast (neo4j-admin database import)', { timeout: 600_000 }, () => {
  let privateDir = '';
  let bolt: Database;
  let fast: Database | null = null;

  before(async () => {
    bolt = await connectTestDatabase();
    privateDir = mkdtempSync(path.join(tmpdir(), 'cablescope-fast-'));
    process.env.CABLESCOPE_NEO4J_INSTANCES = privateDir;
    process.env.NEO4J_BOLT_PORT = String(await freePort());
    process.env.NEO4J_HEAP = '1g';
    process.env.NEO4J_PAGECACHE = '512m';
    for (const name of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD']) delete process.env[name];
  });

  after(async () => {
    try {
      await fast?.close();
      await bolt?.close();
      await stopLocal('app', quiet).catch(() => undefined);
    } finally {
      for (const name of ENV) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      if (privateDir) rmSync(privateDir, { recursive: true, force: true });
    }
  });

  test('refuses an external Neo4j (NEO4J_URI)', async () => {
    Object.assign(process.env, { NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'unused' });
    try {
      await assert.rejects(fastImport([sampleCorpus], { rejectsFile: null, log: quiet }), (e: Error) => e instanceof FastImportRefused && /NEO4J_URI/.test(e.message));
    } finally {
      for (const name of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD']) delete process.env[name];
    }
  });

  test('refuses a rejects file that exists, before Neo4j is touched, and leaves it unchanged', async () => {
    const existing = path.join(privateDir, 'rejects.jsonl');
    writeFileSync(existing, 'an earlier run\n');
    await assert.rejects(fastImport([sampleCorpus], { rejectsFile: existing, log: quiet }), (e: Error) => e instanceof OutputRefused && /rejects\.jsonl exists/.test(e.message));
    assert.equal(readFileSync(existing, 'utf8'), 'an earlier run\n');
    assert.equal(existsSync(path.join(privateDir, 'app')), false, 'the app instance was not even created');
  });

  test('builds the graph the Bolt path builds from the same input', async () => {
    const summary = await fastImport([sampleCorpus], { rejectsFile: null, log: quiet });
    assert.deepEqual(readdirSync(instancePaths('app').import), [], 'a successful load leaves no spill, CSV or report file behind');
    await wipeAndImport(bolt);
    fast = new Database(resolveConnection(), { maxRetryTimeMs: 15_000 });

    assert.deepEqual(await countsByLabelAndType(fast), await countsByLabelAndType(bolt));
    const boltStats = await graphStats(bolt);
    assert.deepEqual(await graphStats(fast), boltStats);
    assert.deepEqual(summary.after, boltStats);
    assert.equal(summary.rejected, 0);

    // Spot check: a cable's links and their properties, and a stub.
    const links = await linksOf(fast, '07LONDON3923');
    assert.deepEqual(links, await linksOf(bolt, '07LONDON3923'));
    assert.ok(links.some((l) => l.startsWith('FROM LONDON ')));
    assert.ok(links.some((l) => l.startsWith('TO ')));
    assert.ok(links.some((l) => l.startsWith('REFERENCES 07LONDON3175 ')));
    const [stub] = await bolt.read<{ id: string }>('MATCH (s:Cable {inCorpus: false}) RETURN s.id AS id ORDER BY s.id LIMIT 1');
    assert.ok(stub);
    const [fastStub] = await fast.read<{ p: Record<string, unknown> }>('MATCH (s:Cable {id: $id}) RETURN properties(s) AS p', { id: stub.id });
    assert.deepEqual(fastStub?.p, { id: stub.id, inCorpus: false });

    // A full cable's properties (types included) are those of the Bolt path.
    const props = (db: Database) =>
      db.read<{ p: Record<string, unknown>; t: string[] }>(
        "MATCH (c:Cable {id: '07LONDON3923'}) RETURN properties(c) AS p, [k IN keys(c) | k + ':' + valueType(c[k])] AS t",
      );
    const [f] = await props(fast);
    const [b] = await props(bolt);
    assert.deepEqual(f?.p, b?.p);
    assert.deepEqual([...(f?.t ?? [])].sort(), [...(b?.t ?? [])].sort());

    // Search works the moment the import returns (full-text indexes online).
    const [hits] = await fast.read<{ n: number }>("CALL db.index.fulltext.queryNodes($index, 'London') YIELD node RETURN count(node) AS n", { index: CABLE_TEXT_INDEX });
    assert.ok((hits?.n ?? 0) > 0);
  });

  test('refuses a database that is not empty (first load only)', async () => {
    await assert.rejects(fastImport([sampleCorpus], { rejectsFile: null, log: quiet }), (e: Error) => e instanceof FastImportRefused && /first load only/.test(e.message));
  });
});
