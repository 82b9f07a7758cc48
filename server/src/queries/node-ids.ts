import type { GraphNode, NodeKind, TagKind } from '../api/types.ts';
import { kindOfLabels } from '../graph/schema.ts';
import { hasAnalysis, toAnalysisFields } from './analysis-fields.ts';
import { POST_ANALYSIS } from '../graph/schema.ts';

/** A graph node id split into its kind and domain key (`post:LONDON` → post, LONDON). */
export interface NodeRef {
  kind: NodeKind;
  key: string;
}

export function nodeId(ref: NodeRef): string {
  return `${ref.kind}:${ref.key}`;
}

/** Row shape every graph query returns for a node: its labels, properties and degree. */
export interface NodeRow {
  labels: string[];
  props: Record<string, unknown>;
  degree: number;
  /** Incoming REFERENCES of a cable, where the query counts them (see `citedByCount`). */
  citedBy?: number | null;
}

/** The Cypher expression for `NodeRow.citedBy` of node variable `v` (null for posts and tags). */
export const citedByCount = (v: string): string => `CASE WHEN ${v}:Cable THEN COUNT { (${v})<-[:REFERENCES]-() } END`;

export function toGraphNode(row: NodeRow): GraphNode {
  const p = row.props;
  const kind = kindOfLabels(row.labels);
  if (kind === 'cable') {
    const key = String(p.id);
    const subject = typeof p.subject === 'string' && p.subject ? p.subject : null;
    return {
      id: nodeId({ kind: 'cable', key }),
      kind: 'cable',
      key,
      label: subject ? `${key}: ${subject}` : key,
      degree: row.degree,
      subject,
      inCorpus: p.inCorpus === true,
      date: typeof p.date === 'string' ? p.date : null,
      classification: typeof p.classification === 'string' ? p.classification : null,
      ...(typeof row.citedBy === 'number' ? { citedBy: row.citedBy } : {}),
      ...(hasAnalysis(p) ? { analysis: toAnalysisFields(p) } : {}),
    };
  }
  if (kind === 'post') {
    const key = String(p.key);
    const community = p[POST_ANALYSIS.community];
    const name = typeof p.name === 'string' && p.name ? p.name : null;
    return {
      id: nodeId({ kind: 'post', key }),
      kind: 'post',
      key,
      label: name ?? key,
      name,
      degree: row.degree,
      ...(typeof community === 'number' ? { trafficCommunity: community } : {}),
    };
  }
  const key = String(p.code);
  const name = typeof p.name === 'string' && p.name ? p.name : null;
  const tag: GraphNode = { id: nodeId({ kind: 'tag', key }), kind: 'tag', key, label: name ? `${key} (${name})` : key, name, degree: row.degree };
  if (typeof p.kind === 'string') tag.tagKind = p.kind as TagKind;
  return tag;
}
