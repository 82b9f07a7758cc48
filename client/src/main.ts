/**
 * Cablescope explorer: wires the model (view document + history), the layout worker,
 * the canvas renderer and the panels. The view document is the single source of truth;
 * the graph is derived from it and from the cached neighbourhood responses.
 */
import type { SearchHit } from '../../server/src/api/types.ts';
import { Api, ApiRequestError } from './api.ts';
import { append, el, clear, fmtInt, fmtDate, must } from './dom.ts';
import { LayoutEngine } from './layout/engine.ts';
import { centroid, placeBeside, placeNear, placeOutward } from './layout/placement.ts';
import type { Point } from './layout/placement.ts';
import type { LayoutNodeInput } from './layout/simulation.ts';
import { adjacency, countByKind, countByLinkType, keyOfId, kindOfId, linkKey, visibleGraph } from './model/graph.ts';
import type { Graph, GraphNode, GraphResponse, LinkType, NodeKind, SizeMetric } from './model/graph.ts';
import { canRedo, canUndo, initHistory, push, redo, replace, undo } from './model/history.ts';
import { navigate } from './model/navigate.ts';
import { methodsLog } from './model/provenance.ts';
import { exportStem } from './model/export.ts';
import type { Candidate, Direction } from './model/navigate.ts';
import type { History } from './model/history.ts';
import { attachPositions, decodeDoc, encodeDoc } from './model/url.ts';
import { applyOp, deriveGraph, emptyDoc, selection, toggleMarked } from './model/view.ts';
import type { Derived, Op, ViewDoc, Viewport } from './model/view.ts';
import { Legend } from './panels/legend.ts';
import { ExplorerViews } from './views/explorer-views.ts';
import { download, exportView } from './panels/export.ts';
import type { ExportKind } from './panels/export.ts';
import { ReaderPanel } from './panels/reader.ts';
import { SearchBox } from './panels/search.ts';
import { GraphCanvas } from './render/canvas.ts';
import { KIND_LABEL, caption, isStub, nodeRadius } from './render/theme.ts';
import { subjectOf } from './model/caption.ts';

/** Above this degree a click opens the expand menu (aggregates) instead of expanding. */
const SUPERNODE_DEGREE = 1000;

class App {
  private readonly api = new Api();
  private hist: History<ViewDoc> = initHistory(emptyDoc());
  private readonly responses = new Map<string, GraphResponse>();
  private readonly inflight = new Set<string>();
  private readonly failed = new Map<string, string>();
  private derived: Derived = deriveGraph([], () => undefined);
  private visible: Graph = this.derived.graph;
  private signature = '';
  private pending: { positions: ([number, number] | null)[]; pins: number[] } | null = null;
  private fitOnSettle = false;
  private settled = true;
  private panelOnly: string | null = null;

  private readonly layout = new LayoutEngine('layout-worker.js');
  private readonly stage = must<HTMLElement>('#stage');
  private readonly canvas: GraphCanvas;
  private readonly reader: ReaderPanel;
  private readonly search: SearchBox;
  private readonly legend: Legend;
  private readonly views: ExplorerViews;
  private readonly tooltip = must<HTMLElement>('#tooltip');
  private readonly status = must<HTMLElement>('#status');
  private readonly menu = must<HTMLElement>('#context-menu');

  constructor() {
    this.canvas = new GraphCanvas(this.stage, {
      click: (id, ev) => this.onCanvasClick(id, ev),
      hover: (id, ev) => this.onHover(id, ev),
      dragStart: (id) => this.layout.dragStart(id),
      drag: (id, x, y) => this.layout.drag(id, x, y),
      dragEnd: (id) => this.onDragEnd(id),
      viewport: (v) => this.onViewport(v),
      contextMenu: (id, ev) => id && this.openContextMenu(id, ev),
    });
    this.layout.onPositions((pos, running) => {
      this.canvas.setPositions(pos);
      if (!running && !this.settled) this.onSettled();
      this.settled = !running;
    });
    this.reader = new ReaderPanel(must('#panel'), this.api, {
      open: (id) => this.open(id),
      expand: (id) => this.expand(id),
      dismiss: (id) => this.dismiss([id]),
      togglePin: (id) => this.togglePin(id),
      focus: (id) => this.center(id),
    });
    this.search = new SearchBox(must('#search-input'), must('#search-suggestions'), this.api, (hit, o) => this.pick(hit, o.add), (id) => this.visible.nodes.has(id));
    this.legend = new Legend(must('#legend'), (f) => this.toggleFilter(f), (sizeBy) => this.setDoc({ ...this.doc, sizeBy }, 'undo'));
    this.views = new ExplorerViews({
      stage: this.stage,
      panel: must('#panel'),
      api: this.api,
      doc: () => this.doc,
      setDoc: (doc, mode) => this.setDoc(doc, mode),
      commit: (op) => this.commit(op),
      graph: () => this.derived.graph,
      protectedIds: () => [...this.derived.seeds, ...(this.doc.selected ? [this.doc.selected] : [])],
      select: (id) => this.select(id),
      open: (id) => this.open(id),
      addToGraph: (id) => this.expand(id),
    });
    window.cablescopeViews = this.views.testHooks();
    this.wireChrome();
    window.addEventListener('popstate', () => this.loadFromUrl());
    this.loadFromUrl();
    void this.checkHealth();
  }

  private get doc(): ViewDoc {
    return this.hist.present;
  }

  // ——— State transitions ————————————————————————————————————————————————

  /**
   * 'undo': a new undoable step (and a browser history entry);
   * 'replace': updates the present (selection, viewport, pins) and the URL in place.
   */
  private setDoc(doc: ViewDoc, mode: 'undo' | 'replace'): void {
    this.hist = mode === 'undo' ? push(this.hist, doc) : replace(this.hist, doc);
    this.sync();
    this.writeUrl(mode === 'undo' ? 'push' : 'replace');
  }

  /** Zoom and pan only change the URL (debounced): no re-derivation, no panel work. */
  private onViewport(v: Viewport): void {
    this.hist = replace(this.hist, { ...this.doc, viewport: v });
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => this.writeUrl('replace'), 200);
  }

  private urlTimer: ReturnType<typeof setTimeout> | undefined;

  private commit(op: Op): void {
    if (op.t === 'seed' && !op.add) this.fitOnSettle = true;
    this.panelOnly = null;
    let next = applyOp(this.doc, op);
    // In the citation view, a freshly searched cable becomes the chain's root.
    if (op.t === 'seed' && next.cite && op.id.startsWith('cable:')) next = { ...next, cite: { ...next.cite, root: op.id } };
    this.setDoc(next, 'undo');
  }

  private writeUrl(mode: 'push' | 'replace'): void {
    const hash = `#${encodeDoc(this.doc, [...this.derived.graph.nodes.keys()])}`;
    if (hash === location.hash) return;
    if (mode === 'push') history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
  }

  private loadFromUrl(): void {
    const { doc, positions, pins } = decodeDoc(location.hash);
    const sameOps = JSON.stringify(doc.ops) === JSON.stringify(this.doc.ops);
    if (doc.ops.length === 0 && this.doc.ops.length === 0) {
      this.sync();
      this.search.focus();
      return;
    }
    if (sameOps) {
      this.hist = replace(this.hist, { ...this.doc, filters: doc.filters, selected: doc.selected, viewport: doc.viewport ?? this.doc.viewport, cite: doc.cite ?? null });
    } else {
      this.hist = this.doc.ops.length ? push(this.hist, doc) : initHistory(doc);
      this.pending = positions.length ? { positions, pins } : null;
      this.fitOnSettle = !doc.viewport;
    }
    if (doc.viewport) this.canvas.setViewport(doc.viewport);
    this.sync();
  }

  /** Derives the graph from the doc, fetches what is missing, and updates every view. */
  private sync(): void {
    const doc = this.doc;
    this.derived = deriveGraph(doc.ops, (id) => this.responses.get(id));
    for (const id of this.derived.missing) void this.fetchNeighbourhood(id);

    if (this.pending && this.derived.missing.length === 0) {
      const order = [...this.derived.graph.nodes.keys()];
      this.hist = replace(this.hist, attachPositions(this.doc, order, this.pending.positions, this.pending.pins));
      this.pending = null;
    }
    this.visible = this.views.filterGraph(visibleGraph(this.derived.graph, this.doc.filters));
    const sig = this.signatureFor();
    if (sig !== this.signature && !(this.pending && this.derived.missing.length)) {
      this.signature = sig;
      this.updateLayout();
    }
    this.canvas.setState({
      graph: this.visible,
      selected: this.doc.selected,
      marked: new Set(this.doc.marked ?? []),
      sizeBy: this.sizeBy,
      expanded: this.derived.expanded,
      seeds: this.derived.seeds,
      pinned: new Set(Object.keys(this.doc.pinned)),
      loading: this.inflight,
    });
    this.renderLegend();
    this.renderStatus();
    this.renderPanel();
    must<HTMLButtonElement>('#btn-undo').disabled = !canUndo(this.hist);
    must<HTMLButtonElement>('#btn-redo').disabled = !canRedo(this.hist);
    must<HTMLElement>('#empty-state').hidden = this.doc.ops.length > 0;
    this.announceSelection();
    this.views.sync();
  }

  private updateLayout(): void {
    const known = this.layout.positions;
    const placed = new Map<string, Point>();
    const stored = this.doc.positions;
    const nodes = [...this.visible.nodes.values()];
    let fresh = 0;
    const freshIds: string[] = [];
    const centre = centroid(known.values());
    const children = new Map<string, number>();
    for (const n of nodes) {
      const o = this.derived.graph.origin.get(n.id);
      if (o && !known.has(n.id)) children.set(o, (children.get(o) ?? 0) + 1);
    }
    let fromUrl = 0;
    const posOf = (id: string): Point | undefined => known.get(id) ?? placed.get(id);
    const place = (n: GraphNode, parentFirst: boolean) => {
      if (placed.has(n.id) || known.has(n.id)) return;
      const s = stored[n.id] ?? this.doc.pinned[n.id];
      if (s) {
        placed.set(n.id, { x: s[0], y: s[1] });
        fromUrl++;
        return;
      }
      const parent = this.derived.graph.origin.get(n.id);
      const pp = parent ? posOf(parent) : undefined;
      if (parentFirst && !pp && parent && this.visible.nodes.has(parent)) return; // wait for the parent
      fresh++;
      freshIds.push(n.id);
      if (pp) {
        // Outwards from the rest of the graph, on a ring sized for the number of siblings.
        const siblings = children.get(parent ?? '') ?? 1;
        placed.set(n.id, placeOutward(pp, centre, n.id, 50 + nodeRadius(n) * 2 + 7 * Math.sqrt(siblings)));
        return;
      }
      for (const l of this.visible.links.values()) {
        const other = l.source === n.id ? l.target : l.target === n.id ? l.source : null;
        const op = other ? posOf(other) : undefined;
        if (op) {
          placed.set(n.id, placeNear(op, n.id, 60));
          return;
        }
      }
      placed.set(n.id, known.size + placed.size === 0 ? { x: 0, y: 0 } : placeNear(placeBeside([...known.values(), ...placed.values()]), n.id, 20));
    };
    for (const n of nodes) if (!this.derived.graph.origin.has(n.id)) place(n, false);
    for (const n of nodes) place(n, true);
    for (const n of nodes) place(n, false);

    const input: LayoutNodeInput[] = nodes.map((n) => {
      const p = posOf(n.id) ?? { x: 0, y: 0 };
      return { id: n.id, x: p.x, y: p.y, r: nodeRadius(n), pin: this.doc.pinned[n.id] ?? null };
    });
    const hadKnown = nodes.some((n) => known.has(n.id));
    const alpha = fresh === 0 ? (fromUrl > 0 ? 0 : 0.06) : hadKnown ? 0.4 : 0.8;
    this.settled = alpha === 0;
    this.layout.update(input, [...this.visible.links.values()], { holdExisting: hadKnown, alpha });
    this.lastFresh = hadKnown ? freshIds : [];
    if (!hadKnown && fresh > 0 && !this.doc.viewport) {
      const { width, height } = this.canvas.size;
      this.canvas.setViewport({ x: width / 2, y: height / 2, k: 1 });
    }
  }

  /** Nodes the last expansion added (for the refit check once the layout settles). */
  private lastFresh: string[] = [];

  private onSettled(): void {
    const positions: Record<string, [number, number]> = { ...this.doc.positions };
    for (const [id, p] of this.layout.positions) positions[id] = [Math.round(p.x), Math.round(p.y)];
    for (const id of Object.keys(positions)) if (!this.derived.graph.nodes.has(id)) delete positions[id];
    this.hist = replace(this.hist, { ...this.doc, positions });
    // After an expansion, refit only when most of what it added landed off-screen.
    const { width, height } = this.canvas.size;
    const off = this.lastFresh.filter((id) => {
      const p = this.canvas.screenPosition(id);
      return !p || p[0] < 0 || p[1] < 0 || p[0] > width || p[1] > height;
    }).length;
    if (this.lastFresh.length && off > this.lastFresh.length * 0.3) this.fitOnSettle = true;
    this.lastFresh = [];
    if (this.fitOnSettle) {
      this.fitOnSettle = false;
      this.canvas.fit(undefined, 500); // ends with a viewport callback that writes the URL
    } else this.writeUrl('replace');
    document.body.dataset.settled = 'true';
  }

  private async fetchNeighbourhood(id: string): Promise<void> {
    if (this.inflight.has(id) || this.failed.has(id) || this.responses.has(id)) return;
    this.inflight.add(id);
    document.body.dataset.settled = 'false';
    this.renderStatus();
    try {
      const r = id.includes('~') ? await this.views.fetchSpec(id) : await this.api.neighbourhood(id);
      this.responses.set(id, r);
    } catch (e) {
      const msg = e instanceof ApiRequestError && e.status === 404 ? `${keyOfId(id)} is not in the database` : e instanceof Error ? e.message : String(e);
      this.failed.set(id, msg);
      this.toast(`Could not load ${keyOfId(id)}: ${msg}`);
    } finally {
      this.inflight.delete(id);
    }
    this.sync();
    this.writeUrl('replace');
  }

  // ——— Commands ——————————————————————————————————————————————————————————

  private pick(hit: SearchHit, add: boolean): void {
    // A node already in view is selected and centred rather than starting over
    // (except in the citation view, where a searched cable re-roots the chain).
    if (this.visible.nodes.has(hit.id) && (add || !this.doc.cite)) {
      this.select(hit.id);
      this.center(hit.id);
      return;
    }
    this.failed.delete(hit.id);
    this.commit({ t: 'seed', id: hit.id, add });
    if (add) this.fitOnSettle = true;
  }

  private get sizeBy(): SizeMetric {
    return this.doc.sizeBy ?? 'degree';
  }

  private select(id: string | null): void {
    this.panelOnly = null;
    if (id === this.doc.selected && !this.doc.marked?.length) {
      this.renderPanel();
      return;
    }
    this.setDoc({ ...this.doc, selected: id, marked: [] }, 'replace');
  }

  /** Shift+click: adds the node to the selection or takes it out. */
  private toggleSelected(id: string): void {
    this.panelOnly = null;
    this.setDoc(toggleMarked(this.doc, id), 'replace');
  }

  /** Keeps exactly these nodes (the multi-selection), dismissing every other one. */
  private keepOnly(ids: string[]): void {
    const keep = ids.filter((id) => this.derived.graph.nodes.has(id));
    if (keep.length && keep.length < this.derived.graph.nodes.size) this.commit({ t: 'keep', ids: keep });
  }

  /** Opens an id from the panel: select it when it is in the graph, otherwise only show it. */
  private open(id: string): void {
    if (this.visible.nodes.has(id)) {
      this.select(id);
      this.center(id, false);
      return;
    }
    this.panelOnly = id;
    this.renderPanel();
  }

  private expand(id: string): void {
    this.failed.delete(id);
    if (!this.derived.graph.nodes.has(id)) {
      this.commit({ t: 'seed', id, add: true });
      this.fitOnSettle = true;
      return;
    }
    if (this.derived.expanded.has(id) && !this.partlyCollapsed(id)) return;
    this.commit({ t: 'expand', id });
  }

  /** True when some of the node's fetched neighbourhood is no longer in view (so expanding again adds it back). */
  private partlyCollapsed(id: string): boolean {
    const r = this.responses.get(id);
    return !!r && r.nodes.some((n) => !this.derived.graph.nodes.has(n.id));
  }

  /** Neighbours in view that hang only on this node (what collapsing removes). */
  private leavesOf(id: string): string[] {
    const adj = adjacency(this.derived.graph);
    return [...(adj.get(id) ?? [])].filter((n) => {
      const nb = adj.get(n);
      return !!nb && nb.size === 1 && !this.derived.seeds.has(n) && !this.doc.pinned[n];
    });
  }

  /** Collapses a node: dismisses the neighbours that hang only on it (undoable like any dismiss). */
  private collapse(id: string): void {
    const leaves = this.leavesOf(id);
    if (leaves.length) this.commit({ t: 'dismiss', ids: leaves });
    else this.toast('Nothing to collapse: every neighbour is connected to something else.');
  }

  private dismiss(ids: string[]): void {
    const present = ids.filter((id) => this.derived.graph.nodes.has(id));
    if (present.length) this.commit({ t: 'dismiss', ids: present });
  }

  private dismissOthers(id: string): void {
    const keep = new Set([id, ...(adjacency(this.visible).get(id) ?? [])]);
    if (keep.size < this.derived.graph.nodes.size) this.commit({ t: 'keep', ids: [...keep] });
  }

  private togglePin(id: string): void {
    const pinned = { ...this.doc.pinned };
    if (pinned[id]) delete pinned[id];
    else {
      const p = this.layout.positions.get(id);
      if (!p) return;
      pinned[id] = [Math.round(p.x), Math.round(p.y)];
    }
    this.setDoc({ ...this.doc, pinned }, 'replace');
    if (!pinned[id]) this.layout.reheat(0.1);
  }

  private onDragEnd(id: string): void {
    const p = this.layout.positions.get(id);
    this.layout.dragEnd(id, true);
    if (!p) return;
    const pinned = { ...this.doc.pinned, [id]: [Math.round(p.x), Math.round(p.y)] as [number, number] };
    this.hist = replace(this.hist, { ...this.doc, pinned });
    // The worker already holds the node where it was dropped: no layout update needed.
    this.signature = this.signatureFor();
    this.sync();
    this.writeUrl('replace');
  }

  private signatureFor(): string {
    return `${[...this.visible.nodes.keys()].join('\n')}#${[...this.visible.links.keys()].join('\n')}#${Object.keys(this.doc.pinned).join(',')}`;
  }

  private center(id: string, zoomIn = true): void {
    const p = this.layout.positions.get(id);
    if (!p) return;
    const v = this.canvas.viewport();
    const k = zoomIn ? Math.max(v.k, 1) : v.k;
    const { width, height } = this.canvas.size;
    this.canvas.setViewport({ k, x: width / 2 - p.x * k, y: height / 2 - p.y * k }, 400);
  }

  private toggleFilter(f: { kind?: NodeKind; link?: LinkType }): void {
    const flt = this.doc.filters;
    const toggle = <T>(list: readonly T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
    const filters = {
      ...flt,
      hiddenKinds: f.kind ? toggle(flt.hiddenKinds, f.kind) : [...flt.hiddenKinds],
      hiddenLinks: f.link ? toggle(flt.hiddenLinks, f.link) : [...flt.hiddenLinks],
    };
    this.setDoc({ ...this.doc, filters }, 'undo');
  }

  private undo(): void {
    if (!canUndo(this.hist)) return;
    this.hist = undo(this.hist);
    this.sync();
    this.writeUrl('push');
  }

  private redo(): void {
    if (!canRedo(this.hist)) return;
    this.hist = redo(this.hist);
    this.sync();
    this.writeUrl('push');
  }

  // ——— Views ————————————————————————————————————————————————————————————

  private onCanvasClick(id: string | null, ev: MouseEvent): void {
    this.closeContextMenu();
    if (id && ev.shiftKey) {
      this.toggleSelected(id);
      return;
    }
    if (!id) {
      if (this.doc.selected || this.doc.marked?.length) this.select(null);
      return;
    }
    this.select(id);
    if (ev.altKey || this.derived.expanded.has(id)) return;
    // A supernode is not expanded blindly: the expand menu shows its aggregates to drill into.
    const n = this.derived.graph.nodes.get(id);
    if (n && n.degree > SUPERNODE_DEGREE) this.views.openExpandMenu(n, ev);
    else this.expand(id);
  }

  private onHover(id: string | null, ev: MouseEvent | null): void {
    const n = id ? this.visible.nodes.get(id) : undefined;
    if (!n || !ev) {
      this.tooltip.hidden = true;
      return;
    }
    clear(this.tooltip);
    const sub: string[] = [];
    if (n.kind === 'cable') {
      if (n.date) sub.push(fmtDate(n.date).replace(/,.*$/, ''));
      if (n.classification) sub.push(n.classification);
      if (isStub(n)) sub.push('not in corpus');
    } else sub.push(KIND_LABEL[n.kind]);
    sub.push(`${fmtInt(n.degree)} links`);
    if (typeof n.citedBy === 'number' && n.citedBy > 0) sub.push(`cited by ${fmtInt(n.citedBy)}`);
    append(this.tooltip,
      el('div', { class: 'tooltip-title' }, n.kind === 'cable' ? n.key : caption(n)),
      n.kind === 'cable' && subjectOf(n) ? el('div', { class: 'tooltip-label' }, subjectOf(n)) : null,
      el('div', { class: 'tooltip-sub' }, sub.join(' · ')),
    );
    const r = this.stage.getBoundingClientRect();
    // Above-right of the pointer, flipped when it would leave the stage.
    this.tooltip.hidden = false;
    const tw = this.tooltip.offsetWidth || 260;
    const th = this.tooltip.offsetHeight || 60;
    let x = ev.clientX - r.left + 16;
    let y = ev.clientY - r.top - th - 16;
    if (x + tw > r.width - 8) x = ev.clientX - r.left - tw - 16;
    if (y < 8) y = ev.clientY - r.top + 20;
    this.tooltip.style.left = `${Math.max(8, x)}px`;
    this.tooltip.style.top = `${Math.max(8, y)}px`;
    this.tooltip.hidden = false;
  }

  private renderLegend(): void {
    const all = this.derived.graph;
    let stubs = 0;
    for (const n of all.nodes.values()) if (isStub(n)) stubs++;
    this.legend.render({ kinds: countByKind(all), links: countByLinkType(all), stubs }, this.doc.filters, this.sizeBy);
    const box = must<HTMLElement>('#legend').getBoundingClientRect();
    const stage = this.stage.getBoundingClientRect();
    // The legend sits bottom-left: keep fitted graphs above it.
    this.canvas.insets = { top: 36, right: 56, bottom: box.height ? stage.bottom - box.top + 8 : 16, left: 16 };
  }

  private renderStatus(): void {
    clear(this.status);
    const g = this.visible;
    const parts: (string | HTMLElement)[] = [];
    if (g.nodes.size) parts.push(`${fmtInt(g.nodes.size)} nodes · ${fmtInt(g.links.size)} links`);
    const hidden = this.derived.graph.nodes.size - g.nodes.size;
    if (hidden > 0) parts.push(`${fmtInt(hidden)} hidden by filters`);
    const chosen = selection(this.doc).filter((id) => g.nodes.has(id)).length;
    if (chosen > 1) parts.push(el('span', { class: 'selection-count', 'data-testid': 'selection-count' }, `${fmtInt(chosen)} selected (Del dismisses them, ⇧Del keeps only them)`));
    if (this.inflight.size) parts.push(el('span', { class: 'spinner-text' }, `Loading ${[...this.inflight].map(keyOfId).join(', ')}…`));
    for (const id of this.derived.missing) {
      const err = this.failed.get(id);
      if (err) parts.push(el('span', { class: 'warn' }, `Could not load ${keyOfId(id)}: ${err}`));
    }
    for (const id of this.derived.expanded) {
      const r = this.responses.get(id);
      if (r?.truncated) parts.push(el('span', { class: 'warn', title: 'Only the best-connected neighbours are shown' }, `${keyOfId(id)}: ${fmtInt(r.nodes.length - 1)} of ${fmtInt(r.total)} neighbours`));
    }
    parts.forEach((p, i) => {
      if (i) this.status.append(el('span', { class: 'sep' }, ' · '));
      this.status.append(p);
    });
    this.status.hidden = parts.length === 0;
  }

  private announced: string | null = null;

  /** Tells screen readers what got selected (the canvas itself is opaque to them). */
  private announceSelection(): void {
    const id = this.doc.selected;
    if (id === this.announced) return;
    this.announced = id;
    const n = id ? this.visible.nodes.get(id) : undefined;
    const live = document.getElementById('sr-announce');
    if (!live) return;
    if (!n) {
      live.textContent = id ? '' : 'Selection cleared';
      return;
    }
    const degree = adjacency(this.visible).get(n.id)?.size ?? 0;
    live.textContent = `${KIND_LABEL[n.kind]} ${n.kind === 'cable' ? n.key : caption(n)}${n.kind === 'cable' && subjectOf(n) ? `: ${subjectOf(n)}` : ''}. ${degree} connected in view. Arrow keys move to a neighbour, E expands.`;
  }

  /** What the panel was last rendered from; re-rendering is skipped while it is unchanged. */
  private panelKey = '';

  private renderPanel(): void {
    const id = this.panelOnly ?? this.doc.selected;
    const key = [
      id,
      id ? this.derived.graph.nodes.has(id) : '',
      id ? this.derived.expanded.has(id) : this.derived.expanded.size,
      id ? !!this.doc.pinned[id] : '',
      this.signature,
      this.derived.graph.nodes.size,
      JSON.stringify(this.doc.filters),
      JSON.stringify(this.doc.cite ?? null),
    ].join('\u0001');
    if (key === this.panelKey) return;
    this.panelKey = key;
    if (!id) {
      const g = this.derived.graph;
      const c = countByKind(g);
      this.reader.showOverview(
        g.nodes.size
          ? [
              { label: 'In view', value: `${fmtInt(c.cable)} cables · ${fmtInt(c.post)} posts · ${fmtInt(c.tag)} tags` },
              { label: 'Started from', value: [...this.derived.seeds].map(keyOfId).join(', ') || '—' },
              { label: 'Expanded', value: fmtInt(this.derived.expanded.size) },
            ]
          : [],
        g.nodes.size
          ? 'Select a node to read it. Click a node to expand its neighbourhood; drag nodes to pin them.'
          : 'Search for a cable, an embassy or a TAG to start. Each click expands the graph; everything you do can be undone and shared as a link.',
      );
      return;
    }
    const node = this.derived.graph.nodes.get(id);
    const kind = kindOfId(id) ?? 'cable';
    const adj = adjacency(this.visible).get(id) ?? new Set<string>();
    const neighbours = [...adj].flatMap((n) => {
      const x = this.visible.nodes.get(n);
      return x ? [x] : [];
    });
    void this.reader.showNode(node ?? { id, kind, key: keyOfId(id), label: keyOfId(id) }, {
      inGraph: !!node,
      expanded: this.derived.expanded.has(id) && !this.partlyCollapsed(id),
      pinned: !!this.doc.pinned[id],
      neighbours,
    });
    this.views.decoratePanel(id);
  }

  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  private toast(msg: string): void {
    const t = must<HTMLElement>('#toast');
    t.textContent = msg;
    t.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (t.hidden = true), 5000);
  }

  private async checkHealth(): Promise<void> {
    try {
      const h = await this.api.health();
      if (h.status !== 'ok') this.toast('The database is unavailable; results may be missing.');
    } catch {
      this.toast('The server is not reachable.');
    }
  }

  private openContextMenu(id: string, ev: MouseEvent): void {
    // Right-clicking a node of the multi-selection acts on the whole selection.
    if (!selection(this.doc).includes(id)) this.select(id);
    else if (this.doc.selected !== id) this.setDoc({ ...this.doc, selected: id }, 'replace');
    clear(this.menu);
    const item = (label: string, key: string, fn: () => void, disabled = false) => {
      const b = el('button', { type: 'button', role: 'menuitem', ...(disabled ? { disabled: true } : {}) }, el('span', {}, label), el('kbd', {}, key));
      b.addEventListener('click', () => {
        this.closeContextMenu();
        fn();
      });
      this.menu.append(b);
    };
    item('Expand', 'E', () => this.expand(id), this.derived.expanded.has(id) && !this.partlyCollapsed(id));
    item('Expand by…', 'X', () => this.openExpandMenu(id));
    if (id.startsWith('cable:')) item('Citation chain', 'V', () => this.views.toggleCitations(true));
    item(this.doc.pinned[id] ? 'Release pin' : 'Pin here', 'P', () => this.togglePin(id));
    item('Center', 'C', () => this.center(id));
    const leaves = this.leavesOf(id).length;
    item(leaves ? `Collapse (${leaves} leaves)` : 'Collapse', 'R', () => this.collapse(id), leaves === 0);
    const group = selection(this.doc);
    if (group.length > 1 && group.includes(id)) {
      item(`Expand the ${group.length} selected`, 'E', () => group.forEach((x) => this.expand(x)));
      item(`Dismiss the ${group.length} selected`, 'Del', () => this.dismiss(group));
      item(`Keep only the ${group.length} selected`, '⇧Del', () => this.keepOnly(group));
    } else {
      item('Dismiss', 'Del', () => this.dismiss([id]));
      item('Dismiss others', '⇧Del', () => this.dismissOthers(id));
    }
    const r = this.stage.getBoundingClientRect();
    this.menu.style.left = `${Math.min(ev.clientX - r.left, r.width - 200)}px`;
    this.menu.style.top = `${Math.min(ev.clientY - r.top, r.height - 200)}px`;
    this.menu.hidden = false;
    (this.menu.querySelector('button:not([disabled])') as HTMLButtonElement | null)?.focus();
  }

  private openExpandMenu(id: string): void {
    const node = this.derived.graph.nodes.get(id);
    const p = this.canvas.screenPosition(id);
    if (!node) return;
    const r = this.canvas.canvas.getBoundingClientRect();
    this.views.openExpandMenu(node, p ? { clientX: p[0] + r.left, clientY: p[1] + r.top } : { clientX: r.left + 80, clientY: r.top + 80 });
  }

  private closeContextMenu(): void {
    this.menu.hidden = true;
  }

  private async doExport(kind: ExportKind | 'link' | 'log'): Promise<void> {
    if (kind === 'log') {
      const text = methodsLog({
        ops: this.doc.ops,
        filters: this.doc.filters,
        url: location.href,
        counts: { nodes: this.visible.nodes.size, links: this.visible.links.size },
        label: (id) => this.derived.graph.nodes.get(id)?.label,
        at: new Date().toISOString(),
      });
      download(exportStem(this.derived.seeds, 'methods.txt'), new Blob([text], { type: 'text/plain;charset=utf-8' }));
      return;
    }
    if (kind === 'link') {
      try {
        await navigator.clipboard.writeText(location.href);
        this.toast('Link copied: it reproduces this view.');
      } catch {
        this.toast('Copy the address bar: it reproduces this view.');
      }
      return;
    }
    const labelled = new Set<string>([...this.derived.seeds, ...this.derived.expanded]);
    if (this.doc.selected) labelled.add(this.doc.selected);
    try {
      await exportView(kind, { graph: this.visible, positions: this.layout.positions, seeds: this.derived.seeds, labelled, viewUrl: location.href, sizeBy: this.sizeBy });
    } catch (e) {
      this.toast(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private wireChrome(): void {
    must('#btn-undo').addEventListener('click', () => this.undo());
    must('#btn-redo').addEventListener('click', () => this.redo());
    must('#btn-fit').addEventListener('click', () => this.canvas.fit());
    must('#btn-zoom-in').addEventListener('click', () => this.canvas.zoomBy(1.4));
    must('#btn-zoom-out').addEventListener('click', () => this.canvas.zoomBy(1 / 1.4));
    const help = must<HTMLDialogElement>('#help');
    must('#btn-help').addEventListener('click', () => help.showModal());
    const exportMenu = must<HTMLDetailsElement>('#export-menu');
    exportMenu.querySelectorAll<HTMLButtonElement>('[data-export]').forEach((b) =>
      b.addEventListener('click', () => {
        exportMenu.open = false;
        void this.doExport(b.dataset.export as ExportKind | 'link' | 'log');
      }),
    );
    document.querySelectorAll<HTMLButtonElement>('[data-example]').forEach((b) =>
      b.addEventListener('click', () => {
        this.search.input.value = b.dataset.example ?? '';
        this.search.input.dispatchEvent(new Event('input'));
        this.search.input.focus();
      }),
    );
    document.addEventListener('click', (ev) => {
      if (!this.menu.hidden && !this.menu.contains(ev.target as Node)) this.closeContextMenu();
      if (exportMenu.open && !exportMenu.contains(ev.target as Node)) exportMenu.open = false;
    });
    document.addEventListener('keydown', (ev) => this.onKey(ev));
  }

  private onKey(ev: KeyboardEvent): void {
    const t = ev.target as HTMLElement | null;
    const typing = !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
    const mod = ev.ctrlKey || ev.metaKey;
    if (mod && !ev.altKey && ev.key.toLowerCase() === 'z' && !typing) {
      ev.preventDefault();
      if (ev.shiftKey) this.redo();
      else this.undo();
      return;
    }
    if (mod && !ev.altKey && ev.key.toLowerCase() === 'y' && !typing) {
      ev.preventDefault();
      this.redo();
      return;
    }
    if (typing || mod || ev.altKey) return;
    const sel = this.doc.selected;
    const many = selection(this.doc);
    switch (ev.key) {
      case '/':
        ev.preventDefault();
        this.search.focus();
        break;
      case '?':
        ev.preventDefault();
        must<HTMLDialogElement>('#help').showModal();
        break;
      case 'e':
      case 'E':
        for (const id of many) this.expand(id);
        break;
      case 'Delete':
      case 'Backspace':
        if (!many.length) break;
        ev.preventDefault();
        // One node: Shift+Delete keeps it with its neighbours; several: exactly them.
        if (!ev.shiftKey) this.dismiss(many);
        else if (many.length > 1) this.keepOnly(many);
        else this.dismissOthers(many[0]!);
        break;
      case 'f':
      case 'F':
        this.canvas.fit();
        break;
      case 'c':
      case 'C':
        if (sel) this.center(sel);
        break;
      case 'p':
      case 'P':
        for (const id of many) this.togglePin(id);
        break;
      case '+':
      case '=':
        this.canvas.zoomBy(1.4);
        break;
      case '-':
      case '_':
        this.canvas.zoomBy(1 / 1.4);
        break;
      case 'x':
      case 'X':
        if (sel) this.openExpandMenu(sel);
        break;
      case 'v':
      case 'V':
        this.views.toggleCitations();
        break;
      case 'Escape':
        this.closeContextMenu();
        if (sel || many.length) this.select(null);
        break;
      case 'r':
      case 'R':
        if (sel) this.collapse(sel);
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'ArrowUp':
      case 'ArrowDown':
        if (this.step(ev.key.slice(5).toLowerCase() as Direction)) ev.preventDefault();
        break;
      case 'Enter':
        if (t === this.canvas.canvas) for (const id of many) this.expand(id);
        break;
    }
  }

  /** Moves the selection to the node an arrow key points to (neighbours first). */
  private step(dir: Direction): boolean {
    const sel = this.doc.selected;
    const pos = this.layout.positions;
    const cand = (id: string): Candidate | null => {
      const p = pos.get(id);
      return p && this.visible.nodes.has(id) ? { id, x: p.x, y: p.y } : null;
    };
    const from = sel ? cand(sel) : null;
    if (!from) {
      const first = [...this.derived.seeds].find((id) => this.visible.nodes.has(id)) ?? this.visible.nodes.keys().next().value;
      if (!first) return false;
      this.select(first);
      return true;
    }
    const all = [...this.visible.nodes.keys()].flatMap((id) => cand(id) ?? []);
    const neighbours = [...(adjacency(this.visible).get(from.id) ?? [])].flatMap((id) => cand(id) ?? []);
    const next = navigate(from, dir, neighbours, all);
    if (!next) return false;
    this.select(next);
    const s = this.canvas.screenPosition(next);
    const { width, height } = this.canvas.size;
    if (s && (s[0] < 40 || s[1] < 40 || s[0] > width - 40 || s[1] > height - 40)) this.center(next, false);
    return true;
  }

  /** Read-only hooks for end-to-end tests and debugging in the console. */
  testHooks() {
    return {
      nodeIds: () => [...this.visible.nodes.keys()],
      linkKeys: () => [...this.visible.links.values()].map(linkKey),
      screenPosition: (id: string) => {
        const p = this.canvas.screenPosition(id);
        if (!p) return null;
        const r = this.canvas.canvas.getBoundingClientRect();
        return [p[0] + r.left, p[1] + r.top] as [number, number];
      },
      layoutPosition: (id: string) => {
        const p = this.layout.positions.get(id);
        return p ? ([p.x, p.y] as [number, number]) : null;
      },
      /** RGBA of the canvas pixel under a node's centre (proves it was drawn). */
      pixelAt: (id: string) => {
        const p = this.canvas.screenPosition(id);
        const ctx = this.canvas.canvas.getContext('2d');
        if (!p || !ctx) return null;
        const dpr = window.devicePixelRatio || 1;
        return [...ctx.getImageData(Math.round(p[0] * dpr), Math.round(p[1] * dpr), 1, 1).data];
      },
      selected: () => this.doc.selected,
      /** Every selected node (the multi-selection and the focused one). */
      selection: () => selection(this.doc),
      busy: () => this.inflight.size > 0 || !this.settled || this.canvas.animating,
      usesWorker: () => this.layout.usesWorker,
      drawMs: () => this.canvas.lastDrawMs,
      radius: (id: string) => this.canvas.radiusOf(id),
      viewport: () => this.canvas.viewport(),
    };
  }
}

declare global {
  interface Window {
    cablescope?: ReturnType<App['testHooks']>;
  }
}

const app = new App();
window.cablescope = app.testHooks();
