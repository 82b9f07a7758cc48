/**
 * Commands over a real store with stand-ins for the graph view and the page; the keyboard map
 * and the context menu resolve to commands that exist and do what the help says.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS, leavesOf, runCommand, runEntry } from '../../../client/src/commands.ts';
import type { CommandContext, GraphViewPort, UiPort } from '../../../client/src/commands.ts';
import { KEYMAP, NODE_MENU, menuItems, referencedCommands, resolveKey } from '../../../client/src/keymap.ts';
import type { KeyPress } from '../../../client/src/keymap.ts';
import { DEFAULT_SETTINGS } from '../../../client/src/settings.ts';
import { makeStore } from './store-fixture.ts';

async function seeded() {
  const made = makeStore();
  const calls: string[] = [];
  const graph: GraphViewPort = {
    position: (id) => ({ x: id.length, y: 1 }),
    center: (id) => calls.push(`center ${id}`),
    fit: () => calls.push('fit'),
    zoomBy: (f) => calls.push(`zoom ${f.toFixed(2)}`),
    fitWhenSettled: () => calls.push('fit later'),
    reheat: () => calls.push('reheat'),
    openExpandMenu: (node) => calls.push(`expand menu ${node.id}`),
    step: (dir) => (calls.push(`step ${dir}`), true),
  };
  let menusOpen = 0;
  const ui: UiPort = {
    focusSearch: () => calls.push('search'),
    openHelp: () => calls.push('help'),
    closeMenus: () => (calls.push('close menus'), menusOpen-- > 0),
    toast: (m) => calls.push(`toast ${m}`),
    exportView: (t) => calls.push(`export ${t}`),
    toggleWideReading: () => calls.push('wide'),
  };
  const ctx: CommandContext = { store: made.store, graph, ui, settings: DEFAULT_SETTINGS };
  runCommand(ctx, 'search.pick', { hit: { id: 'cable:07LONDON3923', kind: 'cable', key: '07LONDON3923', label: '07LONDON3923', detail: null }, add: false });
  await made.settle();
  calls.length = 0;
  return { ...made, ctx, calls };
}

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, typing: false, onCanvas: false, ...extra });

describe('commands', () => {
  it('picks a search hit into a fresh view and fits it once laid out', async () => {
    const { store, ctx, calls, settle } = await seeded();
    assert.equal(store.visible.nodes.size, 3);
    runCommand(ctx, 'search.pick', { hit: { id: 'post:LONDON', kind: 'post', key: 'LONDON', label: 'LONDON', detail: null }, add: false });
    // Already in view: selected and centred rather than starting over.
    assert.equal(store.doc.selected, 'post:LONDON');
    assert.deepEqual(calls, ['center post:LONDON']);
    assert.equal(store.doc.ops.length, 1);
    await settle();
  });

  it('expands the selection, and adds a node that is not in view', async () => {
    const { store, ctx, calls, settle } = await seeded();
    store.select('post:LONDON');
    runCommand(ctx, 'node.expand');
    await settle();
    assert.ok(store.visible.nodes.has('cable:08LONDON1'));
    assert.deepEqual(store.doc.ops.at(-1), { t: 'expand', id: 'post:LONDON' });
    // Expanding again adds nothing, so no step is recorded.
    runCommand(ctx, 'node.expand');
    assert.equal(store.doc.ops.length, 2);
    runCommand(ctx, 'node.expand', { ids: ['tag:NOWHERE'] });
    assert.deepEqual(store.doc.ops.at(-1), { t: 'seed', id: 'tag:NOWHERE', add: true });
    assert.ok(calls.includes('fit later'));
    await settle();
  });

  it('Shift+Delete keeps one node with its neighbours, or exactly the selected nodes', async () => {
    const { store, ctx, settle } = await seeded();
    store.select('post:LONDON');
    runCommand(ctx, 'node.expand');
    await settle();
    assert.equal(store.visible.nodes.size, 4);
    store.select('cable:07LONDON3175');
    assert.equal(runCommand(ctx, 'node.dismissOthers'), true);
    assert.deepEqual([...store.visible.nodes.keys()].sort(), ['cable:07LONDON3175', 'cable:07LONDON3923']);
    store.undo();
    store.select('cable:08LONDON1');
    store.toggleSelected('cable:07LONDON3175');
    runCommand(ctx, 'node.dismissOthers');
    assert.deepEqual([...store.visible.nodes.keys()].sort(), ['cable:07LONDON3175', 'cable:08LONDON1']);
  });

  it('dismisses, collapses and reports when there is nothing to collapse', async () => {
    const { store, ctx, calls } = await seeded();
    assert.deepEqual(leavesOf(ctx, 'cable:07LONDON3923'), ['post:LONDON', 'cable:07LONDON3175']);
    runCommand(ctx, 'node.collapse', { id: 'post:LONDON' });
    assert.deepEqual(calls, ['toast Nothing to collapse: every neighbour is connected to something else.']);
    runCommand(ctx, 'node.collapse', { id: 'cable:07LONDON3923' });
    assert.deepEqual([...store.visible.nodes.keys()], ['cable:07LONDON3923']);
    assert.equal(runCommand(ctx, 'node.dismiss', { ids: ['cable:07LONDON3923'] }), true);
    assert.equal(store.visible.nodes.size, 0);
    assert.equal(store.doc.selected, null);
    assert.equal(runCommand(ctx, 'node.dismiss'), false, 'nothing selected: the key is left to the browser');
  });

  it('pins at the layout position and releases with a nudge', async () => {
    const { store, ctx, calls } = await seeded();
    runCommand(ctx, 'node.pin', { ids: ['post:LONDON'] });
    assert.deepEqual(store.doc.pinned, { 'post:LONDON': ['post:LONDON'.length, 1] });
    runCommand(ctx, 'node.pin', { ids: ['post:LONDON'] });
    assert.deepEqual(store.doc.pinned, {});
    assert.deepEqual(calls, ['reheat']);
  });

  it('a click selects without expanding; a double-click expands; Shift adds to the selection', async () => {
    const { store, ctx, settle } = await seeded();
    const ops = store.doc.ops.length;
    runCommand(ctx, 'canvas.click', { id: 'post:LONDON', shift: false });
    assert.equal(store.doc.selected, 'post:LONDON');
    assert.equal(store.doc.ops.length, ops, 'a click adds nothing to the view');
    runCommand(ctx, 'canvas.doubleClick', { id: 'post:LONDON' });
    assert.deepEqual(store.doc.ops.at(-1), { t: 'expand', id: 'post:LONDON' });
    await settle();
    runCommand(ctx, 'canvas.click', { id: 'cable:07LONDON3175', shift: true });
    assert.deepEqual(store.doc.marked, ['post:LONDON', 'cable:07LONDON3175']);
    runCommand(ctx, 'canvas.click', { id: null, shift: false });
    assert.equal(store.doc.selected, null);
  });

  it('toggles filters and the citation view as undoable steps', async () => {
    const { store, ctx } = await seeded();
    runCommand(ctx, 'filters.toggle', { kind: 'post' });
    assert.deepEqual(store.doc.filters.hiddenKinds, ['post']);
    runCommand(ctx, 'cite.toggle');
    assert.deepEqual(store.doc.cite, { root: 'cable:07LONDON3923', depth: 2 });
    runCommand(ctx, 'cite.depth', { depth: 3 });
    assert.deepEqual(store.doc.cite, { root: 'cable:07LONDON3923', depth: 3 });
    runCommand(ctx, 'cite.close');
    assert.equal(store.doc.cite, null);
    store.undo();
    store.undo();
    store.undo();
    store.undo();
    assert.deepEqual(store.doc.filters.hiddenKinds, []);
  });
});

describe('keyboard map and context menu', () => {
  it('point only at commands that exist', () => {
    for (const id of referencedCommands()) assert.ok(COMMANDS[id], id);
    for (const b of KEYMAP) assert.equal(COMMANDS[b.command].id, b.command);
  });

  it('give each key press one meaning', () => {
    const seen = new Map<string, string>();
    for (const b of KEYMAP)
      for (const key of b.keys)
        for (const shift of b.shift === undefined ? [false, true] : [b.shift]) {
          const sig = `${key}|${!!b.mod}|${shift}|${!!b.onCanvas}`;
          assert.ok(!seen.has(sig), `${sig} bound to ${seen.get(sig)} and ${b.command}`);
          seen.set(sig, b.command);
        }
  });

  it('resolve keys as the help describes them', () => {
    assert.equal(resolveKey(press('e'))?.command, 'node.expand');
    assert.equal(resolveKey(press('E', { shiftKey: true }))?.command, 'node.expand');
    assert.equal(resolveKey(press('Delete'))?.command, 'node.dismiss');
    assert.equal(resolveKey(press('Delete', { shiftKey: true }))?.command, 'node.dismissOthers');
    assert.equal(resolveKey(press('z', { ctrlKey: true }))?.command, 'history.undo');
    assert.equal(resolveKey(press('Z', { metaKey: true, shiftKey: true }))?.command, 'history.redo');
    assert.equal(resolveKey(press('Enter')), null, 'Enter expands only on the canvas');
    assert.equal(resolveKey(press('Enter', { onCanvas: true }))?.command, 'node.expand');
    assert.deepEqual(resolveKey(press('ArrowLeft'))?.args, { dir: 'left' });
    assert.equal(resolveKey(press('e', { typing: true })), null);
    assert.equal(resolveKey(press('e', { ctrlKey: true })), null);
    assert.equal(resolveKey(press('e', { altKey: true })), null);
  });

  it('run the bound command and report whether the browser default must stop', async () => {
    const { store, ctx, calls } = await seeded();
    const fire = (p: KeyPress) => {
      const b = resolveKey(p);
      return b ? runEntry(ctx, b.command, b.args) : null;
    };
    assert.equal(fire(press('/')), true);
    assert.equal(fire(press('ArrowRight')), true);
    assert.equal(fire(press('f')), false);
    assert.deepEqual(calls, ['search', 'step right', 'fit']);
    store.select(null);
    assert.equal(fire(press('Backspace')), false);
  });

  it('build the node menu from the table: single node, then a multi-selection', async () => {
    const { store, ctx } = await seeded();
    const single = menuItems(ctx, 'cable:07LONDON3923');
    assert.deepEqual(single.map((i) => i.label), ['Expand', 'Expand by…', 'Citation chain', 'Pin here', 'Center', 'Collapse (2 leaves)', 'Dismiss', 'Dismiss others']);
    assert.equal(single[0]?.disabled, true, 'already expanded');
    assert.equal(menuItems(ctx, 'post:LONDON').some((i) => i.label === 'Citation chain'), false);
    store.select('post:LONDON');
    store.toggleSelected('cable:07LONDON3175');
    const group = menuItems(ctx, 'post:LONDON');
    assert.deepEqual(group.slice(-3).map((i) => [i.label, i.command, i.args]), [
      ['Expand the 2 selected', 'node.expand', { ids: ['post:LONDON', 'cable:07LONDON3175'] }],
      ['Dismiss the 2 selected', 'node.dismiss', { ids: ['post:LONDON', 'cable:07LONDON3175'] }],
      ['Keep only the 2 selected', 'node.keepOnly', { ids: ['post:LONDON', 'cable:07LONDON3175'] }],
    ]);
    const keep = group.at(-1)!;
    runEntry(ctx, keep.command, keep.args);
    assert.deepEqual([...store.visible.nodes.keys()].sort(), ['cable:07LONDON3175', 'post:LONDON']);
    for (const e of NODE_MENU) assert.ok(KEYMAP.some((b) => b.command === e.command) || e.command === 'node.keepOnly', `${e.command} has a key`);
  });
});
