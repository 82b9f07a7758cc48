/**
 * The page's handle on the layout: runs ForceLayout in a Web Worker (`layout-worker.js`,
 * built next to the page), or on the main thread when workers are unavailable.
 */
import { ForceLayout } from './simulation.ts';
import type { LayoutLinkInput, LayoutNodeInput, UpdateOptions } from './simulation.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

export type PositionsListener = (positions: Map<string, { x: number; y: number }>, running: boolean) => void;

export class LayoutEngine {
  private worker: Worker | null = null;
  private local: ForceLayout | null = null;
  private version = 0;
  private orders = new Map<number, string[]>();
  private listener: PositionsListener = () => {};
  private rafPending = false;
  readonly positions = new Map<string, { x: number; y: number }>();

  constructor(workerUrl = 'layout-worker.js') {
    try {
      this.worker = new Worker(workerUrl);
      this.worker.onmessage = (ev: MessageEvent<FromWorker>) => this.receive(ev.data);
      this.worker.onerror = (e) => {
        console.warn('layout worker failed; falling back to main thread', e.message);
        this.worker?.terminate();
        this.worker = null;
        this.local = new ForceLayout();
        this.replayLast();
      };
    } catch {
      this.local = new ForceLayout();
    }
  }

  private last: { nodes: LayoutNodeInput[]; links: LayoutLinkInput[] } | null = null;

  onPositions(fn: PositionsListener): void {
    this.listener = fn;
  }

  get usesWorker(): boolean {
    return this.worker !== null;
  }

  update(nodes: LayoutNodeInput[], links: LayoutLinkInput[], opts: UpdateOptions): void {
    this.version++;
    this.orders.set(this.version, nodes.map((n) => n.id));
    for (const v of [...this.orders.keys()]) if (v < this.version - 4) this.orders.delete(v);
    // Positions known now (the caller chose them), so drawing can start before the first tick.
    const keep = new Set(nodes.map((n) => n.id));
    for (const id of [...this.positions.keys()]) if (!keep.has(id)) this.positions.delete(id);
    for (const n of nodes) if (!this.positions.has(n.id)) this.positions.set(n.id, { x: n.x, y: n.y });
    this.last = { nodes, links };
    this.send({ type: 'update', version: this.version, nodes, links, opts });
  }

  private replayLast(): void {
    if (!this.last) return;
    const nodes = this.last.nodes.map((n) => ({ ...n, ...(this.positions.get(n.id) ?? {}) }));
    this.send({ type: 'update', version: this.version, nodes, links: this.last.links, opts: { holdExisting: false, alpha: 0.3 } });
  }

  dragStart(id: string): void {
    this.send({ type: 'dragStart', id });
  }

  drag(id: string, x: number, y: number): void {
    const p = this.positions.get(id);
    if (p) {
      p.x = x;
      p.y = y;
    }
    this.send({ type: 'drag', id, x, y });
  }

  dragEnd(id: string, pin: boolean): void {
    this.send({ type: 'dragEnd', id, pin });
  }

  reheat(alpha = 0.3): void {
    this.send({ type: 'reheat', alpha });
  }

  private send(m: ToWorker): void {
    if (this.worker) {
      this.worker.postMessage(m);
      return;
    }
    const l = this.local;
    if (!l) return;
    switch (m.type) {
      case 'update':
        l.update(m.nodes, m.links, m.opts);
        break;
      case 'dragStart':
        l.dragStart(m.id);
        this.dragging = true;
        break;
      case 'drag':
        l.drag(m.id, m.x, m.y);
        break;
      case 'dragEnd':
        l.dragEnd(m.id, m.pin);
        this.dragging = false;
        break;
      case 'reheat':
        l.reheat(m.alpha);
        break;
    }
    this.scheduleLocal();
  }

  private dragging = false;

  private scheduleLocal(): void {
    if (this.rafPending) return;
    this.rafPending = true;
    requestAnimationFrame(() => {
      this.rafPending = false;
      const l = this.local;
      if (!l) return;
      const start = performance.now();
      do l.tick(1);
      while (l.running && performance.now() - start < 8);
      this.receive({ type: 'positions', version: this.version, xy: l.positions(), running: l.running });
      if (l.running || this.dragging) this.scheduleLocal();
    });
  }

  private receive(m: FromWorker): void {
    const order = this.orders.get(m.version);
    if (!order || order.length * 2 !== m.xy.length) return;
    const dragging = this.dragging;
    order.forEach((id, i) => {
      const x = m.xy[2 * i] as number;
      const y = m.xy[2 * i + 1] as number;
      const p = this.positions.get(id);
      if (p) {
        p.x = x;
        p.y = y;
      } else this.positions.set(id, { x, y });
    });
    void dragging;
    // A message from before the last update can say "cooled" about a graph that is gone: the
    // current graph is still running until a message of its own version says otherwise.
    this.listener(this.positions, m.running || m.version !== this.version);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.local = null;
  }
}
