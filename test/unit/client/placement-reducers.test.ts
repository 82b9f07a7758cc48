/**
 * The pure policies of the graph view: where new nodes start (placeNodes), how view state styles
 * nodes and links at draw time (reducers), the settings object, and what the chrome says.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectionAnnouncement, statusParts, tooltipText } from '../../../client/src/chrome/messages.ts';
import { placeNodes } from '../../../client/src/layout/placement.ts';
import type { PlacementInput, Point } from '../../../client/src/layout/placement.ts';
import type { GraphNode } from '../../../client/src/model/graph.ts';
import { edgeReducer, nodeReducer } from '../../../client/src/render/reducers.ts';
import type { DrawState } from '../../../client/src/render/reducers.ts';
import { DEFAULT_SETTINGS, resolveSettings } from '../../../client/src/settings.ts';
import { makeStore } from './store-fixture.ts';

const layout = DEFAULT_SETTINGS.layout;
const input = (over: Partial<PlacementInput>): PlacementInput => ({
  nodes: [],
  links: [],
  origin: new Map(),
  known: new Map(),
  stored: {},
  pinned: {},
  settings: layout,
  ...over,
});
const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

describe('placeNodes', () => {
  it('starts a fresh view at the origin with full energy, children around their parent', () => {
    const p = placeNodes(
      input({
        nodes: [{ id: 'cable:A', r: 8 }, { id: 'post:P', r: 6 }, { id: 'tag:T', r: 6 }],
        origin: new Map([['post:P', 'cable:A'], ['tag:T', 'cable:A']]),
      }),
    );
    assert.deepEqual(p.positions.get('cable:A'), { x: 0, y: 0 });
    assert.deepEqual(p.fresh, ['cable:A', 'post:P', 'tag:T']);
    assert.equal(p.holdExisting, false);
    assert.equal(p.alpha, layout.freshAlpha);
    for (const id of ['post:P', 'tag:T']) {
      const d = dist(p.positions.get(id)!, { x: 0, y: 0 });
      assert.ok(d > 20 && d < 150, `${id} at ${d}`);
    }
  });

  it('keeps what the layout holds and grows new nodes outwards from their parent', () => {
    const known = new Map<string, Point>([
      ['cable:A', { x: 0, y: 0 }],
      ['post:P', { x: 100, y: 0 }],
    ]);
    const p = placeNodes(
      input({
        nodes: [{ id: 'cable:A', r: 8 }, { id: 'post:P', r: 6 }, { id: 'cable:B', r: 5 }, { id: 'cable:C', r: 5 }],
        origin: new Map([['post:P', 'cable:A'], ['cable:B', 'post:P'], ['cable:C', 'post:P']]),
        known,
      }),
    );
    assert.deepEqual(p.positions.get('post:P'), { x: 100, y: 0 });
    assert.deepEqual(p.fresh, ['cable:B', 'cable:C']);
    assert.equal(p.holdExisting, true);
    assert.equal(p.alpha, layout.growAlpha);
    // Away from the centre of what is there (50, 0): to the right of P.
    for (const id of ['cable:B', 'cable:C']) assert.ok(p.positions.get(id)!.x > 60, `${id} grows outwards`);
  });

  it('uses positions from the document and does not move anything then', () => {
    const p = placeNodes(
      input({
        nodes: [{ id: 'cable:A', r: 8 }, { id: 'post:P', r: 6 }],
        origin: new Map([['post:P', 'cable:A']]),
        stored: { 'cable:A': [5, 6] },
        pinned: { 'post:P': [50, 60] },
      }),
    );
    assert.deepEqual(p.positions.get('cable:A'), { x: 5, y: 6 });
    assert.deepEqual(p.positions.get('post:P'), { x: 50, y: 60 });
    assert.deepEqual(p.fresh, []);
    assert.equal(p.alpha, 0);
  });

  it('puts an orphan next to a placed neighbour, and a second seed beside the graph', () => {
    const known = new Map<string, Point>([['post:P', { x: 0, y: 0 }]]);
    const p = placeNodes(
      input({
        nodes: [{ id: 'post:P', r: 6 }, { id: 'cable:N', r: 5 }, { id: 'tag:S', r: 5 }],
        links: [{ source: 'cable:N', target: 'post:P' }],
        known,
      }),
    );
    assert.ok(dist(p.positions.get('cable:N')!, { x: 0, y: 0 }) < 80);
    assert.ok(p.positions.get('tag:S')!.x > 150, 'a new seed goes to the right of everything');
  });

  it('is deterministic and nudges the layout when only links changed', () => {
    const args = input({ nodes: [{ id: 'cable:A', r: 8 }, { id: 'post:P', r: 6 }], origin: new Map([['post:P', 'cable:A']]) });
    assert.deepEqual(placeNodes(args).positions, placeNodes(args).positions);
    const known = new Map<string, Point>([['cable:A', { x: 0, y: 0 }], ['post:P', { x: 9, y: 9 }]]);
    assert.equal(placeNodes({ ...args, known }).alpha, layout.nudgeAlpha);
  });
});

const node = (id: string, extra: Partial<GraphNode> = {}): GraphNode => ({ id, kind: id.startsWith('cable') ? 'cable' : 'post', key: id.slice(id.indexOf(':') + 1), label: id, degree: 3, ...extra });
const state = (over: Partial<DrawState> = {}): DrawState => ({
  selected: null,
  marked: new Set(),
  expanded: new Set(),
  pinned: new Set(),
  loading: new Set(),
  hovered: null,
  focus: null,
  dimAlpha: 0.13,
  fill: null,
  ...over,
});

describe('reducers', () => {
  it('style nodes by kind, expansion, stub, pin, loading and selection without touching them', () => {
    const n = node('cable:A', { inCorpus: true });
    const frozen = Object.freeze({ ...n });
    const plain = nodeReducer(frozen, state());
    assert.deepEqual(plain, { style: 'cable', layer: 1, alpha: 1, ring: null, pinned: false, loading: false, labelAlpha: 1, fill: null });
    const busy = nodeReducer(frozen, state({ selected: 'cable:A', expanded: new Set(['cable:A']), pinned: new Set(['cable:A']), loading: new Set(['cable:A']) }));
    assert.deepEqual([busy.style, busy.ring, busy.pinned, busy.loading], ['cable+', 'selected', true, true]);
    assert.equal(nodeReducer(node('cable:S', { inCorpus: false }), state()).style, 'stub');
    assert.equal(nodeReducer(node('post:P'), state({ marked: new Set(['post:P']), selected: 'cable:A' })).ring, 'marked');
  });

  it('dim what a hover leaves out, nodes and links alike', () => {
    const focus = new Set(['cable:A', 'post:P']);
    const s = state({ hovered: 'cable:A', focus });
    assert.deepEqual([nodeReducer(node('post:P'), s).layer, nodeReducer(node('post:P'), s).alpha], [1, 1]);
    const out = nodeReducer(node('cable:Z'), s);
    assert.deepEqual([out.layer, out.alpha, out.labelAlpha], [0, 0.13, 0.25]);
    assert.deepEqual(edgeReducer({ source: 'cable:A', target: 'post:P', type: 'FROM' }, s), { layer: 1, alpha: 1, widthFactor: 1.6, emphasised: false });
    // Both ends in focus but the hovered node is not one of them: dimmed.
    const s2 = state({ hovered: 'cable:A', focus: new Set(['cable:A', 'post:P', 'post:Q']) });
    assert.equal(edgeReducer({ source: 'post:Q', target: 'post:P', type: 'TO' }, s2).layer, 0);
  });

  it('emphasise the selected node’s links only while nothing is hovered', () => {
    const link = { source: 'cable:A', target: 'post:P', type: 'FROM' as const };
    assert.equal(edgeReducer(link, state({ selected: 'cable:A' })).emphasised, true);
    assert.equal(edgeReducer(link, state({ selected: 'cable:B' })).emphasised, false);
    assert.equal(edgeReducer(link, state({ selected: 'cable:A', hovered: 'post:P', focus: new Set(['post:P', 'cable:A']) })).emphasised, false);
  });
});

describe('settings', () => {
  it('fills defaults and takes valid overrides', () => {
    const s = resolveSettings({ data: { citationLimit: 50 }, labels: { maxLabels: 12 } });
    assert.equal(s.data.citationLimit, 50);
    assert.equal(s.data.searchLimit, DEFAULT_SETTINGS.data.searchLimit);
    assert.equal(s.labels.maxLabels, 12);
    assert.equal(DEFAULT_SETTINGS.data.citationLimit, 400, 'defaults are not changed by overrides');
  });

  it('rejects what is out of range, not an integer, or unknown, naming it', () => {
    assert.throws(() => resolveSettings({ data: { citationLimit: 0 } }), /data\.citationLimit must be an integer from 1 to 2000/);
    assert.throws(() => resolveSettings({ data: { searchLimit: 2.5 } }), /data\.searchLimit/);
    assert.throws(() => resolveSettings({ rendering: { dimAlpha: Number.NaN } }), /rendering\.dimAlpha must be a number from 0 to 1/);
    assert.throws(() => resolveSettings({ labels: { maxlabels: 3 } } as never), /unknown setting labels\.maxlabels/);
    assert.throws(() => resolveSettings({ colours: {} } as never), /unknown settings group "colours"/);
  });
});

describe('chrome messages', () => {
  it('describe a node from its typed fields', () => {
    const c = node('cable:07LONDON3923', { inCorpus: true, subject: 'UK VIEWS ON IRAN', date: '2007-05-24T15:06:00Z', classification: 'SECRET', degree: 12, citedBy: 3 });
    assert.deepEqual(tooltipText(c), { title: '07LONDON3923', label: 'UK VIEWS ON IRAN', sub: '24 May 2007 · SECRET · 12 links · cited by 3', estimate: null });
    assert.deepEqual(tooltipText(node('cable:07X1', { inCorpus: false, subject: null })).sub, 'not in corpus · 3 links');
    assert.equal(selectionAnnouncement(c, 4), 'Cable 07LONDON3923: UK VIEWS ON IRAN. 4 connected in view. Arrow keys move to a neighbour, E expands.');
  });

  it('say what the status line shows: counts, loading, failures, truncation', async () => {
    const { store, settle } = makeStore();
    store.commit({ t: 'seed', id: 'post:LONDON', add: false });
    assert.deepEqual(statusParts(store).map((p) => p.text), ['Loading LONDON…']);
    await settle();
    assert.deepEqual(statusParts(store).map((p) => p.text), ['3 nodes (2 cables) · 2 links', 'LONDON: 2 of 3 neighbours']);
    store.commit({ t: 'seed', id: 'cable:99NOWHERE1', add: true });
    await settle();
    assert.ok(statusParts(store).some((p) => p.class === 'warn' && p.text === 'Could not load 99NOWHERE1: cable:99NOWHERE1 is not in the database'));
  });
});
