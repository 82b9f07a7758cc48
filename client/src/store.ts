/**
 * The view store: the one owner of the view document and everything derived from it.
 *
 *  - the document (model/view.ts) and its undo history (model/history.ts);
 *  - the graph derived from the document's operations and the graph answers (model/view.ts
 *    `deriveGraph`), the visible part under the filters, and the answers still missing, which
 *    it fetches through a `GraphSource` (the API client's cache in the app, a map in tests);
 *  - the URL: read on load and on back/forward, written on every change (model/url.ts);
 *  - subscribers, told after every change (panels, the graph view, the chrome).
 *
 * No DOM: the URL and the source are ports, so the store runs under node:test.
 */
import { applyCableFilters } from './model/filters.ts';
import { keyOfId, visibleGraph } from './model/graph.ts';
import type { Filters, Graph, GraphResponse } from './model/graph.ts';
import { canRedo, canUndo, initHistory, push, redo, replace, undo } from './model/history.ts';
import type { History } from './model/history.ts';
import { attachPositions, decodeDoc, encodeDoc } from './model/url.ts';
import { applyOp, deriveGraph, emptyDoc, toggleMarked } from './model/view.ts';
import type { Derived, Op, ViewDoc, Viewport } from './model/view.ts';

/** Where graph answers come from: `peek` answers at once from what has arrived, `load` fetches. */
export interface GraphSource {
  peek(key: string): GraphResponse | undefined;
  load(key: string): Promise<GraphResponse>;
}

/** The address bar: the store reads and writes only the fragment. */
export interface UrlPort {
  read(): string;
  write(fragment: string, mode: 'push' | 'replace'): void;
}

/** What a change was, for subscribers that care (most just re-read the store). */
export type StoreEvent =
  | { type: 'change' }
  /** A document from the URL replaced the view (a shared link, back/forward). */
  | { type: 'loaded'; viewport: Viewport | null; newView: boolean }
  | { type: 'fetch-failed'; id: string; message: string };

export type Listener = (event: StoreEvent) => void;

export interface StoreOptions {
  source: GraphSource;
  url: UrlPort;
  /** Turns a failed fetch into a sentence (e.g. a 404 into "… is not in the database"). */
  describeError?: (id: string, error: unknown) => string;
  /** How long viewport changes wait before the URL follows (ms). */
  viewportDelay?: number;
}

export class ViewStore {
  private hist: History<ViewDoc> = initHistory(emptyDoc());
  private derivedGraph: Derived = deriveGraph([], () => undefined);
  private visibleGraph: Graph = this.derivedGraph.graph;
  /** Positions from a URL, waiting for the answers that give their node order. */
  private pending: { positions: ([number, number] | null)[]; pins: number[] } | null = null;
  private readonly listeners = new Set<Listener>();
  private urlTimer: ReturnType<typeof setTimeout> | undefined;
  readonly inflight = new Set<string>();
  readonly failed = new Map<string, string>();
  /** A node shown in the reader without being selected (one opened from a panel, not in the graph). */
  private peeked: string | null = null;

  constructor(private readonly opts: StoreOptions) {}

  get doc(): ViewDoc {
    return this.hist.present;
  }

  get derived(): Derived {
    return this.derivedGraph;
  }

  /** The graph as drawn: the working set under the filters. */
  get visible(): Graph {
    return this.visibleGraph;
  }

  get canUndo(): boolean {
    return canUndo(this.hist);
  }

  get canRedo(): boolean {
    return canRedo(this.hist);
  }

  /** True while positions from a URL wait for the answers they refer to. */
  get waitingForPositions(): boolean {
    return !!this.pending && this.derivedGraph.missing.length > 0;
  }

  /** The node the reader shows: the one opened from a panel, else the selection. */
  get shown(): string | null {
    return this.peeked ?? this.doc.selected;
  }

  /** The graph answer behind an expanded node, when it has arrived. */
  response(key: string): GraphResponse | undefined {
    return this.opts.source.peek(key);
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(event: StoreEvent): void {
    for (const fn of [...this.listeners]) fn(event);
  }

  // ——— Changes ——————————————————————————————————————————————————————————

  /**
   * 'undo': a new undoable step (and a browser history entry);
   * 'replace': updates the present (selection, viewport, pins) and the URL in place.
   */
  setDoc(doc: ViewDoc, mode: 'undo' | 'replace'): void {
    this.hist = mode === 'undo' ? push(this.hist, doc) : replace(this.hist, doc);
    this.refresh();
    this.writeUrl(mode === 'undo' ? 'push' : 'replace');
  }

  /** Appends an operation to the log: one undoable step. */
  commit(op: Op): void {
    this.peeked = null;
    if (op.t === 'seed' || op.t === 'expand') this.failed.delete(op.id);
    let next = applyOp(this.doc, op);
    // In the citation view, a freshly searched cable becomes the chain's root.
    if (op.t === 'seed' && next.cite && op.id.startsWith('cable:')) next = { ...next, cite: { ...next.cite, root: op.id } };
    this.setDoc(next, 'undo');
  }

  select(id: string | null): void {
    this.peeked = null;
    if (id === this.doc.selected && !this.doc.marked?.length) {
      this.emit({ type: 'change' });
      return;
    }
    this.setDoc({ ...this.doc, selected: id, marked: [] }, 'replace');
  }

  /** Adds a node to the multi-selection or takes it out. */
  toggleSelected(id: string): void {
    this.peeked = null;
    this.setDoc(toggleMarked(this.doc, id), 'replace');
  }

  /** Shows a node in the reader without selecting it. */
  peek(id: string): void {
    this.peeked = id;
    this.emit({ type: 'change' });
  }

  /** Merges a patch into the filters (one undoable step); empty parts are dropped. */
  setFilters(patch: Partial<Filters>): void {
    const filters: Filters = { ...this.doc.filters, ...patch };
    if (!filters.from) delete filters.from;
    if (!filters.to) delete filters.to;
    if (!filters.hiddenClasses?.length) delete filters.hiddenClasses;
    if (JSON.stringify(filters) === JSON.stringify(this.doc.filters)) return;
    this.setDoc({ ...this.doc, filters }, 'undo');
  }

  undo(): void {
    if (!canUndo(this.hist)) return;
    this.hist = undo(this.hist);
    this.refresh();
    this.writeUrl('push');
  }

  redo(): void {
    if (!canRedo(this.hist)) return;
    this.hist = redo(this.hist);
    this.refresh();
    this.writeUrl('push');
  }

  /** Zoom and pan only change the URL (debounced): nothing is derived again, nobody is told. */
  setViewport(v: Viewport): void {
    this.hist = replace(this.hist, { ...this.doc, viewport: v });
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => this.writeUrl('replace'), this.opts.viewportDelay ?? 200);
  }

  /**
   * Records layout facts (positions after the layout settled, a pin from a drag) without an
   * undo step and without telling subscribers unless `notify`: the drawing already shows them.
   */
  record(doc: ViewDoc, notify = false): void {
    this.hist = replace(this.hist, doc);
    if (notify) this.refresh();
    this.writeUrl('replace');
  }

  // ——— URL ——————————————————————————————————————————————————————————————

  writeUrl(mode: 'push' | 'replace'): void {
    const fragment = `#${encodeDoc(this.doc, [...this.derivedGraph.graph.nodes.keys()])}`;
    if (fragment === this.opts.url.read()) return;
    this.opts.url.write(fragment, mode);
  }

  /** Reads the document from the URL (on start and on back/forward). */
  loadFromUrl(): void {
    const { doc, positions, pins } = decodeDoc(this.opts.url.read());
    const sameOps = JSON.stringify(doc.ops) === JSON.stringify(this.doc.ops);
    if (doc.ops.length === 0 && this.doc.ops.length === 0) {
      // An empty view is the front page: its filters and scope come from the link too.
      this.hist = replace(this.hist, { ...this.doc, filters: doc.filters, front: doc.front ?? null, cite: doc.cite ?? null });
      this.refresh();
      this.emit({ type: 'loaded', viewport: null, newView: false });
      return;
    }
    if (sameOps) {
      this.hist = replace(this.hist, { ...this.doc, filters: doc.filters, selected: doc.selected, viewport: doc.viewport ?? this.doc.viewport, cite: doc.cite ?? null, sizeBy: doc.sizeBy, colourBy: doc.colourBy, front: doc.front ?? null });
    } else {
      this.hist = this.doc.ops.length ? push(this.hist, doc) : initHistory(doc);
      this.pending = positions.length ? { positions, pins } : null;
    }
    this.refresh();
    this.emit({ type: 'loaded', viewport: doc.viewport, newView: !sameOps });
  }

  // ——— Derivation and fetching ————————————————————————————————————————————

  /** Derives the graph from the document, fetches what is missing, and tells the subscribers. */
  private refresh(): void {
    this.derive();
    this.emit({ type: 'change' });
  }

  private derive(): void {
    const doc = this.doc;
    this.derivedGraph = deriveGraph(doc.ops, (key) => this.opts.source.peek(key));
    for (const key of this.derivedGraph.missing) void this.fetch(key);
    if (this.pending && this.derivedGraph.missing.length === 0) {
      const order = [...this.derivedGraph.graph.nodes.keys()];
      this.hist = replace(this.hist, attachPositions(this.doc, order, this.pending.positions, this.pending.pins));
      this.pending = null;
    }
    const protectedIds = [...this.derivedGraph.seeds, ...(this.doc.selected ? [this.doc.selected] : [])];
    this.visibleGraph = applyCableFilters(visibleGraph(this.derivedGraph.graph, this.doc.filters), this.doc.filters, protectedIds);
  }

  private async fetch(key: string): Promise<void> {
    if (this.inflight.has(key) || this.failed.has(key)) return;
    this.inflight.add(key);
    try {
      await this.opts.source.load(key);
    } catch (e) {
      const message = this.opts.describeError?.(key, e) ?? (e instanceof Error ? e.message : String(e));
      this.failed.set(key, message);
      this.emit({ type: 'fetch-failed', id: key, message: `Could not load ${keyOfId(key)}: ${message}` });
    } finally {
      this.inflight.delete(key);
    }
    this.refresh();
    this.writeUrl('replace');
  }
}
