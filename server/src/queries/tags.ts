import type { TagDetail, TagKind } from '../api/types.ts';
import { tagName } from '../api/tag-names.ts';
import { tagKind } from '../cables/tag-kind.ts';
import type { Database } from '../db/driver.ts';
import { nodeId } from './node-ids.ts';

interface TagRow {
  code: string;
  kind: string | null;
  name: string | null;
  cables: number;
}

const TAG_KINDS: readonly string[] = ['country', 'subject', 'program', 'organisation', 'person', 'other'] satisfies TagKind[];

const tagQuery = `
MATCH (t:Tag {code: $code})
RETURN t.code AS code, t.kind AS kind, t.name AS name, COUNT { (t)<-[:TAGGED]-(:Cable) } AS cables`;

/**
 * What a TAGS code stands for: its kind and name as the import stored them (a database imported
 * before names were stored falls back to the same tables the importer uses), and its cables.
 */
export async function getTag(db: Database, code: string): Promise<TagDetail | null> {
  const [row] = await db.read<TagRow>(tagQuery, { code });
  if (!row) return null;
  const kind = row.kind && TAG_KINDS.includes(row.kind) ? (row.kind as TagKind) : tagKind(row.code);
  return { id: nodeId({ kind: 'tag', key: row.code }), code: row.code, kind, name: row.name || tagName(row.code), cables: row.cables };
}
