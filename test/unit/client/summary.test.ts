import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NeighbourhoodResponse } from '../../../server/src/api/types.ts';
import { decodeSpec, encodeSpec } from '../../../client/src/model/expand-spec.ts';
import { drillCount, drillSpec, isSummary, summaryNodes } from '../../../client/src/model/summary.ts';

const prel: NeighbourhoodResponse = {
  center: 'tag:PREL',
  nodes: [{ id: 'tag:PREL', kind: 'tag', key: 'PREL', label: 'PREL', degree: 215 }],
  links: [],
  total: 215,
  truncated: true,
  threshold: 40,
  maxNodes: 60,
  groups: [
    {
      type: 'TAGGED', direction: 'in', kind: 'cable', total: 215, summarised: true,
      bySender: [{ key: 'LONDON', name: 'Embassy London', count: 41 }, { key: 'MANAMA', name: 'Embassy Manama', count: 90 }],
      byYear: [{ year: 2008, count: 77 }, { year: 2009, count: 138 }],
      undated: 0,
    },
  ],
};

describe('summary nodes', () => {
  it('a summarised group becomes one node linked to the hub, "PREL: 215 cables"', () => {
    const { nodes, links } = summaryNodes(prel);
    assert.equal(nodes.length, 1);
    const s = nodes[0]!;
    assert.equal(s.label, 'PREL: 215 cables');
    assert.equal(s.kind, 'cable');
    assert.equal(s.degree, 215);
    assert.ok(isSummary(s));
    assert.deepEqual(links, [{ source: s.id, target: 'tag:PREL', type: 'TAGGED' }]);
    assert.equal(isSummary(prel.nodes[0]), false);
  });

  it('listed groups make no summary', () => {
    const listed = { ...prel, groups: prel.groups.map((g) => ({ ...g, summarised: false })) };
    assert.deepEqual(summaryNodes(listed), { nodes: [], links: [] });
  });

  it('drills: the most important N, one post, one year; never more than the maximum; specs survive the URL', () => {
    const s = summaryNodes(prel).nodes[0]!.summary;
    assert.deepEqual(drillSpec(s, { by: 'top' }), { types: ['TAGGED'], direction: 'in', order: 'importance', limit: 60 });
    assert.equal(drillCount(s, { by: 'top' }), 60);
    assert.equal(drillCount(s, { by: 'sender', key: 'LONDON' }), 41);
    assert.equal(drillCount(s, { by: 'sender', key: 'MANAMA' }), 60);
    assert.equal(drillCount(s, { by: 'year', year: 2009 }), 60);
    for (const slice of [{ by: 'top' } as const, { by: 'sender', key: 'LONDON' } as const, { by: 'year', year: 2008 } as const]) {
      const spec = drillSpec(s, slice);
      assert.deepEqual(decodeSpec(encodeSpec(spec)), spec);
    }
    assert.equal(drillSpec(s, { by: 'year', year: 2008 }).from, '2008');
    assert.equal(drillSpec(s, { by: 'sender', key: 'LONDON' }).sender, 'LONDON');
  });
});
