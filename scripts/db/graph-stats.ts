/**
 * Admin statistics of the graph, for the importer's summary, `npm run stats`, `db:reset`, the
 * benchmarks and the tests; the API never reads them. Labels and types come from the schema.
 */
import type { Database } from '../../server/src/db/driver.ts';
import { LINK_TYPES, NODE_KINDS, NODES, type LinkType, type NodeLabel } from '../../server/src/graph/schema.ts';

export interface GraphStats {
  nodes: Record<NodeLabel, number>;
  /** Cited cables that are not in the corpus. */
  stubs: number;
  /** Distinct names among the cables' signers and classified-by persons (properties, not nodes). */
  people: number;
  relationships: Record<LinkType, number>;
}

const LABELS = NODE_KINDS.map((kind) => NODES[kind].label);

/** Label and type counts come from Neo4j's count store, so they are cheap at any size. */
const statsQuery = `
${LABELS.map((label) => `CALL { MATCH (x:${label}) RETURN count(x) AS node_${label} }`).join('\n')}
CALL { MATCH (s:${NODES.cable.label}) WHERE s.inCorpus = false RETURN count(s) AS stubs }
${LINK_TYPES.map((type) => `CALL { MATCH ()-[r:${type}]->() RETURN count(r) AS rel_${type} }`).join('\n')}
RETURN *`;

/** One pass over the full cables' two small list properties (about a second at 250,000 cables). */
const peopleQuery = `
MATCH (c:${NODES.cable.label}) WHERE c.inCorpus = true
UNWIND coalesce(c.signers, []) + coalesce(c.classifiedBy, []) AS name
RETURN count(DISTINCT name) AS people`;

export async function graphStats(db: Database): Promise<GraphStats> {
  const [row] = await db.read<Record<string, number>>(statsQuery);
  if (!row) throw new Error('The statistics query returned nothing');
  const [people] = await db.read<{ people: number }>(peopleQuery);
  return {
    nodes: Object.fromEntries(LABELS.map((label) => [label, row[`node_${label}`] ?? 0])) as Record<NodeLabel, number>,
    stubs: row.stubs ?? 0,
    people: people?.people ?? 0,
    relationships: Object.fromEntries(LINK_TYPES.map((type) => [type, row[`rel_${type}`] ?? 0])) as Record<LinkType, number>,
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
