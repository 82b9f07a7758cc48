import type { CableAnalysisFields, RankedCable } from '../api/types.ts';
import { CABLE_ANALYSIS as C } from '../graph/schema.ts';

/** The analysis properties of cable variable `v`, as a Cypher map projection fragment. */
export const analysisProps = (v: string): string =>
  [C.citationsIn, C.citationsOut, C.pagerank, C.hub, C.authority, C.thread, C.community, C.estimatedDate, C.estimatedEarliest, C.estimatedLatest, C.estimatedAfter, C.estimatedBefore]
    .map((name) => `${name}: ${v}.${name}`)
    .join(', ');

/** A ranked cable's projection: identity, display fields and analysis properties. */
export const rankedCableProps = (v: string): string =>
  `{id: ${v}.id, subject: ${v}.subject, date: ${v}.date, classification: ${v}.classification, inCorpus: ${v}.inCorpus, sender: [(${v})-[:FROM]->(sender:Post) | sender.key][0], ${analysisProps(v)}}`;

const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** True when the row carries any analysis property (a cable the analysis said something about). */
export function hasAnalysis(p: Record<string, unknown>): boolean {
  return p[C.pagerank] != null || p[C.estimatedDate] != null;
}

export function toAnalysisFields(p: Record<string, unknown>): CableAnalysisFields {
  const estimated = str(p[C.estimatedDate]);
  return {
    citationsIn: num(p[C.citationsIn]),
    citationsOut: num(p[C.citationsOut]),
    pagerank: num(p[C.pagerank]),
    hub: num(p[C.hub]),
    authority: num(p[C.authority]),
    thread: str(p[C.thread]),
    community: num(p[C.community]),
    estimatedDate: estimated
      ? {
          date: estimated,
          earliest: str(p[C.estimatedEarliest]) ?? estimated,
          latest: str(p[C.estimatedLatest]) ?? estimated,
          after: str(p[C.estimatedAfter]),
          before: str(p[C.estimatedBefore]),
        }
      : null,
  };
}

export function toRankedCable(p: Record<string, unknown>): RankedCable {
  return {
    id: String(p.id),
    subject: str(p.subject),
    date: str(p.date),
    classification: str(p.classification),
    inCorpus: p.inCorpus === true,
    sender: str(p.sender),
    analysis: toAnalysisFields(p),
  };
}
