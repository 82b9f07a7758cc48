/**
 * Summary nodes: a hub's neighbours of one relationship type and direction that the server
 * summarised (GET /graph/neighborhood `groups`, above the threshold or over the budget of new
 * nodes) become one node in the graph, "PREL: 215 cables", linked to the hub. Selecting it
 * shows the breakdown by sending post and by year; drilling in is a selective expansion of the
 * hub (an `expandBy` op, so it is undoable and in the URL): the most important N, or all of one
 * post's or one year's cables (at most N). Pure.
 */
import type { GraphLink, GraphNode, LinkType, NeighbourGroup, NeighbourhoodResponse } from '../../../server/src/api/types.ts';
import type { ExpandSpec } from './expand-spec.ts';

export const SUMMARY_PREFIX = 'summary:';

export interface SummaryInfo extends NeighbourGroup {
  /** The hub the group belongs to. */
  center: string;
  /** The most new nodes one drill adds (the server's setting). */
  maxNodes: number;
}

export type SummaryNode = GraphNode & { summary: SummaryInfo };

export const summaryId = (center: string, g: Pick<NeighbourGroup, 'type' | 'direction'>): string => `${SUMMARY_PREFIX}${center}|${g.type}|${g.direction}`;

export const isSummary = (n: GraphNode | undefined): n is SummaryNode => !!n && 'summary' in n && !!(n as SummaryNode).summary;

const NOUN: Record<NeighbourGroup['kind'], [string, string]> = { cable: ['cable', 'cables'], post: ['post', 'posts'], tag: ['tag', 'tags'] };

/** What the neighbours are to the hub, after the count: `PREL: 215 cables`, `STATE: 3,412 cables received (TO)`. */
const RELATION: Record<LinkType, Record<'in' | 'out', string>> = {
  REFERENCES: { out: ' it cites', in: ' citing it' },
  FROM: { out: ' (sender)', in: ' sent' },
  TO: { out: ' (TO)', in: ' received (TO)' },
  INFO: { out: ' (INFO)', in: ' received (INFO)' },
  TAGGED: { out: '', in: '' },
};

export function summaryLabel(centerKey: string, g: Pick<NeighbourGroup, 'type' | 'direction' | 'kind' | 'total'>): string {
  const [one, many] = NOUN[g.kind];
  return `${centerKey}: ${g.total.toLocaleString('en-US')} ${g.total === 1 ? one : many}${RELATION[g.type][g.direction]}`;
}

/** The summary nodes and their links to the hub for a neighbourhood answer. */
export function summaryNodes(resp: NeighbourhoodResponse): { nodes: SummaryNode[]; links: GraphLink[] } {
  const center = resp.nodes.find((n) => n.id === resp.center);
  const centerKey = center?.key ?? resp.center.slice(resp.center.indexOf(':') + 1);
  const nodes: SummaryNode[] = [];
  const links: GraphLink[] = [];
  for (const g of resp.groups) {
    if (!g.summarised) continue;
    const id = summaryId(resp.center, g);
    nodes.push({ id, kind: g.kind, key: id.slice(SUMMARY_PREFIX.length), label: summaryLabel(centerKey, g), degree: g.total, summary: { ...g, center: resp.center, maxNodes: resp.maxNodes } });
    links.push(g.direction === 'out' ? { source: resp.center, target: id, type: g.type } : { source: id, target: resp.center, type: g.type });
  }
  return { nodes, links };
}

/** One slice of a summary to drill into: the whole group (top N), a sending post or a year. */
export type Slice = { by: 'top' } | { by: 'sender'; key: string } | { by: 'year'; year: number };

/** The selective expansion of the hub that brings a slice in: most important first, at most `maxNodes`. */
export function drillSpec(s: SummaryInfo, slice: Slice): ExpandSpec {
  const spec: ExpandSpec = { types: [s.type], direction: s.direction, order: 'importance', limit: s.maxNodes };
  if (slice.by === 'sender') spec.sender = slice.key;
  if (slice.by === 'year') {
    spec.from = String(slice.year);
    spec.to = String(slice.year);
  }
  return spec;
}

/** How many a drill adds: the slice's size, capped by the setting. */
export function drillCount(s: SummaryInfo, slice: Slice): number {
  const size = slice.by === 'top' ? s.total : slice.by === 'sender' ? (s.bySender.find((x) => x.key === slice.key)?.count ?? 0) : (s.byYear.find((y) => y.year === slice.year)?.count ?? 0);
  return Math.min(size, s.maxNodes);
}
