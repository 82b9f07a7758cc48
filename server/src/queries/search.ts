import type { SearchHit } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { toGraphNode, type NodeRow } from './node-ids.ts';

/** Name of the full-text index over cable subject and body (created by the importer). */
export const CABLE_TEXT_INDEX = 'cable_text';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Turns user words into a Lucene query that matches them literally, all words required. */
export function toLuceneQuery(input: string): string | null {
  const words = input
    .split(/\s+/)
    .map((w) => w.replace(LUCENE_SPECIAL, (ch) => `\\${ch}`))
    .filter((w) => w.length > 0 && !/^(AND|OR|NOT|TO)$/.test(w));
  if (words.length === 0) return null;
  return words.join(' AND ');
}

interface HitRow {
  node: NodeRow;
  detail: string | null;
}

function toHit(row: HitRow): SearchHit {
  const node = toGraphNode(row.node);
  return { id: node.id, kind: node.kind, key: node.key, label: node.label, detail: row.detail };
}

const cableIdQuery = `
MATCH (n:Cable) WHERE n.id STARTS WITH $prefix
WITH n ORDER BY size(n.id), n.id LIMIT $limit
RETURN {labels: labels(n), props: n {.id, .subject, .inCorpus, .date, .classification}, degree: COUNT { (n)--() }} AS node,
       coalesce(left(n.date, 10) + ' · ' + n.origin, CASE WHEN n.inCorpus THEN null ELSE 'cited, not in corpus' END) AS detail
`;

const cableTextQuery = `
CALL db.index.fulltext.queryNodes('${CABLE_TEXT_INDEX}', $lucene, {limit: $limit}) YIELD node AS n, score
RETURN {labels: labels(n), props: n {.id, .subject, .inCorpus, .date, .classification}, degree: COUNT { (n)--() }} AS node,
       left(n.date, 10) + ' · ' + n.origin AS detail
ORDER BY score DESC
`;

const postQuery = `
MATCH (n:Post)
WHERE n.key CONTAINS $upper OR toUpper(n.name) CONTAINS $upper OR any(a IN n.aliases WHERE toUpper(a) CONTAINS $upper)
WITH n, COUNT { (n)--() } AS degree
ORDER BY CASE WHEN n.key = $upper THEN 0 ELSE 1 END, degree DESC LIMIT $limit
RETURN {labels: labels(n), props: n {.key, .name}, degree: degree} AS node,
       'post · ' + degree + ' cables' AS detail
`;

const tagQuery = `
MATCH (n:Tag)
WHERE n.code STARTS WITH $upper OR toUpper(coalesce(n.name, '')) CONTAINS $upper
WITH n, COUNT { (n)--() } AS degree
ORDER BY CASE WHEN n.code = $upper THEN 0 ELSE 1 END, degree DESC LIMIT $limit
RETURN {labels: labels(n), props: n {.code, .name, .kind}, degree: degree} AS node,
       'tag · ' + n.kind + ' · ' + degree + ' cables' AS detail
`;

export interface SearchInput {
  /** The raw query text. */
  text: string;
  /** The text read as a canonical cable id, when it looks like one. */
  cableIdPrefix: string | null;
  limit: number;
}

/**
 * Finds cables by id and by subject/body words, posts by any alias, tags by code or name.
 * Exact id matches come first, then posts and tags (few, precise), then full-text hits.
 */
export async function search(db: Database, input: SearchInput): Promise<SearchHit[]> {
  const upper = input.text.trim().toUpperCase();
  const lucene = toLuceneQuery(input.text);
  const [byId, posts, tags, byText] = await Promise.all([
    input.cableIdPrefix ? db.read<HitRow>(cableIdQuery, { prefix: input.cableIdPrefix, limit: input.limit }) : [],
    db.read<HitRow>(postQuery, { upper, limit: input.limit }),
    db.read<HitRow>(tagQuery, { upper, limit: input.limit }),
    lucene ? db.read<HitRow>(cableTextQuery, { lucene, limit: input.limit }) : [],
  ]);
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  for (const row of [...byId, ...posts, ...tags, ...byText]) {
    const hit = toHit(row);
    if (seen.has(hit.id)) continue;
    seen.add(hit.id);
    hits.push(hit);
    if (hits.length >= input.limit) break;
  }
  return hits;
}
