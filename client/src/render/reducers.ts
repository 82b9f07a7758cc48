/**
 * View-state styling as reducers, applied at draw time (sigma.js's nodeReducer/edgeReducer): the
 * renderer asks, for each node and link, how to draw it under the current view state (hover
 * focus, selection, multi-selection, expansion, pins, loading). The graph model is never touched;
 * filters have already removed what they hide (model/filters.ts, model/graph.ts `visibleGraph`)
 * before the layout sees the graph. Pure: runs in node:test.
 */
import type { GraphLink, GraphNode, NodeKind } from '../model/graph.ts';
import { isSummary } from '../model/summary.ts';
import { isStub } from './theme.ts';

/** The view state the reducers read (what the canvas holds between frames). */
export interface DrawState {
  selected: string | null;
  marked: ReadonlySet<string>;
  expanded: ReadonlySet<string>;
  pinned: ReadonlySet<string>;
  loading: ReadonlySet<string>;
  hovered: string | null;
  /** The hovered node and its neighbours (null without a hover). */
  focus: ReadonlySet<string> | null;
  dimAlpha: number;
  /** Colour by community: the fill of each node (model/analysis.ts `communityFill`); null: by kind. */
  fill: ((n: GraphNode) => string) | null;
}

/** How the renderer fills a node: its kind (darker ring when expanded), a hollow stub, or a summary (a stack). */
export type NodeStyle = 'stub' | NodeKind | `${NodeKind}+` | `summary-${NodeKind}`;

export interface NodeDisplay {
  style: NodeStyle;
  /** 0: drawn first (dimmed by a hover elsewhere); 1: on top, full opacity. */
  layer: 0 | 1;
  alpha: number;
  /** Selection ring: the focused node's is thicker than the multi-selection's. */
  ring: 'selected' | 'marked' | null;
  pinned: boolean;
  loading: boolean;
  labelAlpha: number;
  /** The fill when it is not the kind's colour (colour by community); a stub keeps its hollow look and takes it as its outline. */
  fill: string | null;
}

export function nodeReducer(n: GraphNode, s: DrawState): NodeDisplay {
  const inFocus = !s.focus || s.focus.has(n.id);
  return {
    style: isSummary(n) ? `summary-${n.kind}` : isStub(n) ? 'stub' : s.expanded.has(n.id) ? `${n.kind}+` : n.kind,
    layer: inFocus ? 1 : 0,
    alpha: inFocus ? 1 : s.dimAlpha,
    ring: n.id === s.selected ? 'selected' : s.marked.has(n.id) ? 'marked' : null,
    pinned: s.pinned.has(n.id),
    loading: s.loading.has(n.id),
    labelAlpha: inFocus ? 1 : 0.25,
    fill: s.fill && !isSummary(n) ? s.fill(n) : null,
  };
}

export interface EdgeDisplay {
  /** 0: drawn first (dimmed by a hover elsewhere); 1: on top. */
  layer: 0 | 1;
  alpha: number;
  /** Line width relative to the link type's width. */
  widthFactor: number;
  /** Drawn once more, thicker, over the others: a link of the selected node while nothing is hovered. */
  emphasised: boolean;
}

export function edgeReducer(l: GraphLink, s: DrawState): EdgeDisplay {
  if (s.focus) {
    const hot = s.focus.has(l.source) && s.focus.has(l.target) && (l.source === s.hovered || l.target === s.hovered);
    return hot ? { layer: 1, alpha: 1, widthFactor: 1.6, emphasised: false } : { layer: 0, alpha: s.dimAlpha, widthFactor: 1, emphasised: false };
  }
  return { layer: 1, alpha: 1, widthFactor: 1, emphasised: !!s.selected && (l.source === s.selected || l.target === s.selected) };
}
