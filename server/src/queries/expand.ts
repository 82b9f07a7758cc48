import type {
  ExpandAggregate,
  ExpandDirection,
  ExpandOrder,
  ExpandResponse,
  GraphLink,
  LinkType,
  NodeKind,
} from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { LINK_TYPES, labelPredicate, matchNode, NODE_KINDS, typeAlternatives } from '../graph/schema.ts';
import { nodeProps } from './projection.ts';
import { cablePredicates, filterParams, where, type CableFilter } from './filters.ts';
import { importanceOrder } from './importance.ts';
import { memo } from './memo.ts';
import { citedByCount, nodeId, toGraphNode, type NodeRef, type NodeRow } from './node-ids.ts';

export interface ExpandInput {
  ref: NodeRef;
  types: LinkType[];
  direction: ExpandDirection;
  order: ExpandOrder;
  /** Neighbour kinds to keep (null: all). */
  kinds: NodeKind[] | null;
  filter: CableFilter;
  /** Keep only neighbour cables sent by this post. */
  sender: string | null;
  mode: 'auto' | 'nodes' | 'aggregate';
  threshold: number;
  offset: number;
  limit: number;
}

/** `[r:TO|INFO]` from whitelisted types only; all types means no restriction. */
function relPattern(types: LinkType[]): string {
  const safe = typeAlternatives(types);
  return safe === '' || safe === typeAlternatives(LINK_TYPES) ? '[r]' : `[r:${safe}]`;
}

function pattern(input: ExpandInput): string {
  const rel = relPattern(input.types);
  switch (input.direction) {
    case 'out':
      return `(n)-${rel}->(m)`;
    case 'in':
      return `(n)<-${rel}-(m)`;
    default:
      return `(n)-${rel}-(m)`;
  }
}

/** Predicates on the neighbour `m`, only for the filters that are set. */
function neighbourPredicates(input: ExpandInput): string[] {
  const out: string[] = [];
  if (input.kinds && input.kinds.length < NODE_KINDS.length) {
    out.push(labelPredicate('m', input.kinds));
  }
  // Date and classification filters apply to neighbour cables; posts and tags are kept.
  const onCables = cablePredicates('m', input.filter);
  if (onCables.length) out.push(`(NOT m:Cable OR (${onCables.join(' AND ')}))`);
  // `sender` drills into the cables sent by one post: only cables can match it.
  if (input.sender !== null) out.push('(m:Cable AND EXISTS { (m)-[:FROM]->(:Post {key: $sender}) })');
  return out;
}

const ORDER_BY: Record<ExpandOrder, string> = {
  importance: importanceOrder('m', 'citedBy', 'degree', 'sortKey'),
  degree: 'degree DESC, m.date IS NULL, m.date DESC, sortKey',
  newest: 'm.date IS NULL, m.date DESC, degree DESC, sortKey',
  oldest: 'm.date IS NULL, m.date, degree DESC, sortKey',
};

/**
 * One round trip in the common case: the filtered total, the center, and (only when the total
 * allows listing) the ordered page of neighbours.
 */
function headQuery(input: ExpandInput): string {
  const pat = pattern(input);
  const preds = where(neighbourPredicates(input));
  return `
${matchNode(input.ref.kind)}
WITH n, COUNT { MATCH ${pat} ${preds} } AS total
CALL {
  WITH n, total
  WITH n WHERE $mode = 'nodes' OR ($mode = 'auto' AND total <= $threshold)
  MATCH ${pat}
  ${preds}
  WITH r, m, startNode(r) = n AS outgoing, COUNT { (m)--() } AS degree, ${citedByCount('m')} AS citedBy, coalesce(m.id, m.key, m.code) AS sortKey
  ORDER BY ${ORDER_BY[input.order]}
  SKIP $offset LIMIT $limit
  RETURN collect({type: type(r), outgoing: outgoing, node: {labels: labels(m), props: ${nodeProps('m')}, degree: degree, citedBy: citedBy}}) AS neighbours
}
RETURN total, {labels: labels(n), props: ${nodeProps('n')}, degree: COUNT { (n)--() }, citedBy: ${citedByCount('n')}} AS center, neighbours`;
}

/** One pass over the neighbours, grouped by every facet at once; the facets are summed in JS. */
function aggregateQuery(input: ExpandInput): string {
  return `
${matchNode(input.ref.kind)}
MATCH ${pattern(input)}
${where(neighbourPredicates(input))}
WITH type(r) AS type, m, CASE WHEN m:Cable THEN 'cable' WHEN m:Post THEN 'post' ELSE 'tag' END AS kind
WITH type, kind, m.month AS month, m.classification AS classification,
     CASE WHEN kind = 'cable' THEN COLLECT { MATCH (m)-[:FROM]->(s:Post) RETURN s.key LIMIT 1 }[0] END AS sender,
     count(*) AS count
RETURN type, kind, month, classification, sender, count`;
}

interface HeadRow {
  total: number;
  center: NodeRow;
  neighbours: NeighbourRow[];
}

interface NeighbourRow {
  type: LinkType;
  outgoing: boolean;
  node: NodeRow;
}

interface AggregateRow {
  type: LinkType;
  kind: NodeKind;
  month: string | null;
  classification: string | null;
  sender: string | null;
  count: number;
}

const SENDER_BUCKETS = 50;

/**
 * Neighbours of a node over chosen relationship types and direction, ordered and paged, with
 * the filtered total. When that total is above the threshold (a supernode such as SECSTATE),
 * `auto` mode answers with counts per month, sender, classification and type instead.
 */
export async function expand(db: Database, input: ExpandInput): Promise<ExpandResponse | null> {
  const params = {
    key: input.ref.key,
    sender: input.sender,
    offset: input.offset,
    limit: input.limit,
    mode: input.mode,
    threshold: input.threshold,
    ...filterParams(input.filter),
  };
  const [head] = await db.read<HeadRow>(headQuery(input), params);
  if (!head) return null;
  const center = toGraphNode(head.center);
  const aggregate = input.mode === 'aggregate' || (input.mode === 'auto' && head.total > input.threshold);
  const base: ExpandResponse = {
    center: nodeId(input.ref),
    types: input.types,
    direction: input.direction,
    order: input.order,
    mode: aggregate ? 'aggregate' : 'nodes',
    total: head.total,
    threshold: input.threshold,
    offset: input.offset,
    limit: input.limit,
    nodes: [center],
    links: [],
    truncated: false,
    aggregate: null,
  };
  if (head.total === 0) {
    if (aggregate) base.aggregate = { byMonth: [], bySender: [], byClassification: [], byType: [], byKind: [], undated: 0 };
    return base;
  }
  if (aggregate) {
    // The aggregate depends on the node, types, direction and filters, not on order or paging.
    const key = JSON.stringify(['expand-aggregate', input.ref, input.types, input.direction, input.kinds, input.filter, input.sender]);
    base.aggregate = await memo(db, key, async () => summarise(db, await db.read<AggregateRow>(aggregateQuery(input), params)));
    base.truncated = true;
    return base;
  }
  const rows = head.neighbours;
  const seen = new Set([center.id]);
  const links: GraphLink[] = [];
  for (const row of rows) {
    const node = toGraphNode(row.node);
    if (!seen.has(node.id)) {
      seen.add(node.id);
      base.nodes.push(node);
    }
    links.push(row.outgoing ? { source: center.id, target: node.id, type: row.type } : { source: node.id, target: center.id, type: row.type });
  }
  base.links = links;
  base.truncated = input.offset + rows.length < head.total;
  return base;
}

function add<K>(map: Map<K, number>, key: K, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

async function summarise(db: Database, rows: AggregateRow[]): Promise<ExpandAggregate> {
  const byMonth = new Map<string, number>();
  const bySender = new Map<string, number>();
  const byClassification = new Map<string | null, number>();
  const byType = new Map<LinkType, number>();
  const byKind = new Map<NodeKind, number>();
  let undated = 0;
  for (const row of rows) {
    add(byType, row.type, row.count);
    add(byKind, row.kind, row.count);
    if (row.kind !== 'cable') continue;
    if (row.month) add(byMonth, row.month, row.count);
    else undated += row.count;
    if (row.sender) add(bySender, row.sender, row.count);
    add(byClassification, row.classification, row.count);
  }
  const senders = [...bySender].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, SENDER_BUCKETS);
  const names = await postNames(db, senders.map(([k]) => k));
  const desc = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  return {
    byMonth: [...byMonth].sort((a, b) => a[0].localeCompare(b[0])).map(([month, count]) => ({ month, count })),
    bySender: senders.map(([key, count]) => ({ key, name: names.get(key) ?? key, count })),
    byClassification: desc(byClassification).map(([classification, count]) => ({ classification, count })),
    byType: desc(byType).map(([type, count]) => ({ type, count })),
    byKind: desc(byKind).map(([kind, count]) => ({ kind, count })),
    undated,
  };
}

/** Post key → name (the key when the post has none), for count lists of sending posts. */
export async function postNames(db: Database, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const rows = await db.read<{ key: string; name: string | null }>('UNWIND $keys AS k MATCH (p:Post {key: k}) RETURN p.key AS key, p.name AS name', { keys });
  return new Map(rows.map((p) => [p.key, p.name ?? p.key]));
}
