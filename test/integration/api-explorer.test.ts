/**
 * The explorer endpoints over the real sample corpus. Expected values come either from facts
 * of the sample that do not depend on parsing details (07LONDON3923 cites 07LONDON3175, is sent
 * by LONDON, tagged PREL) or from a plain, independent Cypher query over the same database, so
 * the assertions are exact (sets, counts, order) yet survive improvements to the parser.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import type {
  CitationResponse,
  ExpandResponse,
  GraphResponse,
  PathResponse,
  SearchResponse,
  SuggestResponse,
  TimelineResponse,
  TrafficResponse,
} from '../../server/src/api/types.ts';
import { createApp } from '../../server/src/app.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { citationChain, CitationChainReader, type CitationInput } from '../../server/src/queries/citations.ts';
import { yearFromCableId } from '../../server/src/cables/year-from-id.ts';
import { CABLE_PEOPLE_INDEX, CABLE_TEXT_INDEX, fulltextIndexStatement } from '../../server/src/graph/schema.ts';
import { peopleIndexOnline } from '../../server/src/queries/people.ts';
import { indexOnline } from '../../server/src/queries/index-state.ts';
import { search as searchOnce, SearchReader, suggest as suggestOnce, type SearchInput } from '../../server/src/queries/search.ts';
import { importPaths } from '../../scripts/import/import.ts';
import { connectTestDatabase, sampleCorpus, wipeAndImport } from '../support/neo4j.ts';

const quiet = () => {};

/** The same database, counting the reads made through it. */
function countingReads(db: Database): { db: Database; queries: () => number } {
  let queries = 0;
  const counting = Object.assign(Object.create(db) as Database, {
    read: <Row>(cypher: string, params?: Record<string, unknown>) => {
      queries++;
      return db.read<Row>(cypher, params);
    },
  });
  return { db: counting, queries: () => queries };
}

describe('explorer API over the sample corpus', () => {
  let db: Database;
  let app: Express;
  /** The post with the most relationships (SECSTATE's post in the sample). */
  let hub: { key: string; degree: number };

  const get = async <T>(path: string, query: Record<string, string | number> = {}, status = 200): Promise<T> =>
    (await request(app).get(path).query(query).expect(status)).body as T;
  const one = async <T>(cypher: string, params: Record<string, unknown> = {}): Promise<T> => {
    const rows = await db.read<T>(cypher, params);
    assert.ok(rows[0], `no row for ${cypher}`);
    return rows[0];
  };

  before(async () => {
    db = await connectTestDatabase();
    await wipeAndImport(db);
    await db.autoCommit(fulltextIndexStatement(CABLE_PEOPLE_INDEX));
    await db.autoCommit('CALL db.awaitIndexes(120)');
    app = createApp({ db, log: quiet });
    hub = await one('MATCH (p:Post) RETURN p.key AS key, COUNT { (p)--() } AS degree ORDER BY degree DESC, key LIMIT 1');
  });
  after(async () => db.close());

  describe('expand', () => {
    test('returns exactly the neighbours of a cable, with links in their own direction', async () => {
      const body = await get<ExpandResponse>('/api/graph/expand', { id: '07london03923', limit: 500 });
      const expected = await db.read<{ id: string }>(
        `MATCH (:Cable {id: '07LONDON3923'})-[]-(m)
         RETURN CASE WHEN m:Cable THEN 'cable:' + m.id WHEN m:Post THEN 'post:' + m.key ELSE 'tag:' + m.code END AS id`,
      );
      assert.equal(body.mode, 'nodes');
      assert.equal(body.center, 'cable:07LONDON3923');
      assert.equal(body.nodes[0]?.id, 'cable:07LONDON3923');
      assert.deepEqual(body.nodes.slice(1).map((n) => n.id).sort(), expected.map((r) => r.id).sort());
      assert.equal(body.total, expected.length);
      assert.equal(body.truncated, false);
      const has = (source: string, target: string, type: string) =>
        body.links.some((l) => l.source === source && l.target === target && l.type === type);
      assert.ok(has('cable:07LONDON3923', 'post:LONDON', 'FROM'));
      assert.ok(has('cable:07LONDON3923', 'cable:07LONDON3175', 'REFERENCES'));
      assert.ok(has('cable:07LONDON3923', 'tag:PREL', 'TAGGED'));
    });

    test('counts how often each cable is cited, for sizing by citations', async () => {
      const cited = await one<{ id: string; n: number }>(
        'MATCH (c:Cable)<-[:REFERENCES]-() WITH c, count(*) AS n RETURN c.id AS id, n ORDER BY n DESC, id LIMIT 1',
      );
      const citing = await one<{ id: string }>('MATCH (x:Cable)-[:REFERENCES]->(:Cable {id: $id}) RETURN x.id AS id ORDER BY id LIMIT 1', { id: cited.id });
      const body = await get<ExpandResponse>('/api/graph/expand', { id: `cable:${citing.id}`, types: 'REFERENCES', direction: 'out' });
      assert.equal(body.nodes.find((n) => n.id === `cable:${cited.id}`)?.citedBy, cited.n);
      const hood = await get<GraphResponse>('/api/graph/neighborhood', { id: `cable:${cited.id}` });
      assert.equal(hood.nodes[0]?.citedBy, cited.n, 'the centre too');
      for (const n of hood.nodes) {
        if (n.kind !== 'cable') assert.equal(n.citedBy, undefined, `${n.id}: only cables have a citation count`);
        else assert.equal(typeof n.citedBy, 'number', n.id);
      }
    });

    test('filters by relationship type and direction', async () => {
      const citers = await db.read<{ id: string }>("MATCH (:Cable {id: '07LONDON3175'})<-[:REFERENCES]-(x) RETURN 'cable:' + x.id AS id");
      const inward = await get<ExpandResponse>('/api/graph/expand', { id: 'cable:07LONDON3175', types: 'REFERENCES', direction: 'in', limit: 500 });
      assert.deepEqual(inward.nodes.slice(1).map((n) => n.id).sort(), citers.map((r) => r.id).sort());
      assert.ok(inward.nodes.some((n) => n.id === 'cable:07LONDON3923'));
      assert.ok(inward.links.every((l) => l.type === 'REFERENCES' && l.target === 'cable:07LONDON3175'));

      const outward = await get<ExpandResponse>('/api/graph/expand', { id: 'cable:07LONDON3923', types: 'references', direction: 'out' });
      assert.deepEqual(outward.nodes.map((n) => n.id), ['cable:07LONDON3923', 'cable:07LONDON3175']);

      const posts = await get<ExpandResponse>('/api/graph/expand', { id: 'cable:07LONDON3923', types: 'TO,INFO,FROM', kinds: 'post' });
      assert.ok(posts.nodes.slice(1).every((n) => n.kind === 'post'));
      const postCount = await one<{ n: number }>("MATCH (:Cable {id: '07LONDON3923'})-[:TO|INFO|FROM]->(p:Post) RETURN count(*) AS n");
      assert.equal(posts.total, postCount.n);
    });

    test('orders by degree or date, pages with offset, and says how many there are', async () => {
      const byDegree = await get<ExpandResponse>('/api/graph/expand', { id: `post:${hub.key}`, order: 'degree', limit: 20, mode: 'nodes' });
      assert.equal(byDegree.total, hub.degree);
      assert.equal(byDegree.links.length, 20);
      assert.equal(byDegree.truncated, true);
      const degrees = byDegree.nodes.slice(1).map((n) => n.degree);
      assert.deepEqual(degrees, [...degrees].sort((a, b) => b - a));
      const top = await one<{ degree: number }>(
        'MATCH (:Post {key: $key})--(m) RETURN COUNT { (m)--() } AS degree ORDER BY degree DESC LIMIT 1',
        { key: hub.key },
      );
      assert.equal(degrees[0], top.degree);

      const newest = await get<ExpandResponse>('/api/graph/expand', { id: `post:${hub.key}`, order: 'newest', limit: 30, mode: 'nodes' });
      const dates = newest.nodes.slice(1).map((n) => n.date ?? '');
      assert.deepEqual(dates, [...dates].sort().reverse());
      const latest = await one<{ date: string }>('MATCH (:Post {key: $key})--(m:Cable) RETURN max(m.date) AS date', { key: hub.key });
      assert.equal(dates[0], latest.date);

      const page1 = await get<ExpandResponse>('/api/graph/expand', { id: `post:${hub.key}`, order: 'oldest', limit: 10, mode: 'nodes' });
      const page2 = await get<ExpandResponse>('/api/graph/expand', { id: `post:${hub.key}`, order: 'oldest', limit: 10, offset: 10, mode: 'nodes' });
      const ids1 = page1.nodes.slice(1).map((n) => n.id);
      const ids2 = page2.nodes.slice(1).map((n) => n.id);
      assert.equal(ids2.length, 10);
      assert.equal(ids1.filter((id) => ids2.includes(id)).length, 0, 'pages do not overlap');
      assert.ok((page1.nodes.at(-1)?.date ?? '') <= (page2.nodes[1]?.date ?? ''));
    });

    test('applies date and classification filters to neighbour cables', async () => {
      const q = { id: `post:${hub.key}`, from: '2008-01', to: '2008-06', classification: 'confidential', limit: 500 };
      const body = await get<ExpandResponse>('/api/graph/expand', q);
      const expected = await one<{ n: number }>(
        `MATCH (:Post {key: $key})--(m:Cable)
         WHERE m.date >= '2008-01' AND m.date < '2008-07' AND m.classification = 'CONFIDENTIAL' RETURN count(*) AS n`,
        { key: hub.key },
      );
      assert.ok(expected.n > 0, 'the sample has such cables');
      assert.equal(body.total, expected.n);
      for (const node of body.nodes.slice(1)) {
        assert.ok((node.date ?? '') >= '2008-01' && (node.date ?? '') < '2008-07', `${node.id} ${node.date}`);
        assert.equal(node.classification, 'CONFIDENTIAL');
      }
      // on a cable, a date filter drops neighbour cables outside the range but keeps its posts and tags
      const all = await get<ExpandResponse>('/api/graph/expand', { id: 'cable:07LONDON3923', limit: 500 });
      const later = await get<ExpandResponse>('/api/graph/expand', { id: 'cable:07LONDON3923', from: '2009', limit: 500 });
      const ids = later.nodes.map((n) => n.id);
      assert.ok(!ids.includes('cable:07LONDON3175'));
      assert.ok(ids.includes('post:LONDON') && ids.includes('tag:PREL'));
      assert.deepEqual(
        ids.filter((id) => !id.startsWith('cable:')).sort(),
        all.nodes.map((n) => n.id).filter((id) => !id.startsWith('cable:')).sort(),
      );
    });

    test('answers a supernode with aggregates above the threshold, and they drill down', async () => {
      const atThreshold = await get<ExpandResponse>('/api/graph/expand', { id: `post:${hub.key}`, threshold: hub.degree, limit: 5 });
      assert.equal(atThreshold.mode, 'nodes');
      assert.equal(atThreshold.aggregate, null);

      const above = await get<ExpandResponse>('/api/graph/expand', { id: `post:${hub.key}`, threshold: hub.degree - 1 });
      assert.equal(above.mode, 'aggregate');
      assert.equal(above.total, hub.degree);
      assert.deepEqual(above.nodes.map((n) => n.id), [`post:${hub.key}`]);
      assert.equal(above.links.length, 0);
      const agg = above.aggregate!;
      const sum = (xs: { count: number }[]) => xs.reduce((s, x) => s + x.count, 0);
      assert.equal(sum(agg.byType), hub.degree);
      const cables = await one<{ n: number; dated: number }>(
        'MATCH (:Post {key: $key})--(m:Cable) RETURN count(*) AS n, count(m.month) AS dated',
        { key: hub.key },
      );
      assert.equal(sum(agg.byMonth) + agg.undated, cables.n);
      assert.equal(sum(agg.byMonth), cables.dated);
      assert.deepEqual(agg.byMonth.map((b) => b.month), [...agg.byMonth.map((b) => b.month)].sort());
      assert.equal(sum(agg.byClassification), cables.n);
      const senderCounts = agg.bySender.map((s) => s.count);
      assert.deepEqual(senderCounts, [...senderCounts].sort((a, b) => b - a));

      // drill down: one month, then one sender, each small enough to list
      const month = agg.byMonth.find((b) => b.count > 0)!;
      const inMonth = await get<ExpandResponse>('/api/graph/expand', {
        id: `post:${hub.key}`, threshold: hub.degree - 1, from: month.month, to: month.month, kinds: 'cable',
      });
      assert.equal(inMonth.mode, 'nodes');
      assert.equal(inMonth.total, month.count);
      assert.ok(inMonth.nodes.slice(1).every((n) => n.date?.startsWith(month.month)));
      const sender = agg.bySender[0]!;
      const bySender = await get<ExpandResponse>('/api/graph/expand', { id: `post:${hub.key}`, sender: sender.key, limit: 500 });
      assert.equal(bySender.total, sender.count);

      const empty = await get<ExpandResponse>('/api/graph/expand', { id: `post:${hub.key}`, mode: 'aggregate', from: '1900', to: '1900' });
      assert.equal(empty.total, 0);
      assert.deepEqual(empty.aggregate?.byMonth, []);

      const forced = await get<ExpandResponse>('/api/graph/expand', { id: `post:${hub.key}`, threshold: 1, mode: 'nodes', limit: 3 });
      assert.equal(forced.mode, 'nodes');
      assert.equal(forced.links.length, 3);
    });

    test('rejects bad input with 400s that name the field, and unknown nodes with 404', async () => {
      const cases: [Record<string, string | number>, string][] = [
        [{ id: 'post:LONDON', types: 'KNOWS' }, 'types'],
        [{ id: 'post:LONDON', direction: 'up' }, 'direction'],
        [{ id: 'post:LONDON', order: 'random' }, 'order'],
        [{ id: 'post:LONDON', limit: 0 }, 'limit'],
        [{ id: 'post:LONDON', limit: 501 }, 'limit'],
        [{ id: 'post:LONDON', from: '2007-13' }, 'from'],
        [{ id: 'post:LONDON', from: '2009', to: '2008-12' }, 'from'],
        [{ id: 'post:LONDON', kinds: 'person' }, 'kinds'],
        [{ id: 'MATCH (n) DETACH DELETE n' }, 'id'],
        [{}, 'id'],
      ];
      for (const [query, field] of cases) {
        const res = await request(app).get('/api/graph/expand').query(query).expect(400);
        assert.equal(res.body.error.code, 'invalid_request');
        assert.ok(res.body.error.details.some((d: { field: string }) => d.field.split('.')[0] === field), `${JSON.stringify(query)} → ${res.body.error.message}`);
      }
      await request(app).get('/api/graph/expand').query({ id: 'post:NOSUCHPOST' }).expect(404);
      const count = await one<{ n: number }>('MATCH (n) RETURN count(n) AS n');
      assert.ok(count.n > 0, 'still there');
    });
  });

  describe('citation chains', () => {
    test('what a cable cites, with dates', async () => {
      const body = await get<CitationResponse>('/api/cables/07LONDON3923/citations', { direction: 'out', depth: 1 });
      assert.deepEqual(body.nodes.map((n) => [n.key, n.depth, n.side]), [['07LONDON3923', 0, 'root'], ['07LONDON3175', 1, 'cites']]);
      assert.deepEqual(body.links, [{ source: 'cable:07LONDON3923', target: 'cable:07LONDON3175', type: 'REFERENCES' }]);
      assert.match(body.nodes[1]?.date ?? '', /^2007-08/);
      assert.equal(body.truncated, false);
    });

    test('what cites a well-cited cable, to depth 3, matches a plain Cypher walk', async () => {
      const top = await one<{ id: string }>(
        'MATCH (c:Cable) RETURN c.id AS id ORDER BY COUNT { (c)<-[:REFERENCES]-() } DESC, id LIMIT 1',
      );
      for (const depth of [1, 3]) {
        const expected = await db.read<{ id: string; d: number }>(
          `MATCH p = (:Cable {id: $id})<-[:REFERENCES*1..${depth}]-(x:Cable) WHERE x.id <> $id RETURN x.id AS id, min(length(p)) AS d`,
          { id: top.id },
        );
        const body = await get<CitationResponse>(`/api/cables/${top.id}/citations`, { direction: 'in', depth, limit: 1000 });
        const got = body.nodes.filter((n) => n.side === 'citedBy');
        assert.deepEqual(got.map((n) => n.key).sort(), expected.map((r) => r.id).sort(), `depth ${depth}`);
        const depthOf = new Map(expected.map((r) => [r.id, r.d]));
        for (const n of got) assert.equal(n.depth, depthOf.get(n.key), n.key);
        assert.equal(body.counts.citedBy, expected.length);
        assert.equal(body.truncated, false);
        const ids = new Set(body.nodes.map((n) => n.id));
        for (const link of body.links) assert.ok(ids.has(link.source) && ids.has(link.target));
        const realLinks = await one<{ n: number }>(
          'UNWIND $pairs AS pair MATCH (:Cable {id: pair[0]})-[:REFERENCES]->(:Cable {id: pair[1]}) RETURN count(*) AS n',
          { pairs: body.links.map((l) => [l.source.slice(6), l.target.slice(6)]) },
        );
        assert.equal(realLinks.n, body.links.length, 'every link is a real REFERENCES relationship');
      }
      const capped = await get<CitationResponse>(`/api/cables/${top.id}/citations`, { direction: 'in', depth: 3, limit: 3 });
      assert.equal(capped.nodes.length, 3);
      assert.equal(capped.truncated, true);
    });

    test('with both directions, a side that runs dry hands its budget to the other', async () => {
      // a cable that cites nothing, most of whose depth-3 citers are two or three hops away
      const pick = await one<{ id: string; inN: number }>(
        `MATCH (c:Cable) WHERE NOT (c)-[:REFERENCES]->()
         CALL { WITH c MATCH p = (c)<-[:REFERENCES*1..3]-(x) WHERE x <> c
                WITH x, min(length(p)) AS d RETURN count(x) AS inN, sum(CASE WHEN d = 1 THEN 1 ELSE 0 END) AS direct }
         WITH c, inN, direct WHERE inN >= 4 AND direct * 2 <= inN
         RETURN c.id AS id, inN ORDER BY inN DESC, id LIMIT 1`,
      );
      // limit = root + every citer: half the budget would be too little without the hand-over
      const body = await get<CitationResponse>(`/api/cables/${pick.id}/citations`, { direction: 'both', depth: 3, limit: pick.inN + 1 });
      assert.equal(body.counts.cites, 0);
      assert.equal(body.counts.citedBy, pick.inN);
      assert.equal(body.truncated, false);
    });

    test('cited cables missing from the corpus are included and marked', async () => {
      const citing = await one<{ id: string; stub: string }>(
        'MATCH (c:Cable {inCorpus: true})-[:REFERENCES]->(s:Cable {inCorpus: false}) RETURN c.id AS id, s.id AS stub ORDER BY id, stub LIMIT 1',
      );
      const body = await get<CitationResponse>(`/api/cables/${citing.id}/citations`, { direction: 'out', depth: 2 });
      const stub = body.nodes.find((n) => n.key === citing.stub);
      assert.ok(stub, 'the stub is in the chain');
      assert.equal(stub.inCorpus, false);
      assert.equal(stub.date, null);
      assert.equal(stub.year, yearFromCableId(citing.stub));
      assert.ok(body.counts.notInCorpus >= 1);
    });

    test('chains asked for at once share queries and equal the chains asked for one at a time', async () => {
      const cited = await db.read<{ id: string }>(
        'MATCH (c:Cable) WITH c, COUNT { (c)--() } AS d WHERE COUNT { (c)-[:REFERENCES]-() } > 0 RETURN c.id AS id ORDER BY d DESC, id LIMIT 10',
      );
      const inputs: CitationInput[] = [
        ...cited.map((r) => ({ id: r.id, direction: 'both' as const, depth: 3, limit: 40 })),
        { id: cited[0]!.id, direction: 'both', depth: 3, limit: 40 },
        { id: '99NOWHERE1', direction: 'both', depth: 3, limit: 40 },
        { id: cited[1]!.id, direction: 'in', depth: 2, limit: 5 },
      ];
      const counting = countingReads(db);
      const reader = new CitationChainReader(counting.db, { maxInFlight: 1, maxBatchSize: 4 });
      const together = await Promise.all(inputs.map((input) => reader.chain(input)));
      // one slot: the 12 chains of the first group go out in batches of 4, the odd one alone
      assert.equal(counting.queries(), 4);
      for (const [i, input] of inputs.entries()) {
        assert.deepEqual(together[i], await citationChain(db, input), `${input.id} ${input.direction} ${input.depth}`);
      }
      assert.equal(together[inputs.length - 2], null, 'an unknown cable has no chain');
      assert.ok(together.slice(0, 10).every((chain) => chain && chain.nodes.length > 1));
    });

    test('depth is bounded and ids validated', async () => {
      await request(app).get('/api/cables/07LONDON3923/citations').query({ depth: 6 }).expect(400);
      await request(app).get('/api/cables/07LONDON3923/citations').query({ direction: 'sideways' }).expect(400);
      await request(app).get('/api/cables/99NOWHERE1/citations').expect(404);
    });
  });

  describe('shortest path', () => {
    test('finds a citation path that exists, hop by hop', async () => {
      const pair = await one<{ a: string; b: string }>(
        `MATCH (a:Cable)-[:REFERENCES]->(m:Cable)-[:REFERENCES]->(b:Cable)
         WHERE a <> b AND NOT (a)-[:REFERENCES]-(b) RETURN a.id AS a, b.id AS b ORDER BY a, b LIMIT 1`,
      );
      const body = await get<PathResponse>('/api/paths/shortest', { from: `cable:${pair.a}`, to: pair.b, types: 'REFERENCES' });
      assert.equal(body.found, true);
      assert.equal(body.length, 2);
      assert.equal(body.nodes[0]?.id, `cable:${pair.a}`);
      assert.equal(body.nodes[2]?.id, `cable:${pair.b}`);
      assert.deepEqual(body.links.map((l) => [l.source, l.type]), [[`cable:${pair.a}`, 'REFERENCES'], [body.nodes[1]!.id, 'REFERENCES']]);
    });

    test('says so when no path exists over the chosen types', async () => {
      const body = await get<PathResponse>('/api/paths/shortest', { from: 'cable:07LONDON3923', to: 'cable:07SANJOSE1106', types: 'REFERENCES' });
      const check = await db.read(
        "MATCH (a:Cable {id: '07LONDON3923'}), (b:Cable {id: '07SANJOSE1106'}) MATCH p = shortestPath((a)-[:REFERENCES*..6]-(b)) RETURN p",
      );
      assert.equal(check.length, 0);
      assert.equal(body.found, false);
      assert.equal(body.length, null);
      assert.deepEqual(body.nodes, []);
    });

    test('can route around hubs', async () => {
      const through = await get<PathResponse>('/api/paths/shortest', { from: 'cable:07LONDON3923', to: 'cable:07SANJOSE1106' });
      assert.equal(through.found, true);
      assert.equal(through.length, 2);
      const maxDegree = 30;
      const around = await get<PathResponse>('/api/paths/shortest', { from: 'cable:07LONDON3923', to: 'cable:07SANJOSE1106', maxDegree });
      if (around.found) {
        for (const node of around.nodes.slice(1, -1)) assert.ok(node.degree <= maxDegree, `${node.id} has degree ${node.degree}`);
        assert.ok((around.length ?? 0) >= (through.length ?? 0));
      }
      const direct = await get<PathResponse>('/api/paths/shortest', { from: 'cable:07LONDON3923', to: 'tag:PREL', types: 'TAGGED' });
      assert.deepEqual(direct.links, [{ source: 'cable:07LONDON3923', target: 'tag:PREL', type: 'TAGGED' }]);
    });

    test('validates its input', async () => {
      await request(app).get('/api/paths/shortest').query({ from: 'post:LONDON', to: 'post:london' }).expect(400);
      await request(app).get('/api/paths/shortest').query({ from: 'post:LONDON', to: 'tag:PREL', maxHops: 11 }).expect(400);
      await request(app).get('/api/paths/shortest').query({ from: 'post:LONDON', to: 'tag:PREL', types: 'REFERENCES|TO' }).expect(400);
      await request(app).get('/api/paths/shortest').query({ from: 'post:LONDON' }).expect(400);
      const missing = await request(app).get('/api/paths/shortest').query({ from: 'post:LONDON', to: 'tag:NOSUCHTAG' }).expect(404);
      assert.match(missing.body.error.message, /tag:NOSUCHTAG/);
    });
  });

  describe('timeline', () => {
    test('counts a post’s cables per month, gaps filled', async () => {
      const sender = await one<{ key: string; n: number }>(
        'MATCH (p:Post) RETURN p.key AS key, COUNT { (p)<-[:FROM]-(:Cable) } AS n ORDER BY n DESC, key LIMIT 1',
      );
      const body = await get<TimelineResponse>('/api/timeline', { id: `post:${sender.key}`, role: 'sent' });
      assert.equal(body.total + body.undated, sender.n);
      const months = body.buckets.map((b) => b.month);
      for (let i = 1; i < months.length; i++) {
        const [y, m] = months[i - 1]!.split('-').map(Number) as [number, number];
        const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
        assert.equal(months[i], next);
      }
      const first = await one<{ month: string }>('MATCH (:Post {key: $key})<-[:FROM]-(c) RETURN min(c.month) AS month', { key: sender.key });
      assert.equal(months[0], first.month);
    });

    test('counts a tag with filters, a search and a person', async () => {
      const tag = await get<TimelineResponse>('/api/timeline', { id: 'tag:PREL', from: '2008', to: '2009' });
      const tagCount = await one<{ n: number }>(
        "MATCH (:Tag {code: 'PREL'})<-[:TAGGED]-(c) WHERE c.date >= '2008' AND c.date < '2010' RETURN count(*) AS n",
      );
      assert.equal(tag.total, tagCount.n);
      assert.ok(tag.buckets.every((b) => b.month >= '2008-01' && b.month <= '2009-12'));

      const search = await get<TimelineResponse>('/api/timeline', { q: 'nuclear' });
      const hits = await one<{ n: number }>("CALL db.index.fulltext.queryNodes($index, 'nuclear') YIELD node RETURN count(*) AS n", { index: CABLE_TEXT_INDEX });
      assert.equal(search.total + search.undated, hits.n);
      assert.equal(search.capped, false);

      const person = await one<{ name: string; n: number }>(
        `MATCH (c:Cable) UNWIND c.signers + c.classifiedBy AS name WITH name, collect(DISTINCT c) AS cs
         RETURN name, size(cs) AS n ORDER BY n DESC, name LIMIT 1`,
      );
      const byPerson = await get<TimelineResponse>('/api/timeline', { person: person.name });
      assert.equal(byPerson.total + byPerson.undated, person.n);
    });

    test('needs exactly one selection', async () => {
      await request(app).get('/api/timeline').expect(400);
      await request(app).get('/api/timeline').query({ id: 'tag:PREL', q: 'iran' }).expect(400);
      await request(app).get('/api/timeline').query({ id: 'tag:PREL', role: 'wrote' }).expect(400);
      await request(app).get('/api/timeline').query({ id: 'tag:NOSUCHTAG' }).expect(404);
    });
  });

  describe('post-to-post traffic', () => {
    test('who a post writes to and hears from, per year', async () => {
      const sender = await one<{ key: string }>(
        'MATCH (p:Post) RETURN p.key AS key ORDER BY COUNT { (p)<-[:FROM]-(:Cable) } DESC, key LIMIT 1',
      );
      const body = await get<TrafficResponse>(`/api/posts/${sender.key.toLowerCase()}/traffic`, { limit: 200 });
      assert.equal(body.post.key, sender.key);
      const expected = await db.read<{ key: string; to: number; info: number }>(
        `MATCH (p:Post {key: $key})<-[:FROM]-(c:Cable)-[r:TO|INFO]->(q:Post) WHERE q <> p AND c.month IS NOT NULL
         RETURN q.key AS key, sum(CASE type(r) WHEN 'TO' THEN 1 ELSE 0 END) AS to, sum(CASE type(r) WHEN 'INFO' THEN 1 ELSE 0 END) AS info`,
        { key: sender.key },
      );
      assert.equal(body.totals.writesTo, expected.length);
      const got = new Map(body.writesTo.map((c) => [c.post.key, c]));
      for (const row of expected) {
        assert.equal(got.get(row.key)?.to, row.to, row.key);
        assert.equal(got.get(row.key)?.info, row.info, row.key);
      }
      const totals = body.writesTo.map((c) => c.total);
      assert.deepEqual(totals, [...totals].sort((a, b) => b - a));
      for (const c of body.writesTo) {
        assert.equal(c.periods.reduce((s, p) => s + p.to + p.info, 0), c.total);
        assert.ok(c.periods.every((p) => /^\d{4}$/.test(p.period)));
      }

      const hub2 = await get<TrafficResponse>(`/api/posts/${hub.key}/traffic`, { period: 'month', limit: 2 });
      assert.ok(hub2.hearsFrom.length <= 2);
      assert.ok(hub2.totals.hearsFrom >= hub2.hearsFrom.length);
      assert.ok(hub2.hearsFrom.every((c) => c.periods.every((p) => /^\d{4}-\d{2}$/.test(p.period))));
    });

    test('validates and 404s', async () => {
      await request(app).get('/api/posts/LONDON/traffic').query({ period: 'week' }).expect(400);
      await request(app).get('/api/posts/LONDON/traffic').query({ limit: 201 }).expect(400);
      await request(app).get('/api/posts/NOSUCHPOST/traffic').expect(404);
    });
  });

  describe('search suggestions', () => {
    const suggest = (q: string, extra: Record<string, string | number> = {}) =>
      get<SuggestResponse>('/api/search/suggest', { q, ...extra });

    test('complete cable ids, words, posts and tags as they are typed', async () => {
      assert.equal((await suggest('07london39')).cables[0]?.id, 'cable:07LONDON3923');
      assert.ok((await suggest('iran safav')).cables.some((h) => h.id === 'cable:07LONDON3175'));
      assert.ok((await suggest('lond')).posts.some((h) => h.id === 'post:LONDON'));
      assert.equal((await suggest('PREL')).tags[0]?.id, 'tag:PREL');
      const only = await suggest('lond', { kinds: 'post' });
      assert.deepEqual([only.cables.length, only.tags.length, only.people.length], [0, 0, 0]);
      const capped = await suggest('a', { limit: 2 });
      assert.ok(capped.posts.length <= 2 && capped.cables.length <= 2);
    });

    test('find country and subject tags by name (FIPS 10-4 codes: Burma is BM)', async () => {
      const burma = await suggest('burm', { kinds: 'tag' });
      assert.equal(burma.tags[0]?.id, 'tag:BM');
      assert.equal(burma.tags[0]?.label, 'BM (Burma)');
      assert.ok((await suggest('external political', { kinds: 'tag' })).tags.some((h) => h.id === 'tag:PREL'));
      // a database imported before names were stored gets them on the next import, once
      await db.writeTransaction((run) => run("MATCH (t:Tag {code: 'BM'}) REMOVE t.name"));
      assert.equal((await suggest('burm', { kinds: 'tag' })).tags.length, 0);
      await importPaths(db, [sampleCorpus], { rejectsFile: null });
      assert.equal((await suggest('burm', { kinds: 'tag' })).tags[0]?.label, 'BM (Burma)');
    });

    test('find people by a prefix of their name, with exact counts', async () => {
      const person = await one<{ name: string; n: number }>(
        `MATCH (c:Cable) UNWIND c.signers + c.classifiedBy AS name WITH name, collect(DISTINCT c) AS cs
         RETURN name, size(cs) AS n ORDER BY n DESC, name LIMIT 1`,
      );
      const lastWord = person.name.split(/\s+/).at(-1)!;
      const body = await suggest(lastWord.slice(0, 4).toLowerCase());
      assert.equal(body.peopleIndexed, true);
      const hit = body.people.find((p) => p.name === person.name);
      assert.ok(hit, `${person.name} suggested for "${lastWord.slice(0, 4)}"`);
      assert.equal(hit.cables, person.n);
    });

    test('treat Lucene syntax literally and reject empty input', async () => {
      for (const q of ['IRAN) OR (*:* "', 'a*', '\\', 'AND', '"unbalanced']) {
        const body = await suggest(q);
        assert.ok(Array.isArray(body.cables), q);
      }
      await request(app).get('/api/search/suggest').query({ q: ' ' }).expect(400);
      await request(app).get('/api/search/suggest').query({ q: 'iran', kinds: 'planet' }).expect(400);
      await request(app).get('/api/search/suggest').query({ q: 'iran', limit: 21 }).expect(400);
    });

    test('search keeps its shape and gains kind and date filters', async () => {
      const posts = await get<SearchResponse>('/api/search', { q: 'london', kinds: 'post' });
      assert.ok(posts.hits.length > 0 && posts.hits.every((h) => h.kind === 'post'));
      const dated = await get<SearchResponse>('/api/search', { q: 'nuclear', kinds: 'cable', from: '2009-01', limit: 50 });
      const expected = await one<{ n: number }>(
        "CALL db.index.fulltext.queryNodes($index, 'nuclear') YIELD node WHERE node.date >= '2009-01' RETURN count(*) AS n",
        { index: CABLE_TEXT_INDEX },
      );
      assert.equal(dated.hits.length, Math.min(50, expected.n));
      for (const hit of dated.hits) assert.ok((hit.detail ?? '') >= '2009-01', `${hit.id} ${hit.detail}`);
    });

    test('searches asked for at once share queries and equal the searches asked for one at a time', async () => {
      const typed = ['07london39', 'iran safav', 'lond', 'PREL', 'burm', 'nucl', 'zzzqqq', 'IRAN) OR (*:* "'];
      const asInput = (text: string, limit = 5): SearchInput => ({
        text,
        cableIdPrefix: /^\d{2}[a-z]/i.test(text) ? text.toUpperCase() : null,
        limit,
        kinds: null,
      });
      const counting = countingReads(db);
      await peopleIndexOnline(counting.db); // cached from here on: only search queries are counted
      await indexOnline(counting.db, CABLE_TEXT_INDEX);
      const before = counting.queries();
      const reader = new SearchReader(counting.db, { maxInFlight: 1, maxBatchSize: 3 });
      const [suggested, found] = await Promise.all([
        Promise.all(typed.map((text) => reader.suggest(asInput(text)))),
        Promise.all(typed.map((text) => reader.search(asInput(text, 10)))),
      ]);
      // one slot, three requests per query at most: per endpoint, the id prefix asks alone and
      // the seven others (the same parts and limit) share three queries
      assert.equal(counting.queries() - before, 8);
      for (const [i, text] of typed.entries()) {
        assert.deepEqual(suggested[i], await suggestOnce(db, asInput(text)), `suggest ${text}`);
        assert.deepEqual(found[i], await searchOnce(db, asInput(text, 10)), `search ${text}`);
      }
      assert.equal(suggested[0]?.cables[0]?.id, 'cable:07LONDON3923');
      assert.ok(found[2]?.some((h) => h.id === 'post:LONDON'));
    });
  });
});

describe('explorer API without the people index', () => {
  test('suggestions say people are not indexed, person timelines answer 503, the rest works', async () => {
    const db = await connectTestDatabase();
    try {
      await db.autoCommit(`DROP INDEX ${CABLE_PEOPLE_INDEX} IF EXISTS`);
      const app = createApp({ db, log: quiet });
      const body = (await request(app).get('/api/search/suggest').query({ q: 'lond' }).expect(200)).body as SuggestResponse;
      assert.equal(body.peopleIndexed, false);
      assert.deepEqual(body.people, []);
      assert.ok(body.posts.some((h) => h.id === 'post:LONDON'));
      const res = await request(app).get('/api/timeline').query({ person: 'Smith' }).expect(503);
      assert.equal(res.body.error.code, 'index_unavailable');
    } finally {
      await db.autoCommit(fulltextIndexStatement(CABLE_PEOPLE_INDEX));
      await db.close();
    }
  });
});
