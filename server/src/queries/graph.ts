import type { GraphLink, LinkType, NeighbourGroup, NeighbourhoodResponse, NodeKind } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { postNames } from './expand.ts';
import { importanceOrder } from './importance.ts';
import { memo } from './memo.ts';
import { nodeProps } from './projection.ts';
import { matchNode } from '../graph/schema.ts';
import { citedByCount, nodeId, toGraphNode, type NodeRef, type NodeRow } from './node-ids.ts';

/**
 * A click, a search pick or a link opens a node's neighbourhood. Its neighbours are grouped by
 * relationship type and direction ("cables tagged PREL", "cables citing this one"); a group is
 * drawn node by node only when it is small (`threshold`) and fits in what is left of the
 * budget of new nodes (`maxNodes`), in a fixed order: citations first, then sender, recipients
 * and tags. Every other group is answered as a summary, counted per sending post and per year,
 * which the client draws as one node to drill into (GET /graph/expand). So no single answer
 * ever adds more than `maxNodes` nodes, whatever the hub.
 */
export interface NeighbourhoodInput {
  ref: NodeRef;
  threshold: number;
  maxNodes: number;
}

/** The groups in the order they are listed (and given budget); the types are fixed strings. */
const GROUP_ORDER: readonly { type: LinkType; outgoing: boolean }[] = [
  { type: 'REFERENCES', outgoing: true },
  { type: 'REFERENCES', outgoing: false },
  { type: 'FROM', outgoing: true },
  { type: 'FROM', outgoing: false },
  { type: 'TO', outgoing: true },
  { type: 'TO', outgoing: false },
  { type: 'INFO', outgoing: true },
  { type: 'INFO', outgoing: false },
  { type: 'TAGGED', outgoing: true },
  { type: 'TAGGED', outgoing: false },
];

const arrow = (g: { type: LinkType; outgoing: boolean }, m: string) => (g.outgoing ? `(n)-[r:${g.type}]->(${m})` : `(n)<-[r:${g.type}]-(${m})`);
const groupKey = (g: { type: LinkType; outgoing: boolean }) => `${g.type}:${g.outgoing ? 'out' : 'in'}`;

/** The centre and the size of every group (degree counts: cheap even on SECSTATE). */
function groupsQuery(ref: NodeRef): string {
  const counts = GROUP_ORDER.map((g) => `{type: '${g.type}', outgoing: ${g.outgoing}, total: COUNT { ${arrow(g, '')} }}`).join(',\n  ');
  return `
${matchNode(ref.kind)}
RETURN {labels: labels(n), props: ${nodeProps('n')}, degree: COUNT { (n)--() }, citedBy: ${citedByCount('n')}} AS center,
  [${counts}] AS groups`;
}

/** Every neighbour of the listed groups (each small by construction), most important first. */
function listQuery(ref: NodeRef, groups: readonly { type: LinkType; outgoing: boolean }[]): string {
  return `
${matchNode(ref.kind)}
CALL {
${unionOfGroups(groups)}
}
WITH type, outgoing, m, COUNT { (m)--() } AS degree, ${citedByCount('m')} AS citedBy, coalesce(m.id, m.key, m.code) AS sortKey
ORDER BY ${importanceOrder('m', 'citedBy', 'degree', 'sortKey')}
RETURN type, outgoing, {labels: labels(m), props: ${nodeProps('m')}, degree: degree, citedBy: citedBy} AS node`;
}

/** One row `type, outgoing, m` per neighbour of the given groups. */
function unionOfGroups(groups: readonly { type: LinkType; outgoing: boolean }[]): string {
  return groups.map((g) => `  WITH n MATCH ${arrow(g, 'm')} RETURN '${g.type}' AS type, ${g.outgoing} AS outgoing, m`).join('\n  UNION ALL\n');
}

/** What a summarised group holds: its neighbours' kind, and for cables their sender and year. */
function facetsQuery(ref: NodeRef, groups: readonly { type: LinkType; outgoing: boolean }[]): string {
  return `
${matchNode(ref.kind)}
CALL {
${unionOfGroups(groups)}
}
WITH type, outgoing, CASE WHEN m:Cable THEN 'cable' WHEN m:Post THEN 'post' ELSE 'tag' END AS kind, m
WITH type, outgoing, kind,
     CASE WHEN kind = 'cable' THEN substring(m.month, 0, 4) END AS year,
     CASE WHEN kind = 'cable' THEN COLLECT { MATCH (m)-[:FROM]->(s:Post) RETURN s.key LIMIT 1 }[0] END AS sender,
     count(*) AS count
RETURN type, outgoing, kind, year, sender, count`;
}

interface GroupsRow {
  center: NodeRow;
  groups: { type: LinkType; outgoing: boolean; total: number }[];
}

interface ListRow {
  type: LinkType;
  outgoing: boolean;
  node: NodeRow;
}

interface FacetRow {
  type: LinkType;
  outgoing: boolean;
  kind: NodeKind;
  year: string | null;
  sender: string | null;
  count: number;
}

/** Senders listed per summarised group (the largest; the rest are reachable through the expand menu). */
export const SUMMARY_SENDERS = 12;

/**
 * Which groups are listed: in GROUP_ORDER, a group is listed when it is at most `threshold`
 * and fits entirely in what is left of `maxNodes`; a group is never cut in half, so what is
 * drawn is always every neighbour of its kind or a summary. Pure, for the unit tests.
 */
export function chooseListed<G extends { total: number }>(groups: readonly G[], threshold: number, maxNodes: number): Set<G> {
  const listed = new Set<G>();
  let budget = maxNodes;
  for (const g of groups) {
    if (g.total === 0 || g.total > threshold || g.total > budget) continue;
    listed.add(g);
    budget -= g.total;
  }
  return listed;
}

export async function getNeighbourhood(db: Database, input: NeighbourhoodInput): Promise<NeighbourhoodResponse | null> {
  const { ref } = input;
  const [head] = await db.read<GroupsRow>(groupsQuery(ref), { key: ref.key });
  if (!head) return null;
  const center = toGraphNode(head.center);
  const present = head.groups.filter((g) => g.total > 0);
  const listed = chooseListed(present, input.threshold, input.maxNodes);
  const summarised = present.filter((g) => !listed.has(g));

  const [rows, facets] = await Promise.all([
    listed.size ? db.read<ListRow>(listQuery(ref, [...listed]), { key: ref.key }) : Promise.resolve([]),
    summarised.length
      ? memo(db, JSON.stringify(['neighbourhood-facets', ref, summarised.map(groupKey)]), () => db.read<FacetRow>(facetsQuery(ref, summarised), { key: ref.key }))
      : Promise.resolve([]),
  ]);

  const nodes = [center];
  const links: GraphLink[] = [];
  const seen = new Set([center.id]);
  const kindOf = new Map<string, NodeKind>();
  for (const row of rows) {
    const node = toGraphNode(row.node);
    kindOf.set(groupKey(row), node.kind);
    if (!seen.has(node.id)) {
      seen.add(node.id);
      nodes.push(node);
    }
    links.push(row.outgoing ? { source: center.id, target: node.id, type: row.type } : { source: node.id, target: center.id, type: row.type });
  }

  const groups: NeighbourGroup[] = [];
  for (const g of present) {
    const isListed = listed.has(g);
    const own = isListed ? [] : facets.filter((f) => f.type === g.type && f.outgoing === g.outgoing);
    groups.push({
      type: g.type,
      direction: g.outgoing ? 'out' : 'in',
      kind: kindOf.get(groupKey(g)) ?? own[0]?.kind ?? 'cable',
      total: g.total,
      summarised: !isListed,
      ...(isListed ? { bySender: [], byYear: [], undated: 0 } : await facetSummary(db, own)),
    });
  }
  const total = present.reduce((a, g) => a + g.total, 0);
  return {
    nodes,
    links,
    center: nodeId(ref),
    total,
    truncated: summarised.length > 0,
    groups,
    threshold: input.threshold,
    maxNodes: input.maxNodes,
  };
}

async function facetSummary(db: Database, rows: FacetRow[]): Promise<Pick<NeighbourGroup, 'bySender' | 'byYear' | 'undated'>> {
  const bySender = new Map<string, number>();
  const byYear = new Map<number, number>();
  let undated = 0;
  for (const r of rows) {
    if (r.kind !== 'cable') continue;
    if (r.sender) bySender.set(r.sender, (bySender.get(r.sender) ?? 0) + r.count);
    const year = r.year ? Number(r.year) : NaN;
    if (Number.isInteger(year)) byYear.set(year, (byYear.get(year) ?? 0) + r.count);
    else undated += r.count;
  }
  const senders = [...bySender].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, SUMMARY_SENDERS);
  const names = await postNames(db, senders.map(([k]) => k));
  return {
    bySender: senders.map(([key, count]) => ({ key, name: names.get(key) ?? key, count })),
    byYear: [...byYear].sort((a, b) => a[0] - b[0]).map(([year, count]) => ({ year, count })),
    undated,
  };
}
