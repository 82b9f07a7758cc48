import type { GraphLink, GraphResponse, LinkType } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { nodeProps } from './projection.ts';
import { citedByCount, matchNodeByKind, nodeId, toGraphNode, type NodeRef, type NodeRow } from './node-ids.ts';

interface NeighbourRow {
  center: NodeRow;
  total: number;
  neighbours: { type: LinkType; outgoing: boolean; node: NodeRow }[];
}

/**
 * Neighbours come back citations first, then people-like links, each by degree: the most
 * connected nodes are the most useful handles to expand next.
 */
function neighbourhoodQuery(ref: NodeRef): string {
  return `
${matchNodeByKind[ref.kind]}
WITH n, COUNT { (n)--() } AS total
CALL {
  WITH n
  MATCH (n)-[r]-(m)
  WITH r, m, startNode(r) = n AS outgoing, COUNT { (m)--() } AS degree
  RETURN r, m, outgoing, degree
  ORDER BY CASE type(r) WHEN 'REFERENCES' THEN 0 WHEN 'FROM' THEN 1 WHEN 'TO' THEN 2 WHEN 'INFO' THEN 3 ELSE 4 END, degree DESC
  LIMIT $limit
}
WITH n, total, collect({type: type(r), outgoing: outgoing, node: {labels: labels(m), props: ${nodeProps('m')}, degree: degree, citedBy: ${citedByCount('m')}}}) AS neighbours
RETURN {labels: labels(n), props: ${nodeProps('n')}, degree: total, citedBy: ${citedByCount('n')}} AS center, total, neighbours
`;
}

export async function getNeighbourhood(db: Database, ref: NodeRef, limit: number): Promise<GraphResponse | null> {
  const rows = await db.read<NeighbourRow>(neighbourhoodQuery(ref), { key: ref.key, limit });
  const row = rows[0];
  if (!row) return null;
  const center = toGraphNode(row.center);
  const nodes = [center];
  const links: GraphLink[] = [];
  const seen = new Set([center.id]);
  for (const neighbour of row.neighbours) {
    const node = toGraphNode(neighbour.node);
    if (!seen.has(node.id)) {
      seen.add(node.id);
      nodes.push(node);
    }
    links.push(
      neighbour.outgoing
        ? { source: center.id, target: node.id, type: neighbour.type }
        : { source: node.id, target: center.id, type: neighbour.type },
    );
  }
  return { nodes, links, center: nodeId(ref), total: row.total, truncated: row.total > row.neighbours.length };
}
