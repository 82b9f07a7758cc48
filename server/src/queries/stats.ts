import type { Database } from '../db/driver.ts';

export interface GraphStats {
  nodes: Record<'Cable' | 'Post' | 'Tag', number>;
  /** Cited cables that are not in the corpus. */
  stubs: number;
  /** Distinct names among the cables' signers and classified-by persons (properties, not nodes). */
  people: number;
  relationships: Record<'FROM' | 'TO' | 'INFO' | 'TAGGED' | 'REFERENCES', number>;
}

/** Label and type counts come from Neo4j's count store, so they are cheap at any size. */
const statsQuery = `
CALL { MATCH (c:Cable) RETURN count(c) AS cables }
CALL { MATCH (p:Post) RETURN count(p) AS posts }
CALL { MATCH (t:Tag) RETURN count(t) AS tags }
CALL { MATCH (s:Cable) WHERE s.inCorpus = false RETURN count(s) AS stubs }
CALL { MATCH ()-[r:FROM]->() RETURN count(r) AS fromCount }
CALL { MATCH ()-[r:TO]->() RETURN count(r) AS toCount }
CALL { MATCH ()-[r:INFO]->() RETURN count(r) AS infoCount }
CALL { MATCH ()-[r:TAGGED]->() RETURN count(r) AS taggedCount }
CALL { MATCH ()-[r:REFERENCES]->() RETURN count(r) AS referencesCount }
RETURN cables, posts, tags, stubs, fromCount, toCount, infoCount, taggedCount, referencesCount`;

/** One pass over the full cables' two small list properties (about a second at 250,000 cables). */
const peopleQuery = `
MATCH (c:Cable) WHERE c.inCorpus = true
UNWIND coalesce(c.signers, []) + coalesce(c.classifiedBy, []) AS name
RETURN count(DISTINCT name) AS people`;

interface StatsRow {
  cables: number;
  posts: number;
  tags: number;
  stubs: number;
  fromCount: number;
  toCount: number;
  infoCount: number;
  taggedCount: number;
  referencesCount: number;
}

export async function graphStats(db: Database): Promise<GraphStats> {
  const [row] = await db.read<StatsRow>(statsQuery);
  if (!row) throw new Error('The statistics query returned nothing');
  const [people] = await db.read<{ people: number }>(peopleQuery);
  return {
    nodes: { Cable: row.cables, Post: row.posts, Tag: row.tags },
    stubs: row.stubs,
    people: people?.people ?? 0,
    relationships: {
      FROM: row.fromCount,
      TO: row.toCount,
      INFO: row.infoCount,
      TAGGED: row.taggedCount,
      REFERENCES: row.referencesCount,
    },
  };
}

export interface LabelAndTypeCounts {
  labels: Record<string, number>;
  relationshipTypes: Record<string, number>;
}

/** Backtick-quotes a label or type name read from the database itself (never from user input). */
const quoteName = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/** Node count per label and relationship count per type, whatever the graph holds (count store). */
export async function countsByLabelAndType(db: Database): Promise<LabelAndTypeCounts> {
  const labels = (await db.read<{ label: string }>('CALL db.labels() YIELD label RETURN label ORDER BY label')).map((r) => r.label);
  const types = (await db.read<{ type: string }>('CALL db.relationshipTypes() YIELD relationshipType AS type RETURN type ORDER BY type')).map(
    (r) => r.type,
  );
  const out: LabelAndTypeCounts = { labels: {}, relationshipTypes: {} };
  for (const label of labels) {
    const [row] = await db.read<{ n: number }>(`MATCH (n:${quoteName(label)}) RETURN count(n) AS n`);
    out.labels[label] = row?.n ?? 0;
  }
  for (const type of types) {
    const [row] = await db.read<{ n: number }>(`MATCH ()-[r:${quoteName(type)}]->() RETURN count(r) AS n`);
    out.relationshipTypes[type] = row?.n ?? 0;
  }
  return out;
}
