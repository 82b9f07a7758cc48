/**
 * The year a cable id stands for (`07LONDON3175` → 2007): all a cited stub without a date
 * tells about its time. Pure, no imports: the parser, the queries and the client share it.
 *
 * The pivot. The release spans 1966 to February 2010, so a two-digit year after 10 cannot be
 * 20xx. Cited stubs reach further back than the release: the cables in /work/shared/data cite
 * ids of every year from 66 to 99 and 00 to 10 (and a 1966 cable may cite one of 1965 or
 * earlier), never one after 10. So 00–10 are 2000–2010 and everything else is 19xx. (The older
 * rules disagreed on 41–59: `> 40` in the parser made them 19xx, `>= 60` in the API and the
 * client made them 20xx.)
 */

/** The last year of the release: two-digit years up to its last two digits are 20xx. */
export const LAST_RELEASE_YEAR = 2010;

/** The first year of the release. */
export const FIRST_RELEASE_YEAR = 1966;

/** A two-digit year (`07`, `98`) as the full year it stands for in a cable id or a REF line. */
export function fullYear(twoDigits: number): number {
  return twoDigits <= LAST_RELEASE_YEAR % 100 ? 2000 + twoDigits : 1900 + twoDigits;
}

export function yearFromCableId(id: string): number | null {
  const m = /^(\d{2})/.exec(id);
  return m ? fullYear(Number(m[1])) : null;
}
