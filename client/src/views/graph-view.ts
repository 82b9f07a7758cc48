/**
 * The graph view: the canvas and the layout worker, kept in step with the store. On each store
 * change it restarts the layout when the visible graph changed (starting positions from
 * layout/placement.ts `placeNodes`), hands the view state to the canvas (styled by
 * render/reducers.ts), and records positions in the document once the layout settles.
 *
 * Fitting: a search, an expansion or a drill asks for an animated fit once the layout settles;
 * a zoom or pan by the user in the meantime cancels it (they are looking somewhere on purpose).
 */
import { LayoutEngine } from '../layout/engine.ts';
import { labelOverlaps } from '../layout/labels.ts';
import { placeNodes } from '../layout/placement.ts';
import type { LayoutNodeInput } from '../layout/simulation.ts';
import { communityLegend } from '../model/analysis.ts';
import { adjacency } from '../model/graph.ts';
import { navigate } from '../model/navigate.ts';
import type { Candidate, Direction } from '../model/navigate.ts';
import type { Viewport } from '../model/view.ts';
import type { CanvasCallbacks } from '../render/canvas.ts';
import { GraphCanvas } from '../render/canvas.ts';
import { nodeRadius } from '../render/theme.ts';
import type { ClientSettings } from '../settings.ts';
import type { StoreEvent, ViewStore } from '../store.ts';
import type { Op } from '../model/view.ts';

/** Operations after which the view fits the graph again (a search pick, an expansion, a drill). */
const FIT_AFTER: ReadonlySet<Op['t']> = new Set(['seed', 'expand', 'expandBy']);

export type GraphViewCallbacks = Pick<CanvasCallbacks, 'click' | 'doubleClick' | 'hover' | 'contextMenu'>;

export class GraphView {
  readonly canvas: GraphCanvas;
  readonly layout: LayoutEngine;
  /** The visible graph (nodes, links, pins) the layout last started from. */
  private signature = '';
  private fitOnSettle = false;
  private settled = true;
  /** The operations seen last, to tell a new search or expansion from other changes. */
  private seenOps: readonly Op[] = [];

  constructor(
    stage: HTMLElement,
    private readonly store: ViewStore,
    private readonly settings: ClientSettings,
    cb: GraphViewCallbacks,
  ) {
    this.layout = new LayoutEngine('layout-worker.js');
    this.canvas = new GraphCanvas(
      stage,
      {
        ...cb,
        dragStart: (id) => this.layout.dragStart(id),
        drag: (id, x, y) => this.layout.drag(id, x, y),
        dragEnd: (id) => this.onDragEnd(id),
        viewport: (v) => this.store.setViewport(v),
        userMoved: () => (this.fitOnSettle = false),
      },
      settings,
    );
    this.layout.onPositions((pos, running) => {
      this.canvas.setPositions(pos);
      if (!running && !this.settled) this.onSettled();
      this.settled = !running;
    });
    store.subscribe((e) => this.onStore(e));
  }

  get busy(): boolean {
    return !this.settled || this.canvas.animating;
  }

  fitWhenSettled(): void {
    this.fitOnSettle = true;
  }

  private onStore(e: StoreEvent): void {
    if (e.type === 'fetch-failed') return;
    const { store } = this;
    const ops = store.doc.ops;
    if (ops !== this.seenOps) {
      const last = ops[ops.length - 1];
      if (ops.length > this.seenOps.length && last && FIT_AFTER.has(last.t)) this.fitOnSettle = true;
      this.seenOps = ops;
    }
    if (e.type === 'loaded') {
      if (e.newView) this.fitOnSettle = !e.viewport;
      if (e.viewport) this.canvas.setViewport(e.viewport);
    }
    if (store.inflight.size) document.body.dataset.settled = 'false';
    const sig = this.signatureFor();
    if (sig !== this.signature && !store.waitingForPositions) {
      this.signature = sig;
      this.updateLayout();
    }
    const doc = store.doc;
    this.canvas.setState({
      graph: store.visible,
      selected: doc.selected,
      marked: new Set(doc.marked ?? []),
      sizeBy: doc.sizeBy ?? 'degree',
      colourBy: doc.colourBy ?? 'kind',
      communityColours: doc.colourBy === 'community' ? communityLegend(store.visible.nodes.values(), this.settings.rendering.communityColours).colours : new Map(),
      expanded: store.derived.expanded,
      seeds: store.derived.seeds,
      pinned: new Set(Object.keys(doc.pinned)),
      loading: store.inflight,
    });
  }

  private signatureFor(pinned = this.store.doc.pinned): string {
    const g = this.store.visible;
    return `${[...g.nodes.keys()].join('\n')}#${[...g.links.keys()].join('\n')}#${Object.keys(pinned).join(',')}`;
  }

  private updateLayout(): void {
    const { store } = this;
    const doc = store.doc;
    const nodes = [...store.visible.nodes.values()];
    const placement = placeNodes({
      nodes: nodes.map((n) => ({ id: n.id, r: nodeRadius(n) })),
      links: store.visible.links.values(),
      origin: store.derived.graph.origin,
      known: this.layout.positions,
      stored: doc.positions,
      pinned: doc.pinned,
      settings: this.settings.layout,
    });
    const input: LayoutNodeInput[] = nodes.map((n) => {
      const p = placement.positions.get(n.id) ?? { x: 0, y: 0 };
      return { id: n.id, x: p.x, y: p.y, r: nodeRadius(n), pin: doc.pinned[n.id] ?? null };
    });
    this.settled = placement.alpha === 0;
    this.layout.update(input, [...store.visible.links.values()], { holdExisting: placement.holdExisting, alpha: placement.alpha });
    if (!placement.holdExisting && placement.fresh.length > 0 && !doc.viewport) {
      const { width, height } = this.canvas.size;
      this.canvas.setViewport({ x: width / 2, y: height / 2, k: 1 });
    }
  }

  private onSettled(): void {
    const { store } = this;
    const positions: Record<string, [number, number]> = { ...store.doc.positions };
    for (const [id, p] of this.layout.positions) positions[id] = [Math.round(p.x), Math.round(p.y)];
    for (const id of Object.keys(positions)) if (!store.derived.graph.nodes.has(id)) delete positions[id];
    store.record({ ...store.doc, positions });
    // An answer still on its way will change the graph again: the fit waits for it.
    if (this.fitOnSettle && store.visible.nodes.size > 0 && store.inflight.size === 0) {
      this.fitOnSettle = false;
      this.canvas.fit(undefined, this.settings.layout.fitMs); // ends with a viewport callback that writes the URL
    }
    document.body.dataset.settled = 'true';
  }

  private onDragEnd(id: string): void {
    const p = this.layout.positions.get(id);
    this.layout.dragEnd(id, true);
    if (!p) return;
    const pinned = { ...this.store.doc.pinned, [id]: [Math.round(p.x), Math.round(p.y)] as [number, number] };
    // The worker already holds the node where it was dropped: no layout update needed.
    this.signature = this.signatureFor(pinned);
    this.store.record({ ...this.store.doc, pinned }, true);
  }

  position(id: string): { x: number; y: number } | null {
    return this.layout.positions.get(id) ?? null;
  }

  center(id: string, zoomIn = true): void {
    const p = this.layout.positions.get(id);
    if (!p) return;
    const v = this.canvas.viewport();
    const k = zoomIn ? Math.max(v.k, 1) : v.k;
    const { width, height } = this.canvas.size;
    this.canvas.setViewport({ k, x: width / 2 - p.x * k, y: height / 2 - p.y * k }, 400);
  }

  /** A node's position on the page (client coordinates), for menus anchored to it. */
  clientPosition(id: string): { clientX: number; clientY: number } | null {
    const p = this.canvas.screenPosition(id);
    if (!p) return null;
    const r = this.canvas.canvas.getBoundingClientRect();
    return { clientX: p[0] + r.left, clientY: p[1] + r.top };
  }

  /** Moves the selection to the node an arrow key points to (neighbours first). */
  step(dir: Direction): boolean {
    const { store } = this;
    const visible = store.visible;
    const pos = this.layout.positions;
    const cand = (id: string): Candidate | null => {
      const p = pos.get(id);
      return p && visible.nodes.has(id) ? { id, x: p.x, y: p.y } : null;
    };
    const sel = store.doc.selected;
    const from = sel ? cand(sel) : null;
    if (!from) {
      const first = [...store.derived.seeds].find((id) => visible.nodes.has(id)) ?? visible.nodes.keys().next().value;
      if (!first) return false;
      store.select(first);
      return true;
    }
    const all = [...visible.nodes.keys()].flatMap((id) => cand(id) ?? []);
    const neighbours = [...(adjacency(visible).get(from.id) ?? [])].flatMap((id) => cand(id) ?? []);
    const next = navigate(from, dir, neighbours, all);
    if (!next) return false;
    store.select(next);
    const s = this.canvas.screenPosition(next);
    const { width, height } = this.canvas.size;
    if (s && (s[0] < 40 || s[1] < 40 || s[0] > width - 40 || s[1] > height - 40)) this.center(next, false);
    return true;
  }

  viewport(): Viewport {
    return this.canvas.viewport();
  }

  /** Read-only hooks for end-to-end tests and debugging in the console. */
  testHooks() {
    const { store, canvas, layout } = this;
    return {
      nodeIds: () => [...store.visible.nodes.keys()],
      linkKeys: () => [...store.visible.links.keys()],
      screenPosition: (id: string) => {
        const p = this.clientPosition(id);
        return p ? ([p.clientX, p.clientY] as [number, number]) : null;
      },
      layoutPosition: (id: string) => {
        const p = layout.positions.get(id);
        return p ? ([p.x, p.y] as [number, number]) : null;
      },
      /** RGBA of the canvas pixel under a node's centre (proves it was drawn). */
      pixelAt: (id: string) => {
        const p = canvas.screenPosition(id);
        const ctx = canvas.canvas.getContext('2d');
        if (!p || !ctx) return null;
        const dpr = window.devicePixelRatio || 1;
        return [...ctx.getImageData(Math.round(p[0] * dpr), Math.round(p[1] * dpr), 1, 1).data];
      },
      busy: () => store.inflight.size > 0 || this.busy,
      usesWorker: () => layout.usesWorker,
      drawMs: () => canvas.lastDrawMs,
      radius: (id: string) => canvas.radiusOf(id),
      viewport: () => canvas.viewport(),
      /** The label-overlap measure of the last frame (screen pixels): zero pairs is the target. */
      labelOverlaps: () => ({ ...labelOverlaps(canvas.lastLabels.labels, canvas.lastLabels.discs), drawn: canvas.lastLabels.labels.length }),
    };
  }
}
