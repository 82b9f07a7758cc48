/**
 * The view store without a browser: a map stands in for the API client's cache and an object
 * for the address bar. URL round-trip, history, fetching what is missing, failures, subscribers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeStore } from './store-fixture.ts';

describe('view store', () => {
  it('fetches what the document needs, derives the graph and tells subscribers', async () => {
    const { store, loads, events, settle } = makeStore();
    store.commit({ t: 'seed', id: 'cable:07LONDON3923', add: false });
    assert.deepEqual(loads, ['cable:07LONDON3923']);
    assert.ok(store.inflight.has('cable:07LONDON3923'));
    assert.equal(store.visible.nodes.size, 0);
    await settle();
    assert.equal(store.inflight.size, 0);
    assert.deepEqual([...store.visible.nodes.keys()], ['cable:07LONDON3923', 'post:LONDON', 'cable:07LONDON3175']);
    assert.equal(store.doc.selected, 'cable:07LONDON3923');
    assert.ok(events.filter((e) => e.type === 'change').length >= 2);
  });

  it('writes each undoable step as a new browser entry and reads it back', async () => {
    const { store, url, settle } = makeStore();
    store.commit({ t: 'seed', id: 'cable:07LONDON3923', add: false });
    await settle();
    store.commit({ t: 'expand', id: 'post:LONDON' });
    await settle();
    assert.deepEqual(url.writes.filter((w) => w.mode === 'push').length, 2);
    assert.match(url.hash, /op=s\.cable:07LONDON3923&op=e\.post:LONDON/);

    // The same fragment in a fresh store reproduces the view.
    const copy = makeStore(undefined, url.hash);
    copy.store.loadFromUrl();
    await copy.settle();
    assert.deepEqual([...copy.store.visible.nodes.keys()], [...store.visible.nodes.keys()]);
    assert.deepEqual(copy.store.doc.ops, store.doc.ops);
    assert.ok(copy.events.some((e) => e.type === 'loaded' && e.newView));
  });

  it('undoes and redoes steps, selection changes are not steps', async () => {
    const { store, settle } = makeStore();
    store.commit({ t: 'seed', id: 'cable:07LONDON3923', add: false });
    await settle();
    store.commit({ t: 'dismiss', ids: ['cable:07LONDON3175'] });
    store.select('post:LONDON');
    assert.equal(store.visible.nodes.has('cable:07LONDON3175'), false);
    assert.ok(store.canUndo);
    store.undo();
    assert.equal(store.visible.nodes.has('cable:07LONDON3175'), true);
    assert.ok(store.canRedo);
    store.redo();
    assert.equal(store.visible.nodes.has('cable:07LONDON3175'), false);
    store.undo();
    store.undo();
    assert.equal(store.canUndo, false);
    assert.equal(store.visible.nodes.size, 0);
  });

  it('keeps answers: going back to a view fetches nothing again', async () => {
    const { store, loads, settle } = makeStore();
    store.commit({ t: 'seed', id: 'cable:07LONDON3923', add: false });
    await settle();
    store.commit({ t: 'seed', id: 'post:LONDON', add: false });
    await settle();
    store.undo();
    store.redo();
    store.undo();
    assert.deepEqual(loads, ['cable:07LONDON3923', 'post:LONDON']);
    assert.equal(store.visible.nodes.size, 3);
  });

  it('reports a failed fetch once and does not retry it on every change', async () => {
    const { store, loads, events, settle } = makeStore();
    store.commit({ t: 'seed', id: 'cable:99NOWHERE1', add: false });
    await settle();
    store.select(null);
    store.select(null);
    assert.deepEqual(loads, ['cable:99NOWHERE1']);
    assert.equal(store.failed.get('cable:99NOWHERE1'), 'cable:99NOWHERE1 is not in the database');
    assert.deepEqual(
      events.filter((e) => e.type === 'fetch-failed').map((e) => e.type === 'fetch-failed' && e.message),
      ['Could not load 99NOWHERE1: cable:99NOWHERE1 is not in the database'],
    );
    // Seeding it again is a deliberate retry.
    store.commit({ t: 'seed', id: 'cable:99NOWHERE1', add: false });
    assert.deepEqual(loads, ['cable:99NOWHERE1', 'cable:99NOWHERE1']);
    await settle();
  });

  it('filters hide nodes from the visible graph but never the seed or the selection', async () => {
    const { store, settle } = makeStore();
    store.commit({ t: 'seed', id: 'cable:07LONDON3923', add: false });
    await settle();
    store.setDoc({ ...store.doc, filters: { hiddenKinds: ['post'], hiddenLinks: [] } }, 'undo');
    assert.deepEqual([...store.visible.nodes.keys()], ['cable:07LONDON3923', 'cable:07LONDON3175']);
    assert.equal(store.derived.graph.nodes.size, 3);
    store.setFilters({ from: '2009-01', to: '2009-12' });
    assert.deepEqual(store.doc.filters, { hiddenKinds: ['post'], hiddenLinks: [], from: '2009-01', to: '2009-12' });
    assert.ok(store.visible.nodes.has('cable:07LONDON3923'), 'the seed stays');
  });

  it('puts positions from a link on the nodes once the answers they refer to arrive', async () => {
    const { store, url, settle } = makeStore(undefined, '#v=1&op=s.cable:07LONDON3923&pos=10,20,30,40,,&pin=1');
    store.loadFromUrl();
    assert.ok(store.waitingForPositions);
    await settle();
    assert.equal(store.waitingForPositions, false);
    assert.deepEqual(store.doc.positions, { 'cable:07LONDON3923': [10, 20], 'post:LONDON': [30, 40] });
    assert.deepEqual(store.doc.pinned, { 'post:LONDON': [30, 40] });
    assert.match(url.hash, /pin=1/);
  });

  it('shows a node opened from a panel without selecting it, until the next selection', () => {
    const { store } = makeStore();
    store.peek('tag:PREL');
    assert.equal(store.shown, 'tag:PREL');
    assert.equal(store.doc.selected, null);
    store.select('post:LONDON');
    assert.equal(store.shown, 'post:LONDON');
  });

  it('stops telling a subscriber that unsubscribed; viewport changes tell nobody', async () => {
    const { store, url } = makeStore();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.select('post:LONDON');
    off();
    store.select(null);
    assert.equal(calls, 1);
    const before = url.writes.length;
    store.setViewport({ x: 1, y: 2, k: 3 });
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(url.writes.length, before + 1);
    assert.match(url.hash, /vp=1,2,3/);
  });
});
