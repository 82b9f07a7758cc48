/**
 * The API sends typed fields (subject, name, tag kind, counts) so that the client never parses a
 * display string back; `GET /api/tags/:code` says what a tag stands for.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import type { GraphResponse, SearchResponse, TagDetail } from '../../server/src/api/types.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { sampleApp } from '../support/app.ts';

describe('typed API fields over the sample corpus', () => {
  let db: Database;
  let app: Express;

  before(async () => {
    ({ db, app } = await sampleApp());
  });
  after(async () => db.close());

  test('graph nodes carry a cable subject, a post or tag name and a tag kind', async () => {
    const res = await request(app).get('/api/graph/neighborhood').query({ id: 'cable:07LONDON3923', limit: 100 }).expect(200);
    const nodes = new Map((res.body as GraphResponse).nodes.map((n) => [n.id, n]));
    const cable = nodes.get('cable:07LONDON3923');
    assert.ok(cable?.subject && cable.subject.length > 5, 'the subject line');
    assert.equal(cable.label, `07LONDON3923: ${cable.subject}`);
    assert.equal(nodes.get('post:LONDON')?.name, 'Embassy London');
    const prel = nodes.get('tag:PREL');
    assert.equal(prel?.tagKind, 'subject');
    assert.equal(typeof prel?.name, 'string');
    const stub = nodes.get('cable:07LONDON3175');
    assert.equal(stub?.subject === null || typeof stub?.subject === 'string', true);
  });

  test('search hits carry the same typed fields and counts', async () => {
    const hits = async (q: string) => ((await request(app).get('/api/search').query({ q }).expect(200)).body as SearchResponse).hits;
    const [cable] = await hits('07LONDON3923');
    assert.equal(cable?.id, 'cable:07LONDON3923');
    assert.ok(cable?.subject);
    assert.equal(cable?.origin, 'Embassy London');
    assert.match(cable?.date ?? '', /^2007-10-12/);
    assert.equal(cable?.inCorpus, true);

    const tag = (await hits('PREL')).find((h) => h.id === 'tag:PREL');
    assert.equal(tag?.tagKind, 'subject');
    assert.ok((tag?.count ?? 0) > 10, 'cables carrying it');
    const post = (await hits('Embassy London')).find((h) => h.id === 'post:LONDON');
    assert.equal(post?.name, 'Embassy London');
    assert.ok((post?.count ?? 0) > 0);
  });

  test('GET /api/tags/:code says what a tag stands for and how many cables carry it', async () => {
    const br = (await request(app).get('/api/tags/br').expect(200)).body as TagDetail;
    assert.deepEqual({ id: br.id, code: br.code, kind: br.kind, name: br.name }, { id: 'tag:BR', code: 'BR', kind: 'country', name: 'Brazil' });
    const counted = await db.read<{ n: number }>('MATCH (:Tag {code: $code})<-[:TAGGED]-(c:Cable) RETURN count(c) AS n', { code: 'BR' });
    assert.equal(br.cables, counted[0]?.n);
    assert.ok(br.cables > 10);

    const prel = (await request(app).get('/api/tags/PREL').expect(200)).body as TagDetail;
    assert.equal(prel.kind, 'subject');
    assert.ok(prel.name && prel.name.length > 3);

    const missing = await request(app).get('/api/tags/XQJV').expect(404);
    assert.equal(missing.body.error.code, 'not_found');
    const bad = await request(app).get('/api/tags/%3Cscript%3E').expect(400);
    assert.equal(bad.body.error.code, 'invalid_request');
  });
});
