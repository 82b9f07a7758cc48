import type { PostTagRole, PostTagsResponse } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { cablePredicates, filterParams, type CableFilter } from './filters.ts';
import { memo } from './memo.ts';

export interface PostTagsInput {
  key: string;
  role: PostTagRole;
  filter: CableFilter;
  limit: number;
}

/** The pattern that ties a cable to the post in each role; chosen here, never from user text. */
const ROLE_PATTERN: Record<PostTagRole, string> = {
  sent: '(c:Cable)-[:FROM]->(p)',
  received: '(c:Cable)-[:TO|INFO]->(p)',
  any: '(c:Cable)-->(p)',
};

function postTagsQuery(input: PostTagsInput): string {
  const predicates = cablePredicates('c', input.filter);
  const match = `MATCH ${ROLE_PATTERN[input.role]}${predicates.length > 0 ? ` WHERE ${predicates.join(' AND ')}` : ''}`;
  // Aggregates without grouping keys always give one row, so a post without cables in that
  // role answers with zero counts rather than disappearing.
  return `
MATCH (p:Post {key: $key})
CALL {
  WITH p
  ${match}
  RETURN count(DISTINCT c) AS total
}
CALL {
  WITH p
  ${match}
  WITH DISTINCT c
  MATCH (c)-[:TAGGED]->(t:Tag)
  WITH t, count(*) AS n
  ORDER BY n DESC, t.code
  RETURN collect({code: t.code, kind: t.kind, cables: n}) AS tags
}
RETURN p {.key, .name} AS post, total, tags`;
}

interface PostTagsRow {
  post: { key: string; name: string };
  total: number | null;
  tags: PostTagsResponse['tags'];
}

/**
 * The tags a post's cables carry, most used first: what a post writes (or hears) about.
 * One pass over the post's cables, memoised like the other per-post aggregates, because a hub
 * such as the Secretary of State has a hundred thousand of them.
 */
export async function postTags(db: Database, input: PostTagsInput): Promise<PostTagsResponse | null> {
  const query = postTagsQuery(input);
  const params = { key: input.key, ...filterParams(input.filter) };
  const rows = await memo(db, JSON.stringify(['post-tags', query, params]), () => db.read<PostTagsRow>(query, params));
  const row = rows[0];
  if (!row) return null;
  const tags = row.tags ?? [];
  return {
    post: row.post,
    role: input.role,
    cables: row.total ?? 0,
    tags: tags.slice(0, input.limit),
    totalTags: tags.length,
  };
}
