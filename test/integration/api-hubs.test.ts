/**
 * Hub summaries: a neighbourhood never adds more than `maxNodes` nodes; groups of one type and
 * direction above the threshold come back as summaries (per sending post, per year) that the
 * expand endpoint drills into. Expected values come from independent Cypher over the sample,
 * so the tests hold for a larger sample too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import type { ExpandResponse, NeighbourhoodResponse } from '../../server/src/api/types.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { PAGERANK_PROPERTY } from '../../server/src/queries/importance.ts';
import { explorerSettings } from '../../server/src/settings.ts';
import { sampleApp } from '../support/app.ts';

describe('hub summaries over the sample corpus', () => {
  let db: Database;
  let app: Express;
  const get = async <T>(path: string, query: Record<string, string | number>): Promise<T> => (await request(app).get(path).query(query).expect(200)).body as T;
  const hood = (id: string, extra: Record<string, string | number> = {}) => get<NeighbourhoodResponse>('/api/graph/neighborhood', { id, ...extra });

  before(async () => {
    ({ db, app } = await sampleApp());
  });
  after(async () => db.close());

  /** The most used tag (PREL in the sample) and how many cables carry it. */
  const biggestTag = async () =>
    (await db.read<{ code: string; cables: number }>('MATCH (t:Tag) RETURN t.code AS code, COUNT { (t)<-[:TAGGED]-() } AS cables ORDER BY cables DESC, code LIMIT 1'))[0]!;

  test('picking the biggest tag answers with a summary of its cables, not a star', async () => {
    const tag = await biggestTag();
    assert.ok(tag.cables > explorerSettings.hubThreshold, `the sample's biggest tag has ${tag.cables} cables`);
    const g = await hood(`tag:${tag.code}`);
    assert.deepEqual(g.nodes.map((n) => n.id), [`tag:${tag.code}`], 'only the tag itself is drawn');
    assert.equal(g.links.length, 0);
    assert.equal(g.truncated, true);
    const group = g.groups.find((x) => x.type === 'TAGGED' && x.direction === 'in');
    assert.ok(group);
    assert.equal(group.summarised, true);
    assert.equal(group.kind, 'cable');
    assert.equal(group.total, tag.cables);
    assert.equal(group.byYear.reduce((a, y) => a + y.count, 0) + group.undated, tag.cables, 'every cable is in one year or undated');
    const senders = await db.read<{ key: string; count: number }>(
      `MATCH (:Tag {code: $code})<-[:TAGGED]-(c:Cable)-[:FROM]->(p:Post)
       WITH c, collect(p.key)[0] AS key RETURN key, count(*) AS count ORDER BY count DESC, key LIMIT 12`,
      { code: tag.code },
    );
    assert.deepEqual(group.bySender.map((s) => [s.key, s.count]), senders.map((s) => [s.key, s.count]));
    assert.ok(group.bySender.every((s) => s.name.length > 0));
  });

  test('no neighbourhood of the ten biggest hubs adds more than the maximum; listed groups are complete', async () => {
    const hubs = await db.read<{ id: string }>(
      `MATCH (n) WHERE n:Cable OR n:Post OR n:Tag
       WITH n, COUNT { (n)--() } AS degree ORDER BY degree DESC LIMIT 10
       RETURN CASE WHEN n:Cable THEN 'cable:' + n.id WHEN n:Post THEN 'post:' + n.key ELSE 'tag:' + n.code END AS id`,
    );
    for (const { id } of hubs) {
      const g = await hood(id);
      assert.ok(g.nodes.length - 1 <= explorerSettings.maxNewNodes, `${id}: ${g.nodes.length - 1} new nodes`);
      assert.equal(g.groups.reduce((a, x) => a + x.total, 0), g.total);
      for (const group of g.groups) {
        const links = g.links.filter((l) => l.type === group.type && (group.direction === 'out' ? l.source === id : l.target === id)).length;
        if (group.summarised) assert.equal(links, 0, `${id} ${group.type} ${group.direction}: a summary draws no nodes`);
        else {
          assert.equal(links, group.total, `${id} ${group.type} ${group.direction}: a listed group is complete`);
          assert.ok(group.total <= explorerSettings.hubThreshold);
        }
      }
    }
  });

  test('the threshold and the maximum are parameters: a cable with a small limit summarises what does not fit', async () => {
    const g = await hood('cable:07LONDON3923', { limit: 3, threshold: 40 });
    assert.ok(g.nodes.length - 1 <= 3);
    assert.equal(g.maxNodes, 3);
    // Citations come first: the one cited cable fits, and it is drawn.
    assert.ok(g.nodes.some((n) => n.id === 'cable:07LONDON3175'));
    const info = g.groups.find((x) => x.type === 'INFO');
    assert.equal(info?.summarised, true);
    assert.equal(info?.kind, 'post');
    const all = await hood('cable:07LONDON3923');
    assert.equal(all.truncated, false, 'with the defaults 07LONDON3923 is small enough to draw whole');
    assert.equal(all.links.length, all.total);
    await request(app).get('/api/graph/neighborhood').query({ id: 'cable:07LONDON3923', threshold: 0 }).expect(400);
  });

  test('drilling into one sender brings exactly its cables; top N brings the most cited first', async () => {
    const tag = await biggestTag();
    const group = (await hood(`tag:${tag.code}`)).groups.find((x) => x.type === 'TAGGED' && x.direction === 'in')!;
    const sender = group.bySender.find((s) => s.count <= explorerSettings.maxNewNodes) ?? group.bySender[0]!;
    const drill = await get<ExpandResponse>('/api/graph/expand', {
      id: `tag:${tag.code}`, types: 'TAGGED', direction: 'in', sender: sender.key, mode: 'nodes', limit: explorerSettings.maxNewNodes,
    });
    const expected = await db.read<{ id: string }>(
      'MATCH (:Tag {code: $code})<-[:TAGGED]-(c:Cable)-[:FROM]->(:Post {key: $key}) RETURN DISTINCT c.id AS id',
      { code: tag.code, key: sender.key },
    );
    assert.equal(drill.total, expected.length);
    const drawn = drill.nodes.slice(1).map((n) => n.key);
    if (expected.length <= explorerSettings.maxNewNodes) assert.deepEqual(new Set(drawn), new Set(expected.map((r) => r.id)), 'all of the slice');
    else assert.equal(drawn.length, explorerSettings.maxNewNodes);
    assert.ok(drawn.every((k) => expected.some((r) => r.id === k)), 'only cables of that sender');

    // Before (or without) the analysis step, citations decide.
    await db.autoCommit(`MATCH (c:Cable) WHERE c.${PAGERANK_PROPERTY} IS NOT NULL REMOVE c.${PAGERANK_PROPERTY}`);
    const top = await get<ExpandResponse>('/api/graph/expand', { id: `tag:${tag.code}`, types: 'TAGGED', direction: 'in', mode: 'nodes', limit: 10, threshold: 1000 });
    assert.equal(top.order, 'importance');
    const cited = top.nodes.slice(1).map((n) => n.citedBy ?? 0);
    assert.deepEqual(cited, [...cited].sort((a, b) => b - a), 'most cited first');
    const best = await db.read<{ cited: number }>(
      'MATCH (:Tag {code: $code})<-[:TAGGED]-(c:Cable) RETURN COUNT { (c)<-[:REFERENCES]-() } AS cited ORDER BY cited DESC LIMIT 1',
      { code: tag.code },
    );
    assert.equal(cited[0], best[0]!.cited);
  });

  test('once the analysis has ranked cables, its rank orders the drill', async () => {
    const tag = await biggestTag();
    // The least cited, oldest cables of the tag get the highest ranks: only the rank can put them first.
    const picked = await db.read<{ id: string }>(
      `MATCH (:Tag {code: $code})<-[:TAGGED]-(c:Cable) WHERE c.date IS NOT NULL
       RETURN c.id AS id ORDER BY COUNT { (c)<-[:REFERENCES]-() }, c.date, c.id LIMIT 3`,
      { code: tag.code },
    );
    const ids = picked.map((r) => r.id);
    try {
      await db.autoCommit(`UNWIND range(0, size($ids) - 1) AS i MATCH (c:Cable {id: $ids[i]}) SET c.${PAGERANK_PROPERTY} = 1.0 - i * 0.1`, { ids });
      const top = await get<ExpandResponse>('/api/graph/expand', { id: `tag:${tag.code}`, types: 'TAGGED', direction: 'in', mode: 'nodes', limit: 5 });
      assert.deepEqual(top.nodes.slice(1, 4).map((n) => n.key), ids);
    } finally {
      await db.autoCommit(`MATCH (c:Cable) WHERE c.${PAGERANK_PROPERTY} IS NOT NULL REMOVE c.${PAGERANK_PROPERTY}`);
    }
  });
});
