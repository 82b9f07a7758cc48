import type { Database } from '../../server/src/db/driver.ts';

/** Realistic request targets read from whatever database the benchmark runs against. */
export interface BenchFixtures {
  /** Posts with the most relationships (SECSTATE first): the supernodes. */
  hubPosts: string[];
  /** Posts that send the most cables. */
  senders: string[];
  /** The most used tags. */
  tags: string[];
  /** The most cited cables (in or out of the corpus). */
  citedCables: string[];
  /** An even spread of ordinary cables from the corpus (every k-th id). */
  cables: string[];
  /** Subjects of those cables, to derive search words from. */
  subjects: string[];
}

const hubPostsQuery = 'MATCH (p:Post) WITH p, COUNT { (p)--() } AS d ORDER BY d DESC, p.key LIMIT $n RETURN p.key AS key';
const sendersQuery = 'MATCH (p:Post) WITH p, COUNT { (p)<-[:FROM]-() } AS d ORDER BY d DESC, p.key LIMIT $n RETURN p.key AS key';
const tagsQuery = 'MATCH (t:Tag) WITH t, COUNT { (t)--() } AS d ORDER BY d DESC, t.code LIMIT $n RETURN t.code AS key';
const citedQuery = `
MATCH (c:Cable)
WITH c, COUNT { (c)<-[:REFERENCES]-() } AS d WHERE d > 0
ORDER BY d DESC, c.id LIMIT $n RETURN c.id AS key`;
/** Index-ordered ids (the uniqueness constraint's index), thinned to `n` evenly spaced ones. */
const spreadQuery = `
MATCH (c:Cable) WHERE c.id > '' AND c.inCorpus = true
WITH c ORDER BY c.id
WITH collect(c) AS cs
WITH cs, toInteger(ceil(size(cs) * 1.0 / $n)) AS step
UNWIND range(0, size(cs) - 1, step) AS i
WITH cs[i] AS c
RETURN c.id AS key, c.subject AS subject`;

export async function benchFixtures(db: Database, n = 20): Promise<BenchFixtures> {
  const keys = async (cypher: string, size: number) => (await db.read<{ key: string }>(cypher, { n: size })).map((r) => r.key);
  const spread = await db.read<{ key: string; subject: string | null }>(spreadQuery, { n: n * 10 });
  return {
    hubPosts: await keys(hubPostsQuery, 5),
    senders: await keys(sendersQuery, n),
    tags: await keys(tagsQuery, n),
    citedCables: await keys(citedQuery, n * 2),
    cables: spread.map((r) => r.key),
    subjects: spread.map((r) => r.subject).filter((s): s is string => typeof s === 'string' && s.length > 0),
  };
}
