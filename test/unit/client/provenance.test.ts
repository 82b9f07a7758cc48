import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeOp, methodsLog } from '../../../client/src/model/provenance.ts';

/** Names of posts and tags (GraphNode.name); cables have none. */
const labels: Record<string, string> = { 'post:LONDON': 'Embassy London' };
const label = (id: string) => labels[id];

describe('methods log', () => {
  it('describes each step in words', () => {
    assert.equal(describeOp({ t: 'seed', id: 'cable:07LONDON3923', add: false }, label), 'Started a new view from cable 07LONDON3923 and its neighbourhood.');
    assert.equal(describeOp({ t: 'expand', id: 'post:LONDON' }, label), 'Expanded post LONDON (Embassy London): merged its neighbourhood.');
    assert.equal(describeOp({ t: 'dismiss', ids: ['tag:PREL'] }, label), 'Dismissed tag PREL.');
    assert.equal(describeOp({ t: 'keep', ids: ['tag:PREL', 'tag:UK'] }, label), 'Kept only 2 nodes: tag PREL; tag UK.');
  });

  it('lists steps, filters and the reproducing link', () => {
    const log = methodsLog({
      ops: [{ t: 'seed', id: 'cable:07LONDON3923', add: false }, { t: 'expand', id: 'post:LONDON' }],
      filters: { hiddenKinds: ['tag'], hiddenLinks: [] },
      url: 'http://x/#v=1',
      counts: { nodes: 10, links: 12 },
      label,
      at: '2026-01-01T00:00:00Z',
    });
    assert.match(log, /^Cablescope exploration log\nMade: 2026-01-01T00:00:00Z\nView: http:\/\/x\/#v=1\n/);
    assert.match(log, /1\. Started a new view from cable 07LONDON3923/);
    assert.match(log, /2\. Expanded post LONDON/);
    assert.match(log, /Filters: hidden node types: tag\./);
  });
});
