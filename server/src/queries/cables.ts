import type { CableDetail } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { hasAnalysis, toAnalysisFields } from './analysis-fields.ts';
import { CABLE_ANALYSIS } from '../graph/schema.ts';

interface CableRow {
  cable: Record<string, unknown>;
  sender: { key: string; name: string } | null;
  to: CableDetail['to'];
  info: CableDetail['info'];
  tags: CableDetail['tags'];
  references: CableDetail['references'];
  citedBy: CableDetail['citedBy'];
}

const CITED_BY_LIMIT = 500;

const cableQuery = `
MATCH (c:Cable {id: $id})
RETURN c {.*} AS cable,
  COLLECT { MATCH (c)-[:FROM]->(p:Post) RETURN p {.key, .name} LIMIT 1 }[0] AS sender,
  COLLECT { MATCH (c)-[r:TO]->(p:Post) RETURN p {.key, .name, route: r.route, precedence: r.precedence} ORDER BY r.position } AS to,
  COLLECT { MATCH (c)-[r:INFO]->(p:Post) RETURN p {.key, .name, route: r.route, precedence: r.precedence} ORDER BY r.position } AS info,
  COLLECT { MATCH (c)-[:TAGGED]->(t:Tag) RETURN t {.code, .kind} ORDER BY t.code } AS tags,
  COLLECT { MATCH (c)-[r:REFERENCES]->(x:Cable)
            RETURN x {.id, inCorpus: coalesce(x.inCorpus, false), .subject, .date, estimatedDate: x.${CABLE_ANALYSIS.estimatedDate}} ORDER BY r.position } AS references,
  COLLECT { MATCH (x:Cable)-[:REFERENCES]->(c)
            RETURN x {.id, inCorpus: coalesce(x.inCorpus, false), .subject, .date, estimatedDate: x.${CABLE_ANALYSIS.estimatedDate}} ORDER BY x.date DESC LIMIT $citedByLimit } AS citedBy
`;

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export async function getCable(db: Database, id: string): Promise<CableDetail | null> {
  const rows = await db.read<CableRow>(cableQuery, { id, citedByLimit: CITED_BY_LIMIT });
  const row = rows[0];
  if (!row) return null;
  const c = row.cable;
  return {
    id: String(c.id),
    inCorpus: c.inCorpus === true,
    idAsWritten: text(c.idAsWritten),
    date: text(c.date),
    classification: text(c.classification),
    origin: text(c.origin),
    subject: text(c.subject),
    sender: row.sender,
    to: row.to,
    info: row.info,
    tags: row.tags,
    references: row.references.map(normaliseLink),
    citedBy: row.citedBy.map(normaliseLink),
    header: text(c.header),
    body: text(c.body),
    ...(hasAnalysis(c) ? { analysis: toAnalysisFields(c) } : {}),
  };
}

function normaliseLink(link: CableDetail['references'][number]): CableDetail['references'][number] {
  return { id: link.id, inCorpus: link.inCorpus, subject: link.subject ?? null, date: link.date ?? null, estimatedDate: link.inCorpus ? null : link.estimatedDate ?? null };
}
