/**
 * The keyboard map and the node context menu as data: each row names a command (commands.ts).
 * `resolveKey` finds the binding of a key press; `menuItems` the entries a node's menu shows.
 */
import { COMMANDS, fullyExpanded, leavesOf } from './commands.ts';
import type { CommandArgs, CommandContext, CommandId } from './commands.ts';
import { selection } from './model/view.ts';

export interface KeyBinding<K extends CommandId = CommandId> {
  /** `KeyboardEvent.key` values. */
  keys: readonly string[];
  command: K;
  args?: CommandArgs<K>;
  /** Ctrl (or ⌘) must be held; without it, it must not be. */
  mod?: boolean;
  /** true/false: Shift must (not) be held; absent: either. */
  shift?: boolean;
  /** Only while the graph canvas has the focus. */
  onCanvas?: boolean;
}

const bind = <K extends CommandId>(b: KeyBinding<K>): KeyBinding => b as unknown as KeyBinding;

/** Keys never act while the user types in a field, nor with Alt held. */
export const KEYMAP: readonly KeyBinding[] = [
  bind({ keys: ['z', 'Z'], mod: true, shift: false, command: 'history.undo' }),
  bind({ keys: ['z', 'Z'], mod: true, shift: true, command: 'history.redo' }),
  bind({ keys: ['y', 'Y'], mod: true, command: 'history.redo' }),
  bind({ keys: ['/'], command: 'search.focus' }),
  bind({ keys: ['?'], command: 'help.open' }),
  bind({ keys: ['w', 'W'], command: 'reader.wide' }),
  bind({ keys: ['e', 'E'], command: 'node.expand' }),
  bind({ keys: ['Enter'], onCanvas: true, command: 'node.expand' }),
  bind({ keys: ['x', 'X'], command: 'node.expandBy' }),
  bind({ keys: ['v', 'V'], command: 'cite.toggle' }),
  bind({ keys: ['h', 'H'], command: 'front.toggle' }),
  bind({ keys: ['r', 'R'], command: 'node.collapse' }),
  bind({ keys: ['Delete', 'Backspace'], shift: false, command: 'node.dismiss' }),
  bind({ keys: ['Delete', 'Backspace'], shift: true, command: 'node.dismissOthers' }),
  bind({ keys: ['p', 'P'], command: 'node.pin' }),
  bind({ keys: ['f', 'F'], command: 'view.fit' }),
  bind({ keys: ['c', 'C'], command: 'view.center' }),
  bind({ keys: ['+', '='], command: 'view.zoomIn' }),
  bind({ keys: ['-', '_'], command: 'view.zoomOut' }),
  bind({ keys: ['Escape'], command: 'selection.clear' }),
  bind({ keys: ['ArrowLeft'], command: 'selection.step', args: { dir: 'left' } }),
  bind({ keys: ['ArrowRight'], command: 'selection.step', args: { dir: 'right' } }),
  bind({ keys: ['ArrowUp'], command: 'selection.step', args: { dir: 'up' } }),
  bind({ keys: ['ArrowDown'], command: 'selection.step', args: { dir: 'down' } }),
];

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focus is in a text field. */
  typing: boolean;
  /** The focus is on the graph canvas. */
  onCanvas: boolean;
  /** The front page covers the graph: only the keys of `FRONT_PAGE_KEYS` act. */
  frontPage?: boolean;
}

/** What the keyboard may do while the front page covers the graph (nothing that acts on the hidden graph). */
export const FRONT_PAGE_KEYS: readonly CommandId[] = ['front.toggle', 'search.focus', 'help.open', 'history.undo', 'history.redo', 'selection.clear'];

export function resolveKey(press: KeyPress, keymap: readonly KeyBinding[] = KEYMAP): KeyBinding | null {
  if (press.typing || press.altKey) return null;
  const mod = press.ctrlKey || press.metaKey;
  return (
    keymap.find(
      (b) =>
        b.keys.includes(press.key) &&
        (!press.frontPage || FRONT_PAGE_KEYS.includes(b.command)) &&
        !!b.mod === mod &&
        (b.shift === undefined || b.shift === press.shiftKey) &&
        (!b.onCanvas || press.onCanvas),
    ) ?? null
  );
}

/** What a menu entry is computed from: the node right-clicked and the selection it belongs to. */
export interface MenuContext {
  ctx: CommandContext;
  id: string;
  /** Every selected node (the node is among them when the menu acts on the selection). */
  group: readonly string[];
}

export interface MenuEntry {
  command: CommandId;
  label: (m: MenuContext) => string;
  /** The key shown next to the label (the keyboard map's binding for the same command). */
  key: string;
  args: (m: MenuContext) => unknown;
  when?: (m: MenuContext) => boolean;
  disabled?: (m: MenuContext) => boolean;
}

const several = (m: MenuContext): boolean => m.group.length > 1 && m.group.includes(m.id);
const fixed = (label: string) => () => label;

export const NODE_MENU: readonly MenuEntry[] = [
  { command: 'node.expand', label: fixed('Expand'), key: 'E', args: (m) => ({ ids: [m.id] }), disabled: (m) => fullyExpanded(m.ctx, m.id) },
  { command: 'node.expandBy', label: fixed('Expand by…'), key: 'X', args: (m) => ({ id: m.id }) },
  { command: 'cite.toggle', label: fixed('Citation chain'), key: 'V', args: () => ({ on: true }), when: (m) => m.id.startsWith('cable:') },
  { command: 'node.pin', label: (m) => (m.ctx.store.doc.pinned[m.id] ? 'Release pin' : 'Pin here'), key: 'P', args: (m) => ({ ids: [m.id] }) },
  { command: 'view.center', label: fixed('Center'), key: 'C', args: (m) => ({ id: m.id }) },
  {
    command: 'node.collapse',
    label: (m) => {
      const leaves = leavesOf(m.ctx, m.id).length;
      return leaves ? `Collapse (${leaves} leaves)` : 'Collapse';
    },
    key: 'R',
    args: (m) => ({ id: m.id }),
    disabled: (m) => leavesOf(m.ctx, m.id).length === 0,
  },
  { command: 'node.expand', label: (m) => `Expand the ${m.group.length} selected`, key: 'E', args: (m) => ({ ids: [...m.group] }), when: several },
  { command: 'node.dismiss', label: (m) => `Dismiss the ${m.group.length} selected`, key: 'Del', args: (m) => ({ ids: [...m.group] }), when: several },
  { command: 'node.keepOnly', label: (m) => `Keep only the ${m.group.length} selected`, key: '⇧Del', args: (m) => ({ ids: [...m.group] }), when: several },
  { command: 'node.dismiss', label: fixed('Dismiss'), key: 'Del', args: (m) => ({ ids: [m.id] }), when: (m) => !several(m) },
  { command: 'node.dismissOthers', label: fixed('Dismiss others'), key: '⇧Del', args: (m) => ({ id: m.id }), when: (m) => !several(m) },
];

export interface ResolvedMenuItem {
  command: CommandId;
  label: string;
  key: string;
  args: unknown;
  disabled: boolean;
}

/** The entries of a node's context menu, in order, with labels and states worked out. */
export function menuItems(ctx: CommandContext, id: string, menu: readonly MenuEntry[] = NODE_MENU): ResolvedMenuItem[] {
  const m: MenuContext = { ctx, id, group: selection(ctx.store.doc) };
  return menu
    .filter((e) => !e.when || e.when(m))
    .map((e) => ({ command: e.command, label: e.label(m), key: e.key, args: e.args(m), disabled: e.disabled?.(m) ?? false }));
}

/** Every command id the tables point at (the unit tests check each one exists). */
export const referencedCommands = (): CommandId[] => [...new Set([...KEYMAP.map((b) => b.command), ...NODE_MENU.map((e) => e.command)])];

export const commandLabel = (id: CommandId): string => COMMANDS[id].label;
