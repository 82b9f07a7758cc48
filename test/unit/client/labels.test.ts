import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caption, shortSubject } from '../../../client/src/model/caption.ts';
import { labelOverlaps, placeLabels, type Disc, type LabelCandidate } from '../../../client/src/layout/labels.ts';

/** A deterministic pseudo-random graph laid out in a w×h screen. */
function scatter(n: number, w: number, h: number, seed = 7): { discs: Disc[]; candidates: LabelCandidate[] } {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const discs: Disc[] = [];
  const candidates: LabelCandidate[] = [];
  for (let i = 0; i < n; i++) {
    const d = { id: `n${i}`, x: rnd() * w, y: rnd() * h, r: 4 + rnd() * 10 };
    discs.push(d);
    const text = `label ${i} ${'x'.repeat(Math.floor(rnd() * 14))}`;
    candidates.push({ id: d.id, text, x: d.x, y: d.y, r: d.r, width: text.length * 6, height: 13, priority: d.r });
  }
  return { discs, candidates };
}

describe('label placement', () => {
  it('never overlaps two labels or a label and a node, however dense the graph', () => {
    for (const n of [10, 200, 2000]) {
      const { discs, candidates } = scatter(n, 1200, 800, n);
      const placed = placeLabels(candidates, discs);
      const o = labelOverlaps(placed, discs);
      assert.deepEqual(o, { labels: [], nodes: [] }, `${n} nodes`);
      assert.ok(placed.length > 0);
    }
  });

  it('the overlap measure finds overlaps when there are some', () => {
    const a = { id: 'a', text: 'a', x: 0, y: 0, width: 50, height: 12, spot: 'below' as const };
    const b = { ...a, id: 'b', x: 30 };
    const o = labelOverlaps([a, b], [{ id: 'n', x: 10, y: 6, r: 3 }]);
    assert.deepEqual(o.labels, [['a', 'b']]);
    assert.deepEqual(o.nodes, [['a', 'n']]);
  });

  it('places by priority: the selected node’s label wins a contested spot', () => {
    const discs: Disc[] = [
      { id: 'a', x: 100, y: 100, r: 5 },
      { id: 'b', x: 112, y: 100, r: 5 },
    ];
    const cand = (id: string, x: number, priority: number): LabelCandidate => ({ id, text: id, x, y: 100, r: 5, width: 80, height: 13, priority });
    const bounds = { x0: 60, y0: 0, x1: 160, y1: 200 };
    const placed = placeLabels([cand('a', 100, 1), cand('b', 112, 10)], discs, { bounds });
    assert.equal(placed[0]?.id, 'b');
    assert.equal(placed[0]?.spot, 'below');
    assert.ok(placed.every((l) => l.x >= bounds.x0 && l.x + l.width <= bounds.x1), 'inside the bounds');
    assert.deepEqual(labelOverlaps(placed, discs), { labels: [], nodes: [] });
  });

  it('is reproducible and respects the budget', () => {
    const { discs, candidates } = scatter(300, 900, 600);
    assert.deepEqual(placeLabels(candidates, discs), placeLabels([...candidates].reverse(), discs));
    assert.equal(placeLabels(candidates, discs, { budget: 5 }).length, 5);
  });
});

describe('cable labels', () => {
  it('a cable is labelled by a short subject; its id at high zoom; stubs by id', () => {
    const subject = 'XXXXXXXXXXXX ARGUES TIME IS RIPE FOR WEST TO MAKE AN OFFER';
    const cable = { id: 'cable:07LONDON3923', kind: 'cable' as const, key: '07LONDON3923', label: `07LONDON3923: ${subject}`, subject, degree: 20 };
    assert.equal(caption(cable), 'XXX ARGUES TIME IS RIPE FOR…');
    assert.equal(caption(cable, true), '07LONDON3923 · XXX ARGUES TIME IS RIPE FOR…');
    assert.equal(caption({ ...cable, subject: 'MOTTAKI VISIT TO BAHRAIN' }), 'MOTTAKI VISIT TO BAHRAIN');
    assert.equal(caption({ ...cable, label: '07LONDON3923', subject: null }), '07LONDON3923');
    assert.equal(caption({ id: 'tag:PREL', kind: 'tag', key: 'PREL', label: 'PREL', degree: 215 }), 'PREL');
  });

  it('short subjects drop portion marks, cut at a word and never exceed the room', () => {
    assert.equal(shortSubject('(C) UPDATE ON IAEA SAFEGUARDS AGREEMENT'), 'UPDATE ON IAEA SAFEGUARDS…');
    assert.equal(shortSubject('  '), null);
    assert.equal(shortSubject(null), null);
    for (const s of ['INTERIOR MINISTER ALIMI: NO DETAINEES RELEASED YET; MOAYED REACTION STILL CALM', 'A'.repeat(80), 'SHORT']) {
      assert.ok((shortSubject(s) ?? '').length <= 30, s);
    }
  });
});

describe('exported labels', () => {
  it('an SVG export of a dense view has no label collisions', async () => {
    const { toSVG } = await import('../../../client/src/render/svg.ts');
    const { discs } = scatter(400, 900, 600, 3);
    const nodes = new Map(discs.map((d, i) => [d.id, { id: d.id, kind: 'cable' as const, key: `07TEST${i}`, label: `07TEST${i}: SUBJECT NUMBER ${i} ABOUT SOMETHING LONG`, degree: i % 17 }]));
    const positions = new Map(discs.map((d) => [d.id, { x: d.x, y: d.y }]));
    const out = toSVG({ nodes, links: new Map(), origin: new Map() }, positions, { labelled: new Set(['n1', 'n2']) });
    assert.ok(out.labels.length > 20);
    assert.deepEqual(labelOverlaps(out.labels, out.discs), { labels: [], nodes: [] });
    assert.equal((out.svg.match(/<text x=/g) ?? []).length - 12, out.labels.length, 'one text element per placed label (plus the legend’s 12)');
  });
});
