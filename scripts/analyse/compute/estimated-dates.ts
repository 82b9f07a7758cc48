import type { EstimatedDate } from '../../../server/src/api/types.ts';
import { cableIdParts } from '../../../server/src/cables/canonical-id.ts';
import { yearFromCableId } from '../../../server/src/cables/year-from-id.ts';

export interface DatedCable {
  id: string;
  /** ISO date or date-time. */
  date: string;
}

export type { EstimatedDate };

const DAY = 86_400_000;

interface Known {
  serial: number;
  time: number;
  id: string;
}

/**
 * Dates for cited cables missing from the corpus, from the running serial numbers: a station
 * numbers its cables in order through each year, so a missing cable lies between the known
 * cables of the same station and year with the nearest lower and higher serials. The estimate
 * interpolates linearly by serial between them; past the last (or before the first) known
 * serial it extrapolates at the station's rate that year, never beyond the year's end (start).
 * A station-year without a dated cable gives no estimate.
 */
export function estimateDates(known: DatedCable[], missing: string[]): Map<string, EstimatedDate> {
  const byStationYear = new Map<string, Known[]>();
  for (const cable of known) {
    const parts = cableIdParts(cable.id);
    const time = Date.parse(cable.date);
    if (!parts || Number.isNaN(time)) continue;
    const key = `${parts.yy}${parts.station}`;
    let list = byStationYear.get(key);
    if (!list) byStationYear.set(key, (list = []));
    list.push({ serial: parts.serial, time: Math.floor(time / DAY) * DAY, id: cable.id });
  }
  for (const list of byStationYear.values()) list.sort((a, b) => a.serial - b.serial || a.time - b.time);

  const out = new Map<string, EstimatedDate>();
  for (const id of missing) {
    const parts = cableIdParts(id);
    if (!parts) continue;
    const list = byStationYear.get(`${parts.yy}${parts.station}`);
    if (!list?.length) continue;
    const estimate = estimateOne(list, parts.serial, yearFromCableId(id)!);
    if (estimate) out.set(id, estimate);
  }
  return out;
}

function estimateOne(list: Known[], serial: number, year: number): EstimatedDate | null {
  const i = firstAbove(list, serial); // list[i-1].serial <= serial < list[i].serial
  const lower = i > 0 ? list[i - 1]! : null;
  const upper = i < list.length ? list[i]! : null;
  if (lower && lower.serial === serial) return null; // a known cable has that serial: not missing
  const yearStart = Date.UTC(year, 0, 1);
  const yearEnd = Date.UTC(year, 11, 31);
  if (lower && upper) {
    const earliest = Math.min(lower.time, upper.time);
    const latest = Math.max(lower.time, upper.time);
    const fraction = (serial - lower.serial) / (upper.serial - lower.serial);
    const time = clamp(lower.time + fraction * (upper.time - lower.time), earliest, latest);
    return result(time, earliest, latest, lower.id, upper.id);
  }
  const perDay = serialsPerDay(list);
  if (lower) {
    const time = perDay ? Math.min(lower.time + ((serial - lower.serial) / perDay) * DAY, yearEnd) : lower.time;
    return result(time, lower.time, Math.max(yearEnd, lower.time), lower.id, null);
  }
  const first = upper!;
  const time = perDay ? Math.max(first.time - ((first.serial - serial) / perDay) * DAY, yearStart) : first.time;
  return result(time, Math.min(yearStart, first.time), first.time, null, first.id);
}

/** The station's numbering rate that year, from its first and last known cables. */
function serialsPerDay(list: Known[]): number | null {
  const first = list[0]!;
  const last = list[list.length - 1]!;
  const days = (last.time - first.time) / DAY;
  return days >= 1 && last.serial > first.serial ? (last.serial - first.serial) / days : null;
}

function firstAbove(list: Known[], serial: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.serial <= serial) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
const isoDay = (time: number) => new Date(Math.round(time / DAY) * DAY).toISOString().slice(0, 10);

function result(time: number, earliest: number, latest: number, after: string | null, before: string | null): EstimatedDate {
  return { date: isoDay(time), earliest: isoDay(earliest), latest: isoDay(latest), after, before };
}
