/**
 * The one count query: nodes per label and relationships per type from Neo4j's count store
 * (constant time at any size), and the cited stubs (an index count). Generated from the
 * schema's labels and LINK_TYPES, so the analysis state, the overview's corpus line and the
 * admin statistics all count the same things the same way.
 */
import type { Database } from '../db/driver.ts';
import { LINK_TYPES, NODE_KINDS, NODES, THREAD, type LinkType, type NodeLabel } from '../graph/schema.ts';

/** The explored graph's labels and the analysis's threads. */
export const COUNTED_LABELS = [...NODE_KINDS.map((kind) => NODES[kind].label), THREAD.label] as const;
export type CountedLabel = NodeLabel | typeof THREAD.label;

export interface GraphCountRow {
  nodes: Record<CountedLabel, number>;
  /** Cited cables that are not in the corpus. */
  stubs: number;
  links: Record<LinkType, number>;
}

const nodeColumn = (label: string) => `nodes_${label}`;
const linkColumn = (type: string) => `links_${type}`;

/** `CALL { … }` blocks binding one column per count; follow with `RETURN ${GRAPH_COUNTS_MAP} AS counts`. */
export const GRAPH_COUNT_CALLS = [
  ...COUNTED_LABELS.map((label) => `CALL { MATCH (x:${label}) RETURN count(x) AS ${nodeColumn(label)} }`),
  `CALL { MATCH (s:${NODES.cable.label}) WHERE s.inCorpus = false RETURN count(s) AS stubs }`,
  ...LINK_TYPES.map((type) => `CALL { MATCH ()-[r:${type}]->() RETURN count(r) AS ${linkColumn(type)} }`),
].join('\n');

/** The columns of GRAPH_COUNT_CALLS as one map shaped like GraphCountRow. */
export const GRAPH_COUNTS_MAP = `{nodes: {${COUNTED_LABELS.map((l) => `${l}: ${nodeColumn(l)}`).join(', ')}}, stubs: stubs, links: {${LINK_TYPES.map((t) => `${t}: ${linkColumn(t)}`).join(', ')}}}`;

const countsQuery = `${GRAPH_COUNT_CALLS}\nRETURN ${GRAPH_COUNTS_MAP} AS counts`;

export async function readGraphCountRow(db: Database): Promise<GraphCountRow> {
  const [row] = await db.read<{ counts: GraphCountRow }>(countsQuery);
  if (!row) throw new Error('the count query returned nothing');
  return row.counts;
}
