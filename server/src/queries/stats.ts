import type { Database } from '../db/driver.ts';

export interface GraphStats {
  nodes: Record<'Cable' | 'Post' | 'Tag', number>;
  /** Cited cables that are not in the corpus. */
  stubs: number;
  relationships: Record<'FROM' | 'TO' | 'INFO' | 'TAGGED' | 'REFERENCES', number>;
}

/** Counts come from Neo4j's count store (per label, per type), so they are cheap at any size. */
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
  return {
    nodes: { Cable: row.cables, Post: row.posts, Tag: row.tags },
    stubs: row.stubs,
    relationships: {
      FROM: row.fromCount,
      TO: row.toCount,
      INFO: row.infoCount,
      TAGGED: row.taggedCount,
      REFERENCES: row.referencesCount,
    },
  };
}
