/**
 * The one canonical form of a cable id, used for the cables' own ids and for the ids
 * their REF lines cite, so that citation edges meet: `YY` + station + serial without
 * leading zeros (`07LONDON3175`).
 */
import { malformedIds, stationAliases } from './tables.ts';

const ID_PARTS = /^(\d{2})([0A-Z-]*[A-Z-])(\d+)$/;
/** Anything else that still looks like a release id (`90STATE255195TOSEC140301`). */
const LOOSE_ID = /^\d{2}[0-9A-Z-]*[A-Z][0-9A-Z-]*$/;
/** Post-type words that sometimes get glued into the station part. */
const POST_WORDS = /USMISSION|AMEMBASSY|EMBASSY/g;

export function canonicalStation(station: string): string {
  const bare = station.replace(POST_WORDS, '');
  const cleaned = bare === '' ? station : bare;
  return stationAliases().get(cleaned) ?? cleaned;
}

export function canonicalCableId(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  let id = raw.toUpperCase().replace(/\s+/g, '');
  if (id === '' || id.length > 80) return null;
  id = malformedIds().get(id) ?? id;
  const parts = ID_PARTS.exec(id);
  if (parts) {
    const [, year, station, serial] = parts as unknown as [string, string, string, string];
    const number = serial.replace(/^0+(?=\d)/, '');
    return `${year}${canonicalStation(station)}${number}`;
  }
  return LOOSE_ID.test(id) ? id : null;
}

/**
 * The parts of a canonical cable id (`07LONDON3175` → 07, LONDON, 3175), or null for an id
 * outside the `YY` + station + serial pattern. Serials run per station and year.
 */
export function cableIdParts(id: string): { yy: string; station: string; serial: number } | null {
  const parts = ID_PARTS.exec(id);
  if (!parts) return null;
  const [, yy, station, serial] = parts as unknown as [string, string, string, string];
  return { yy, station, serial: Number(serial) };
}

/** Builds the canonical id of a cited cable from its parts (`LONDON`, `03175`, 2007). */
export function cableIdFromParts(station: string, serial: string, year: number | string): string | null {
  const yy = String(year).padStart(2, '0').slice(-2);
  return canonicalCableId(`${yy}${station.replace(/[\s.]/g, '')}${serial}`);
}
