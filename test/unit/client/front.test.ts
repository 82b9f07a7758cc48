/**
 * The front page's pure parts: when it shows, the stacked series of its timeline, the words of
 * its lists, its URL state, and the commands that open it, scope it and leave it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { runCommand } from '../../../client/src/commands.ts';
import type { CommandContext, GraphViewPort, UiPort } from '../../../client/src/commands.ts';
import { resolveKey } from '../../../client/src/keymap.ts';
import { cableDetail, cableTitle, threadDetail, classificationLabel, describeScope, monthAt, showsFront, stackMonths, threadSpan } from '../../../client/src/model/front.ts';
import { decodeDoc, encodeDoc } from '../../../client/src/model/url.ts';
import { applyOp, emptyDoc } from '../../../client/src/model/view.ts';
import { DEFAULT_SETTINGS } from '../../../client/src/settings.ts';
import { makeStore } from './store-fixture.ts';

const analysis = { citationsIn: 3, citationsOut: 1, pagerank: 0.01, hub: null, authority: null, thread: null, community: null, estimatedDate: null };

describe('front page model', () => {
  it('shows on an empty view and when asked for over a graph, not over a graph otherwise', () => {
    assert.equal(showsFront({ ops: [] }), true);
    assert.equal(showsFront({ ops: [{}] }), false);
    assert.equal(showsFront({ ops: [{}], front: {} }), true);
    assert.equal(showsFront({ ops: [], cite: { root: 'cable:X', depth: 2 } }), false, 'a citation view link is not an empty view');
  });

  it('stacks months by classification, bottom layer first, gaps filled with zeros', () => {
    const s = stackMonths({
      classifications: ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET'],
      months: [
        { month: '2007-03', byClassification: { CONFIDENTIAL: 2 }, total: 2 },
        { month: '2007-01', byClassification: { UNCLASSIFIED: 5, SECRET: 1 }, total: 6 },
      ],
    });
    assert.deepEqual(s.months, ['2007-01', '2007-02', '2007-03']);
    assert.deepEqual(s.layers.map((l) => l.key), ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET']);
    assert.deepEqual(s.layers[0]!.bands, [[0, 5], [0, 0], [0, 0]]);
    assert.deepEqual(s.layers[1]!.bands, [[5, 5], [0, 0], [0, 2]]);
    assert.deepEqual(s.layers[2]!.bands, [[5, 6], [0, 0], [2, 2]]);
    assert.deepEqual(s.totals, [6, 0, 2]);
    assert.equal(s.peak, 6);
    assert.deepEqual(s.layers.map((l) => l.total), [5, 2, 1]);
    assert.deepEqual(stackMonths({ classifications: [], months: [] }), { months: [], layers: [], peak: 0, totals: [] });
  });

  it('stacks any input so each month’s top band is its total and bands never overlap', () => {
    const keys = ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET//NOFORN', 'UNKNOWN'];
    const month = fc.tuple(fc.integer({ min: 1990, max: 2010 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ month, counts: fc.array(fc.nat(50), { minLength: 4, maxLength: 4 }) }), { selector: (r) => r.month, maxLength: 20 }), (rows) => {
        const months = rows.map((r) => {
          const byClassification = Object.fromEntries(keys.map((k, i) => [k, r.counts[i]!]).filter(([, n]) => (n as number) > 0));
          return { month: r.month, byClassification, total: r.counts.reduce((a, b) => a + b, 0) };
        });
        const s = stackMonths({ classifications: keys, months });
        for (const m of months) {
          const i = s.months.indexOf(m.month);
          assert.ok(i >= 0);
          assert.equal(s.totals[i], m.total);
          let top = 0;
          for (const l of s.layers) {
            assert.equal(l.bands[i]![0], top, 'each band starts where the one below ends');
            top = l.bands[i]![1];
          }
          if (s.layers.length) assert.equal(top, m.total);
        }
        assert.equal(s.layers.reduce((a, l) => a + l.total, 0), months.reduce((a, m) => a + m.total, 0));
      }),
    );
  });

  it('words its lists: subjects first, ids second, missing cables and spans said plainly', () => {
    assert.equal(cableTitle({ subject: ' IRAN: NUCLEAR TALKS ', inCorpus: true }), 'IRAN: NUCLEAR TALKS');
    assert.equal(cableTitle({ subject: null, inCorpus: false }), 'Cited, not in the release');
    // Dates as the reader and the tooltips write them (model/analysis.ts cableDay), not ISO days.
    assert.equal(cableDetail({ id: '07LONDON3923', date: '2007-10-15T12:00:00Z', analysis }), '07LONDON3923 · 15 Oct 2007');
    assert.equal(
      cableDetail({ id: '06ROME12', date: null, analysis: { ...analysis, estimatedDate: { date: '2006-01-04', earliest: '2006-01-02', latest: '2006-01-06', after: null, before: null } } }),
      '06ROME12 · about 4 Jan 2006 (estimated)',
    );
    assert.equal(cableDetail({ id: '06ROME13', date: null, analysis }), '06ROME13', 'no date and no estimate: the id alone');
    assert.equal(threadDetail({ size: 118, inCorpus: 68 }), '68 in the release · 50 cited, missing');
    assert.equal(threadDetail({ size: 3, inCorpus: 3 }), 'all in the release');
    assert.equal(threadSpan({ firstDate: '2004-03-02', lastDate: '2010-02-11T00:00:00Z' }), 'Mar 2004 – Feb 2010');
    assert.equal(threadSpan({ firstDate: '2004-03-02', lastDate: '2004-03-30' }), 'Mar 2004');
    assert.equal(classificationLabel('SECRET//NOFORN'), 'Secret//NOFORN');
    assert.equal(classificationLabel('UNCLASSIFIED//FOR OFFICIAL USE ONLY'), 'Unclassified//FOUO');
    assert.equal(classificationLabel('UNKNOWN'), 'Not given');
    assert.deepEqual(describeScope({ from: '2007-01', to: null, hiddenClasses: ['secret'] }, { post: 'LONDON', tag: 'PREL' }), [
      'Jan 2007 – the end',
      'Unclassified and Confidential only',
      'to or from LONDON',
      'tagged PREL',
    ]);
    assert.equal(monthAt(['2007-01', '2007-02'], 0.99), '2007-02');
    assert.equal(monthAt(['2007-01', '2007-02'], -1), '2007-01');
  });

  it('is view state: the URL round-trips the front page and its scope; a seed leaves it', () => {
    const doc = { ...emptyDoc(), ops: [{ t: 'seed' as const, id: 'cable:07LONDON3923', add: false }], front: { post: 'USEU BRUSSELS', tag: 'PREL' }, filters: { hiddenKinds: [], hiddenLinks: [], from: '2007-01', to: '2008-12' } };
    const back = decodeDoc(encodeDoc(doc)).doc;
    assert.deepEqual(back.front, doc.front);
    assert.deepEqual(back.ops, doc.ops);
    assert.equal(back.filters.from, '2007-01');
    assert.equal(decodeDoc(encodeDoc({ ...doc, front: {} })).doc.front && true, true, 'front=1 without a scope');
    assert.equal(decodeDoc(encodeDoc({ ...doc, front: null })).doc.front ?? null, null);
    assert.equal(decodeDoc('#v=1&front=1&fpost=<script>').doc.front?.post, undefined, 'a malformed key is dropped');
    assert.equal(applyOp(doc, { t: 'seed', id: 'tag:PREL', add: false }).front, null);
    assert.deepEqual(applyOp(doc, { t: 'expand', id: 'post:LONDON' }).front, doc.front);
  });
});

describe('front page commands', () => {
  const ports = () => {
    const calls: string[] = [];
    const graph: GraphViewPort = { position: () => null, center: (id) => calls.push(`center ${id}`), fit: () => undefined, zoomBy: () => undefined, fitWhenSettled: () => calls.push('fit later'), reheat: () => undefined, openExpandMenu: () => undefined, step: () => false };
    const ui: UiPort = { focusSearch: () => undefined, openHelp: () => undefined, closeMenus: () => false, toast: (m) => calls.push(`toast ${m}`), exportView: () => undefined, toggleWideReading: () => undefined };
    return { graph, ui, calls };
  };

  it('h shows the front page over a graph and goes back; a pick from it opens the graph in one undoable step', async () => {
    const made = makeStore();
    const { graph, ui, calls } = ports();
    const ctx: CommandContext = { store: made.store, graph, ui, settings: DEFAULT_SETTINGS };
    assert.equal(resolveKey({ key: 'h', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, typing: false, onCanvas: false })?.command, 'front.toggle');
    const key = (k: string) => resolveKey({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, typing: false, onCanvas: false, frontPage: true })?.command ?? null;
    assert.deepEqual([key('h'), key('/'), key('Delete'), key('e'), key('ArrowLeft')], ['front.toggle', 'search.focus', null, null, null], 'over the front page, no key acts on the hidden graph');
    runCommand(ctx, 'front.toggle');
    assert.ok(calls.some((c) => c.startsWith('toast')), 'an empty view has no graph to go back to');
    runCommand(ctx, 'search.pick', { hit: { id: 'cable:07LONDON3923', kind: 'cable', key: '07LONDON3923', label: '07LONDON3923', detail: null }, add: false });
    await made.settle();
    assert.equal(showsFront(made.store.doc), false);
    runCommand(ctx, 'front.toggle');
    assert.deepEqual(made.store.doc.front, {});
    assert.match(made.url.hash, /front=1/);
    runCommand(ctx, 'front.scope', { tag: 'PREL' });
    assert.deepEqual(made.store.doc.front, { tag: 'PREL' });
    assert.match(made.url.hash, /ftag=PREL/);
    // A node already in the graph, picked from the front page: selected, and the front page closes.
    runCommand(ctx, 'search.pick', { hit: { id: 'post:LONDON', kind: 'post', key: 'LONDON', label: 'LONDON', detail: null }, add: false });
    assert.equal(made.store.doc.front, null);
    assert.equal(made.store.doc.selected, 'post:LONDON');
    made.store.undo();
    assert.deepEqual(made.store.doc.front, { tag: 'PREL' }, 'undo brings the front page back');
    runCommand(ctx, 'front.toggle');
    assert.equal(made.store.doc.front, null);
    await made.settle();
  });

  it('a thread opens its cable in the citation view', async () => {
    const made = makeStore();
    const { graph, ui } = ports();
    const ctx: CommandContext = { store: made.store, graph, ui, settings: DEFAULT_SETTINGS };
    runCommand(ctx, 'front.openThread', { id: 'cable:07LONDON3923' });
    await made.settle();
    assert.deepEqual(made.store.doc.cite, { root: 'cable:07LONDON3923', depth: 2 });
    assert.equal(made.store.doc.selected, 'cable:07LONDON3923');
    assert.equal(showsFront(made.store.doc), false);
  });
});
