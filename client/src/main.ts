/**
 * Cablescope explorer: wiring only. The store (store.ts) owns the view document; views and
 * panels subscribe to it; every user action (keys, menus, buttons, clicks) runs a command
 * (commands.ts) through the tables of keymap.ts. See docs/architecture.md, "The client".
 */
import { Api, ApiRequestError } from './api.ts';
import { Chrome } from './chrome/chrome.ts';
import { statusParts } from './chrome/messages.ts';
import { commandRunner, runEntry } from './commands.ts';
import type { CommandContext, CommandId, ExportTarget, GraphViewPort, UiPort } from './commands.ts';
import { clear, el, must } from './dom.ts';
import { menuItems, resolveKey } from './keymap.ts';
import { communityLegend } from './model/analysis.ts';
import { countByKind, countByLinkType, keyOfId, kindOfId } from './model/graph.ts';
import { selection } from './model/view.ts';
import { exportCurrentView, exportPicture, exportSource } from './panels/export.ts';
import { labelOverlaps } from './layout/labels.ts';
import { Legend } from './panels/legend.ts';
import { SearchBox } from './panels/search.ts';
import { setWideReading, wideReading } from './panels/reader.ts';
import { classColorProperties, isStub } from './render/theme.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { ViewStore } from './store.ts';
import { ExplorerViews } from './views/explorer-views.ts';
import { FrontView } from './views/front-view.ts';
import { showsFront } from './model/front.ts';
import { GraphView } from './views/graph-view.ts';
import { ReaderView } from './views/reader-view.ts';

// The classification colours' one home is render/theme.ts; app.css reads them as custom properties.
for (const [name, value] of Object.entries(classColorProperties())) document.documentElement.style.setProperty(name, value);

const settings = DEFAULT_SETTINGS;
const api = new Api('', settings.data.apiCacheEntries);

const store = new ViewStore({
  source: { peek: (key) => api.peekGraphResponse(key), load: (key) => api.graphResponse(key) },
  url: {
    read: () => location.hash,
    write: (fragment, mode) => (mode === 'push' ? history.pushState(null, '', fragment) : history.replaceState(null, '', fragment)),
  },
  describeError: (id, e) => (e instanceof ApiRequestError && e.status === 404 ? `${keyOfId(id)} is not in the database` : e instanceof Error ? e.message : String(e)),
});

const stage = must<HTMLElement>('#stage');
const chrome = new Chrome({ stage, tooltip: must('#tooltip'), status: must('#status'), toast: must('#toast'), live: must('#sr-announce') });
const menu = must<HTMLElement>('#context-menu');
const help = must<HTMLDialogElement>('#help');
const exportMenu = must<HTMLDetailsElement>('#export-menu');

// The context is filled in below, once the views that commands act on exist.
const graphPort: GraphViewPort = {
  position: (id) => graph.position(id),
  center: (id, zoomIn) => graph.center(id, zoomIn),
  fit: () => graph.canvas.fit(),
  zoomBy: (f) => graph.canvas.zoomBy(f),
  fitWhenSettled: () => graph.fitWhenSettled(),
  reheat: (alpha) => graph.layout.reheat(alpha),
  openExpandMenu: (node, at) => views.openExpandMenu(node, at ?? graph.clientPosition(node.id) ?? fallbackAnchor()),
  step: (dir) => graph.step(dir),
};
const ui: UiPort = {
  focusSearch: () => search.focus(),
  openHelp: () => help.showModal(),
  closeMenus: () => {
    chrome.hideTooltip();
    if (help.open) return (help.close(), true);
    if (views.closeExpandMenu()) return true;
    if (!menu.hidden) return (menu.hidden = true);
    if (exportMenu.open) return !(exportMenu.open = false);
    return false;
  },
  toast: (m) => chrome.toast(m),
  toggleWideReading: () => setWideReading(!wideReading()),
  exportView: (target: ExportTarget) => void exportCurrentView(target, store, graph.layout.positions, (m) => chrome.toast(m)),
};
const ctx: CommandContext = { store, graph: graphPort, ui, settings };
const run = commandRunner(ctx);

const graph = new GraphView(stage, store, settings, {
  click: (id, ev) => run('canvas.click', { id, shift: ev.shiftKey }),
  doubleClick: (id) => run('canvas.doubleClick', { id }),
  hover: (id, ev) => {
    const n = id ? store.visible.nodes.get(id) : undefined;
    // No tooltip over an open menu: the menu is what the user is reading.
    const menuOpen = !menu.hidden || exportMenu.open || !!document.querySelector('.expand-menu:not([hidden])');
    if (n && ev && !menuOpen) chrome.showTooltip(n, ev);
    else chrome.hideTooltip();
  },
  contextMenu: (id, ev) => id && openContextMenu(id, ev),
});
const views = new ExplorerViews(stage, store, api, run, settings);
const reader = new ReaderView(must('#panel'), ctx, api, run);
const search = new SearchBox(must('#search-input'), must('#search-suggestions'), api, (hit, o) => (reader.setSearchTerms(o.query), run('search.pick', { hit, add: o.add })), (id) => store.visible.nodes.has(id));
const front = new FrontView(must('#workspace'), store, api, run);
const legend = new Legend(must('#legend'), (f) => run('filters.toggle', f), (sizeBy) => run('view.sizeBy', { sizeBy }), (colourBy) => run('view.colourBy', { colourBy }));
// Folding the legend or resizing the window changes the corner a fit keeps clear.
new ResizeObserver(() => measureLegend()).observe(must('#legend'));
new ResizeObserver(() => measureLegend()).observe(stage);

/** The legend sits in the lower left corner of the canvas: a fit keeps that corner clear (canvas.ts `fit`). */
function measureLegend(): void {
  const box = must<HTMLElement>('#legend').getBoundingClientRect();
  const canvasBox = graph.canvas.canvas.getBoundingClientRect();
  graph.canvas.corner = box.height ? { width: box.right - canvasBox.left, height: canvasBox.bottom - box.top } : { width: 0, height: 0 };
}

function fallbackAnchor(): { clientX: number; clientY: number } {
  const r = graph.canvas.canvas.getBoundingClientRect();
  return { clientX: r.left + 80, clientY: r.top + 80 };
}

/** The node menu (keymap.ts NODE_MENU): right-clicking a selected node acts on the whole selection. */
function openContextMenu(id: string, ev: MouseEvent): void {
  if (!selection(store.doc).includes(id)) store.select(id);
  else if (store.doc.selected !== id) store.setDoc({ ...store.doc, selected: id }, 'replace');
  clear(menu);
  chrome.hideTooltip();
  for (const item of menuItems(ctx, id)) {
    const b = el('button', { type: 'button', role: 'menuitem', 'data-command': item.command, ...(item.disabled ? { disabled: true } : {}) }, el('span', {}, item.label), el('kbd', {}, item.key));
    b.addEventListener('click', () => {
      menu.hidden = true;
      runEntry(ctx, item.command, item.args);
    });
    menu.append(b);
  }
  const r = stage.getBoundingClientRect();
  menu.style.left = `${Math.min(ev.clientX - r.left, r.width - 200)}px`;
  menu.style.top = `${Math.min(ev.clientY - r.top, r.height - 200)}px`;
  menu.hidden = false;
  (menu.querySelector('button:not([disabled])') as HTMLButtonElement | null)?.focus();
}

/** What every change redraws outside the views: legend, status, toolbar, empty state, announcements. */
store.subscribe((e) => {
  if (e.type === 'fetch-failed') return chrome.toast(e.message);
  // One count: the legend, the status line and the timeline count what is in view under the filters.
  const inView = store.visible;
  let stubs = 0;
  for (const n of inView.nodes.values()) if (isStub(n)) stubs++;
  const colourBy = store.doc.colourBy ?? 'kind';
  legend.render({ counts: { kinds: countByKind(inView), links: countByLinkType(inView), stubs }, filters: store.doc.filters, sizeBy: store.doc.sizeBy ?? 'degree', colourBy, communities: colourBy === 'community' ? communityLegend(inView.nodes.values(), settings.rendering.communityColours) : null });
  chrome.renderStatus(statusParts(store));
  must<HTMLButtonElement>('#btn-undo').disabled = !store.canUndo;
  must<HTMLButtonElement>('#btn-redo').disabled = !store.canRedo;
  const frontOpen = showsFront(store.doc);
  const frontButton = must<HTMLButtonElement>('#btn-front');
  frontButton.setAttribute('aria-pressed', String(frontOpen));
  frontButton.title = frontOpen ? (store.doc.ops.length || store.doc.cite ? 'Back to the graph (h)' : 'The corpus at a glance (h)') : 'The corpus at a glance (h)';
  chrome.announceSelection(store.doc.selected, store.visible);
  if (e.type === 'loaded' && !e.newView && store.doc.ops.length === 0 && !frontOpen) search.focus();
});

// ——— Buttons and keys → commands ————————————————————————————————————————

const buttons: [string, CommandId][] = [
  ['#btn-undo', 'history.undo'],
  ['#btn-redo', 'history.redo'],
  ['#btn-fit', 'view.fit'],
  ['#btn-zoom-in', 'view.zoomIn'],
  ['#btn-zoom-out', 'view.zoomOut'],
  ['#btn-help', 'help.open'],
  ['#btn-front', 'front.toggle'],
];
for (const [selector, id] of buttons) must(selector).addEventListener('click', () => runEntry(ctx, id));
exportMenu.querySelectorAll<HTMLButtonElement>('[data-export]').forEach((b) =>
  b.addEventListener('click', () => {
    exportMenu.open = false;
    run('view.export', { target: b.dataset.export as ExportTarget });
  }),
);
document.addEventListener('click', (ev) => {
  if (!menu.hidden && !menu.contains(ev.target as Node)) menu.hidden = true;
  if (exportMenu.open && !exportMenu.contains(ev.target as Node)) exportMenu.open = false;
});
document.addEventListener('keydown', (ev) => {
  const t = ev.target as HTMLElement | null;
  const typing = !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
  const binding = resolveKey({ key: ev.key, shiftKey: ev.shiftKey, ctrlKey: ev.ctrlKey, metaKey: ev.metaKey, altKey: ev.altKey, typing, onCanvas: t === graph.canvas.canvas, frontPage: front.visible });
  if (!binding) return;
  if (runEntry(ctx, binding.command, binding.args)) ev.preventDefault();
});

window.addEventListener('popstate', () => store.loadFromUrl());
store.loadFromUrl();
api.health().then(
  (h) => h.status !== 'ok' && chrome.toast('The database is unavailable; results may be missing.'),
  () => chrome.toast('The server is not reachable.'),
);

declare global {
  interface Window {
    cablescope?: ReturnType<GraphView['testHooks']> & { selected(): string | null; selection(): string[]; exportOverlaps(): ReturnType<typeof labelOverlaps> & { drawn: number } };
  }
}

window.cablescope = {
  ...graph.testHooks(),
  selected: () => store.doc.selected,
  selection: () => selection(store.doc),
  /** The label-overlap measure of what an SVG/PNG export of the view would draw. */
  exportOverlaps: () => {
    const out = exportPicture(exportSource(store, graph.layout.positions));
    return { ...labelOverlaps(out.labels, out.discs), drawn: out.labels.length };
  },
};
window.cablescopeViews = { ...views.testHooks(), ...front.testHooks() };
