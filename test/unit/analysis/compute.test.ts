import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { analyseGraph } from '../../../scripts/analyse/compute/analyse-graph.ts';
import { CitationGraph } from '../../../scripts/analyse/compute/citation-graph.ts';
import { estimateDates } from '../../../scripts/analyse/compute/estimated-dates.ts';
import { DirectedGraph } from 'graphology';
import { connectedComponents } from 'graphology-components';
import { PAGERANK_DAMPING, PAGERANK_OPTIONS, computePagerank, computeRanks, computeRefCommunities, computeThreads, undirectedRefGraph } from '../../../scripts/analyse/compute/ranks.ts';
import { seededRandom } from '../../../scripts/analyse/compute/seeded-random.ts';
import { computeRelated } from '../../../scripts/analyse/compute/related.ts';
import { computeTrafficCommunities } from '../../../scripts/analyse/compute/traffic.ts';

const require = createRequire(import.meta.url);
const graphologyPagerank: typeof import('graphology-metrics/centrality/pagerank.js').default = require('graphology-metrics/centrality/pagerank');

function graphOf(references: [string, string][], dates: Record<string, string> = {}): CitationGraph {
  const graph = new CitationGraph();
  for (const [id, date] of Object.entries(dates)) graph.addCable(id, true, date);
  for (const [from, to] of references) {
    graph.addCable(from, true, dates[from] ?? null); // a citing cable is in the corpus
    graph.addReference(from, to);
  }
  return graph;
}

const everyNode = (graph: CitationGraph) => graph.ids.map((_, i) => i);

describe('PageRank and HITS', () => {
  test('match the published PageRank values of the textbook example (Wikipedia "PageRank", damping 0.85)', () => {
    // The 11-page network of the article's figure; A cites nobody (its rank is spread evenly).
    const links: [string, string][] = [
      ['B', 'C'], ['C', 'B'], ['D', 'A'], ['D', 'B'], ['E', 'B'], ['E', 'D'], ['E', 'F'], ['F', 'B'], ['F', 'E'],
      ['G', 'B'], ['G', 'E'], ['H', 'B'], ['H', 'E'], ['I', 'B'], ['I', 'E'], ['J', 'E'], ['K', 'E'],
    ];
    const graph = graphOf(links);
    const ranks = computeRanks(graph, everyNode(graph));
    const percent = (id: string) => 100 * ranks.get(graph.indexOf(id)!)!.pagerank;
    const published = { A: 3.3, B: 38.4, C: 34.3, D: 3.9, E: 8.1, F: 3.9, G: 1.6, H: 1.6, I: 1.6, J: 1.6, K: 1.6 };
    for (const [id, value] of Object.entries(published)) {
      assert.ok(Math.abs(percent(id) - value) < 0.06, `${id}: ${percent(id).toFixed(2)} % vs published ${value} %`);
    }
    const total = [...ranks.values()].reduce((sum, r) => sum + r.pagerank, 0);
    assert.ok(Math.abs(total - 1) < 1e-9);
    assert.equal(ranks.get(graph.indexOf('B')!)!.citationsIn, 7);
    assert.equal(ranks.get(graph.indexOf('E')!)!.citationsOut, 3);
  });

  test('HITS: three cables citing the same two make those two equal authorities and the three equal hubs', () => {
    const graph = graphOf([['X1', 'A'], ['X1', 'B'], ['X2', 'A'], ['X2', 'B'], ['X3', 'A'], ['X3', 'B']]);
    const ranks = computeRanks(graph, everyNode(graph));
    const of = (id: string) => ranks.get(graph.indexOf(id)!)!;
    assert.ok(Math.abs(of('A').authority - 0.5) < 1e-6);
    assert.ok(Math.abs(of('B').authority - 0.5) < 1e-6);
    for (const hub of ['X1', 'X2', 'X3']) assert.ok(Math.abs(of(hub).hub - 1 / 3) < 1e-6);
    assert.equal(of('A').hub, 0);
    assert.equal(of('X1').authority, 0);
  });
});

describe('the CSR algorithms equal the graphology ones they replace, on a random citation graph', () => {
  // 3,000 cables, ~4,000 citations, many small threads and a few large ones
  const random = seededRandom(99);
  const graph = new CitationGraph();
  for (let i = 0; i < 3_000; i++) graph.addCable(`C${i}`, true, null);
  for (let e = 0; e < 4_000; e++) {
    const a = Math.floor(random() * 3_000);
    const b = random() < 0.7 ? Math.max(0, a - 1 - Math.floor(random() * 20)) : Math.floor(random() * 3_200);
    graph.addReference(`C${a}`, `C${b}`);
  }
  const csr = graph.csr();
  const members = everyNode(graph).filter((i) => csr.outStart[i + 1]! > csr.outStart[i]! || csr.inStart[i + 1]! > csr.inStart[i]!);

  test('PageRank: the same value for every cable as graphology-metrics, to the last bit', () => {
    const directed = new DirectedGraph();
    for (const i of members) directed.addNode(graph.ids[i]!);
    graph.forEachReference((s, t) => directed.addEdge(graph.ids[s]!, graph.ids[t]!));
    const expected = graphologyPagerank(directed, { alpha: PAGERANK_DAMPING, getEdgeWeight: null, tolerance: 1e-10, maxIterations: 200 });
    const actual = computePagerank(csr, graph.size, members);
    assert.ok(members.length > 2_000);
    for (const i of members) assert.equal(actual[i], expected[graph.ids[i]!], graph.ids[i]);
  });

  test('threads: the same components as graphology-components', () => {
    const undirected = undirectedRefGraph(graph, members);
    const expected = connectedComponents(undirected).map((c) => [...c].sort().join(' ')).sort();
    const actual = computeThreads(graph, members).map((t) => t.members.map((i) => graph.ids[i]!).sort().join(' ')).sort();
    assert.ok(expected.length > 10);
    assert.deepEqual(actual, expected);
  });

  test('PageRank that cannot converge in the iterations allowed is an error, not a wrong answer', () => {
    assert.throws(() => computePagerank(csr, graph.size, members, { ...PAGERANK_OPTIONS, maxIterations: 2 }), /did not converge/);
  });
});

describe('related cables', () => {
  // P1 cites A, B, C; P2 cites A, B; P3 cites A, C, D.
  const graph = graphOf([['P1', 'A'], ['P1', 'B'], ['P1', 'C'], ['P2', 'A'], ['P2', 'B'], ['P3', 'A'], ['P3', 'C'], ['P3', 'D']]);
  const ids = (nodes: number[]) => nodes.map((n) => graph.ids[n]);

  test('co-citation: exact counts of cables citing both, cosine over the citing sets', () => {
    const related = computeRelated(graph.csr(), graph.size, 'cocitation');
    const a = related.get(graph.indexOf('A')!)!;
    assert.deepEqual(ids(a.nodes), ['B', 'C', 'D']);
    assert.deepEqual(a.counts, [2, 2, 1]);
    assert.ok(Math.abs(a.scores[0]! - 2 / Math.sqrt(6)) < 1e-12);
    assert.ok(Math.abs(a.scores[2]! - 1 / Math.sqrt(3)) < 1e-12);
    const d = related.get(graph.indexOf('D')!)!;
    assert.deepEqual(ids(d.nodes), ['C', 'A']); // C: 1/√(1·2) beats A: 1/√(1·3)
    assert.deepEqual(d.counts, [1, 1]);
    assert.equal(related.has(graph.indexOf('P1')!), false, 'nobody cites P1, so it is co-cited with nothing');
  });

  test('bibliographic coupling: exact counts of references in common, cosine over the reference lists', () => {
    const related = computeRelated(graph.csr(), graph.size, 'coupling');
    const p1 = related.get(graph.indexOf('P1')!)!;
    assert.deepEqual(ids(p1.nodes), ['P2', 'P3']);
    assert.deepEqual(p1.counts, [2, 2]);
    assert.ok(Math.abs(p1.scores[0]! - 2 / Math.sqrt(6)) < 1e-12);
    assert.ok(Math.abs(p1.scores[1]! - 2 / 3) < 1e-12);
    const p2 = related.get(graph.indexOf('P2')!)!;
    assert.deepEqual(ids(p2.nodes), ['P1', 'P3']);
    assert.deepEqual(p2.counts, [2, 1]);
  });

  test('keeps only the top entries', () => {
    const many = graphOf(Array.from({ length: 30 }, (_, i): [string, string] => ['HUB', `C${String(i).padStart(2, '0')}`]));
    const related = computeRelated(many.csr(), many.size, 'cocitation', 20);
    assert.equal(related.get(many.indexOf('C00')!)!.nodes.length, 20);
  });
});

describe('estimated dates', () => {
  const known = [
    { id: '07LONDON100', date: '2007-03-01T10:00:00Z' },
    { id: '07LONDON300', date: '2007-03-21' },
    { id: '07PARIS5', date: '2007-01-03' },
  ];

  test('interpolate between the nearest known serials of the same station and year', () => {
    const estimates = estimateDates(known, ['07LONDON200', '07LONDON150']);
    assert.deepEqual(estimates.get('07LONDON200'), {
      date: '2007-03-11',
      earliest: '2007-03-01',
      latest: '2007-03-21',
      after: '07LONDON100',
      before: '07LONDON300',
    });
    assert.equal(estimates.get('07LONDON150')!.date, '2007-03-06');
  });

  test('extrapolate at the station rate past the known serials, within the year', () => {
    const estimates = estimateDates(known, ['07LONDON50', '07LONDON5000']);
    // 200 serials in 20 days = 10 a day: 50 serials before 07LONDON100 is 5 days earlier
    assert.deepEqual(estimates.get('07LONDON50'), { date: '2007-02-24', earliest: '2007-01-01', latest: '2007-03-01', after: null, before: '07LONDON100' });
    assert.deepEqual(estimates.get('07LONDON5000'), { date: '2007-12-31', earliest: '2007-03-21', latest: '2007-12-31', after: '07LONDON300', before: null });
  });

  test('no estimate without a dated cable of that station and year', () => {
    const estimates = estimateDates(known, ['08LONDON200', '07MADRID10', 'NOT-AN-ID']);
    assert.equal(estimates.size, 0);
    // one known cable and no rate: its date, with the year's rest as the window
    assert.deepEqual(estimateDates(known, ['07PARIS9']).get('07PARIS9'), { date: '2007-01-03', earliest: '2007-01-03', latest: '2007-12-31', after: '07PARIS5', before: null });
  });
});

describe('threads and communities', () => {
  // two triangles of citations joined by one citation, plus a separate pair
  const graph = graphOf(
    [['A1', 'A2'], ['A2', 'A3'], ['A1', 'A3'], ['B1', 'B2'], ['B2', 'B3'], ['B1', 'B3'], ['A3', 'B1'], ['Z1', 'Z2']],
    { A1: '2007-05-01', A2: '2007-02-01', B3: '2008-01-09', Z1: '2009-01-01' },
  );

  test('threads are the weakly connected components, named by their smallest id, largest first', () => {
    const threads = computeThreads(graph, everyNode(graph));
    assert.deepEqual(
      threads.map((t) => [t.id, t.members.length]),
      [['A1', 6], ['Z1', 2]],
    );
  });

  test('Louvain splits the two triangles; communities are numbered largest first; same answer on every run', () => {
    const undirected = undirectedRefGraph(graph, everyNode(graph));
    const communities = computeRefCommunities(graph, undirected);
    const of = (id: string) => communities.get(graph.indexOf(id)!);
    assert.equal(of('A1'), of('A2'));
    assert.equal(of('A1'), of('A3'));
    assert.equal(of('B1'), of('B3'));
    assert.notEqual(of('A1'), of('B1'));
    assert.notEqual(of('Z1'), of('A1'));
    assert.equal(of('Z1'), 2, 'the pair is the smallest community');
    assert.deepEqual(computeRefCommunities(graph, undirectedRefGraph(graph, everyNode(graph))), communities);
  });

  test('the whole analysis: thread date spans and every part per cable', () => {
    const result = analyseGraph(graph, [
      { from: 'LONDON', to: 'PARIS', cables: 10 },
      { from: 'PARIS', to: 'LONDON', cables: 8 },
      { from: 'MADRID', to: 'ROME', cables: 12 },
      { from: 'LONDON', to: 'ROME', cables: 1 },
    ]);
    assert.deepEqual(result.threads[0], { id: 'A1', size: 6, inCorpus: 6, firstDate: '2007-02-01', lastDate: '2008-01-09' });
    assert.equal(result.summary.networkCables, 8);
    assert.equal(result.summary.references, 8);
    const a3 = result.cable(graph.indexOf('A3')!)!;
    assert.equal(a3.citationsIn, 2);
    assert.equal(a3.citationsOut, 1);
    assert.equal(a3.thread, 'A1');
    assert.deepEqual(a3.cocited?.ids, ['A2']); // A1 cites both
    assert.equal(result.postCommunities.get('LONDON'), result.postCommunities.get('PARIS'));
    assert.equal(result.postCommunities.get('MADRID'), result.postCommunities.get('ROME'));
    assert.notEqual(result.postCommunities.get('LONDON'), result.postCommunities.get('ROME'));
  });
});

test('traffic communities ignore posts writing to themselves and empty links', () => {
  assert.equal(computeTrafficCommunities([{ from: 'LONDON', to: 'LONDON', cables: 3 }]).size, 0);
});
