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
