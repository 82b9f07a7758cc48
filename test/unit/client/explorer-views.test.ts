/**
 * Pure logic of the explorer views: citation layout (date → x, ancestors left / descendants
 * right, ghost dates, row packing), cable filters (date range, classification), the brush's
 * month arithmetic, selective-expand specs, and their URL round-trips.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CitationNode, GraphLink, GraphNode } from '../../../server/src/api/types.ts';
import { emptyGraph, mergeNeighbourhood } from '../../../client/src/model/graph.ts';
import type { Filters, Graph } from '../../../client/src/model/graph.ts';
import { decodeDoc, decodeOp, encodeDoc, encodeOp } from '../../../client/src/model/url.ts';
import { deriveGraph, emptyDoc, requiredNeighbourhoods, responseKey } from '../../../client/src/model/view.ts';
import type { Op } from '../../../client/src/model/view.ts';
import { chainCSV, chainOf, estimateDate, layoutCitations, sequenceEstimate, splitKey } from '../../../client/src/layout/citation-layout.ts';
import { yearFromCableId } from '../../../server/src/cables/year-from-id.ts';
import { decodeSpec, describeSpec, encodeSpec } from '../../../client/src/model/expand-spec.ts';
import type { ExpandSpec } from '../../../client/src/model/expand-spec.ts';
import { apiFilter, applyCableFilters, cablePasses, classLevel, monthHistogram, monthsBetween, nextMonth, prevMonth, snapToMonth } from '../../../client/src/model/filters.ts';
import { tagMeaningRows } from '../../../client/src/model/tag-meaning.ts';

const cnode = (key: string, side: CitationNode['side'], depth: number, date: string | null, extra: Partial<CitationNode> = {}): CitationNode => ({
  id: `cable:${key}`,
  kind: 'cable',
  key,
  label: key,
  degree: 3,
  inCorpus: date !== null,
  date,
  classification: date ? 'CONFIDENTIAL' : null,
  depth,
  side,
  subject: null,
  year: yearFromCableId(key),
  ...extra,
});
const ref = (from: string, to: string): GraphLink => ({ source: `cable:${from}`, target: `cable:${to}`, type: 'REFERENCES' });

describe('citation layout', () => {
  const resp = {
    root: 'cable:08LONDON500',
    nodes: [
      cnode('08LONDON500', 'root', 0, '2008-06-15'),
      cnode('08LONDON300', 'cites', 1, '2008-03-01'),
      cnode('07LONDON900', 'cites', 2, '2007-11-20'),
      cnode('08LONDON120', 'cites', 1, null), // ghost: not in the corpus
      cnode('08PARIS77', 'citedBy', 1, '2008-09-02'),
      cnode('09PARIS5', 'citedBy', 2, '2009-01-10'),
      cnode('08ROME44', 'citedBy', 1, '2008-06-15'), // same day as the root
    ],
    links: [ref('08LONDON500', '08LONDON300'), ref('08LONDON300', '07LONDON900'), ref('08LONDON500', '08LONDON120'), ref('08PARIS77', '08LONDON500'), ref('09PARIS5', '08PARIS77'), ref('08ROME44', '08LONDON500')],
  };
  const L = layoutCitations(resp, { width: 1000 });
  const at = (key: string) => L.nodes.find((n) => n.key === key)!;

  it('maps dates to x with a time scale, older to the left', () => {
    assert.ok(at('07LONDON900').x < at('08LONDON300').x);
    assert.ok(at('08LONDON300').x < at('08LONDON500').x);
    assert.ok(at('08PARIS77').x < at('09PARIS5').x);
    const [d0, d1] = L.x.domain();
    assert.ok(d0! < new Date('2007-11-20') && d1! > new Date('2009-01-10'), 'the domain covers every date');
    assert.equal(Math.round(L.x(new Date('2008-06-15'))), Math.round(at('08LONDON500').x));
  });

  it('puts ancestors left of the root and descendants right, even on the same day', () => {
    const root = at('08LONDON500');
    for (const n of L.nodes) {
      if (n.side === 'cites') assert.ok(n.x < root.x, `${n.key} left of the root`);
      if (n.side === 'citedBy') assert.ok(n.x > root.x, `${n.key} right of the root`);
    }
    assert.ok(at('08ROME44').x >= root.x + 28);
    assert.equal(at('07LONDON900').column, -2);
    assert.equal(at('09PARIS5').column, 2);
    assert.equal(root.column, 0);
    assert.equal(root.row, 0);
    assert.equal(L.root?.id, 'cable:08LONDON500');
  });

  it('draws missing cited cables as ghosts at an estimated date before their citer', () => {
    const g = at('08LONDON120');
    assert.equal(g.ghost, true);
    assert.equal(g.estimated, true);
    assert.equal(g.date.getUTCFullYear(), 2008, 'in the year of its id');
    assert.ok(g.date < new Date('2008-06-15'), 'older than the cable citing it');
    assert.equal(at('08LONDON300').ghost, false);
    assert.equal(at('08LONDON300').estimated, false);
  });

  it('interpolates a ghost date from the same post’s cable numbers', () => {
    const dated = new Map([
      ['08LONDON100', new Date('2008-02-01')],
      ['08LONDON300', new Date('2008-04-01')],
      ['08PARIS200', new Date('2008-12-01')],
    ]);
    const d = sequenceEstimate('08LONDON200', dated)!;
    assert.ok(d > new Date('2008-02-20') && d < new Date('2008-03-10'), d.toISOString());
    assert.equal(sequenceEstimate('08ROME200', dated), null, 'no reference points');
    assert.deepEqual(splitKey('08BRASILIA1230'), { prefix: '08BRASILIA', seq: 1230 });
    assert.equal(yearFromCableId('99STATE1'), 1999);
  });

  it('estimates within the id year, before the earliest citer', () => {
    const d = estimateDate(2007, [new Date('2007-03-10'), new Date('2007-08-01')], new Date('2000-01-01'));
    assert.ok(d < new Date('2007-03-10') && d >= new Date('2007-01-01'));
    assert.equal(estimateDate(2006, [], new Date('2000-01-01')).toISOString().slice(0, 7), '2006-07');
    assert.equal(estimateDate(2006, [new Date('2006-01-02')], new Date('2000-01-01')).toISOString().slice(0, 10), '2006-01-01');
  });

  it('packs rows so that labels on a row never overlap', () => {
    const many = {
      root: 'cable:08A100',
      nodes: [cnode('08A100', 'root', 0, '2008-06-01'), ...Array.from({ length: 30 }, (_, i) => cnode(`08B${i + 1}`, 'cites', 1, `2008-05-${String((i % 28) + 1).padStart(2, '0')}`))],
      links: [],
    };
    const lay = layoutCitations(many, { width: 600 });
    const rows = new Map<number, [number, number][]>();
    for (const n of lay.nodes) rows.set(n.row, [...(rows.get(n.row) ?? []), [n.x - 8, n.extent]]);
    for (const spans of rows.values()) {
      spans.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) assert.ok(spans[i]![0] >= spans[i - 1]![1], 'no overlap');
    }
    assert.ok(lay.rows.max - lay.rows.min + 1 > 3, 'dense chains use several rows');
  });

  it('exports the chain as CSV, oldest first, with estimated dates flagged', () => {
    const rows = chainCSV(L).trim().split('\r\n');
    assert.equal(rows[0], 'cable,date,date_estimated,relation,depth,in_corpus,classification,subject,cites');
    assert.equal(rows.length, resp.nodes.length + 1);
    assert.match(rows[1]!, /^07LONDON900,2007-11-20,false,ancestor,2,true,/);
    assert.ok(rows.some((r) => /^08LONDON120,2008-\d\d-\d\d,true,ancestor,1,false,/.test(r)));
    assert.ok(rows.some((r) => r.startsWith('08LONDON500,') && r.endsWith(',08LONDON120 08LONDON300')));
  });

  it('is deterministic and finds a node’s chain', () => {
    assert.deepEqual(layoutCitations(resp, { width: 1000 }).nodes.map((n) => [n.id, n.x, n.row]), L.nodes.map((n) => [n.id, n.x, n.row]));
    const c = chainOf('cable:08LONDON300', L.links);
    assert.ok(c.has('cable:07LONDON900') && c.has('cable:08LONDON500') && c.has('cable:09PARIS5'));
    assert.ok(!c.has('cable:08LONDON120'), 'a sibling is not in the chain');
  });
});

const gnode = (id: string, extra: Partial<GraphNode> = {}): GraphNode => {
  const kind = id.slice(0, id.indexOf(':')) as GraphNode['kind'];
  return { id, kind, key: id.slice(id.indexOf(':') + 1), label: id, degree: 1, ...extra };
};

function sampleGraph(): Graph {
  return mergeNeighbourhood(emptyGraph(), {
    center: 'post:LONDON',
    total: 5,
    truncated: false,
    nodes: [
      gnode('post:LONDON'),
      gnode('cable:07LONDON1', { date: '2007-01-10', classification: 'SECRET//NOFORN', inCorpus: true }),
      gnode('cable:08LONDON2', { date: '2008-05-02', classification: 'CONFIDENTIAL', inCorpus: true }),
      gnode('cable:08LONDON3', { date: '2008-07-30', classification: 'UNCLASSIFIED//FOR OFFICIAL USE ONLY', inCorpus: true }),
      gnode('cable:06LONDON9', { inCorpus: false, date: null }),
      gnode('tag:PREL'),
      gnode('post:PARIS'),
    ],
    links: [
      { source: 'cable:07LONDON1', target: 'post:LONDON', type: 'FROM' },
      { source: 'cable:08LONDON2', target: 'post:LONDON', type: 'FROM' },
      { source: 'cable:08LONDON3', target: 'post:LONDON', type: 'FROM' },
      { source: 'cable:07LONDON1', target: 'tag:PREL', type: 'TAGGED' },
      { source: 'cable:07LONDON1', target: 'post:PARIS', type: 'TO' },
      { source: 'cable:07LONDON1', target: 'cable:06LONDON9', type: 'REFERENCES' },
    ],
  }).graph;
}

describe('cable filters', () => {
  const base: Filters = { hiddenKinds: [], hiddenLinks: [] };

  it('groups classification markings into levels', () => {
    assert.equal(classLevel('SECRET//NOFORN'), 'secret');
    assert.equal(classLevel('CONFIDENTIAL//NOFORN'), 'confidential');
    assert.equal(classLevel('UNCLASSIFIED//FOR OFFICIAL USE ONLY'), 'unclassified');
    assert.equal(classLevel(null), null);
  });

  it('keeps cables in the month range, and drops posts and tags left without cables', () => {
    const g = sampleGraph();
    const f = applyCableFilters(g, { ...base, from: '2008-01', to: '2008-12' });
    assert.deepEqual([...f.nodes.keys()].sort(), ['cable:08LONDON2', 'cable:08LONDON3', 'post:LONDON']);
    assert.ok([...f.links.values()].every((l) => f.nodes.has(l.source) && f.nodes.has(l.target)));
    // Protected ids (seeds, the selection) stay.
    assert.ok(applyCableFilters(g, { ...base, from: '2008-01' }, ['tag:PREL']).nodes.has('tag:PREL'));
    // Ghosts follow the year of their id.
    assert.ok(applyCableFilters(g, { ...base, from: '2006-01', to: '2006-12' }).nodes.has('cable:06LONDON9'));
    assert.ok(!applyCableFilters(g, { ...base, from: '2007-01' }).nodes.has('cable:06LONDON9'));
    assert.equal(applyCableFilters(g, base), g, 'no filters: the same graph');
  });

  it('hides classification levels', () => {
    const g = sampleGraph();
    const f = applyCableFilters(g, { ...base, hiddenClasses: ['secret'] });
    assert.ok(!f.nodes.has('cable:07LONDON1'));
    assert.ok(f.nodes.has('cable:08LONDON2') && f.nodes.has('cable:06LONDON9'));
    assert.ok(!cablePasses({ key: '08X1', date: '2008-01-01', classification: 'CONFIDENTIAL', inCorpus: true }, { ...base, hiddenClasses: ['confidential'] }));
    assert.deepEqual(apiFilter({ ...base, hiddenClasses: ['secret', 'unclassified'], from: '2008-01' }), { from: '2008-01', to: null, classification: ['CONFIDENTIAL', 'CONFIDENTIAL//NOFORN'] });
  });

  it('property: filtering keeps a consistent subgraph and is idempotent', () => {
    const months = fc.integer({ min: 0, max: 47 }).map((i) => `${2006 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.option(months, { nil: null }), fc.option(months, { nil: null }), fc.subarray(['unclassified', 'secret', 'confidential']), (a, b, hidden) => {
        const [from, to] = a && b && a > b ? [b, a] : [a, b];
        const f: Filters = { ...base, from, to, hiddenClasses: hidden };
        const g = applyCableFilters(sampleGraph(), f);
        for (const l of g.links.values()) assert.ok(g.nodes.has(l.source) && g.nodes.has(l.target));
        for (const n of g.nodes.values()) if (n.kind === 'cable') assert.ok(cablePasses(n, f));
        assert.deepEqual([...applyCableFilters(g, f).nodes.keys()], [...g.nodes.keys()]);
      }),
    );
  });

  it('counts cables per month with gaps filled', () => {
    const { buckets, undated } = monthHistogram(sampleGraph(), { ...base, hiddenClasses: ['confidential'] });
    assert.equal(buckets[0]!.month, '2007-01');
    assert.equal(buckets[buckets.length - 1]!.month, '2008-07');
    assert.equal(buckets.length, 19);
    assert.equal(buckets.find((b) => b.month === '2008-05')!.shown, 0);
    assert.equal(buckets.find((b) => b.month === '2008-05')!.count, 1);
    assert.equal(undated, 1);
  });

  it('does month arithmetic for the brush', () => {
    assert.equal(nextMonth('2007-12'), '2008-01');
    assert.equal(prevMonth('2008-01'), '2007-12');
    assert.deepEqual(monthsBetween('2007-11', '2008-02'), ['2007-11', '2007-12', '2008-01', '2008-02']);
    assert.equal(snapToMonth(new Date('2008-03-10T00:00:00Z')), '2008-03');
    assert.equal(snapToMonth(new Date('2008-03-20T00:00:00Z')), '2008-04');
  });
});

describe('selective expand specs', () => {
  it('round-trips through a string', () => {
    const specs: ExpandSpec[] = [
      { types: ['REFERENCES'], direction: 'in', order: 'newest', limit: 50 },
      { types: ['TO', 'INFO'], direction: 'out', order: 'degree', limit: 100, from: '2008-03', to: '2008-03', sender: 'LONDON' },
      { types: ['FROM'], direction: 'in', order: 'newest', limit: 50, offset: 100 },
    ];
    for (const s of specs) {
      const back = decodeSpec(encodeSpec(s));
      assert.deepEqual(back, Object.fromEntries(Object.entries(s).filter(([, v]) => v !== null && v !== undefined)));
    }
    assert.equal(decodeSpec('BOGUS~in~newest~50'), null);
    assert.equal(decodeSpec('REFERENCES~up~newest~50'), null);
    assert.equal(decodeSpec('REFERENCES~in~newest~5000'), null);
    assert.equal(describeSpec('cable', specs[0]!), 'Cited by · newest · 50');
    assert.equal(describeSpec('post', specs[2]!), 'Sent · newest · 101–150');
    assert.equal(encodeSpec(specs[2]!), 'FROM~in~newest~50~~~~100');
  });

  it('lives in the operation log: URL round-trip and replay', () => {
    const op: Op = { t: 'expandBy', id: 'post:USEU BRUSSELS', spec: 'FROM~in~newest~50~2008-01~2008-12~' };
    assert.deepEqual(decodeOp(encodeOp(op)), op);
    const ops: Op[] = [{ t: 'seed', id: 'post:LONDON', add: false }, { t: 'expandBy', id: 'post:LONDON', spec: 'FROM~in~newest~25' }];
    assert.deepEqual(requiredNeighbourhoods(ops), ['post:LONDON', 'post:LONDON~FROM~in~newest~25']);
    const seedResp = { center: 'post:LONDON', total: 0, truncated: false, nodes: [gnode('post:LONDON')], links: [] };
    const more = { center: 'post:LONDON', total: 1, truncated: false, nodes: [gnode('post:LONDON'), gnode('cable:08LONDON2')], links: [{ source: 'cable:08LONDON2', target: 'post:LONDON', type: 'FROM' as const }] };
    const partial = deriveGraph(ops, (k) => (k === 'post:LONDON' ? seedResp : undefined));
    assert.deepEqual(partial.missing, [responseKey({ id: 'post:LONDON', spec: 'FROM~in~newest~25' })]);
    const full = deriveGraph(ops, (k) => (k === 'post:LONDON' ? seedResp : more));
    assert.ok(full.graph.nodes.has('cable:08LONDON2'));
    assert.deepEqual(full.missing, []);
  });

  it('property: any spec survives the URL', () => {
    const arb = fc.record({
      types: fc.subarray(['FROM', 'TO', 'INFO', 'TAGGED', 'REFERENCES'] as const, { minLength: 1 }),
      direction: fc.constantFrom('in' as const, 'out' as const, 'both' as const),
      order: fc.constantFrom('degree' as const, 'newest' as const, 'oldest' as const),
      limit: fc.integer({ min: 1, max: 500 }),
    });
    fc.assert(fc.property(arb, (s) => assert.deepEqual(decodeSpec(encodeSpec({ ...s, types: [...s.types] })), { ...s, types: [...s.types] })));
  });
});

describe('view state in the URL', () => {
  it('round-trips the citation view and the cable filters', () => {
    const d = { ...emptyDoc(), ops: [{ t: 'seed', id: 'cable:08LONDON500', add: false } as Op], cite: { root: 'cable:08LONDON500', depth: 3 }, filters: { hiddenKinds: [], hiddenLinks: [], from: '2007-02', to: '2008-11', hiddenClasses: ['secret'] } };
    const back = decodeDoc(encodeDoc(d)).doc;
    assert.deepEqual(back.cite, d.cite);
    assert.deepEqual(back.filters, d.filters);
  });

  it('ignores malformed values and leaves plain filters untouched', () => {
    const back = decodeDoc('v=1&from=2008-13&to=xx&hidec=topsecret,secret&cite=post:LONDON&depth=9').doc;
    assert.deepEqual(back.filters, { hiddenKinds: [], hiddenLinks: [], hiddenClasses: ['secret'] });
    assert.equal(back.cite, undefined);
    assert.deepEqual(decodeDoc('v=1&cite=cable:08A1&depth=9').doc.cite, { root: 'cable:08A1', depth: 2 });
    assert.deepEqual(decodeDoc('v=1&from=2009-01&to=2008-01').doc.filters, { hiddenKinds: [], hiddenLinks: [], from: '2008-01', to: '2009-01' });
  });
});

describe('tag meaning', () => {
  it('says what a tag stands for from the typed fields', () => {
    assert.deepEqual(tagMeaningRows('BR', 'country', 'Brazil', 1234), [['Kind', 'Country'], ['Country', 'Brazil'], ['Cables', '1,234 in the corpus']]);
    assert.deepEqual(tagMeaningRows('XF', 'country', null, 3)[1], ['Country', 'a two-letter code not in the FIPS 10-4 country table (a regional or retired code)']);
    assert.deepEqual(tagMeaningRows('CLINTON, HILLARY', 'person', null, 1)[1], ['Person', 'CLINTON, HILLARY']);
    assert.deepEqual(tagMeaningRows('PREL', 'subject', 'External political relations', 9)[1], ['Stands for', 'External political relations']);
  });
});
