/** The shape of scripts/corpus/tables.json (written by derive-tables.ts, read by the generator). */
import { readFileSync } from 'node:fs';

export interface Weighted<T extends string = string> {
  value: T;
  weight: number;
}

export interface CorpusTables {
  derivedFrom: string;
  /** Cables per year (`"2007"`). */
  years: Weighted[];
  classifications: Weighted[];
  /** Posts by the number of cables they sent: origin line, FM name, routing indicator. */
  posts: { origin: string; sender: string | null; route: string | null; weight: number }[];
  /** Share of routed cables addressed (TO or INFO) to the hub, SECSTATE WASHDC. */
  hubShare: number;
  hub: { route: string; name: string };
  /** Share of partial extracts (no routing header). */
  partialShare: number;
  /** Share of cables whose id is written in a non-canonical (garbled) form. */
  garbledIdShare: number;
  /** Histograms: index = count (the last bucket is "that many or more"). */
  toCounts: number[];
  infoCounts: number[];
  /** Non-hub addressees as `route|name`, by frequency. */
  recipients: Weighted[];
  tagCounts: number[];
  tags: Weighted[];
  /** Cable citations per cable. */
  refCounts: number[];
  /** Years between a cable and the cable it cites. */
  refReachYears: number[];
  /** Share of citations to a cable of the citing cable's own station. */
  sameStationRefShare: number;
  /** Percentiles 0..100 of header + body size in bytes. */
  textBytesQuantiles: number[];
  signers: Weighted[];
  classifiers: Weighted[];
  /** Body words by frequency. */
  vocabulary: Weighted[];
  releaseWide: { note: string; cables: number; citations: number; missingCitedShare: number; csvBytes: number };
}

export function loadTables(): CorpusTables {
  return JSON.parse(readFileSync(new URL('./tables.json', import.meta.url), 'utf8')) as CorpusTables;
}
