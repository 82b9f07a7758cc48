import type { TrafficCounterpart, TrafficResponse } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { cablePredicates, filterParams, type CableFilter } from './filters.ts';
import { memo } from './memo.ts';

export type TrafficPeriod = 'year' | 'month';

export interface TrafficInput {
  key: string;
  period: TrafficPeriod;
  filter: CableFilter;
  /** Most counterparts per side. */
  limit: number;
}

/** The period expression is chosen here, never from user text. */
const PERIOD: Record<TrafficPeriod, string> = { year: 'left(c.month, 4)', month: 'c.month' };

function trafficQuery(input: TrafficInput): string {
  const predicates = ['q <> p', 'c.month IS NOT NULL', ...cablePredicates('c', input.filter)].join(' AND ');
  const period = PERIOD[input.period];
  return `
MATCH (p:Post {key: $key})
CALL {
  WITH p
  MATCH (p)<-[:FROM]-(c:Cable)-[r:TO|INFO]->(q:Post)
  WHERE ${predicates}
  WITH q, type(r) AS type, ${period} AS period, count(*) AS count
  RETURN collect({key: q.key, name: q.name, type: type, period: period, count: count}) AS writesTo
}
CALL {
  WITH p
  MATCH (p)<-[r:TO|INFO]-(c:Cable)-[:FROM]->(q:Post)
  WHERE ${predicates}
  WITH q, type(r) AS type, ${period} AS period, count(*) AS count
  RETURN collect({key: q.key, name: q.name, type: type, period: period, count: count}) AS hearsFrom
}
RETURN p {.key, .name} AS post, writesTo, hearsFrom`;
}

interface TrafficCell {
  key: string;
  name: string;
  type: 'TO' | 'INFO';
  period: string;
  count: number;
}

interface TrafficRow {
  post: { key: string; name: string };
  writesTo: TrafficCell[];
  hearsFrom: TrafficCell[];
}

function counterparts(cells: TrafficCell[]): TrafficCounterpart[] {
  const byPost = new Map<string, TrafficCounterpart & { byPeriod: Map<string, { to: number; info: number }> }>();
  for (const cell of cells) {
    let entry = byPost.get(cell.key);
    if (!entry) {
      entry = { post: { key: cell.key, name: cell.name }, total: 0, to: 0, info: 0, periods: [], byPeriod: new Map() };
      byPost.set(cell.key, entry);
    }
    const slot = entry.byPeriod.get(cell.period) ?? { to: 0, info: 0 };
    if (cell.type === 'TO') {
      slot.to += cell.count;
      entry.to += cell.count;
    } else {
      slot.info += cell.count;
      entry.info += cell.count;
    }
    entry.total += cell.count;
    entry.byPeriod.set(cell.period, slot);
  }
  return [...byPost.values()]
    .map(({ byPeriod, ...rest }) => ({
      ...rest,
      periods: [...byPeriod].sort((a, b) => a[0].localeCompare(b[0])).map(([period, v]) => ({ period, ...v })),
    }))
    .sort((a, b) => b.total - a.total || a.post.key.localeCompare(b.post.key));
}

/** Who a post writes to and hears from (TO/INFO recipients), per year or month; null for an unknown post. */
export async function postTraffic(db: Database, input: TrafficInput): Promise<TrafficResponse | null> {
  const query = trafficQuery(input);
  const params = { key: input.key, ...filterParams(input.filter) };
  const rows = await memo(db, JSON.stringify(['traffic', query, params]), () => db.read<TrafficRow>(query, params));
  const row = rows[0];
  if (!row) return null;
  const writesTo = counterparts(row.writesTo);
  const hearsFrom = counterparts(row.hearsFrom);
  return {
    post: { key: row.post.key, name: String(row.post.name ?? row.post.key) },
    period: input.period,
    writesTo: writesTo.slice(0, input.limit),
    hearsFrom: hearsFrom.slice(0, input.limit),
    totals: { writesTo: writesTo.length, hearsFrom: hearsFrom.length },
  };
}
