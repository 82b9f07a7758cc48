/**
 * The graph working set: plain, immutable data. Every operation returns a new value,
 * so history (undo/redo) can keep old versions for free and tests can compare them.
 * No DOM, no d3: this module runs in node:test as well as in the browser.
 */
import type { GraphLink, GraphNode, GraphResponse, LinkType, NeighbourhoodResponse, NodeKind } from '../../../server/src/api/types.ts';
import { isSummary, summaryNodes } from './summary.ts';

export type { GraphLink, GraphNode, GraphResponse, LinkType, NodeKind };
import { LINK_TYPES, NODE_KINDS } from '../../../server/src/graph/schema.ts';

export { LINK_TYPES, NODE_KINDS };

/** What a node's size shows: its connections, or (cables) how often it is cited or its PageRank. */
export type SizeMetric = 'degree' | 'citedBy' | 'pagerank';
export const SIZE_METRICS: readonly SizeMetric[] = ['degree', 'citedBy', 'pagerank'];

/** What a node's fill shows: its kind, or its community (REF network for cables, traffic for posts). */
export type ColourBy = 'kind' | 'community';
export const COLOUR_MODES: readonly ColourBy[] = ['kind', 'community'];

export interface Graph {
  /** Insertion-ordered: the order is part of the state (positions in a URL refer to it). */
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly links: ReadonlyMap<string, GraphLink>;
  /** For each node, the node whose expansion brought it in (used to place it next to its parent). */
  readonly origin: ReadonlyMap<string, string>;
}

export const emptyGraph = (): Graph => ({ nodes: new Map(), links: new Map(), origin: new Map() });

export const linkKey = (l: GraphLink): string => `${l.source}|${l.type}|${l.target}`;

/** `cable:07LONDON3923` → `cable`; null for anything malformed. */
export function kindOfId(id: string): NodeKind | null {
  const i = id.indexOf(':');
  if (i <= 0) return null;
  const k = id.slice(0, i);
  return (NODE_KINDS as readonly string[]).includes(k) ? (k as NodeKind) : null;
}

export const keyOfId = (id: string): string => id.slice(id.indexOf(':') + 1);

export interface MergeResult {
  graph: Graph;
  /** Ids of nodes that were not in the graph before, in response order. */
  added: string[];
}

/**
 * Merges a neighbourhood response into the graph. Existing nodes are kept (their data is
 * refreshed, e.g. a stub that turned out to be known); new nodes remember `center` as origin.
 * Links whose endpoints are missing from the merged node set are dropped.
 */
export function mergeNeighbourhood(g: Graph, resp: GraphResponse): MergeResult {
  const nodes = new Map(g.nodes);
  const links = new Map(g.links);
  const origin = new Map(g.origin);
  const added: string[] = [];
  for (const n of resp.nodes) {
    const prev = nodes.get(n.id);
    if (!prev) {
      added.push(n.id);
      if (n.id !== resp.center) origin.set(n.id, resp.center);
      nodes.set(n.id, n);
    } else if (prev.inCorpus === false && n.inCorpus !== false) {
      nodes.set(n.id, { ...prev, ...n });
    }
  }
  // A neighbourhood's summarised groups come in as summary nodes (model/summary.ts).
  const summaries = 'groups' in resp ? summaryNodes(resp as NeighbourhoodResponse) : { nodes: [], links: [] };
  for (const n of summaries.nodes) {
    if (nodes.has(n.id)) continue;
    added.push(n.id);
    origin.set(n.id, resp.center);
    nodes.set(n.id, n);
  }
  for (const l of [...resp.links, ...summaries.links]) {
    if (!nodes.has(l.source) || !nodes.has(l.target)) continue;
    const k = linkKey(l);
    if (!links.has(k)) links.set(k, { source: l.source, target: l.target, type: l.type });
  }
  return { graph: { nodes, links, origin }, added };
}

/** Removes nodes and every link touching them. */
export function removeNodes(g: Graph, ids: Iterable<string>): Graph {
  const drop = new Set(ids);
  if (drop.size === 0) return g;
  const nodes = new Map([...g.nodes].filter(([id]) => !drop.has(id)));
  const links = new Map([...g.links].filter(([, l]) => !drop.has(l.source) && !drop.has(l.target)));
  const origin = new Map([...g.origin].filter(([id]) => !drop.has(id)));
  return { nodes, links, origin };
}

/** Keeps only `ids` (Bloom's "dismiss others"). */
export function keepNodes(g: Graph, ids: Iterable<string>): Graph {
  const keep = new Set(ids);
  return removeNodes(g, [...g.nodes.keys()].filter((id) => !keep.has(id)));
}

/** Adjacency of the working set (undirected). */
export function adjacency(g: Graph): Map<string, Set<string>> {
  const adj = new Map<string, Set<string>>();
  for (const id of g.nodes.keys()) adj.set(id, new Set());
  for (const l of g.links.values()) {
    adj.get(l.source)?.add(l.target);
    adj.get(l.target)?.add(l.source);
  }
  return adj;
}

export interface Filters {
  hiddenKinds: readonly NodeKind[];
  hiddenLinks: readonly LinkType[];
  /** Cable filters (see model/filters.ts): month range `YYYY-MM`, inclusive, open ends. */
  from?: string | null;
  to?: string | null;
  /** Hidden classification levels (`unclassified`, `confidential`, `secret`). */
  hiddenClasses?: readonly string[];
}

export const noFilters = (): Filters => ({ hiddenKinds: [], hiddenLinks: [] });

/**
 * The visible part of the graph under the filters: nodes of hidden kinds go, links of hidden
 * types go. Nodes are never removed just because their links were hidden.
 */
export function visibleGraph(g: Graph, f: Filters): Graph {
  if (f.hiddenKinds.length === 0 && f.hiddenLinks.length === 0) return g;
  const hk = new Set(f.hiddenKinds);
  const hl = new Set(f.hiddenLinks);
  const nodes = new Map([...g.nodes].filter(([, n]) => !hk.has(n.kind)));
  const links = new Map(
    [...g.links].filter(([, l]) => !hl.has(l.type) && nodes.has(l.source) && nodes.has(l.target)),
  );
  return { nodes, links, origin: g.origin };
}

/** Nodes per kind; summary nodes stand for many and are not counted as one. */
export function countByKind(g: Graph): Record<NodeKind, number> {
  const c: Record<NodeKind, number> = { cable: 0, post: 0, tag: 0 };
  for (const n of g.nodes.values()) if (!isSummary(n)) c[n.kind]++;
  return c;
}

export function countByLinkType(g: Graph): Record<LinkType, number> {
  const c = Object.fromEntries(LINK_TYPES.map((t) => [t, 0])) as Record<LinkType, number>;
  for (const l of g.links.values()) c[l.type]++;
  return c;
}
