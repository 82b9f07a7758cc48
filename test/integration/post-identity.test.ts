/**
 * One node per real post (issue 14), over the real test Neo4j with real cables
 * (test/fixtures/post-identity): a post renamed under its routing indicator (KIEV → KYIV) is one
 * node found by either name, with its rename dated on its timeline; co-located missions sharing
 * a routing indicator (Embassy Brussels and USEU Brussels, both RUEHBS) stay two; a database
 * imported before the rename was known is relinked, idempotently.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../server/src/db/driver.ts';
import { getCable } from '../../server/src/queries/cables.ts';
import { search } from '../../server/src/queries/search.ts';
import { timeline } from '../../server/src/queries/timeline.ts';
import { noFilter } from '../../server/src/queries/filters.ts';
import { renamedPosts } from '../../server/src/cables/posts.ts';
import { relinkPosts, removeHeaderNoise } from '../../scripts/import/writer.ts';
import { formatSummary } from '../../scripts/import/summary.ts';
import { connectTestDatabase, repoRoot, wipeAndImport } from '../support/neo4j.ts';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'post-identity');

describe('post identity in the graph', () => {
  let db: Database;
  const postKeys = async (keys: string[]): Promise<string[]> =>
    (await db.read<{ key: string }>('MATCH (p:Post) WHERE p.key IN $keys RETURN p.key AS key ORDER BY key', { keys })).map((r) => r.key);

  before(async () => {
    db = await connectTestDatabase();
    const summary = await wipeAndImport(db, [fixtures]);
    assert.equal(summary.rejected, 0);
  });
  after(async () => {
    await db.close();
  });

  test('KIEV and KYIV cables are on one post node, which keeps both names', async () => {
    const kiev = await getCable(db, '06KIEV1531');
    const kyiv = await getCable(db, '08KYIV955');
    assert.equal(kiev?.sender?.key, 'KYIV', 'sent FM AMEMBASSY KIEV');
    assert.equal(kyiv?.sender?.key, 'KYIV');
    const minsk = await getCable(db, '05MINSK851');
    assert.ok(minsk?.info.some((p) => p.key === 'KYIV'), 'INFO RUEHKV/AMEMBASSY KIEV leads to the same post');
    assert.deepEqual(await postKeys(['KIEV', 'KYIV']), ['KYIV']);
    const [post] = await db.read<{ aliases: string[] }>('MATCH (p:Post {key: "KYIV"}) RETURN p.aliases AS aliases');
    assert.ok(post!.aliases.includes('Embassy Kiev') && post!.aliases.includes('AMEMBASSY KIEV'), JSON.stringify(post!.aliases));
  });

  test('search finds the post by its former and its current name', async () => {
    for (const text of ['Kiev', 'kyiv']) {
      const hits = await search(db, { text, cableIdPrefix: null, limit: 10, kinds: ['post'] });
      assert.deepEqual(hits.map((h) => h.id), ['post:KYIV'], text);
    }
  });

  test("the post's timeline carries the dated rename", async () => {
    const result = await timeline(db, { kind: 'node', ref: { kind: 'post', key: 'KYIV' }, role: 'sent' }, noFilter);
    assert.deepEqual(result?.renames, [{ formerKey: 'KIEV', formerName: 'Embassy Kiev', until: 2006, since: 2006, nextName: 'Embassy Kyiv' }]);
    const london = await timeline(db, { kind: 'node', ref: { kind: 'post', key: 'USEUBRUSSELS' }, role: 'sent' }, noFilter);
    assert.equal(london?.renames, undefined, 'a post never renamed has no renames');
  });

  test('Embassy Brussels and USEU Brussels share RUEHBS but are two posts', async () => {
    assert.equal((await getCable(db, '10BRUSSELS23'))?.sender?.key, 'BRUSSELS');
    assert.equal((await getCable(db, '09USEUBRUSSELS1177'))?.sender?.key, 'USEUBRUSSELS');
    const london = await getCable(db, '08LONDON2833');
    const addressed = [...(london?.to ?? []), ...(london?.info ?? [])].map((p) => p.key);
    assert.ok(addressed.includes('BRUSSELS') && addressed.includes('USEUBRUSSELS'), addressed.join(' '));
    assert.deepEqual(await postKeys(['BRUSSELS', 'USEUBRUSSELS']), ['BRUSSELS', 'USEUBRUSSELS']);
    const [useu] = await db.read<{ aliases: string[] }>('MATCH (p:Post {key: "USEUBRUSSELS"}) RETURN p.aliases AS aliases');
    assert.ok(!useu!.aliases.includes('AMEMBASSY BRUSSELS'), 'the embassy is no alias of the mission');
  });

  test('a database imported before the rename was known is relinked, and a second run changes nothing', async () => {
    // the graph as an import without post-renames.tsv left it: the KIEV cables on their own node
    await db.writeTransaction(async (run) => {
      await run(`CREATE (:Post {key: 'KIEV', name: 'Embassy Kiev', aliases: ['AMEMBASSY KIEV'], routes: ['RUEHKV']})`);
      await run(`MATCH (c:Cable {id: '06KIEV1531'})-[f:FROM]->(:Post {key: 'KYIV'}) DELETE f WITH c MATCH (k:Post {key: 'KIEV'}) CREATE (c)-[:FROM]->(k)`);
      await run(`MATCH (c:Cable {id: '05MINSK851'})-[i:INFO]->(:Post {key: 'KYIV'}) WITH c, i, properties(i) AS props DELETE i WITH c, props MATCH (k:Post {key: 'KIEV'}) CREATE (c)-[r:INFO]->(k) SET r = props`);
    });
    assert.deepEqual(await postKeys(['KIEV', 'KYIV']), ['KIEV', 'KYIV']);
    assert.equal(await relinkPosts(db, renamedPosts()), 1);
    assert.deepEqual(await postKeys(['KIEV', 'KYIV']), ['KYIV']);
    assert.equal((await getCable(db, '06KIEV1531'))?.sender?.key, 'KYIV');
    const minsk = await getCable(db, '05MINSK851');
    const kyiv = minsk?.info.find((p) => p.key === 'KYIV');
    assert.equal(kyiv?.route, 'RUEHKV', 'the INFO link keeps its properties');
    const counts = async () => (await db.read<{ n: number }>('MATCH (:Post {key: "KYIV"})<-[r]-() RETURN count(r) AS n'))[0]!.n;
    const before = await counts();
    assert.equal(await relinkPosts(db, renamedPosts()), 0);
    assert.equal(await counts(), before);
  });
});

describe('header noise is never a post or a tag', () => {
  let db: Database;
  const keysOf = async (label: 'Post' | 'Tag', property: 'key' | 'code'): Promise<string[]> =>
    (await db.read<{ key: string }>(`MATCH (n:${label}) RETURN n.${property} AS key ORDER BY key`)).map((r) => r.key);

  before(async () => {
    db = await connectTestDatabase();
  });
  after(async () => {
    await db.close();
  });

  test('a cable whose INFO line and TAGS hold noise makes no post or tag of it, and the summary counts the record', async () => {
    const summary = await wipeAndImport(db, [path.join(repoRoot, 'test', 'fixtures', 'header-noise')]);
    assert.equal(summary.imported, 1);
    assert.equal(summary.headerNoiseRecords, 1, 'the one record with noise is counted');
    assert.ok(formatSummary(summary).includes('Records with header noise'), 'the summary table says so');
    assert.deepEqual(await keysOf('Post', 'key'), ['LONDON', 'NAIROBI', 'STATE']);
    assert.deepEqual(await keysOf('Tag', 'code'), ['PREL', 'SO']);
  });

  test('db:relink-posts deletes the noise posts and tags of an older import, keeps their cables, and a second run does nothing', async () => {
    // what an import before the key rule left: the noise as a post and a tag, linked to the cable
    await db.writeTransaction(async (run) => {
      await run(`MATCH (c:Cable {id: '08LONDON2834'}) CREATE (c)-[:INFO {position: 0}]->(:Post {key: $post, name: $post, aliases: [], routes: []}), (c)-[:TAGGED]->(:Tag {code: $tag, kind: 'other'})`, {
        post: 'ZNYCCCCCZZH\\',
        tag: '\\',
      });
    });
    assert.deepEqual(await removeHeaderNoise(db), { posts: ['ZNYCCCCCZZH\\'], tags: ['\\'] });
    assert.deepEqual(await keysOf('Post', 'key'), ['LONDON', 'NAIROBI', 'STATE']);
    assert.deepEqual(await keysOf('Tag', 'code'), ['PREL', 'SO']);
    const cable = await getCable(db, '08LONDON2834');
    assert.deepEqual(cable?.info.map((p) => p.key), ['NAIROBI'], 'the cable keeps its real recipients');
    assert.deepEqual(await removeHeaderNoise(db), { posts: [], tags: [] });
  });
});
