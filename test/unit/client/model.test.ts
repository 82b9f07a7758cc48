import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adjacency,
  countByKind,
  emptyGraph,
  keepNodes,
  kindOfId,
  mergeNeighbourhood,
  removeNodes,
  visibleGraph,
} from '../../../client/src/model/graph.ts';
import type { GraphNode, GraphResponse } from '../../../client/src/model/graph.ts';
import { canRedo, canUndo, initHistory, push, redo, replace, undo } from '../../../client/src/model/history.ts';
import { applyOp, compactOps, deriveGraph, emptyDoc, requiredNeighbourhoods } from '../../../client/src/model/view.ts';
import type { Op } from '../../../client/src/model/view.ts';

const cable = (key: string, extra: Partial<GraphNode> = {}): GraphNode => ({ id: `cable:${key}`, kind: 'cable', key, label: key, degree: 3, inCorpus: true, ...extra });
const post = (key: string): GraphNode => ({ id: `post:${key}`, kind: 'post', key, label: key, degree: 10 });
const tag = (key: string): GraphNode => ({ id: `tag:${key}`, kind: 'tag', key, label: key, degree: 20 });

const A: GraphResponse = {
  center: 'cable:07LONDON3923',
  total: 4,
  truncated: false,
  nodes: [cable('07LONDON3923'), post('LONDON'), tag('PREL'), cable('07LONDON3175', { inCorpus: false })],
  links: [
    { source: 'cable:07LONDON3923', target: 'post:LONDON', type: 'FROM' },
    { source: 'cable:07LONDON3923', target: 'tag:PREL', type: 'TAGGED' },
    { source: 'cable:07LONDON3923', target: 'cable:07LONDON3175', type: 'REFERENCES' },
  ],
};
const L: GraphResponse = {
  center: 'post:LONDON',
  total: 3,
  truncated: false,
  nodes: [post('LONDON'), cable('07LONDON3923'), cable('07LONDON3175'), cable('08LONDON1')],
  links: [
    { source: 'cable:07LONDON3923', target: 'post:LONDON', type: 'FROM' },
    { source: 'cable:07LONDON3175', target: 'post:LONDON', type: 'FROM' },
    { source: 'cable:08LONDON1', target: 'post:LONDON', type: 'FROM' },
    { source: 'cable:08LONDON1', target: 'cable:MISSING', type: 'REFERENCES' },
  ],
};
const responses = new Map([
  [A.center, A],
  [L.center, L],
]);
const lookup = (id: string) => responses.get(id);

describe('graph merge', () => {
  it('adds nodes and links once, remembering where new nodes came from', () => {
    const first = mergeNeighbourhood(emptyGraph(), A);
    assert.deepEqual(first.added, A.nodes.map((n) => n.id));
    assert.equal(first.graph.links.size, 3);
    assert.equal(first.graph.origin.get('post:LONDON'), 'cable:07LONDON3923');
    assert.equal(first.graph.origin.has('cable:07LONDON3923'), false);

    const second = mergeNeighbourhood(first.graph, L);
    assert.deepEqual(second.added, ['cable:08LONDON1']);
    assert.equal(second.graph.origin.get('cable:08LONDON1'), 'post:LONDON');
    // Existing origins are kept: the node stays attributed to the first expansion.
    assert.equal(second.graph.origin.get('post:LONDON'), 'cable:07LONDON3923');
    // The FROM link of 07LONDON3923 appears in both responses but is stored once.
    assert.equal(second.graph.links.size, 5);
    // A link to a node that is not in the graph is dropped.
    assert.ok(![...second.graph.links.values()].some((l) => l.target === 'cable:MISSING'));
    // A stub upgraded by a later response is refreshed.
    assert.equal(second.graph.nodes.get('cable:07LONDON3175')?.inCorpus, true);
    // Immutability: the first graph is untouched.
    assert.equal(first.graph.nodes.size, 4);
  });

  it('removes nodes with their links, and keeps only given nodes', () => {
    const g = mergeNeighbourhood(mergeNeighbourhood(emptyGraph(), A).graph, L).graph;
    const r = removeNodes(g, ['post:LONDON']);
    assert.equal(r.nodes.has('post:LONDON'), false);
    assert.ok([...r.links.values()].every((l) => l.source !== 'post:LONDON' && l.target !== 'post:LONDON'));
    const k = keepNodes(g, ['cable:07LONDON3923', 'tag:PREL']);
    assert.deepEqual([...k.nodes.keys()], ['cable:07LONDON3923', 'tag:PREL']);
    assert.equal(k.links.size, 1);
  });

  it('filters by node kind and link type without touching the data', () => {
    const g = mergeNeighbourhood(emptyGraph(), A).graph;
    const v = visibleGraph(g, { hiddenKinds: ['tag'], hiddenLinks: ['REFERENCES'] });
    assert.deepEqual(countByKind(v), { cable: 2, post: 1, tag: 0 });
    assert.deepEqual([...v.links.values()].map((l) => l.type), ['FROM']);
    assert.equal(g.nodes.size, 4);
    assert.equal(adjacency(v).get('cable:07LONDON3175')?.size, 0);
  });

  it('parses node ids', () => {
    assert.equal(kindOfId('cable:07LONDON3923'), 'cable');
    assert.equal(kindOfId('tag:CLINTON, HILLARY'), 'tag');
    assert.equal(kindOfId('nonsense'), null);
    assert.equal(kindOfId('foo:bar'), null);
  });
});

describe('operation log', () => {
  const ops: Op[] = [
    { t: 'seed', id: 'cable:07LONDON3923', add: false },
    { t: 'expand', id: 'post:LONDON' },
    { t: 'dismiss', ids: ['tag:PREL'] },
  ];

  it('derives the graph deterministically from the log', () => {
    const d1 = deriveGraph(ops, lookup);
    const d2 = deriveGraph(ops, lookup);
    assert.deepEqual([...d1.graph.nodes.keys()], [...d2.graph.nodes.keys()]);
    assert.deepEqual([...d1.graph.nodes.keys()], ['cable:07LONDON3923', 'post:LONDON', 'cable:07LONDON3175', 'cable:08LONDON1']);
    assert.deepEqual([...d1.expanded], ['cable:07LONDON3923', 'post:LONDON']);
    assert.deepEqual([...d1.seeds], ['cable:07LONDON3923']);
    assert.deepEqual(d1.missing, []);
  });

  it('reports missing neighbourhoods and skips their ops', () => {
    const d = deriveGraph(ops, (id) => (id === A.center ? A : undefined));
    assert.deepEqual(d.missing, ['post:LONDON']);
    assert.equal(d.graph.nodes.has('cable:08LONDON1'), false);
  });

  it('a fresh seed clears what came before; an added seed keeps it', () => {
    const fresh = deriveGraph([...ops, { t: 'seed', id: 'post:LONDON', add: false }], lookup);
    assert.deepEqual([...fresh.seeds], ['post:LONDON']);
    assert.equal(fresh.graph.nodes.has('tag:PREL'), false);
    assert.equal(compactOps([...ops, { t: 'seed', id: 'post:LONDON', add: false }]).length, 1);
    const added = deriveGraph([{ t: 'seed', id: 'cable:07LONDON3923', add: false }, { t: 'seed', id: 'post:LONDON', add: true }], lookup);
    assert.deepEqual([...added.seeds], ['cable:07LONDON3923', 'post:LONDON']);
    assert.deepEqual(requiredNeighbourhoods(ops), ['cable:07LONDON3923', 'post:LONDON']);
  });

  it('keep-only drops the rest and forgets dismissed expansions', () => {
    const d = deriveGraph([...ops, { t: 'keep', ids: ['post:LONDON', 'cable:08LONDON1'] }], lookup);
    assert.deepEqual([...d.graph.nodes.keys()], ['post:LONDON', 'cable:08LONDON1']);
    assert.deepEqual([...d.expanded], ['post:LONDON']);
  });

  it('applyOp updates selection and pins consistently', () => {
    let doc = applyOp(emptyDoc(), { t: 'seed', id: 'cable:07LONDON3923', add: false });
    assert.equal(doc.selected, 'cable:07LONDON3923');
    doc = { ...doc, pinned: { 'post:LONDON': [1, 2], 'tag:PREL': [3, 4] } };
    doc = applyOp(doc, { t: 'dismiss', ids: ['tag:PREL', 'cable:07LONDON3923'] });
    assert.equal(doc.selected, null);
    assert.deepEqual(doc.pinned, { 'post:LONDON': [1, 2] });
    doc = applyOp(doc, { t: 'seed', id: 'post:LONDON', add: false });
    assert.deepEqual(doc.ops, [{ t: 'seed', id: 'post:LONDON', add: false }]);
    assert.deepEqual(doc.pinned, {});
  });
});

describe('history', () => {
  it('undoes and redoes, and a new step clears the redo stack', () => {
    let h = initHistory(0);
    h = push(h, 1);
    h = push(h, 2);
    assert.equal(undo(h).present, 1);
    assert.equal(undo(undo(h)).present, 0);
    assert.equal(undo(undo(undo(h))).present, 0);
    assert.equal(redo(undo(h)).present, 2);
    const branched = push(undo(h), 5);
    assert.equal(canRedo(branched), false);
    assert.deepEqual(branched.past, [0, 1]);
    assert.equal(canUndo(initHistory(0)), false);
    // replace changes the present without a step
    assert.deepEqual(replace(h, 9).past, [0, 1]);
  });
});
