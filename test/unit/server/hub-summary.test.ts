import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseListed } from '../../../server/src/queries/graph.ts';
import { readExplorerSettings } from '../../../server/src/settings.ts';

describe('which neighbour groups are drawn and which summarised', () => {
  const groups = (...totals: number[]) => totals.map((total, i) => ({ name: `g${i}`, total }));
  const names = (s: Set<{ name: string }>) => [...s].map((g) => g.name);

  test('a group above the threshold is summarised, the rest listed in order', () => {
    assert.deepEqual(names(chooseListed(groups(1, 215, 14, 5), 40, 60)), ['g0', 'g2', 'g3']);
  });

  test('a group that does not fit in what is left of the budget is summarised whole, later small ones still fit', () => {
    assert.deepEqual(names(chooseListed(groups(30, 35, 20, 40), 40, 60)), ['g0', 'g2']);
  });

  test('never more than the maximum, whatever the groups', () => {
    for (let seed = 1; seed < 200; seed++) {
      const totals = Array.from({ length: 10 }, (_, i) => ((seed * 7919 + i * 104729) % 97));
      const listed = chooseListed(groups(...totals), 40, 60);
      assert.ok([...listed].reduce((a, g) => a + g.total, 0) <= 60);
      for (const g of listed) assert.ok(g.total <= 40 && g.total > 0);
    }
  });
});

describe('explorer settings', () => {
  test('defaults: summaries above 40 neighbours, at most 60 new nodes', () => {
    assert.deepEqual(readExplorerSettings({}), { hubThreshold: 40, maxNewNodes: 60 });
  });
  test('read from the environment and validated with a message naming the variable', () => {
    assert.deepEqual(readExplorerSettings({ CABLESCOPE_HUB_THRESHOLD: '25', CABLESCOPE_MAX_NEW_NODES: '100' }), { hubThreshold: 25, maxNewNodes: 100 });
    assert.throws(() => readExplorerSettings({ CABLESCOPE_MAX_NEW_NODES: 'lots' }), /CABLESCOPE_MAX_NEW_NODES/);
    assert.throws(() => readExplorerSettings({ CABLESCOPE_HUB_THRESHOLD: '0' }), /CABLESCOPE_HUB_THRESHOLD/);
  });
});
