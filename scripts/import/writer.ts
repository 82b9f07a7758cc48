/**
 * The importer's writer: the only place in scripts/ that holds Cypher. Every value travels as a
 * parameter; statements are fixed texts. Writes are MERGEs keyed by the uniqueness constraints,
 * so writing the same batch twice changes nothing.
 */
import type { Database } from '../../server/src/db/driver.ts';
import { CABLE_TEXT_INDEX } from '../../server/src/queries/search.ts';
import type { CableRow, PostRow } from './rows.ts';

const schemaStatements = [
  'CREATE CONSTRAINT cable_id IF NOT EXISTS FOR (c:Cable) REQUIRE c.id IS UNIQUE',
  'CREATE CONSTRAINT post_key IF NOT EXISTS FOR (p:Post) REQUIRE p.key IS UNIQUE',
  'CREATE CONSTRAINT tag_code IF NOT EXISTS FOR (t:Tag) REQUIRE t.code IS UNIQUE',
  'CREATE INDEX cable_date IF NOT EXISTS FOR (c:Cable) ON (c.date)',
  'CREATE INDEX cable_month IF NOT EXISTS FOR (c:Cable) ON (c.month)',
  'CREATE INDEX cable_in_corpus IF NOT EXISTS FOR (c:Cable) ON (c.inCorpus)',
  `CREATE FULLTEXT INDEX ${CABLE_TEXT_INDEX} IF NOT EXISTS FOR (c:Cable) ON EACH [c.subject, c.body]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'english' } }`,
];

/** Constraints and indexes first: every MERGE below is then an index lookup, not a scan. */
export async function ensureSchema(db: Database): Promise<void> {
  for (const statement of schemaStatements) await db.autoCommit(statement);
}

export async function awaitIndexes(db: Database, timeoutSeconds = 600): Promise<void> {
  await db.autoCommit('CALL db.awaitIndexes($timeout)', { timeout: timeoutSeconds });
}

const mergePosts = `
UNWIND $posts AS row
MERGE (p:Post {key: row.key})
ON CREATE SET p.name = row.name, p.aliases = row.aliases, p.routes = row.routes
ON MATCH SET p.aliases = p.aliases + [a IN row.aliases WHERE NOT a IN p.aliases],
             p.routes = p.routes + [r IN row.routes WHERE NOT r IN p.routes]`;

const mergeTags = `
UNWIND $tags AS row
MERGE (t:Tag {code: row.code})
ON CREATE SET t.kind = row.kind`;

/** A cable that was only a cited stub becomes a full node here (`inCorpus` flips to true). */
const mergeCables = `
UNWIND $cables AS row
MERGE (c:Cable {id: row.id})
SET c += row.props, c.inCorpus = true`;

const mergeFrom = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable})
MATCH (p:Post {key: row.post})
MERGE (c)-[:FROM]->(p)`;

const recipientProps = 'r.route = row.route, r.precedence = row.precedence, r.mcn = row.mcn, r.excluded = row.excluded, r.position = row.position';

const mergeTo = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable})
MATCH (p:Post {key: row.post})
MERGE (c)-[r:TO]->(p)
SET ${recipientProps}`;

const mergeInfo = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable})
MATCH (p:Post {key: row.post})
MERGE (c)-[r:INFO]->(p)
SET ${recipientProps}`;

const mergeTagged = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable})
MATCH (t:Tag {code: row.tag})
MERGE (c)-[:TAGGED]->(t)`;

/** A cited cable not (yet) in the corpus is created as a stub with `inCorpus = false`. */
const mergeReferences = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable})
MERGE (t:Cable {id: row.cited})
ON CREATE SET t.inCorpus = false
MERGE (c)-[r:REFERENCES]->(t)
SET r.bullet = row.bullet, r.position = row.position`;

function distinctPosts(rows: CableRow[]): PostRow[] {
  const byKey = new Map<string, { key: string; name: string; aliases: Set<string>; routes: Set<string> }>();
  const add = (post: PostRow) => {
    let entry = byKey.get(post.key);
    if (!entry) {
      entry = { key: post.key, name: post.name, aliases: new Set(), routes: new Set() };
      byKey.set(post.key, entry);
    }
    post.aliases.forEach((a) => entry.aliases.add(a));
    post.routes.forEach((r) => entry.routes.add(r));
  };
  for (const row of rows) {
    if (row.sender) add(row.sender);
    row.recipients.forEach((r) => add(r.post));
  }
  return [...byKey.values()].map((p) => ({ key: p.key, name: p.name, aliases: [...p.aliases], routes: [...p.routes] }));
}

function distinctTags(rows: CableRow[]): { code: string; kind: string }[] {
  const byCode = new Map<string, { code: string; kind: string }>();
  for (const row of rows) for (const tag of row.tags) if (!byCode.has(tag.code)) byCode.set(tag.code, tag);
  return [...byCode.values()];
}

/**
 * One batch, one transaction: nodes first, then each relationship type. A batch is all or
 * nothing, so an interrupted import never leaves a half-written cable behind.
 */
export async function writeBatch(db: Database, rows: CableRow[]): Promise<void> {
  const recipients = (type: 'TO' | 'INFO') =>
    rows.flatMap((row) =>
      row.recipients
        .filter((r) => r.type === type)
        .map((r) => ({
          cable: row.id,
          post: r.post.key,
          route: r.route,
          precedence: r.precedence,
          mcn: r.mcn,
          excluded: r.excluded,
          position: r.position,
        })),
    );
  await db.writeTransaction(async (run) => {
    await run(mergePosts, { posts: distinctPosts(rows) });
    await run(mergeTags, { tags: distinctTags(rows) });
    await run(mergeCables, { cables: rows.map((row) => ({ id: row.id, props: row.props })) });
    await run(mergeFrom, { rows: rows.flatMap((row) => (row.sender ? [{ cable: row.id, post: row.sender.key }] : [])) });
    await run(mergeTo, { rows: recipients('TO') });
    await run(mergeInfo, { rows: recipients('INFO') });
    await run(mergeTagged, { rows: rows.flatMap((row) => row.tags.map((t) => ({ cable: row.id, tag: t.code }))) });
    await run(mergeReferences, {
      rows: rows.flatMap((row) =>
        row.references.map((ref) => ({ cable: row.id, cited: ref.id, bullet: ref.bullet, position: ref.position })),
      ),
    });
  });
}

/** Empties the database in chunks (a single DETACH DELETE of a large graph exhausts the heap). */
export async function deleteEverything(db: Database): Promise<void> {
  await db.autoCommit('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
}
