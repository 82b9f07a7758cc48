/** Numbers and dates as the explorer writes them (pure: shared by the DOM code and node:test). */

export const fmtInt = (n: number): string => n.toLocaleString('en-US');

/** `2007-05-24T15:06:00Z` → `24 May 2007, 15:06 UTC` (no time when it is midnight). */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const hh = d.getUTCHours();
  const mm = d.getUTCMinutes();
  if (hh === 0 && mm === 0) return day;
  return `${day}, ${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')} UTC`;
}
