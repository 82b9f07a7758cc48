import type { MonthCount, TimelineResponse } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { cablePredicates, filterParams, type CableFilter } from './filters.ts';
import { CABLE_PEOPLE_INDEX, CABLE_TEXT_INDEX } from '../graph/schema.ts';
import { toLuceneQuery } from './search.ts';
import { memo } from './memo.ts';
import { nodeId, type NodeRef } from './node-ids.ts';
import { formerNames } from '../cables/posts.ts';

/** Most full-text matches a search or person timeline counts. */
export const TIMELINE_TEXT_CAP = 20_000;

export type PostRole = 'sent' | 'received' | 'any';

export type TimelineSelection =
  | { kind: 'node'; ref: NodeRef; role: PostRole }
  | { kind: 'search'; text: string }
  | { kind: 'person'; name: string };

/** Which cables a node selects: a post's (by role), a tag's, or the cables citing a cable. */
function nodeSource(ref: NodeRef, role: PostRole): { anchor: string; inner: string } {
  switch (ref.kind) {
    case 'post': {
      const rel = role === 'sent' ? ':FROM' : role === 'received' ? ':TO|INFO' : '';
      return { anchor: 'MATCH (n:Post {key: $key})', inner: `MATCH (n)<-[${rel}]-(x:Cable) WITH DISTINCT x AS c` };
    }
    case 'tag':
      return { anchor: 'MATCH (n:Tag {code: $key})', inner: 'MATCH (n)<-[:TAGGED]-(c:Cable)' };
    case 'cable':
      return { anchor: 'MATCH (n:Cable {id: $key})', inner: 'MATCH (n)<-[:REFERENCES]-(c:Cable)' };
  }
}

function grouping(filter: CableFilter, extra: string[] = []): string {
  const predicates = [...cablePredicates('c', filter), ...extra];
  return `WITH c ${predicates.length ? `WHERE ${predicates.join(' AND ')}` : ''}
  WITH c.month AS month, count(*) AS count
  RETURN collect({month: month, count: count}) AS buckets`;
}

/** The anchor node must exist (no row means 404); its cables are grouped in a subquery. */
function anchored(source: { anchor: string; inner: string }, filter: CableFilter): string {
  return `
${source.anchor}
CALL {
  WITH n
  ${source.inner}
  ${grouping(filter)}
}
RETURN buckets`;
}

function grouped(source: string, filter: CableFilter, extra: string[] = []): string {
  return `
${source}
${grouping(filter, extra)}`;
}

const searchSource = `CALL db.index.fulltext.queryNodes('${CABLE_TEXT_INDEX}', $lucene, {limit: $cap}) YIELD node AS c`;
/** A phrase query on the people index, then the exact name (the index matches words). */
const personSource = `CALL db.index.fulltext.queryNodes('${CABLE_PEOPLE_INDEX}', $phrase, {limit: $cap}) YIELD node AS c`;

interface Row {
  buckets: { month: string | null; count: number }[];
}

/** Cables per month for a post, a tag, a cable's citers, a full-text search or a person. */
export async function timeline(db: Database, selection: TimelineSelection, filter: CableFilter): Promise<TimelineResponse | null> {
  const params: Record<string, unknown> = { ...filterParams(filter), cap: TIMELINE_TEXT_CAP };
  let query: string;
  let label: string;
  let capped = false;
  if (selection.kind === 'node') {
    query = anchored(nodeSource(selection.ref, selection.role), filter);
    params.key = selection.ref.key;
    label = selection.ref.kind === 'post' ? `${nodeId(selection.ref)} (${selection.role})` : nodeId(selection.ref);
  } else if (selection.kind === 'search') {
    const lucene = toLuceneQuery(selection.text);
    if (!lucene) return { selection: `search:${selection.text}`, total: 0, undated: 0, buckets: [], capped: false };
    query = grouped(searchSource, filter);
    params.lucene = lucene;
    label = `search:${selection.text}`;
  } else {
    query = grouped(personSource, filter, ['($name IN c.signers OR $name IN c.classifiedBy)']);
    params.phrase = `"${selection.name.replace(/["\\]/g, (ch) => `\\${ch}`)}"`;
    params.name = selection.name;
    label = `person:${selection.name}`;
  }
  const rows = await memo(db, JSON.stringify(['timeline', query, params]), () => db.read<Row>(query, params));
  const row = rows[0];
  if (!row) return null;
  let undated = 0;
  let total = 0;
  const dated: MonthCount[] = [];
  for (const b of row.buckets) {
    if (b.month) {
      dated.push({ month: b.month, count: b.count });
      total += b.count;
    } else undated += b.count;
  }
  if (selection.kind !== 'node') capped = total + undated >= TIMELINE_TEXT_CAP;
  const renames = selection.kind === 'node' && selection.ref.kind === 'post' ? formerNames(selection.ref.key).map(({ key, name, until, since, nextName }) => ({ formerKey: key, formerName: name, until, since, nextName })) : [];
  return { selection: label, total, undated, buckets: fillMonths(dated), capped, ...(renames.length > 0 ? { renames } : {}) };
}

/** Sorts the buckets and inserts the missing months between the first and the last as zeros. */
export function fillMonths(buckets: MonthCount[]): MonthCount[] {
  const sorted = [...buckets].sort((a, b) => a.month.localeCompare(b.month));
  if (sorted.length < 2) return sorted;
  const byMonth = new Map(sorted.map((b) => [b.month, b.count]));
  const out: MonthCount[] = [];
  let [y, m] = sorted[0]!.month.split('-').map(Number) as [number, number];
  const last = sorted[sorted.length - 1]!.month;
  for (let guard = 0; guard < 2400; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month, count: byMonth.get(month) ?? 0 });
    if (month >= last) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
