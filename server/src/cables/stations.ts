/** Which station names are real, so that `PARIS POINTS JULY 15` is not read as a cable id. */
import { releaseStations, stationAliases } from './tables.ts';

/** Stations that appear in REF lines but seldom or never as a release id prefix. */
const EXTRA_STATIONS = [
  'SECDEF', 'USDAFAS', 'USDOC', 'USCBP', 'USDOJ', 'CDCATLANTAGA', 'WHITEHOUSE', 'UNESCOPARISFR',
  'USUNNEWYORK', 'USEUBRUSSELS', 'UNVIEVIENNA', 'USNATO', 'USOSCE', 'UNROME', 'USTRGENEVA', 'CDGENEVA',
  'AITTAIPEI', 'STATE', 'DHAHRAN', 'HOCHIMINHCITY', 'RPODUBAI', 'IRANRPODUBAI', 'FSINFATC', 'MONTEREY',
];

let known: Set<string> | null = null;

export function knownStation(code: string): boolean {
  if (known === null) {
    known = new Set([...releaseStations(), ...EXTRA_STATIONS, ...stationAliases().values()]);
    for (const s of [...known]) if (/^EFTO|SECTION|^AMEMBASSY/.test(s)) known.delete(s);
  }
  return known.has(code);
}

const nearCache = new Map<string, string | null>();

/** A station one typo away (`COLOMOBO` → COLOMBO), for words long enough to make that safe. */
export function nearestStation(word: string): string | null {
  if (nearCache.has(word)) return nearCache.get(word)!;
  knownStation('');
  let best: string | null = null;
  for (const station of known!) {
    if (Math.abs(station.length - word.length) > 1 || station.length < 6) continue;
    if (withinOneEdit(word, station)) {
      if (best !== null) {
        best = null; // ambiguous
        break;
      }
      best = station;
    }
  }
  nearCache.set(word, best);
  return best;
}

/** At most one insertion, deletion or substitution apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
