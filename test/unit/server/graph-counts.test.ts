import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LINK_TYPES, NODE_KINDS, NODES, THREAD } from '../../../server/src/graph/schema.ts';
import { GRAPH_COUNT_CALLS, GRAPH_COUNTS_MAP } from '../../../server/src/queries/graph-counts.ts';

test('the one count query counts every schema label and link type, and the stubs, once each', () => {
  const labels = [...GRAPH_COUNT_CALLS.matchAll(/MATCH \(x:(\w+)\)/g)].map((m) => m[1]);
  assert.deepEqual(labels, [...NODE_KINDS.map((k) => NODES[k].label), THREAD.label]);
  const types = [...GRAPH_COUNT_CALLS.matchAll(/MATCH \(\)-\[r:(\w+)\]->\(\)/g)].map((m) => m[1]);
  assert.deepEqual(types, [...LINK_TYPES]);
  assert.equal(GRAPH_COUNT_CALLS.match(/inCorpus = false/g)?.length, 1);
  for (const name of [...labels, ...types]) assert.match(GRAPH_COUNTS_MAP, new RegExp(`\\b${name}: \\w+_${name}\\b`));
});
