import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { attachPositions, decodeDoc, decodeOp, encodeDoc, encodeOp } from '../../../client/src/model/url.ts';
import { applyOp, emptyDoc, selection, toggleMarked } from '../../../client/src/model/view.ts';
import type { Op, ViewDoc } from '../../../client/src/model/view.ts';

const doc = (): ViewDoc => ({
  ...emptyDoc(),
  ops: [
    { t: 'seed', id: 'cable:07LONDON3923', add: false },
    { t: 'expand', id: 'post:LONDON' },
    { t: 'seed', id: 'tag:CLINTON, HILLARY', add: true },
    { t: 'dismiss', ids: ['tag:PREL', 'post:USEU BRUSSELS'] },
    { t: 'keep', ids: ['cable:07LONDON3923', 'tag:A|B%C&D=E#F'] },
  ],
  filters: { hiddenKinds: ['tag'], hiddenLinks: ['INFO', 'TAGGED'] },
  selected: 'cable:07LONDON3923',
  viewport: { x: 120.4, y: -33.6, k: 1.23456 },
});

describe('URL state', () => {
  it('round-trips the operation log, filters, selection and viewport', () => {
    const d = doc();
    const hash = encodeDoc(d);
    const back = decodeDoc(`#${hash}`).doc;
    assert.deepEqual(back.ops, d.ops);
    assert.deepEqual(back.filters, d.filters);
    assert.equal(back.selected, d.selected);
    assert.deepEqual(back.viewport, { x: 120, y: -34, k: 1.235 });
  });

  it('is readable', () => {
    const hash = encodeDoc({ ...emptyDoc(), ops: [{ t: 'seed', id: 'cable:07LONDON3923', add: false }, { t: 'expand', id: 'post:LONDON' }] });
    assert.equal(hash, 'v=1&op=s.cable:07LONDON3923&op=e.post:LONDON');
  });

  it('round-trips positions and pins through the derived node order', () => {
    const order = ['cable:A', 'post:B', 'tag:C'];
    const d: ViewDoc = { ...emptyDoc(), positions: { 'cable:A': [1.4, -2.6], 'tag:C': [100, 200] }, pinned: { 'post:B': [5, 6] } };
    const { doc: back, positions, pins } = decodeDoc(encodeDoc(d, order));
    assert.deepEqual(positions, [[1, -3], [5, 6], [100, 200]]);
    assert.deepEqual(pins, [1]);
    const attached = attachPositions(back, order, positions, pins);
    assert.deepEqual(attached.pinned, { 'post:B': [5, 6] });
    assert.deepEqual(attached.positions['tag:C'], [100, 200]);
    // A different graph (other node count) ignores the positions rather than misplacing them.
    assert.deepEqual(attachPositions(back, ['cable:A'], positions, pins).positions, {});
  });

  it('ignores malformed parts', () => {
    const { doc: d } = decodeDoc('#op=x.foo&op=e.&op=e.post:X&hide=tag,bogus&hidel=NOPE&vp=1,2&sel=');
    assert.deepEqual(d.ops, [{ t: 'expand', id: 'post:X' }]);
    assert.deepEqual(d.filters, { hiddenKinds: ['tag'], hiddenLinks: [] });
    assert.equal(d.viewport, null);
    assert.equal(d.selected, null);
    assert.equal(decodeOp('s'), null);
  });

  it('round-trips any op (property)', () => {
    const id = fc.tuple(fc.constantFrom('cable', 'post', 'tag'), fc.string({ minLength: 1, maxLength: 20 })).map(([k, s]) => `${k}:${s}`);
    // fc.record builds null-prototype objects; spread them into plain ones for deepEqual.
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ t: fc.constant('seed' as const), id, add: fc.boolean() }).map((o) => ({ ...o })),
      fc.record({ t: fc.constant('expand' as const), id }).map((o) => ({ ...o })),
      fc.record({ t: fc.constant('dismiss' as const), ids: fc.array(id, { minLength: 1, maxLength: 4 }) }).map((o) => ({ ...o })),
      fc.record({ t: fc.constant('keep' as const), ids: fc.array(id, { minLength: 1, maxLength: 4 }) }).map((o) => ({ ...o })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 6 }), (ops) => {
        assert.deepEqual(decodeDoc(encodeDoc({ ...emptyDoc(), ops })).doc.ops, ops);
        for (const o of ops) assert.deepEqual(decodeOp(encodeOp(o)), o);
      }),
    );
  });

  it('round-trips a multi-selection, and Shift+click adds and removes', () => {
    let d: ViewDoc = { ...emptyDoc(), selected: 'cable:A' };
    d = toggleMarked(d, 'post:B|C');
    d = toggleMarked(d, 'tag:D');
    assert.deepEqual(selection(d), ['cable:A', 'post:B|C', 'tag:D']);
    assert.equal(d.selected, 'tag:D');
    const back = decodeDoc(encodeDoc(d)).doc;
    assert.deepEqual(back.marked, d.marked);
    assert.equal(back.selected, 'tag:D');
    d = toggleMarked(d, 'tag:D');
    assert.deepEqual(selection(d), ['cable:A', 'post:B|C']);
    assert.equal(d.selected, 'post:B|C', 'focus moves to the last one left');
    d = toggleMarked(d, 'cable:A');
    assert.deepEqual([d.marked, d.selected], [[], 'post:B|C'], 'one node left is a plain selection');
  });

  it('dismissing or keeping updates the multi-selection', () => {
    const d: ViewDoc = { ...emptyDoc(), marked: ['cable:A', 'cable:B', 'cable:C'], selected: 'cable:C' };
    assert.deepEqual(applyOp(d, { t: 'dismiss', ids: ['cable:A', 'cable:C'] }).marked, ['cable:B']);
    assert.deepEqual(applyOp(d, { t: 'keep', ids: ['cable:A', 'cable:C'] }).marked, ['cable:A', 'cable:C']);
    assert.deepEqual(applyOp(d, { t: 'seed', id: 'post:X', add: false }).marked, []);
  });
});
