import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import type { PostTagsResponse } from '../../server/src/api/types.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { sampleApp } from '../support/app.ts';

describe('GET /api/posts/:key/tags over the sample corpus', () => {
  let db: Database;
  let app: Express;

  before(async () => {
    ({ db, app } = await sampleApp());
  });
  after(async () => db.close());

  /** The expected counts, computed independently: every tag of every cable the post sent. */
  async function sentTagCounts(post: string): Promise<Map<string, number>> {
    const rows = await db.read<{ tags: string[] }>(
      'MATCH (c:Cable)-[:FROM]->(:Post {key: $post}) RETURN [(c)-[:TAGGED]->(t:Tag) | t.code] AS tags',
      { post },
    );
    const counts = new Map<string, number>();
    for (const row of rows) for (const code of row.tags) counts.set(code, (counts.get(code) ?? 0) + 1);
    return counts;
  }

  test("a post's sent cables' tags, most used first, with exact counts", async () => {
    const expected = await sentTagCounts('BRASILIA');
    const res = await request(app).get('/api/posts/BRASILIA/tags').query({ limit: 200 }).expect(200);
    const body = res.body as PostTagsResponse;
    assert.equal(body.post.key, 'BRASILIA');
    assert.equal(body.role, 'sent');
    assert.equal(body.totalTags, expected.size);
    assert.deepEqual(new Map(body.tags.map((t) => [t.code, t.cables])), expected);
    const counts = body.tags.map((t) => t.cables);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most used first');
    assert.ok(body.cables > 10);
  });

  test('limit caps the list and totalTags still counts them all', async () => {
    const res = await request(app).get('/api/posts/BRASILIA/tags').query({ limit: 3 }).expect(200);
    const body = res.body as PostTagsResponse;
    assert.equal(body.tags.length, 3);
    assert.ok(body.totalTags > 3);
  });

  test('the received role and date filters change the answer', async () => {
    const received = (await request(app).get('/api/posts/STATE/tags').query({ role: 'received' }).expect(200)).body as PostTagsResponse;
    assert.ok(received.cables > 0);
    const early = (await request(app).get('/api/posts/STATE/tags').query({ role: 'received', to: '2006-12' }).expect(200))
      .body as PostTagsResponse;
    assert.ok(early.cables < received.cables, `${early.cables} should be fewer than ${received.cables}`);
  });

  test('a post with no cables in that role answers with zero counts', async () => {
    const res = await request(app).get('/api/posts/STATE/tags').query({ role: 'sent', to: '1970' }).expect(200);
    const body = res.body as PostTagsResponse;
    assert.equal(body.cables, 0);
    assert.deepEqual(body.tags, []);
  });

  test('bad input is a 400 naming the field; an unknown post a 404', async () => {
    const bad = await request(app).get('/api/posts/LONDON/tags').query({ role: 'wrote' }).expect(400);
    assert.match(bad.body.error.message, /role/);
    await request(app).get('/api/posts/NOSUCHPOST/tags').expect(404);
  });
});
