/**
 * Admin statistics of the graph, for the importer's summary, `npm run stats`, `db:reset`, the
 * benchmarks and the tests; the API never reads them. Labels and types come from the schema; the counts from the one count query (graph-counts.ts).
 */
import type { Database } from '../../server/src/db/driver.ts';
import { NODE_KINDS, NODES, type LinkType, type NodeLabel } from '../../server/src/graph/schema.ts';
import { readGraphCountRow } from '../../server/src/queries/graph-counts.ts';

export interface GraphStats {
  nodes: Record<NodeLabel, number>;
  /** Cited cables that are not in the corpus. */
  stubs: number;
  /** Distinct names among the cables' signers and classified-by persons (properties, not nodes). */
  people: number;
  relationships: Record<LinkType, number>;
}

/** One pass over the full cables' two small list properties (about a second at 250,000 cables). */
const peopleQuery = `
MATCH (c:${NODES.cable.label}) WHERE c.inCorpus = true
UNWIND coalesce(c.signers, []) + coalesce(c.classifiedBy, []) AS name
RETURN count(DISTINCT name) AS people`;

export async function graphStats(db: Database): Promise<GraphStats> {
  const counts = await readGraphCountRow(db);
  const [people] = await db.read<{ people: number }>(peopleQuery);
  return {
    nodes: Object.fromEntries(NODE_KINDS.map((kind) => [NODES[kind].label, counts.nodes[NODES[kind].label]])) as Record<NodeLabel, number>,
    stubs: counts.stubs,
    people: people?.people ?? 0,
    relationships: counts.links,
  };
}

export interface LabelAndTypeCounts {
  labels: Record<string, number>;
  relationshipTypes: Record<string, number>;
}

/** Backtick-quotes a label or type name read from the database itself (never from user input). */
const quoteName = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/**
 * Node count per label and relationship count per type, whatever the graph holds (count store).
 * Labels and types with no node or relationship are left out: Neo4j keeps a name once used
 * (db.labels() still lists it after its last node is deleted), so a wiped database would differ
 * from a fresh one by names alone.
 */
export async function countsByLabelAndType(db: Database): Promise<LabelAndTypeCounts> {
  const labels = (await db.read<{ label: string }>('CALL db.labels() YIELD label RETURN label ORDER BY label')).map((r) => r.label);
  const types = (await db.read<{ type: string }>('CALL db.relationshipTypes() YIELD relationshipType AS type RETURN type ORDER BY type')).map(
    (r) => r.type,
  );
  const out: LabelAndTypeCounts = { labels: {}, relationshipTypes: {} };
  for (const label of labels) {
    const [row] = await db.read<{ n: number }>(`MATCH (n:${quoteName(label)}) RETURN count(n) AS n`);
    if (row?.n) out.labels[label] = row.n;
  }
  for (const type of types) {
    const [row] = await db.read<{ n: number }>(`MATCH ()-[r:${quoteName(type)}]->() RETURN count(r) AS n`);
    if (row?.n) out.relationshipTypes[type] = row.n;
  }
  return out;
}
