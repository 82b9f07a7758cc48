/**
 * The analysis step and its endpoints over the real sample corpus on the test Neo4j. Expected
 * values come from plain, independent Cypher over the same database (citation counts, shared
 * citers and references, thread membership) or from invariants (PageRank sums to 1, an estimate
 * lies in its window), so the assertions are exact yet do not depend on parsing details.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import type { GraphResponse, OverviewResponse, RankResponse, RelatedResponse } from '../../server/src/api/types.ts';
import { createApp } from '../../server/src/app.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { analysisStatus } from '../../server/src/queries/analysis-state.ts';
import { noScope, scopeParams } from '../../server/src/queries/filters.ts';
import { toCableScope } from '../../server/src/routes/explorer-params.ts';
import { monthAggregatesAnswer } from '../../server/src/queries/month-aggregates.ts';
import { computeOverview, overview, OVERVIEW_TOP } from '../../server/src/queries/overview.ts';
import { clearMemo } from '../../server/src/queries/memo.ts';
import { RANK_PROPERTY, rankQuery } from '../../server/src/queries/rank.ts';
import { runAnalysis, type AnalysisReport } from '../../scripts/analyse/analyse.ts';
import { connectTestDatabase, wipeAndImport } from '../support/neo4j.ts';

const SEED = '07LONDON3923';

describe('corpus analysis over the sample corpus', () => {
  let db: Database;
  let app: Express;
  let report: AnalysisReport;
  const get = async <T>(path: string, query: Record<string, string | number> = {}, status = 200): Promise<T> =>
    (await request(app).get(path).query(query).expect(status)).body as T;
  const one = async <T>(cypher: string, params: Record<string, unknown> = {}): Promise<T> => (await db.read<T>(cypher, params))[0]!;

  before(async () => {
    db = await connectTestDatabase();
    await wipeAndImport(db);
    clearMemo(db);
    app = createApp({ db, log: () => {} });
  });
  after(async () => {
    await db?.close();
  });

  test('before any run, the analysis endpoints answer 503 saying how to run it; the overview answers what it can', async () => {
    for (const path of ['/api/rank', `/api/cables/${SEED}/related`]) {
      const body = await get<{ error: { code: string; message: string } }>(path, {}, 503);
      assert.equal(body.error.code, 'analysis_not_run');
      assert.match(body.error.message, /npm run analyse/);
    }
    assert.equal(await analysisStatus(db), null);
    const early = await get<OverviewResponse>('/api/overview');
    const corpus = await one<{ cables: number }>('MATCH (c:Cable {inCorpus: true}) RETURN count(c) AS cables');
    assert.equal(early.analysis, null, 'says the analysis never ran');
    assert.equal(early.cables, corpus.cables);
    assert.ok(early.months.length > 0 && early.topSenders.length > 0 && early.topTags.length > 0, 'what needs no analysis is there');
    assert.deepEqual([early.mostCited, early.topPagerank, early.largestThreads], [[], [], []], 'what needs it is empty');
  });

  test('a run records the graph state it ran on, and is current', async () => {
    report = await runAnalysis(db);
    clearMemo(db);
    const status = await analysisStatus(db);
    assert.ok(status);
    assert.equal(status.current, true);
    assert.equal(status.complete, true);
    assert.deepEqual(status.ranOn, status.now);
    const counts = await one<{ cables: number; refs: number }>('MATCH (c:Cable) WITH count(c) AS cables MATCH ()-[r:REFERENCES]->() RETURN cables, count(r) AS refs');
    assert.equal(status.ranOn.cables, counts.cables);
    assert.equal(report.summary.references, counts.refs);
    assert.ok(report.summary.threads > 0 && report.written.cablesWritten > 0);
  });

  test('citation counts equal the REFERENCES around each cable; PageRank sums to 1', async () => {
    const row = await one<{ wrong: number; members: number; expected: number; total: number }>(`
      MATCH (c:Cable) WHERE c.pagerank IS NOT NULL
      WITH c, COUNT { (c)<-[:REFERENCES]-() } AS cin, COUNT { (c)-[:REFERENCES]->() } AS cout
      WITH count(c) AS members, sum(c.pagerank) AS total, sum(CASE WHEN c.citationsIn <> cin OR c.citationsOut <> cout THEN 1 ELSE 0 END) AS wrong
      CALL { MATCH (c:Cable) WHERE EXISTS { (c)-[:REFERENCES]-() } RETURN count(c) AS expected }
      RETURN wrong, members, expected, total`);
    assert.equal(row.wrong, 0);
    assert.equal(row.members, row.expected);
    assert.ok(Math.abs(row.total - 1) < 1e-6, `PageRank sums to ${row.total}`);
  });

  test('threads: both ends of every citation share a thread, and thread sizes add up', async () => {
    const row = await one<{ split: number; sizes: number; members: number }>(`
      CALL { MATCH (a:Cable)-[:REFERENCES]->(b:Cable) WHERE a.thread <> b.thread RETURN count(*) AS split }
      CALL { MATCH (t:Thread) RETURN sum(t.size) AS sizes }
      CALL { MATCH (c:Cable) WHERE c.thread IS NOT NULL RETURN count(c) AS members }
      RETURN split, sizes, members`);
    assert.equal(row.split, 0);
    assert.equal(row.sizes, row.members);
    const seedThread = await one<{ thread: string; smallest: string }>(`
      MATCH (s:Cable {id: $id}) MATCH (c:Cable {thread: s.thread}) RETURN s.thread AS thread, min(c.id) AS smallest`, { id: SEED });
    assert.equal(seedThread.thread, seedThread.smallest);
  });

  test('stored co-citation and coupling counts equal the shared citers and references', async () => {
    const rows = await db.read<{ wrongCocited: number; wrongCoupled: number; checked: number }>(`
      MATCH (x:Cable) WHERE x.cocited IS NOT NULL OR x.coupled IS NOT NULL
      WITH x ORDER BY x.citationsIn + x.citationsOut DESC LIMIT 40
      CALL {
        WITH x
        UNWIND range(0, size(coalesce(x.cocited, [])) - 1) AS i
        MATCH (y:Cable {id: x.cocited[i]})
        RETURN sum(CASE WHEN COUNT { (x)<-[:REFERENCES]-(p)-[:REFERENCES]->(y) } = x.cocitedCounts[i] THEN 0 ELSE 1 END) AS wrongCocited
      }
      CALL {
        WITH x
        UNWIND range(0, size(coalesce(x.coupled, [])) - 1) AS i
        MATCH (y:Cable {id: x.coupled[i]})
        RETURN sum(CASE WHEN COUNT { (x)-[:REFERENCES]->(r)<-[:REFERENCES]-(y) } = x.coupledCounts[i] THEN 0 ELSE 1 END) AS wrongCoupled
      }
      RETURN sum(wrongCocited) AS wrongCocited, sum(wrongCoupled) AS wrongCoupled, count(x) AS checked`);
    assert.equal(rows[0]!.checked, 40);
    assert.equal(rows[0]!.wrongCocited, 0);
    assert.equal(rows[0]!.wrongCoupled, 0);
  });

  test('estimated dates lie in their window, between the bracketing cables of the same station and year', async () => {
    const rows = await db.read<{ id: string; date: string; earliest: string; latest: string; after: string | null; afterDate: string | null; before: string | null; beforeDate: string | null }>(`
      MATCH (s:Cable) WHERE s.estimatedDate IS NOT NULL
      OPTIONAL MATCH (a:Cable {id: s.estimatedDateAfter})
      OPTIONAL MATCH (b:Cable {id: s.estimatedDateBefore})
      RETURN s.id AS id, s.inCorpus AS inCorpus, s.estimatedDate AS date, s.estimatedDateEarliest AS earliest, s.estimatedDateLatest AS latest,
             a.id AS after, a.date AS afterDate, b.id AS before, b.date AS beforeDate`);
    assert.ok(rows.length > 0, 'the sample cites missing cables of stations it holds');
    for (const r of rows) {
      assert.ok(r.earliest <= r.date && r.date <= r.latest, `${r.id}: ${r.earliest} ≤ ${r.date} ≤ ${r.latest}`);
      assert.ok(r.after || r.before);
      for (const [known, date] of [[r.after, r.afterDate], [r.before, r.beforeDate]] as const) {
        if (!known) continue;
        assert.equal(known.replace(/\d+$/, ''), r.id.replace(/\d+$/, ''), 'same station and year');
        assert.ok(date && (date.slice(0, 10) === r.earliest || date.slice(0, 10) === r.latest));
      }
    }
  });

  test('a second run on the unchanged graph writes no cable', async () => {
    const again = await runAnalysis(db);
    assert.equal(again.written.cablesWritten, 0);
    assert.equal(again.written.cablesUnchanged, report.written.cablesWritten);
    assert.equal(again.written.threadsWritten, 0);
    assert.equal(again.written.threadsDropped, 0);
    clearMemo(db);
  });

  test('GET /api/overview: counts, stacked months, ranked lists and threads; filters narrow it', async () => {
    const body = await get<OverviewResponse>('/api/overview');
    const corpus = await one<{ cables: number; dated: number }>('MATCH (c:Cable {inCorpus: true}) RETURN count(c) AS cables, count(c.month) AS dated');
    assert.equal(body.cables, corpus.cables);
    assert.equal(body.corpus.cables, corpus.cables);
    assert.equal(body.months.reduce((s, m) => s + m.total, 0), corpus.dated);
    assert.deepEqual(body.months.map((m) => m.month), [...body.months.map((m) => m.month)].sort());
    const maxCited = await one<{ n: number }>('MATCH (c:Cable) RETURN max(COUNT { (c)<-[:REFERENCES]-() }) AS n');
    assert.equal(body.mostCited[0]!.analysis.citationsIn, maxCited.n);
    const ranks = body.topPagerank.map((c) => c.analysis.pagerank!);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a));
    assert.ok(body.largestThreads[0]!.size >= body.largestThreads.at(-1)!.size);
    assert.ok(body.topSenders.length > 0 && body.topTags.length > 0 && body.analysis?.current);
    assert.ok(body.mostCited.length > 0, 'the run replaced the answer from before it (memoised per run)');

    const prel = await get<OverviewResponse>('/api/overview', { tag: 'prel', from: '2007' });
    const expected = await one<{ n: number }>("MATCH (:Tag {code: 'PREL'})<-[:TAGGED]-(c:Cable) WHERE c.date >= '2007' RETURN count(c) AS n");
    assert.equal(prel.cables, expected.n);
    assert.ok(prel.topTags.some((t) => t.key === 'PREL' && t.cables === expected.n));
    const london = await get<OverviewResponse>('/api/overview', { post: 'LONDON' });
    const fromLondon = await one<{ n: number }>("MATCH (:Post {key: 'LONDON'})<-[:FROM|TO|INFO]-(c:Cable) RETURN count(DISTINCT c) AS n");
    assert.equal(london.cables, fromLondon.n);
    await get('/api/overview', { from: '2009', to: '2008' }, 400);
  });

  test('the run stores the unfiltered overview in Neo4j, and the API answers from it while the run is current', async () => {
    const stored = await one<{ overview: string }>('MATCH (a:Analysis {key: "current"}) RETURN a.overview AS overview');
    const { analysis, ...live } = await get<OverviewResponse>('/api/overview');
    assert.ok(analysis?.current);
    assert.deepEqual(JSON.parse(stored.overview), live, 'stored = computed now');
    const marked = { ...live, cables: -1 };
    await db.writeTransaction((run) => run('MATCH (a:Analysis {key: "current"}) SET a.overview = $o', { o: JSON.stringify(marked) }));
    clearMemo(db);
    assert.equal((await get<OverviewResponse>('/api/overview')).cables, -1, 'the stored answer, not a new pass');
    assert.ok((await get<OverviewResponse>('/api/overview', { from: '1990' })).cables > 0, 'a filtered overview is computed');
    await db.writeTransaction((run) => run('MATCH (a:Analysis {key: "current"}) SET a.overview = $o', { o: stored.overview }));
    clearMemo(db);
  });

  test('a scope of whole months and/or classifications is summed from the month aggregates, and equals the scan', async () => {
    const status = (await analysisStatus(db))!;
    assert.ok(status.current);
    const stored = await one<{ flag: boolean; months: number; years: number }>(
      'MATCH (a:Analysis {key: "current"}) MATCH (m:MonthAggregate) RETURN a.monthAggregates AS flag, count(m.month) AS months, count(m.year) AS years',
    );
    const dated = await one<{ months: number; years: number }>('MATCH (c:Cable {inCorpus: true}) RETURN count(DISTINCT c.month) AS months, count(DISTINCT c.year) AS years');
    assert.equal(stored.flag, true, 'the run marked its aggregates stored');
    assert.deepEqual([stored.months, stored.years], [dated.months, dated.years], 'one node per month and per year of the corpus');
    // the busiest month, its classifications, and a month on either side of it
    const busy = await one<{ month: string; classes: string[] }>(
      'MATCH (c:Cable {inCorpus: true}) WHERE c.month IS NOT NULL WITH c.month AS month, count(*) AS n, collect(DISTINCT c.classification) AS classes ORDER BY n DESC, month LIMIT 1 RETURN month, classes',
    );
    // the quietest month: a scope of few cables, whose ranked cables are not read by walking the rank index
    const quiet = await one<{ month: string }>('MATCH (c:Cable {inCorpus: true}) WHERE c.month IS NOT NULL WITH c.month AS month, count(*) AS n ORDER BY n, month LIMIT 1 RETURN month');
    const [year, mm] = busy.month.split('-').map(Number) as [number, number];
    const shift = (k: number) => new Date(Date.UTC(year, mm - 1 + k, 1)).toISOString().slice(0, 7);
    const scopes: Parameters<typeof toCableScope>[0][] = [
      { from: String(year), to: String(year) },
      { from: busy.month, to: busy.month },
      { from: shift(-2), to: shift(1) },
      { from: shift(-1) },
      { to: shift(1) },
      { classification: [busy.classes[0]!] },
      { classification: busy.classes.slice(0, 2), from: shift(-5), to: shift(4) },
      { classification: ['TOP SECRET'], from: busy.month },
      { from: '1900', to: '2100' },
      { from: `${year - 1}-03`, to: `${year + 1}-05` },
      { from: `${year - 2}-01`, to: `${year}-12` },
      { from: String(year - 1), classification: [busy.classes.at(-1)!] },
      { to: `${year}-01` },
      { from: quiet.month, to: quiet.month },
    ];
    const answer = (scope: Parameters<typeof toCableScope>[0]) => overview(db, toCableScope(scope), { storedBy: status.ranAt, run: status.ranAt });
    const scanned = (scope: Parameters<typeof toCableScope>[0]) => computeOverview(db, toCableScope(scope), OVERVIEW_TOP);
    const sections = new Set<string>();
    for (const scope of scopes) {
      assert.ok(monthAggregatesAnswer(toCableScope(scope)), `${JSON.stringify(scope)} is a whole-month scope`);
      const summed = await answer(scope);
      assert.deepEqual(summed, await scanned(scope), `${JSON.stringify(scope)}: aggregates = scan`);
      for (const [name, value] of Object.entries(summed)) if (Array.isArray(value) && value.length > 0) sections.add(name);
    }
    assert.deepEqual([...sections].sort(), ['classifications', 'largestThreads', 'months', 'mostCited', 'topPagerank', 'topRecipients', 'topSenders', 'topTags'], 'every list was compared non-empty');
    const { analysis, ...viaApi } = await get<OverviewResponse>('/api/overview', { from: shift(-1), to: busy.month, classification: busy.classes.join(',') });
    assert.ok(analysis?.current);
    assert.deepEqual(viaApi, await scanned({ from: shift(-1), to: busy.month, classification: busy.classes }), 'through the API');
    assert.ok(viaApi.cables > 0 && viaApi.topSenders.length > 0 && viaApi.topTags.length > 0, JSON.stringify({ ...viaApi, corpus: null, months: null }));

    // The answers above must come from the aggregates: a marked month shows in them …
    const original = await one<{ cables: string }>('MATCH (m:MonthAggregate {key: $month}) RETURN m.cables AS cables', { month: busy.month });
    const marked = (JSON.parse(original.cables) as [string | null, number][]).map(([classification, n]) => [classification, n + 1000]);
    const setCables = (cables: string) => db.writeTransaction((run) => run('MATCH (m:MonthAggregate {key: $month}) SET m.cables = $cables', { month: busy.month, cables }));
    await setCables(JSON.stringify(marked));
    try {
      clearMemo(db);
      const scan = await scanned({ from: busy.month, to: busy.month });
      assert.equal((await answer({ from: busy.month, to: busy.month })).cables, scan.cables + 1000 * marked.length, 'the whole-month scope is summed from the aggregates');
      // … but not in a range that cuts a month (a day bound), nor with a post or tag, nor once the mark is gone
      const partial = [{ from: `${busy.month}-02`, to: busy.month }, { from: busy.month, to: `${busy.month}-27` }, { from: busy.month, to: busy.month, tag: 'PREL' }];
      for (const scope of partial) {
        assert.equal(monthAggregatesAnswer(toCableScope(scope)), false);
        assert.deepEqual(await answer(scope), await scanned(scope), `${JSON.stringify(scope)} is scanned`);
      }
      await db.writeTransaction((run) => run('MATCH (a:Analysis {key: "current"}) SET a.monthAggregates = false'));
      clearMemo(db);
      assert.equal((await answer({ from: busy.month, to: busy.month })).cables, scan.cables, 'aggregates the current run did not mark stored are not read');
    } finally {
      await setCables(original.cables);
      await db.writeTransaction((run) => run('MATCH (a:Analysis {key: "current"}) SET a.monthAggregates = true'));
      clearMemo(db);
    }
  });

  test('GET /api/rank: paged, ordered, filterable, and exported as CSV', async () => {
    const page = await get<RankResponse>('/api/rank', { by: 'cited', limit: 5 });
    const network = await one<{ n: number }>('MATCH (c:Cable) WHERE c.citationsIn IS NOT NULL RETURN count(c) AS n');
    assert.equal(page.total, network.n);
    assert.equal(page.items.length, 5);
    const cited = page.items.map((c) => c.analysis.citationsIn!);
    assert.deepEqual(cited, [...cited].sort((a, b) => b - a));
    const next = await get<RankResponse>('/api/rank', { by: 'cited', limit: 5, offset: 5 });
    assert.ok(next.items[0]!.analysis.citationsIn! <= cited[4]!);
    assert.ok(!next.items.some((c) => page.items.some((p) => p.id === c.id)));
    const asc = await get<RankResponse>('/api/rank', { by: 'hits', order: 'asc', limit: 3 });
    assert.ok(asc.items[0]!.analysis.authority! <= asc.items[2]!.analysis.authority!);

    const csv = await request(app).get('/api/rank').query({ by: 'pagerank', limit: 3 }).set('Accept', 'text/csv').expect(200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^rank,id,subject,/);
    assert.match(lines[1]!, /^1,/);
    const [tag] = await db.read<{ code: string }>('MATCH (t:Tag)<-[:TAGGED]-(c) WHERE c.citationsIn IS NOT NULL RETURN t.code AS code, count(c) AS n ORDER BY n DESC LIMIT 1');
    for (const by of ['cited', 'pagerank'] as const) {
      // the two plans (gather the tag's cables and sort; walk the rank index and test each) give the same page
      const input = { by, order: 'desc' as const, scope: { ...noScope, tag: tag!.code, from: '1990' }, offset: 3, limit: 25 };
      const params = { ...scopeParams(input.scope), offset: input.offset, limit: input.limit };
      const values = async (walk: boolean) => (await db.read<{ cable: Record<string, number> }>(rankQuery(input, walk), params)).map((r) => r.cable[RANK_PROPERTY[by]]);
      const gathered = await values(false);
      assert.equal(gathered.length, 25);
      assert.deepEqual(await values(true), gathered);
      const api = await get<RankResponse>('/api/rank', { by, tag: tag!.code, from: '1990', offset: 3, limit: 25 });
      assert.deepEqual(api.items.map((c) => (by === 'cited' ? c.analysis.citationsIn : c.analysis.pagerank)), gathered);
    }
    // One REF thread's cables, most important first: what the front page opens for a thread.
    const [thread] = (await get<OverviewResponse>('/api/overview')).largestThreads;
    const inThread = await get<RankResponse>('/api/rank', { by: 'pagerank', thread: thread!.id, limit: 200 });
    const members = await one<{ n: number; top: number }>('MATCH (c:Cable {thread: $t}) WHERE c.pagerank IS NOT NULL RETURN count(c) AS n, max(c.pagerank) AS top', { t: thread!.id });
    assert.equal(inThread.total, members.n);
    assert.ok(inThread.items.every((c) => c.analysis.thread === thread!.id));
    assert.equal(inThread.items[0]!.analysis.pagerank, members.top);
    await get('/api/rank', { thread: 'not a cable' }, 400);
    await get('/api/rank', { by: 'fame' }, 400);
    await get('/api/rank', { limit: 0 }, 400);
  });

  test('GET /api/cables/:id/related: reasons, scores and the counts behind them', async () => {
    const seed = await one<{ id: string }>('MATCH (c:Cable) WHERE c.cocited IS NOT NULL AND c.coupled IS NOT NULL RETURN c.id AS id ORDER BY c.pagerank DESC LIMIT 1');
    const body = await get<RelatedResponse>(`/api/cables/${seed.id.toLowerCase()}/related`);
    assert.equal(body.id, seed.id);
    assert.ok(body.cocited.length > 0 && body.coupled.length > 0);
    for (const entry of body.cocited) {
      assert.equal(entry.reason, 'cocitation');
      const shared = await one<{ n: number }>('MATCH (:Cable {id: $x})<-[:REFERENCES]-(p)-[:REFERENCES]->(:Cable {id: $y}) RETURN count(DISTINCT p) AS n', { x: seed.id, y: entry.cable.id });
      assert.equal(entry.count, shared.n);
      assert.ok(entry.score > 0 && entry.score <= 1);
    }
    for (const entry of body.coupled) assert.equal(entry.reason, 'coupling');
    const scores = body.cocited.map((e) => e.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    const limited = await get<RelatedResponse>(`/api/cables/${seed.id}/related`, { limit: 1 });
    assert.ok(limited.cocited.length <= 1 && limited.coupled.length <= 1);
    await get('/api/cables/99NOWHERE12345/related', {}, 404);
    await get('/api/cables/%3Cscript%3E/related', {}, 400);
  });

  test('graph nodes carry the analysis fields', async () => {
    const graph = await get<GraphResponse>('/api/graph/neighborhood', { id: `cable:${SEED}` });
    const seed = graph.nodes.find((n) => n.id === `cable:${SEED}`)!;
    const stored = await one<{ pagerank: number; thread: string }>('MATCH (c:Cable {id: $id}) RETURN c.pagerank AS pagerank, c.thread AS thread', { id: SEED });
    assert.equal(seed.analysis?.pagerank, stored.pagerank);
    assert.equal(seed.analysis?.thread, stored.thread);
    const post = graph.nodes.find((n) => n.kind === 'post');
    assert.equal(typeof post?.trafficCommunity, 'number');
  });
});
