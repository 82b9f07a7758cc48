import type { GraphLink, LinkType, PathResponse } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { matchNode, typeAlternatives } from '../graph/schema.ts';
import { nodeProps } from './projection.ts';
import { citedByCount, nodeId, toGraphNode, type NodeRef, type NodeRow } from './node-ids.ts';

export const MAX_PATH_HOPS = 10;

export interface PathInput {
  from: NodeRef;
  to: NodeRef;
  types: LinkType[];
  maxHops: number;
  /** Skip intermediate nodes with more relationships than this (hubs such as SECSTATE). */
  maxDegree: number | null;
}


/**
 * GQL `SHORTEST 1` over a quantified path: Neo4j plans it as a stateful bidirectional search
 * with the hub filter inlined (the legacy `shortestPath()` with a `WHERE` on `nodes(p)` falls back
 * to an exhaustive expansion when no path exists). The relationship types come from the
 * whitelist and the hop bound is a validated integer (1..MAX_PATH_HOPS): the only parts of
 * this text not passed as parameters.
 */
function pathQuery(input: PathInput): string {
  const types = typeAlternatives(input.types);
  const hops = Math.min(Math.max(1, Math.trunc(input.maxHops)), MAX_PATH_HOPS);
  const hub = input.maxDegree === null ? '' : ' WHERE y = b OR COUNT { (y)--() } <= $maxDegree';
  return `
${matchNode(input.from.kind, 'a', 'fromKey')}
${matchNode(input.to.kind, 'b', 'toKey')}
OPTIONAL MATCH p = SHORTEST 1 (a)(()-[:${types}]-(y)${hub}){1,${hops}}(b)
RETURN CASE WHEN p IS NULL THEN null ELSE [x IN nodes(p) | {labels: labels(x), props: ${nodeProps('x')}, degree: COUNT { (x)--() }, citedBy: ${citedByCount('x')}}] END AS nodes,
       CASE WHEN p IS NULL THEN null ELSE [i IN range(0, length(p) - 1) | {type: type(relationships(p)[i]), forward: startNode(relationships(p)[i]) = nodes(p)[i]}] END AS hops`;
}

interface PathRow {
  nodes: NodeRow[] | null;
  hops: { type: LinkType; forward: boolean }[] | null;
}

/** The shortest path between two nodes over the chosen types (either direction); null when a node is unknown. */
export async function shortestPath(db: Database, input: PathInput): Promise<PathResponse | null> {
  const rows = await db.read<PathRow>(pathQuery(input), { fromKey: input.from.key, toKey: input.to.key, maxDegree: input.maxDegree });
  const row = rows[0];
  if (!row) return null;
  const base: PathResponse = {
    from: nodeId(input.from),
    to: nodeId(input.to),
    types: input.types,
    maxHops: input.maxHops,
    found: false,
    length: null,
    nodes: [],
    links: [],
  };
  if (!row.nodes || !row.hops) return base;
  const nodes = row.nodes.map(toGraphNode);
  const links: GraphLink[] = row.hops.map((hop, i) => {
    const a = nodes[i]!.id;
    const b = nodes[i + 1]!.id;
    return hop.forward ? { source: a, target: b, type: hop.type } : { source: b, target: a, type: hop.type };
  });
  return { ...base, found: true, length: links.length, nodes, links };
}

/** True when both nodes exist (tells a 404 from "no path"). */
export async function nodesExist(db: Database, refs: NodeRef[]): Promise<boolean[]> {
  return Promise.all(
    refs.map(async (ref) => {
      const rows = await db.read<{ ok: boolean }>(`${matchNode(ref.kind)} RETURN true AS ok LIMIT 1`, { key: ref.key });
      return rows.length > 0;
    }),
  );
}
