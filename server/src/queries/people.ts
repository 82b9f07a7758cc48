import type { Database } from '../db/driver.ts';
import { CABLE_PEOPLE_INDEX } from '../graph/schema.ts';
import { indexOnline } from './index-state.ts';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Most cables a people suggestion reads before grouping by name. */
export const PEOPLE_SCAN = 200;

/** Whether the people index exists and is online. */
export function peopleIndexOnline(db: Database): Promise<boolean> {
  return indexOnline(db, CABLE_PEOPLE_INDEX);
}

/** Lower-cased words of a name query, Lucene-escaped, the last one as a prefix. */
export function peopleLucene(text: string): { lucene: string; words: string[] } | null {
  const words = text
    .toLowerCase()
    .split(/[\s,.]+/)
    .filter((w) => w.length > 0 && !/^(and|or|not|to)$/.test(w));
  // A one- or two-letter prefix matches most of the corpus: wait for a third letter.
  if (words.length === 0 || Math.max(...words.map((w) => w.length)) < 3) return null;
  const escaped = words.map((w) => w.replace(LUCENE_SPECIAL, (ch) => `\\${ch}`));
  const last = escaped.length - 1;
  escaped[last] = `${escaped[last]}*`;
  return { lucene: escaped.join(' AND '), words };
}

/**
 * A subquery body for the combined search query (see search.ts, whose row `req` holds the
 * words): people whose names contain every word typed (the last as a prefix), most cables
 * first, among the first PEOPLE_SCAN matching cables.
 */
export const peoplePart = `
  CALL db.index.fulltext.queryNodes('${CABLE_PEOPLE_INDEX}', req.peopleLucene, {limit: $peopleScan}) YIELD node AS c
  UNWIND [s IN coalesce(c.signers, []) | {name: s, role: 'signer'}] + [s IN coalesce(c.classifiedBy, []) | {name: s, role: 'classifiedBy'}] AS person
  WITH c, person WHERE all(w IN req.peopleWords WHERE toLower(person.name) CONTAINS w)
  WITH person.name AS name, collect(DISTINCT person.role) AS roles, count(DISTINCT c) AS cables
  ORDER BY cables DESC, name LIMIT $limit
  RETURN collect({name: name, roles: roles, cables: cables}) AS people`;
