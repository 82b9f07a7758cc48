/**
 * The importer's writer: the only place in scripts/ that holds Cypher. Every value travels as a
 * parameter; statements are fixed texts. Writes are MERGEs keyed by the uniqueness constraints,
 * so writing the same batch twice changes nothing.
 *
 * Lock order. One importer writes one batch at a time, so its own transactions never wait for
 * each other; to keep concurrent importers (or the app's writes) from deadlocking on hub nodes
 * (SECSTATE WASHDC, PREL), every statement takes its locks in one global order: posts and tags
 * sorted by key, then the batch's cables sorted by id, then relationships grouped by type and
 * sorted by their hub end (post key, tag code, cited id).
 */
import { TAG_NAMES } from '../../server/src/api/tag-names.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { fulltextIndexStatements, LINK_COLUMNS, LINKS, NODES, schemaStatements } from '../../server/src/graph/schema.ts';
import { isGraphKey } from '../../server/src/cables/graph-keys.ts';
import { hasBody, prefersCypher, winnersById } from './duplicate-rule.ts';
import { PostSet, type CableRow, type PostRow } from './rows.ts';

/**
 * Constraints and every index, full-text included, before the first cable is written: every
 * MERGE below is then an index lookup, not a scan, and the app can search what an import has
 * committed so far (created on an empty database, an index is online at once and grows with
 * each batch). Deferring the full-text indexes to the end of a first load was faster, but left
 * search answering errors for the whole load, and for good after an interrupted one.
 */
export async function ensureSchema(db: Database): Promise<void> {
  for (const statement of [...schemaStatements(), ...fulltextIndexStatements()]) await db.autoCommit(statement);
}

export async function awaitIndexes(db: Database, timeoutSeconds = 1800): Promise<void> {
  await db.autoCommit('CALL db.awaitIndexes($timeout)', { timeout: timeoutSeconds });
}

/**
 * Names tags that have none (a database imported before names were stored) from the tables in
 * tag-names.ts. Writes nothing once every known tag is named, so a re-run stays read-only.
 */
export async function nameUnnamedTags(db: Database): Promise<void> {
  const names = Object.entries(TAG_NAMES).map(([code, name]) => ({ code, name }));
  await db.writeTransaction((run) =>
    run(
      `UNWIND $names AS row
       MATCH (t:Tag {code: row.code}) WHERE t.name IS NULL
       SET t.name = row.name`,
      { names },
    ),
  );
}

/**
 * Moves every link of a post stored under a former name (`KIEV`) to the post it is now (`KYIV`)
 * and deletes the former node, keeping its name and spellings as aliases. Relationship
 * properties (route, precedence…) go with the link. No former node, nothing written: a re-run
 * changes nothing.
 */
const relinkRenamedPosts = `
UNWIND $renames AS rename
MATCH (old:Post {key: rename.formerKey})
MERGE (now:Post {key: rename.key})
ON CREATE SET now.name = rename.name, now.aliases = [], now.routes = []
WITH old, now
CALL (old, now) {
  MATCH (c:Cable)-[f:FROM]->(old)
  MERGE (c)-[:FROM]->(now)
  DELETE f
}
CALL (old, now) {
  MATCH (c:Cable)-[t:TO]->(old)
  MERGE (c)-[moved:TO]->(now)
  ON CREATE SET moved += properties(t)
  DELETE t
}
CALL (old, now) {
  MATCH (c:Cable)-[i:INFO]->(old)
  MERGE (c)-[moved:INFO]->(now)
  ON CREATE SET moved += properties(i)
  DELETE i
}
SET now.aliases = reduce(acc = coalesce(now.aliases, []), a IN coalesce(old.aliases, []) + [old.name, old.key] | CASE WHEN a IS NULL OR a IN acc THEN acc ELSE acc + a END),
    now.routes = reduce(acc = coalesce(now.routes, []), r IN coalesce(old.routes, []) | CASE WHEN r IN acc THEN acc ELSE acc + r END)
DETACH DELETE old
RETURN count(*) AS relinked`;

const storedPostAndTagKeys = `
MATCH (p:${NODES.post.label}) RETURN 'post' AS kind, p.${NODES.post.key} AS key
UNION ALL
MATCH (t:${NODES.tag.label}) RETURN 'tag' AS kind, t.${NODES.tag.key} AS key`;

const deleteNodesByKey = (kind: 'post' | 'tag') => `
UNWIND $keys AS key
MATCH (n:${NODES[kind].label} {${NODES[kind].key}: key})
DETACH DELETE n
RETURN count(*) AS deleted`;

/**
 * Deletes the posts and tags that an import made from header noise before the one key rule
 * (graph-keys.ts) kept it out (`ZNYCCCCCZZH\`, `\`): the API can never ask for such a key. Their
 * cables stay; only the noise node and its links go. Nothing to delete, nothing written.
 */
export async function removeHeaderNoise(db: Database): Promise<{ posts: string[]; tags: string[] }> {
  const stored = await db.read<{ kind: 'post' | 'tag'; key: string | null }>(storedPostAndTagKeys);
  const noise = (kind: 'post' | 'tag') => stored.flatMap((r) => (r.kind === kind && r.key !== null && !isGraphKey(r.key) ? [r.key] : []));
  const posts = noise('post');
  const tags = noise('tag');
  for (const [kind, keys] of [['post', posts], ['tag', tags]] as const) {
    if (keys.length > 0) await db.writeTransaction((run) => run(deleteNodesByKey(kind), { keys }));
  }
  return { posts, tags };
}

/** Relinks a database imported before a post's renames were known; returns the posts merged. */
export async function relinkPosts(db: Database, renames: Array<{ formerKey: string; key: string; name: string }>): Promise<number> {
  const rows = await db.writeTransaction((run) => run<{ relinked: number }>(relinkRenamedPosts, { renames }));
  return rows[0]?.relinked ?? 0;
}

const mergePosts = `
UNWIND $posts AS row
MERGE (p:Post {key: row.key})
ON CREATE SET p.name = row.name, p.aliases = row.aliases, p.routes = row.routes
WITH p, row, [a IN row.aliases WHERE NOT a IN p.aliases] AS newAliases, [r IN row.routes WHERE NOT r IN p.routes] AS newRoutes
WHERE size(newAliases) > 0 OR size(newRoutes) > 0
SET p.aliases = p.aliases + newAliases, p.routes = p.routes + newRoutes`;

const mergeTags = `
UNWIND $tags AS row
MERGE (t:Tag {code: row.code})
ON CREATE SET t.kind = row.kind, t.name = row.name`;

/** The duplicate rule (duplicate-rule.ts) against the stored node; a stub becomes a full cable. */
const mergeCables = `
UNWIND $cables AS row
MERGE (c:Cable {id: row.id})
WITH c, row
WHERE c.inCorpus IS NULL OR c.inCorpus = false OR c.textLength IS NULL OR ${prefersCypher('row', 'c')}
SET c += row.props, c.inCorpus = true, c.textLength = row.textLength, c.textHash = row.textHash`;

/**
 * A relationship from a cable to a stored post or tag (the row's `post` or `tag` field), its
 * properties (schema.ts) set only on creation.
 */
function mergeLinks(type: 'FROM' | 'TO' | 'INFO' | 'TAGGED'): string {
  const kind = LINKS[type].to;
  const props = LINK_COLUMNS[type].map(([name]) => `r.${name} = row.${name}`).join(', ');
  return `
UNWIND $rows AS row
MATCH (e:${NODES[kind].label} {${NODES[kind].key}: row.${kind}})
MATCH (c:Cable {id: row.cable})
MERGE (c)-[r:${type}]->(e)${props ? `\nON CREATE SET ${props}` : ''}`;
}

/** A cited cable not (yet) in the corpus is created as a stub with `inCorpus = false`. */
const mergeReferences = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable})
MERGE (t:Cable {id: row.cited})
ON CREATE SET t.inCorpus = false
MERGE (c)-[r:REFERENCES]->(t)
ON CREATE SET r.bullet = row.bullet, r.position = row.position`;

/** Where an import run stands; written in the same transaction as the batch it follows. */
const saveCheckpoint = `
MERGE (k:ImportCheckpoint {key: $key})
SET k += $state, k.updatedAt = datetime()`;

export interface CheckpointState {
  /** Human-readable list of the inputs (for `npm run stats` and debugging). */
  inputs: string;
  /** Index of the input file the next record comes from. */
  fileIndex: number;
  /** CSV: byte offset of the chunk the next record is in (0 for other files). */
  offset: number;
  /** CSV: first line of that chunk (0 for other files). */
  line: number;
  /** Records consumed of that chunk (CSV) or of that file (other formats). */
  recordsInFile: number;
  /** Bytes of the rejects file that belong to the consumed records. */
  rejectsBytes: number;
  /** The rejects file this run created (absolute path) and its `dev:ino`; null when none. */
  rejectsFile?: string | null;
  rejectsId?: string | null;
  read: number;
  imported: number;
  rejected: number;
  bytes: number;
  done: boolean;
}

export async function loadCheckpoint(db: Database, key: string): Promise<CheckpointState | null> {
  const [row] = await db.read<{ k: CheckpointState }>('MATCH (k:ImportCheckpoint {key: $key}) RETURN k {.*} AS k', { key });
  return row?.k ?? null;
}

export async function saveCheckpointOnly(db: Database, key: string, state: CheckpointState): Promise<void> {
  await db.writeTransaction(async (run) => {
    await run(saveCheckpoint, { key, state });
  });
}

const byString = <T>(key: (x: T) => string) => (a: T, b: T) => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

function distinctPosts(rows: CableRow[]): PostRow[] {
  const posts = new PostSet();
  for (const row of rows) posts.addPostsOf(row);
  return posts.list();
}

function distinctTags(rows: CableRow[]): CableRow['tags'] {
  const byCode = new Map<string, CableRow['tags'][number]>();
  for (const row of rows) for (const tag of row.tags) if (!byCode.has(tag.code)) byCode.set(tag.code, tag);
  return [...byCode.values()].sort(byString((t) => t.code));
}

/**
 * The statements of one batch with their parameters, in lock order. Two records of one id in the
 * batch write the node once (the duplicate rule's winner) and all of their links.
 */
export function batchStatements(rows: CableRow[]): [string, Record<string, unknown>][] {
  const recipients = (type: 'TO' | 'INFO') =>
    rows
      .flatMap((row) =>
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
      )
      .sort(byString((r) => r.post));
  const statements: [string, Record<string, unknown>][] = [
    [mergePosts, { posts: distinctPosts(rows) }],
    [mergeTags, { tags: distinctTags(rows) }],
    [
      mergeCables,
      {
        cables: winnersById(rows)
          .map((row) => ({ id: row.id, props: row.props, hasBody: hasBody(row.props.body), textLength: row.textLength, textHash: row.textHash }))
          .sort(byString((c) => c.id)),
      },
    ],
    [mergeLinks('FROM'), { rows: rows.flatMap((row) => (row.sender ? [{ cable: row.id, post: row.sender.key }] : [])).sort(byString((r) => r.post)) }],
    [mergeLinks('TO'), { rows: recipients('TO') }],
    [mergeLinks('INFO'), { rows: recipients('INFO') }],
    [mergeLinks('TAGGED'), { rows: rows.flatMap((row) => row.tags.map((t) => ({ cable: row.id, tag: t.code }))).sort(byString((r) => r.tag)) }],
    [
      mergeReferences,
      {
        rows: rows
          .flatMap((row) => row.references.map((ref) => ({ cable: row.id, cited: ref.id, bullet: ref.bullet, position: ref.position })))
          .sort(byString((r) => r.cited)),
      },
    ],
  ];
  return statements.filter(([, params]) => Object.values(params).some((v) => Array.isArray(v) && v.length > 0));
}

/**
 * One batch, one transaction: nodes first, then each relationship type, then the checkpoint.
 * A batch and the checkpoint that says it is done commit together or not at all, so a killed
 * import resumes exactly after the last committed batch.
 */
export async function writeBatch(
  db: Database,
  rows: CableRow[],
  checkpoint?: { key: string; state: CheckpointState },
): Promise<void> {
  await db.writeTransaction(async (run) => {
    // A cable already stored from this very record (same content hash) got its links in the same
    // transaction: nothing to write. This makes a re-run read-only.
    let todo = rows;
    if (rows.length > 0) {
      const known = await run<{ id: string; hash: string }>(unchangedCables, {
        cables: rows.map((row) => ({ id: row.id, hash: row.textHash })),
      });
      if (known.length > 0) {
        const same = new Set(known.map((k) => `${k.id}\u0000${k.hash}`));
        todo = rows.filter((row) => !same.has(`${row.id}\u0000${row.textHash}`));
      }
    }
    for (const [cypher, params] of batchStatements(todo)) await run(cypher, params);
    if (checkpoint) await run(saveCheckpoint, { key: checkpoint.key, state: checkpoint.state });
  });
}

const unchangedCables = `
UNWIND $cables AS row
MATCH (c:Cable {id: row.id})
WHERE c.inCorpus = true AND c.textHash = row.hash
RETURN c.id AS id, row.hash AS hash`;

/** Empties the database in chunks (a single DETACH DELETE of a large graph exhausts the heap). */
export async function deleteEverything(db: Database): Promise<void> {
  await db.autoCommit('MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 20000 ROWS');
  await db.autoCommit('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS');
}
