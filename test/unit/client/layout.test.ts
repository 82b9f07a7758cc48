import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeNear } from '../../../client/src/layout/placement.ts';
import { ForceLayout } from '../../../client/src/layout/simulation.ts';
import type { LayoutLinkInput, LayoutNodeInput } from '../../../client/src/layout/simulation.ts';

function star(n: number, prefix = 'c'): { nodes: LayoutNodeInput[]; links: LayoutLinkInput[] } {
  const nodes: LayoutNodeInput[] = [{ id: 'post:HUB', x: 0, y: 0, r: 10 }];
  const links: LayoutLinkInput[] = [];
  for (let i = 0; i < n; i++) {
    const id = `cable:${prefix}${i}`;
    const p = placeNear({ x: 0, y: 0 }, id, 50);
    nodes.push({ id, ...p, r: 5 });
    links.push({ source: id, target: 'post:HUB', type: 'FROM' });
  }
  return { nodes, links };
}

function run(l: ForceLayout): number {
  let ticks = 0;
  while (l.running && ticks < 2000) {
    l.tick(1);
    ticks++;
  }
  return ticks;
}

describe('force layout', () => {
  it('is deterministic for the same input', () => {
    const a = new ForceLayout();
    const b = new ForceLayout();
    const { nodes, links } = star(30);
    a.update(nodes, links, { holdExisting: false, alpha: 1 });
    b.update(nodes, links, { holdExisting: false, alpha: 1 });
    run(a);
    run(b);
    assert.deepEqual([...a.positions()], [...b.positions()]);
  });

  it('cools down in a bounded number of ticks and does not move without energy', () => {
    const l = new ForceLayout();
    const { nodes, links } = star(20);
    l.update(nodes, links, { holdExisting: false, alpha: 1 });
    const ticks = run(l);
    assert.ok(ticks > 50 && ticks < 400, `ticks ${ticks}`);
    const before = [...l.positions()];
    l.update(nodes, links, { holdExisting: false, alpha: 0 });
    assert.equal(l.running, false);
    assert.deepEqual([...l.positions()], before);
  });

  it('holds existing nodes still while new ones settle, then releases them', () => {
    const l = new ForceLayout();
    const first = star(10);
    l.update(first.nodes, first.links, { holdExisting: false, alpha: 1 });
    run(l);
    const ids = l.ids();
    const before = l.positions();
    const more = star(15, 'n');
    const nodes = [...ids.map((id, i) => ({ id, x: before[2 * i] as number, y: before[2 * i + 1] as number, r: id === 'post:HUB' ? 10 : 5 })), ...more.nodes.slice(1)];
    l.update(nodes, [...first.links, ...more.links], { holdExisting: true, alpha: 0.5 });
    run(l);
    const after = l.positions();
    for (let i = 0; i < ids.length * 2; i++) assert.equal(after[i], before[i]);
    assert.equal(l.ids().length, 26);
  });

  it('keeps pinned nodes where they were pinned', () => {
    const l = new ForceLayout();
    const { nodes, links } = star(10);
    nodes[0] = { ...nodes[0]!, pin: [300, -200] };
    l.update(nodes, links, { holdExisting: false, alpha: 1 });
    run(l);
    assert.deepEqual([...l.positions().slice(0, 2)], [300, -200]);
  });
});

describe('keyboard traversal', () => {
  it('prefers neighbours in the arrow direction, then any node', async () => {
    const { navigate, pickInDirection } = await import('../../../client/src/model/navigate.ts');
    const from = { id: 'a', x: 0, y: 0 };
    const nodes = [
      { id: 'right-near', x: 50, y: 10 },
      { id: 'right-far', x: 200, y: 0 },
      { id: 'up', x: 5, y: -80 },
      { id: 'diag', x: 60, y: 60 },
    ];
    assert.equal(pickInDirection(from, 'right', nodes), 'right-near');
    assert.equal(pickInDirection(from, 'up', nodes), 'up');
    assert.equal(pickInDirection(from, 'left', nodes), null);
    // 'diag' is at 45°: it counts for down, as the only candidate there.
    assert.equal(pickInDirection(from, 'down', nodes), 'diag');
    assert.equal(navigate(from, 'right', [nodes[1]!], nodes), 'right-far');
    assert.equal(navigate(from, 'up', [nodes[1]!], nodes), 'up');
  });
});

describe('placement', () => {
  it('places expansion nodes on the side facing away from the graph', async () => {
    const { placeOutward, centroid } = await import('../../../client/src/layout/placement.ts');
    const parent = { x: 100, y: 0 };
    const centre = centroid([{ x: 0, y: 0 }, { x: -10, y: 5 }, { x: 10, y: -5 }]);
    for (let i = 0; i < 50; i++) {
      const p = placeOutward(parent, centre, `cable:X${i}`, 60);
      assert.ok(p.x > parent.x - 5, `node ${i} at ${p.x},${p.y} faces the graph`);
      assert.deepEqual(placeOutward(parent, centre, `cable:X${i}`, 60), p, 'deterministic');
    }
    assert.equal(centroid([]), null);
  });
});
