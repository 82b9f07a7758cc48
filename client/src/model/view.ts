/**
 * The view document: everything that defines what the user sees, as serialisable data.
 * The graph itself is *derived* from the operation log and the neighbourhood responses, so
 * a URL only needs the log (plus filters, selection, positions and viewport) to reproduce it.
 */
import { emptyGraph, keepNodes, mergeNeighbourhood, noFilters, removeNodes } from './graph.ts';
import type { ColourBy, Filters, Graph, GraphResponse, SizeMetric } from './graph.ts';
import type { FrontScope } from './front.ts';

export type Op =
  /** Show a node's neighbourhood: `add` false clears the view first (a fresh exploration). */
  | { t: 'seed'; id: string; add: boolean }
  /** Merge a node's neighbourhood into the view. */
  | { t: 'expand'; id: string }
  /** Remove nodes from the view. */
  | { t: 'dismiss'; ids: string[] }
  /** Remove every node but these. */
  | { t: 'keep'; ids: string[] }
  /** Merge a selective expansion (model/expand-spec.ts: types, direction, order, limit…). */
  | { t: 'expandBy'; id: string; spec: string };

/** The response key of an op that fetches: the node id, plus the spec of a selective expansion. */
export const responseKey = (op: { id: string; spec?: string }): string => (op.spec ? `${op.id}~${op.spec}` : op.id);

export interface Viewport {
  x: number;
  y: number;
  k: number;
}

export interface ViewDoc {
  ops: Op[];
  filters: Filters;
  selected: string | null;
  /**
   * A multi-selection (Shift+click), `selected` among them; empty when one node or none is
   * selected. Acted on together by dismiss, keep, expand and pin. Absent in older links.
   */
  marked?: string[];
  /** What node size shows (connections by default). */
  sizeBy?: SizeMetric;
  /** What node fill shows (the kind by default). */
  colourBy?: ColourBy;
  /** Node id → pinned position. */
  pinned: Record<string, [number, number]>;
  /** Node id → last known position (not part of undo; used to reproduce a layout from a URL). */
  positions: Record<string, [number, number]>;
  viewport: Viewport | null;
  /** The citation view of a cable (views/citation-view.ts); absent or null: the graph view. */
  cite?: { root: string; depth: number } | null;
  /**
   * The front page (views/front-view.ts) over the graph, with its post/tag scope; absent or
   * null: the graph (an empty view shows the front page anyway: model/front.ts `showsFront`).
   */
  front?: FrontScope | null;
}

export const emptyDoc = (): ViewDoc => ({
  ops: [],
  filters: noFilters(),
  selected: null,
  marked: [],
  pinned: {},
  positions: {},
  viewport: null,
});

/** Ids whose neighbourhood the log needs, in order, without repeats. */
export function requiredNeighbourhoods(ops: readonly Op[]): string[] {
  const out = new Set<string>();
  for (const op of compactOps(ops)) if (op.t === 'seed' || op.t === 'expand' || op.t === 'expandBy') out.add(responseKey(op));
  return [...out];
}

/** Drops everything before the last clearing seed: those ops cannot affect the result. */
export function compactOps(ops: readonly Op[]): Op[] {
  let start = 0;
  ops.forEach((op, i) => {
    if (op.t === 'seed' && !op.add) start = i;
  });
  return ops.slice(start);
}

export interface Derived {
  graph: Graph;
  /** Nodes whose neighbourhood has been merged (seeded or expanded) and that are still shown. */
  expanded: Set<string>;
  /** Seeds that are still in view. */
  seeds: Set<string>;
  /** Ids the log needs whose response is not (yet) available; those ops were skipped. */
  missing: string[];
}

/** Replays the log against the responses. Pure and deterministic. */
export function deriveGraph(ops: readonly Op[], responses: (id: string) => GraphResponse | undefined): Derived {
  let graph = emptyGraph();
  const expanded = new Set<string>();
  const seeds = new Set<string>();
  const missing: string[] = [];
  for (const op of compactOps(ops)) {
    switch (op.t) {
      case 'seed':
      case 'expand': {
        if (op.t === 'seed' && !op.add) {
          graph = emptyGraph();
          expanded.clear();
          seeds.clear();
        }
        const resp = responses(op.id);
        if (!resp) {
          if (!missing.includes(op.id)) missing.push(op.id);
          break;
        }
        graph = mergeNeighbourhood(graph, resp).graph;
        expanded.add(op.id);
        if (op.t === 'seed') seeds.add(op.id);
        break;
      }
      case 'expandBy': {
        const key = responseKey(op);
        const resp = graph.nodes.has(op.id) ? responses(key) : undefined;
        if (!graph.nodes.has(op.id)) break;
        if (!resp) {
          if (!missing.includes(key)) missing.push(key);
          break;
        }
        graph = mergeNeighbourhood(graph, resp).graph;
        break;
      }
      case 'dismiss':
        graph = removeNodes(graph, op.ids);
        break;
      case 'keep':
        graph = keepNodes(graph, op.ids);
        break;
    }
  }
  for (const id of [...expanded]) if (!graph.nodes.has(id)) expanded.delete(id);
  for (const id of [...seeds]) if (!graph.nodes.has(id)) seeds.delete(id);
  return { graph, expanded, seeds, missing };
}

/** Appends an op, compacting the log when it starts a fresh exploration. */
export function applyOp(doc: ViewDoc, op: Op): ViewDoc {
  const ops = op.t === 'seed' && !op.add ? [op] : [...doc.ops, op];
  let pinned = doc.pinned;
  if (op.t === 'seed' && !op.add) pinned = {};
  else if (op.t === 'dismiss') pinned = omit(pinned, op.ids);
  else if (op.t === 'keep') pinned = pick(pinned, op.ids);
  let selected = doc.selected;
  if (op.t === 'seed') selected = op.id;
  else if (op.t === 'dismiss' && selected && op.ids.includes(selected)) selected = null;
  else if (op.t === 'keep' && selected && !op.ids.includes(selected)) selected = null;
  let marked = doc.marked ?? [];
  if (op.t === 'seed' && !op.add) marked = [];
  else if (op.t === 'dismiss') marked = marked.filter((id) => !op.ids.includes(id));
  else if (op.t === 'keep') marked = marked.filter((id) => op.ids.includes(id));
  // Opening something from the front page (or the search box) leaves the front page.
  const front = op.t === 'seed' ? null : (doc.front ?? null);
  return { ...doc, ops, pinned, selected, marked, front };
}

function omit<T>(r: Record<string, T>, ids: readonly string[]): Record<string, T> {
  const out = { ...r };
  for (const id of ids) delete out[id];
  return out;
}

function pick<T>(r: Record<string, T>, ids: readonly string[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const id of ids) if (id in r) out[id] = r[id] as T;
  return out;
}

/** Every selected node: the multi-selection plus the focused one, without repeats. */
export function selection(doc: ViewDoc): string[] {
  const ids = [...(doc.marked ?? [])];
  if (doc.selected && !ids.includes(doc.selected)) ids.push(doc.selected);
  return ids;
}

/**
 * Shift+click: adds a node to the selection (and focuses it), or takes it out (focus moves to
 * the most recently added node that is left).
 */
export function toggleMarked(doc: ViewDoc, id: string): ViewDoc {
  const current = selection(doc);
  if (current.includes(id)) {
    const rest = current.filter((x) => x !== id);
    return { ...doc, marked: rest.length > 1 ? rest : [], selected: rest.at(-1) ?? null };
  }
  return { ...doc, marked: [...current, id], selected: id };
}
