/** Numbers and dates as the explorer writes them (pure: shared by the DOM code and node:test). */

export const fmtInt = (n: number): string => n.toLocaleString('en-US');

const dayOf = (d: Date): string => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `2007-05-24T15:06:00Z` → `24 May 2007, 15:06 UTC` (no time when it is midnight). */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = dayOf(d);
  const hh = d.getUTCHours();
  const mm = d.getUTCMinutes();
  if (hh === 0 && mm === 0) return day;
  return `${day}, ${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')} UTC`;
}

/** The day alone, as lists and tooltips write it: `2007-05-24T15:06:00Z` or `2007-05-24` → `24 May 2007`. */
export function fmtDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dayOf(d);
}
