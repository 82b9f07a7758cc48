import { createHash } from 'node:crypto';
import type { CableRecord } from '../../server/src/cables/record.ts';
import { isGraphKey } from '../../server/src/cables/graph-keys.ts';
import { resolveOriginPost, resolvePost } from '../../server/src/cables/posts.ts';
import { tagName } from '../../server/src/api/tag-names.ts';
import type { CableProps } from '../../server/src/graph/schema.ts';

/** What the writer stores for one cable: flat properties plus its links, keyed by domain ids. */
export interface CableRow {
  id: string;
  props: CableProps;
  /** Header + body characters: the duplicate rule keeps the record with the most text. */
  textLength: number;
  /** Hash of every property but `source`: breaks ties, and makes a re-run write nothing. */
  textHash: string;
  sender: PostRow | null;
  recipients: RecipientRow[];
  /** `name`: the country or subject the code stands for, when the tables know it. */
  tags: { code: string; kind: string; name: string | null }[];
  references: { id: string; bullet: string | null; position: number }[];
  /** Names in the header that failed the key rule (graph-keys.ts) and made no post or tag. */
  headerNoise: string[];
}

export interface PostRow {
  key: string;
  name: string;
  aliases: string[];
  routes: string[];
}

export interface RecipientRow {
  type: 'TO' | 'INFO';
  post: PostRow;
  route: string | null;
  precedence: string | null;
  mcn: string | null;
  excluded: boolean;
  position: number;
}

function postRow(identity: { key: string; name: string; aliases: string[] }, route: string | null): PostRow {
  return { key: identity.key, name: identity.name, aliases: identity.aliases, routes: route ? [route] : [] };
}

/**
 * The sender is the `FM` line; partial extracts have none, and then the metadata's origin
 * line names the same post, so every cable with either gets its FROM link.
 */
function senderOf(record: CableRecord, noise: string[]): PostRow | null {
  const sender = record.sender ? postRow(resolvePost(record.sender.route, record.sender.name), record.sender.route) : null;
  if (sender && isGraphKey(sender.key)) return sender;
  if (sender) noise.push(sender.key);
  const origin = record.origin ? postRow(resolveOriginPost(record.origin), null) : null;
  if (origin && !isGraphKey(origin.key)) noise.push(origin.key);
  return origin && isGraphKey(origin.key) ? origin : null;
}

export function toCableRow(record: CableRecord): CableRow {
  const headerNoise: string[] = [];
  const recipients: RecipientRow[] = [];
  for (const [type, list] of [['TO', record.to], ['INFO', record.info]] as const) {
    list.forEach((r, position) => {
      const post = postRow(resolvePost(r.route, r.name), r.route);
      // Header noise read as an addressee (see graph-keys.ts) is no post: the API could never ask for it.
      if (!isGraphKey(post.key)) {
        headerNoise.push(post.key);
        return;
      }
      recipients.push({
        type,
        post,
        route: r.route,
        precedence: r.precedence,
        mcn: r.mcn,
        excluded: r.excluded,
        position,
      });
    });
  }
  const seenRefs = new Set<string>();
  const references: CableRow['references'] = [];
  for (const ref of record.references) {
    if (ref.kind !== 'cable' || !ref.cableId || ref.cableId === record.id || seenRefs.has(ref.cableId)) continue;
    seenRefs.add(ref.cableId);
    references.push({ id: ref.cableId, bullet: ref.bullet, position: references.length });
  }
  const seenTags = new Set<string>();
  const tags = record.tags.filter((t) => isGraphKey(t.code) && !seenTags.has(t.code) && seenTags.add(t.code));
  headerNoise.push(...record.tags.filter((t) => !isGraphKey(t.code)).map((t) => t.code));
  const props: CableRow['props'] = {
    idAsWritten: record.idAsWritten,
    date: record.date,
    month: record.date ? record.date.slice(0, 7) : null,
    year: record.date ? Number(record.date.slice(0, 4)) : null,
    classification: record.classification,
    caveats: record.caveats,
    origin: record.origin,
    transmissionId: record.transmissionId,
    partial: record.partial,
    subject: record.subject,
    summary: record.summary,
    signers: record.signers,
    classifiedBy: record.classifiedBy,
    classificationReasons: record.classificationReasons,
    declassificationDate: record.declassificationDate,
    header: record.header,
    body: record.body,
    source: record.source.member ? `${record.source.file}!${record.source.member}` : record.source.file,
  };
  const hash = createHash('sha1');
  for (const [key, value] of Object.entries(props)) {
    if (key === 'source') continue;
    hash.update(`${key}\u0000`);
    hash.update(typeof value === 'string' ? value : JSON.stringify(value));
    hash.update('\u0001');
  }
  return {
    id: record.id,
    props,
    textLength: record.header.length + record.body.length,
    textHash: hash.digest('base64'),
    sender: senderOf(record, headerNoise),
    recipients,
    tags: tags.map((t) => ({ code: t.code, kind: t.kind, name: tagName(t.code) })),
    references,
    headerNoise,
  };
}

/**
 * Posts met in many rows, merged once: the first name seen, the union of aliases and routes.
 * Both write paths collect their posts through it (the Bolt writer per batch, the fast path
 * over the whole input).
 */
export class PostSet {
  private readonly byKey = new Map<string, { name: string; aliases: Set<string>; routes: Set<string> }>();

  add(post: PostRow): void {
    let entry = this.byKey.get(post.key);
    if (!entry) this.byKey.set(post.key, (entry = { name: post.name, aliases: new Set(), routes: new Set() }));
    for (const a of post.aliases) entry.aliases.add(a);
    for (const r of post.routes) entry.routes.add(r);
  }

  /** Every post of the row: its sender and its recipients. */
  addPostsOf(row: CableRow): void {
    if (row.sender) this.add(row.sender);
    for (const r of row.recipients) this.add(r.post);
  }

  /** Sorted by key (the writer's lock order), aliases and routes sorted. */
  list(): PostRow[] {
    return [...this.byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, p]) => ({ key, name: p.name, aliases: [...p.aliases].sort(), routes: [...p.routes].sort() }));
  }
}
