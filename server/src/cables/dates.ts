/** Dates as the different sources write them, turned into ISO 8601 UTC. */

const MONTHS: Record<string, number> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12,
};

function iso(year: number, month: number, day: number, hour = 0, minute = 0, offsetMinutes = 0): string | null {
  if (![year, month, day, hour, minute].every(Number.isFinite)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute) - offsetMinutes * 60_000;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900 && year >= 1900) return null;
  // Reject 31 February and the like rather than rolling over into the next month.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return null;
  return d.toISOString().replace('.000Z', 'Z');
}

/** Seed format: `Fri Oct 12 00:00:00 +0200 2007`. */
export function parseSeedDate(text: string): string | null {
  const m = /^\s*[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):\d{2}\s+([+-])(\d{2})(\d{2})\s+(\d{4})\s*$/.exec(text);
  if (!m) return parseAnyDate(text);
  const month = MONTHS[m[1]!.toUpperCase()];
  if (month === undefined) return null;
  // The seed converter kept only the cable's day and wrote it as local midnight in Paris;
  // shifting that to UTC would move every cable to the previous day, so a midnight stamp is
  // read as what it is: a calendar date (`2007-10-12`).
  if (m[3] === '00' && m[4] === '00') {
    const day = iso(Number(m[8]), month, Number(m[2]));
    return day ? day.slice(0, 10) : null;
  }
  const offset = (m[5] === '-' ? -1 : 1) * (Number(m[6]) * 60 + Number(m[7]));
  return iso(Number(m[8]), month, Number(m[2]), Number(m[3]), Number(m[4]), offset);
}

/** cables.csv: `12/28/1966 18:48` (US month/day/year, UTC). */
export function parseCsvDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?\s*$/.exec(text);
  if (!m) return parseAnyDate(text);
  if (m[4] === undefined) return calendarDate(Number(m[3]), Number(m[1]), Number(m[2]));
  return iso(Number(m[3]), Number(m[1]), Number(m[2]), Number(m[4]), Number(m[5]));
}

/**
 * WikiLeaks HTML `Created` cell: `2007-10-12 16:04` (UTC). The minutes on these pages are
 * garbled (07LONDON3923 was sent at 16:44, per its header and cables.csv), so only the day
 * is trusted here; buildRecord takes the time from the header's date-time group when it can.
 */
export function parseHtmlDate(text: string): string | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return null;
  return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function calendarDate(year: number, month: number, day: number): string | null {
  const full = iso(year, month, day);
  return full ? full.slice(0, 10) : null;
}

/**
 * The exact time from the routing header's date-time group (`P 121644Z OCT 07` → 16:44Z)
 * for a calendar date (`2007-10-12`) of the same day; anything else is returned unchanged.
 */
export function withHeaderTime(date: string | null, header: string): string | null {
  if (!date || date.length !== 10) return date;
  const m = /\b(\d{2})(\d{2})(\d{2})Z\s+([A-Z]{3})\s+(\d{2})\b/.exec(header);
  if (!m) return date;
  const month = MONTHS[m[4]!];
  const year = Number(date.slice(0, 4));
  if (month === undefined || String(year).slice(-2) !== m[5] || Number(date.slice(5, 7)) !== month || Number(date.slice(8, 10)) !== Number(m[1])) return date;
  return iso(year, month, Number(m[1]), Number(m[2]), Number(m[3])) ?? date;
}

export function parseAnyDate(text: string): string | null {
  return parseHtmlDate(text) ?? null;
}

/** Year of an ISO date, or null. */
export function yearOf(isoDate: string | null): number | null {
  if (!isoDate) return null;
  const y = Number(isoDate.slice(0, 4));
  return Number.isFinite(y) ? y : null;
}

