import { analysisProps } from './analysis-fields.ts';
import { POST_ANALYSIS } from '../graph/schema.ts';

/**
 * The properties a graph node needs on the wire (see toGraphNode): a fixed list, so that a
 * neighbour list never reads cable bodies and headers (kilobytes each) only to drop them.
 * `v` is a variable name chosen in code.
 */
export const nodeProps = (v: string): string =>
  `${v} {.id, .key, .code, .name, .subject, .inCorpus, .date, .classification, .kind, ${analysisProps(v)}, ${POST_ANALYSIS.community}: ${v}.${POST_ANALYSIS.community}}`;
