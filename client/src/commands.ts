/**
 * Every user action as a named command: an id, a label (what menus and help call it) and
 * `run(ctx, args)`. Keys (keymap.ts), the context menu (keymap.ts), toolbar buttons, panels and
 * canvas clicks all go through `runCommand`, so an action exists once whatever triggers it.
 *
 * Commands act on the store (the view document) and on the graph view (camera, layout); they
 * get both through `CommandContext`, so they run under node:test with stand-ins.
 */
import type { SearchHit } from '../../server/src/api/types.ts';
import { adjacency } from './model/graph.ts';
import type { ColourBy, GraphNode, LinkType, NodeKind, SizeMetric } from './model/graph.ts';
import type { Direction } from './model/navigate.ts';
import { selection } from './model/view.ts';
import { encodeSpec } from './model/expand-spec.ts';
import { drillSpec, isSummary, type Slice, type SummaryInfo } from './model/summary.ts';
import { showsFront } from './model/front.ts';
import type { FrontScope } from './model/front.ts';
import type { ClientSettings } from './settings.ts';
import type { ViewStore } from './store.ts';

/** What an export button asks for (panels/export.ts kinds, the methods log, the link). */
export type ExportTarget = 'png' | 'svg' | 'json' | 'nodes-csv' | 'links-csv' | 'graphml' | 'log' | 'link';

/** The graph view as commands see it: camera, layout positions, the expand menu. */
export interface GraphViewPort {
  /** Where the layout holds a node (null when it is not laid out). */
  position(id: string): { x: number; y: number } | null;
  center(id: string, zoomIn?: boolean): void;
  fit(): void;
  zoomBy(factor: number): void;
  /** Fits the graph once the layout settles (after a new seed). */
  fitWhenSettled(): void;
  /** Gives the layout a little energy (after a pin is released). */
  reheat(alpha: number): void;
  /** Opens the expand-by menu next to a node (at the pointer when given). */
  openExpandMenu(node: GraphNode, at?: { clientX: number; clientY: number }): void;
  /** Moves the selection to the node an arrow points to; false when there is none. */
  step(dir: Direction): boolean;
}

/** The page around the graph: search box, help, menus, toasts, exports. */
export interface UiPort {
  focusSearch(): void;
  openHelp(): void;
  /** Closes the topmost open thing (help, a menu); true when something was open. */
  closeMenus(): boolean;
  toast(message: string): void;
  exportView(target: ExportTarget): void;
  /** Wide reading mode for the cable text on or off. */
  toggleWideReading(): void;
}

export interface CommandContext {
  store: ViewStore;
  graph: GraphViewPort;
  ui: UiPort;
  settings: ClientSettings;
}

export interface Command<A = void> {
  id: string;
  label: string;
  /** Returns true when it did something (a key binding then stops the browser's default). */
  run(ctx: CommandContext, args: A): boolean | void;
}

// ——— Helpers the commands share ———————————————————————————————————————————

const inGraph = (ctx: CommandContext, id: string): boolean => ctx.store.derived.graph.nodes.has(id);

/** True when some of the node's fetched neighbourhood is no longer in view (expanding again adds it back). */
export function partlyCollapsed(ctx: CommandContext, id: string): boolean {
  const r = ctx.store.response(id);
  return !!r && r.nodes.some((n) => !inGraph(ctx, n.id));
}

/** Whether expanding the node would add nothing. */
export const fullyExpanded = (ctx: CommandContext, id: string): boolean => ctx.store.derived.expanded.has(id) && !partlyCollapsed(ctx, id);

/** Neighbours in view that hang only on this node (what collapsing removes). */
export function leavesOf(ctx: CommandContext, id: string): string[] {
  const { derived, doc } = ctx.store;
  const adj = adjacency(derived.graph);
  return [...(adj.get(id) ?? [])].filter((n) => {
    const nb = adj.get(n);
    return !!nb && nb.size === 1 && !derived.seeds.has(n) && !doc.pinned[n];
  });
}

/** The ids a command acts on: the given ones, else every selected node. */
const targets = (ctx: CommandContext, ids?: readonly string[]): string[] => (ids ? [...ids] : selection(ctx.store.doc));

function expandOne(ctx: CommandContext, id: string): void {
  // Expanding a summary node brings in its most important members.
  const node = ctx.store.derived.graph.nodes.get(id);
  if (isSummary(node)) {
    drill(ctx, node.summary, { by: 'top' });
    return;
  }
  if (!inGraph(ctx, id)) {
    ctx.store.commit({ t: 'seed', id, add: true });
    ctx.graph.fitWhenSettled();
    return;
  }
  if (fullyExpanded(ctx, id)) return;
  ctx.store.commit({ t: 'expand', id });
}

/** Adds one slice of a summary: a selective expansion of its hub, at most the server's maximum. */
function drill(ctx: CommandContext, s: SummaryInfo, slice: Slice): void {
  if (!inGraph(ctx, s.center)) return;
  ctx.store.commit({ t: 'expandBy', id: s.center, spec: encodeSpec(drillSpec(s, slice)) });
  ctx.graph.fitWhenSettled();
}

function togglePinOne(ctx: CommandContext, id: string): void {
  const pinned = { ...ctx.store.doc.pinned };
  if (pinned[id]) delete pinned[id];
  else {
    const p = ctx.graph.position(id);
    if (!p) return;
    pinned[id] = [Math.round(p.x), Math.round(p.y)];
  }
  ctx.store.setDoc({ ...ctx.store.doc, pinned }, 'replace');
  if (!pinned[id]) ctx.graph.reheat(0.1);
}

function keepOnly(ctx: CommandContext, ids: readonly string[]): boolean {
  const keep = ids.filter((id) => inGraph(ctx, id));
  if (!keep.length || keep.length >= ctx.store.derived.graph.nodes.size) return false;
  ctx.store.commit({ t: 'keep', ids: keep });
  return true;
}

const DEFAULT_CITE_DEPTH = 2;

function setCite(ctx: CommandContext, cite: { root: string; depth: number } | null, select?: string): void {
  const doc = ctx.store.doc;
  const same = JSON.stringify(doc.cite ?? null) === JSON.stringify(cite);
  if (same && (!select || select === doc.selected)) return;
  ctx.store.setDoc({ ...doc, cite, selected: select ?? doc.selected }, 'undo');
}

// ——— The registry ————————————————————————————————————————————————————————

const ZOOM_STEP = 1.4;

function command<A = void>(id: string, label: string, run: (ctx: CommandContext, args: A) => boolean | void): Command<A> {
  return { id, label, run };
}

/** Every command, by id. */
export const COMMANDS = {
  'search.focus': command('search.focus', 'Search', (ctx) => (ctx.ui.focusSearch(), true)),
  'help.open': command('help.open', 'Keyboard shortcuts', (ctx) => (ctx.ui.openHelp(), true)),
  'reader.wide': command('reader.wide', 'Wide reading mode', (ctx) => (ctx.ui.toggleWideReading(), true)),
  'history.undo': command('history.undo', 'Undo', (ctx) => (ctx.store.undo(), true)),
  'history.redo': command('history.redo', 'Redo', (ctx) => (ctx.store.redo(), true)),
  'view.fit': command('view.fit', 'Fit the graph to the screen', (ctx) => ctx.graph.fit()),
  'view.zoomIn': command('view.zoomIn', 'Zoom in', (ctx) => ctx.graph.zoomBy(ZOOM_STEP)),
  'view.zoomOut': command('view.zoomOut', 'Zoom out', (ctx) => ctx.graph.zoomBy(1 / ZOOM_STEP)),
  'view.center': command<{ id?: string } | void>('view.center', 'Center', (ctx, a) => {
    const id = (a && a.id) ?? ctx.store.doc.selected;
    if (id) ctx.graph.center(id);
  }),
  'view.sizeBy': command<{ sizeBy: SizeMetric }>('view.sizeBy', 'Size nodes by', (ctx, a) => ctx.store.setDoc({ ...ctx.store.doc, sizeBy: a.sizeBy }, 'undo')),
  'view.colourBy': command<{ colourBy: ColourBy }>('view.colourBy', 'Colour nodes by', (ctx, a) => ctx.store.setDoc({ ...ctx.store.doc, colourBy: a.colourBy }, 'undo')),
  'view.export': command<{ target: ExportTarget }>('view.export', 'Export', (ctx, a) => ctx.ui.exportView(a.target)),

  /** Picks a search hit: a fresh view, or (add) into the current one; a node in view is selected. */
  'search.pick': command<{ hit: SearchHit; add: boolean }>('search.pick', 'Open a search result', (ctx, { hit, add }) => {
    const { store } = ctx;
    // Except in the citation view, where a searched cable re-roots the chain.
    if (store.visible.nodes.has(hit.id) && (add || !store.doc.cite)) {
      // A pick over the front page closes it (one step: back brings the front page again).
      if (store.doc.front) store.setDoc({ ...store.doc, front: null, selected: hit.id, marked: [] }, 'undo');
      else store.select(hit.id);
      ctx.graph.center(hit.id);
      return;
    }
    store.commit({ t: 'seed', id: hit.id, add });
    ctx.graph.fitWhenSettled();
  }),

  'node.select': command<{ id: string | null }>('node.select', 'Select', (ctx, a) => ctx.store.select(a.id)),
  'node.toggleSelected': command<{ id: string }>('node.toggleSelected', 'Add to the selection or take out', (ctx, a) => ctx.store.toggleSelected(a.id)),
  /** Opens an id from a panel: selects it when it is in the graph, otherwise only shows it. */
  'node.open': command<{ id: string }>('node.open', 'Read', (ctx, { id }) => {
    if (ctx.store.visible.nodes.has(id)) {
      ctx.store.select(id);
      ctx.graph.center(id, false);
    } else ctx.store.peek(id);
  }),
  'node.expand': command<{ ids?: string[] } | void>('node.expand', 'Expand', (ctx, a) => {
    for (const id of targets(ctx, a ? a.ids : undefined)) expandOne(ctx, id);
  }),
  'node.expandBy': command<{ id?: string; at?: { clientX: number; clientY: number } } | void>('node.expandBy', 'Expand by…', (ctx, a) => {
    const id = (a && a.id) ?? ctx.store.doc.selected;
    const node = id ? ctx.store.derived.graph.nodes.get(id) : undefined;
    if (node) ctx.graph.openExpandMenu(node, a ? a.at : undefined);
  }),
  'node.pin': command<{ ids?: string[] } | void>('node.pin', 'Pin or release', (ctx, a) => {
    for (const id of targets(ctx, a ? a.ids : undefined)) togglePinOne(ctx, id);
  }),
  'node.collapse': command<{ id?: string } | void>('node.collapse', 'Collapse', (ctx, a) => {
    const id = (a && a.id) ?? ctx.store.doc.selected;
    if (!id) return;
    const leaves = leavesOf(ctx, id);
    if (leaves.length) ctx.store.commit({ t: 'dismiss', ids: leaves });
    else ctx.ui.toast('Nothing to collapse: every neighbour is connected to something else.');
  }),
  'node.dismiss': command<{ ids?: string[] } | void>('node.dismiss', 'Dismiss', (ctx, a) => {
    const ids = targets(ctx, a ? a.ids : undefined);
    if (!ids.length) return false;
    const present = ids.filter((id) => inGraph(ctx, id));
    if (present.length) ctx.store.commit({ t: 'dismiss', ids: present });
    return true;
  }),
  'node.keepOnly': command<{ ids?: string[] } | void>('node.keepOnly', 'Keep only the selected', (ctx, a) => {
    keepOnly(ctx, targets(ctx, a ? a.ids : undefined));
  }),
  /**
   * Shift+Delete: with one node, dismisses everything but it and its neighbours; with several
   * selected, everything but them.
   */
  'node.dismissOthers': command<{ id?: string } | void>('node.dismissOthers', 'Dismiss all but it and its neighbours', (ctx, a) => {
    const ids = a && a.id ? [a.id] : selection(ctx.store.doc);
    if (!ids.length) return false;
    if (ids.length > 1) keepOnly(ctx, ids);
    else keepOnly(ctx, [ids[0]!, ...(adjacency(ctx.store.visible).get(ids[0]!) ?? [])]);
    return true;
  }),
  /** Esc: closes the topmost thing only (help, a menu); with nothing open, clears the selection. */
  'selection.clear': command('selection.clear', 'Close the topmost menu, else clear the selection', (ctx) => {
    if (ctx.ui.closeMenus()) return true;
    const doc = ctx.store.doc;
    if (doc.selected || doc.marked?.length) ctx.store.select(null);
    return true;
  }),
  'selection.step': command<{ dir: Direction }>('selection.step', 'Move the selection to a neighbour', (ctx, a) => ctx.graph.step(a.dir)),

  /**
   * A click on the canvas selects (Shift: adds to the selection) and so opens the reader;
   * it never expands: that is an explicit act (double-click, the Expand button, `e`).
   */
  'canvas.click': command<{ id: string | null; shift: boolean }>('canvas.click', 'Click a node', (ctx, a) => {
    ctx.ui.closeMenus();
    const { store } = ctx;
    if (a.id && a.shift) return store.toggleSelected(a.id);
    if (!a.id) {
      if (store.doc.selected || store.doc.marked?.length) store.select(null);
      return;
    }
    store.select(a.id);
  }),
  /** A double-click on a node expands it (a summary: adds its most important members). */
  'canvas.doubleClick': command<{ id: string }>('canvas.doubleClick', 'Expand', (ctx, a) => {
    ctx.store.select(a.id);
    expandOne(ctx, a.id);
  }),
  /** Adds one slice of a summary node: its most important members, one post's or one year's. */
  'summary.drill': command<{ id: string; slice: Slice }>('summary.drill', 'Add from a summary', (ctx, a) => {
    const node = ctx.store.derived.graph.nodes.get(a.id);
    if (isSummary(node)) drill(ctx, node.summary, a.slice);
  }),

  'filters.toggle': command<{ kind?: NodeKind; link?: LinkType }>('filters.toggle', 'Show or hide a kind of node or link', (ctx, f) => {
    const flt = ctx.store.doc.filters;
    const toggle = <T>(list: readonly T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
    const filters = {
      ...flt,
      hiddenKinds: f.kind ? toggle(flt.hiddenKinds, f.kind) : [...flt.hiddenKinds],
      hiddenLinks: f.link ? toggle(flt.hiddenLinks, f.link) : [...flt.hiddenLinks],
    };
    ctx.store.setDoc({ ...ctx.store.doc, filters }, 'undo');
  }),
  'filters.range': command<{ from: string | null; to: string | null }>('filters.range', 'Filter cables by date', (ctx, a) => ctx.store.setFilters({ from: a.from, to: a.to })),
  'filters.toggleClass': command<{ level: string }>('filters.toggleClass', 'Show or hide a classification', (ctx, { level }) => {
    const hidden = ctx.store.doc.filters.hiddenClasses ?? [];
    ctx.store.setFilters({ hiddenClasses: hidden.includes(level) ? hidden.filter((x) => x !== level) : [...hidden, level] });
  }),
  'filters.showAllClasses': command('filters.showAllClasses', 'Show every classification', (ctx) => ctx.store.setFilters({ hiddenClasses: [] })),
  'filters.clear': command('filters.clear', 'Clear the cable filters', (ctx) => ctx.store.setFilters({ from: null, to: null, hiddenClasses: [] })),

  /** Opens (on), closes (off) or toggles the citation view of the selected cable. */
  'cite.toggle': command<{ on?: boolean } | void>('cite.toggle', 'Citation chain', (ctx, a) => {
    const doc = ctx.store.doc;
    const open = (a && a.on) ?? !doc.cite;
    if (!open) return setCite(ctx, null);
    const sel = doc.selected;
    const root = sel && sel.startsWith('cable:') ? sel : (doc.cite?.root ?? null);
    if (root) setCite(ctx, { root, depth: doc.cite?.depth ?? DEFAULT_CITE_DEPTH });
  }),
  'cite.close': command('cite.close', 'Back to the graph', (ctx) => setCite(ctx, null)),
  'cite.recentre': command<{ id: string }>('cite.recentre', 'Make it the root of the chain', (ctx, { id }) => setCite(ctx, { root: id, depth: ctx.store.doc.cite?.depth ?? DEFAULT_CITE_DEPTH }, id)),
  'cite.depth': command<{ depth: number }>('cite.depth', 'Depth of the chain', (ctx, { depth }) => {
    const c = ctx.store.doc.cite;
    if (c && c.depth !== depth) setCite(ctx, { ...c, depth });
  }),
  /** The front page (the corpus at a glance) over the graph; again (h) goes back to the graph. */
  'front.toggle': command<{ on?: boolean } | void>('front.toggle', 'Corpus overview (front page)', (ctx, a) => {
    const doc = ctx.store.doc;
    const on = (a && a.on) ?? !showsFront(doc);
    if (on) {
      if (!doc.front) ctx.store.setDoc({ ...doc, front: {} }, 'undo');
      return true;
    }
    if (doc.ops.length === 0 && !doc.cite) {
      ctx.ui.toast('The view is empty: search or pick something on the front page first.');
      return true;
    }
    if (doc.front) ctx.store.setDoc({ ...doc, front: null }, 'undo');
    return true;
  }),
  /** Narrows the front page to a post's or a tag's cables (null: drops that part of the scope). */
  'front.scope': command<{ post?: string | null; tag?: string | null }>('front.scope', 'Narrow the front page', (ctx, a) => {
    const doc = ctx.store.doc;
    const cur: FrontScope = doc.front ?? {};
    const next: FrontScope = { ...cur };
    if (a.post !== undefined) {
      if (a.post) next.post = a.post;
      else delete next.post;
    }
    if (a.tag !== undefined) {
      if (a.tag) next.tag = a.tag;
      else delete next.tag;
    }
    if (JSON.stringify(next) === JSON.stringify(doc.front ?? null)) return;
    ctx.store.setDoc({ ...doc, front: next }, 'undo');
  }),
  /** A REF thread from the front page: its most important cable's citation chain. */
  'front.openThread': command<{ id: string }>('front.openThread', 'Open a REF thread', (ctx, { id }) => {
    ctx.store.commit({ t: 'seed', id, add: false });
    ctx.store.setDoc({ ...ctx.store.doc, cite: { root: id, depth: DEFAULT_CITE_DEPTH } }, 'replace');
  }),
  'node.expandWith': command<{ id: string; spec: string }>('node.expandWith', 'Expand by a relationship', (ctx, a) => ctx.store.commit({ t: 'expandBy', id: a.id, spec: a.spec })),
};

export type CommandId = keyof typeof COMMANDS;
export type CommandArgs<K extends CommandId> = Parameters<(typeof COMMANDS)[K]['run']>[1];

/** Runs a command by id; true when the command reports that it acted (keys then stop the browser's default). */
export function runCommand<K extends CommandId>(ctx: CommandContext, id: K, ...args: CommandArgs<K> extends void ? [] | [CommandArgs<K>] : [CommandArgs<K>]): boolean {
  const cmd = COMMANDS[id] as Command<unknown>;
  return cmd.run(ctx, args[0]) === true;
}

/** Runs a command named by a table row (key map, context menu, toolbar), with the row's arguments. */
export function runEntry(ctx: CommandContext, id: CommandId, args?: unknown): boolean {
  return (COMMANDS[id] as Command<unknown>).run(ctx, args) === true;
}

/** `runCommand` bound to a context: what views and panels are given to act with. */
export type CommandRunner = <K extends CommandId>(id: K, ...args: CommandArgs<K> extends void ? [] | [CommandArgs<K>] : [CommandArgs<K>]) => boolean;

export const commandRunner =
  (ctx: CommandContext): CommandRunner =>
  (id, ...args) =>
    runCommand(ctx, id, ...args);
