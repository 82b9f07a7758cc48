import type { NodeKind, PersonHit, SearchHit, SuggestResponse } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { CABLE_TEXT_INDEX } from '../graph/schema.ts';
import { DEFAULT_BATCHING, ReadBatcher, type ReadBatcherOptions } from '../db/read-batcher.ts';
import { cablePredicates, filterParams, isFiltered, noFilter, type CableFilter } from './filters.ts';
import { toGraphNode, type NodeRow } from './node-ids.ts';
import { indexOnline, requireIndexOnline } from './index-state.ts';
import { PEOPLE_SCAN, peopleIndexOnline, peopleLucene, peoplePart } from './people.ts';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Turns user words into a Lucene query that matches them literally, all words required. */
export function toLuceneQuery(input: string): string | null {
  const words = input
    .split(/\s+/)
    .map((w) => w.replace(LUCENE_SPECIAL, (ch) => `\\${ch}`))
    .filter((w) => w.length > 0 && !/^(AND|OR|NOT|TO)$/.test(w));
  if (words.length === 0) return null;
  return words.join(' AND ');
}

/**
 * The suggestion query: every word matched in the subject with the last one as a prefix
 * (`iran nucl` → `subject:(iran AND nucl*)`), or every word matched whole anywhere (subject or
 * body). A prefix over the bodies of a quarter-million cables costs several times a whole-word
 * match, while subjects are short; a last word under three letters stays whole.
 */
export function toPrefixLuceneQuery(input: string): string | null {
  const lucene = toLuceneQuery(input);
  if (!lucene) return null;
  const words = lucene.split(' AND ');
  const last = words[words.length - 1]!;
  if (!/^[\p{L}\p{N}]{3,}$/u.test(last)) return lucene;
  const prefixed = [...words.slice(0, -1), `${last.toLowerCase()}*`].join(' AND ');
  return `subject:(${prefixed}) OR (${lucene})`;
}

interface HitRow {
  node: NodeRow;
  detail: string | null;
}

function toHit(row: HitRow): SearchHit {
  const node = toGraphNode(row.node);
  const hit: SearchHit = { id: node.id, kind: node.kind, key: node.key, label: node.label, detail: row.detail };
  if (node.kind === 'cable') {
    const origin = row.node.props.origin;
    return { ...hit, subject: node.subject ?? null, date: node.date ?? null, origin: typeof origin === 'string' ? origin : null, inCorpus: node.inCorpus !== false };
  }
  return { ...hit, name: node.name ?? null, count: node.degree, ...(node.tagKind ? { tagKind: node.tagKind } : {}) };
}

const cableNode = `{labels: labels(n), props: n {.id, .subject, .inCorpus, .date, .classification, .origin}, degree: COUNT { (n)--() }}`;

/**
 * Each part is a subquery body that ends in one row `collect(...) AS <name>`, so the parts a
 * request needs are chained into a single query: one round trip per keystroke. What differs
 * from one request to the next (the words) is read from `req`, a row of `$requests`, so that
 * concurrent requests can share one query (SearchReader); the rest are query parameters.
 *
 * By id: index order (the uniqueness constraint's range index), so LIMIT stops the scan early
 * and an exact id sorts first.
 */
const cableIdPart = (filter: CableFilter) => `
  MATCH (n:Cable) WHERE n.id STARTS WITH req.prefix ${cablePredicates('n', filter).map((p) => `AND ${p}`).join(' ')}
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({node: ${cableNode},
    detail: coalesce(left(n.date, 10) + ' · ' + n.origin, CASE WHEN n.inCorpus THEN null ELSE 'cited, not in corpus' END)}) AS byId`;

/** With filters, more index hits are read so that `limit` survive the filter. */
const cableTextPart = (filter: CableFilter) => `
  CALL db.index.fulltext.queryNodes('${CABLE_TEXT_INDEX}', req.lucene, {limit: $scan}) YIELD node AS n, score
  ${isFiltered(filter) ? `WITH n, score WHERE ${cablePredicates('n', filter).join(' AND ')}` : ''}
  WITH n, score ORDER BY score DESC LIMIT $limit
  RETURN collect({node: ${cableNode}, detail: left(n.date, 10) + ' · ' + n.origin}) AS byText`;

const postPart = `
  MATCH (n:Post)
  WHERE n.key CONTAINS req.upper OR toUpper(n.name) CONTAINS req.upper OR any(a IN n.aliases WHERE toUpper(a) CONTAINS req.upper)
  WITH n, COUNT { (n)--() } AS degree
  ORDER BY CASE WHEN n.key = req.upper THEN 0 WHEN n.key STARTS WITH req.upper THEN 1 ELSE 2 END, degree DESC, n.key LIMIT $limit
  RETURN collect({node: {labels: labels(n), props: n {.key, .name}, degree: degree}, detail: 'post · ' + degree + ' cables'}) AS posts`;

const tagPart = `
  MATCH (n:Tag)
  WHERE n.code STARTS WITH req.upper OR toUpper(coalesce(n.name, '')) CONTAINS req.upper
  WITH n, COUNT { (n)--() } AS degree
  ORDER BY CASE WHEN n.code = req.upper THEN 0 ELSE 1 END, degree DESC, n.code LIMIT $limit
  RETURN collect({node: {labels: labels(n), props: n {.code, .name, .kind}, degree: degree},
    detail: 'tag · ' + n.kind + ' · ' + degree + ' cables'}) AS tags`;

type PartName = 'byId' | 'byText' | 'posts' | 'tags' | 'people';

/** Chains the chosen parts, once per request; the ones left out come back as empty lists. */
function combinedQuery(parts: Partial<Record<PartName, string>>): string {
  const names: PartName[] = ['byId', 'byText', 'posts', 'tags', 'people'];
  const calls = names.filter((n) => parts[n]).map((n) => `CALL (req) {${parts[n]}\n}`);
  const returns = names.map((n) => (parts[n] ? n : `[] AS ${n}`));
  return `UNWIND $requests AS req\n${calls.join('\n')}\nRETURN req.i AS i, ${returns.join(', ')}`;
}

interface CombinedRow {
  i: number;
  byId: HitRow[];
  byText: HitRow[];
  posts: HitRow[];
  tags: HitRow[];
  people: PersonHit[];
}

export interface SearchInput {
  /** The raw query text. */
  text: string;
  /** The text read as a canonical cable id, when it looks like one. */
  cableIdPrefix: string | null;
  limit: number;
  /** Kinds of hits wanted (all when absent). */
  kinds?: (NodeKind | 'person')[] | null;
  /** Filters on cable hits (posts and tags are not filtered). */
  filter?: CableFilter;
}

const SCAN_WHEN_FILTERED = 1000;

/** Words of one request, as the parts read them (`req.…`). */
interface RequestWords {
  upper: string;
  prefix: string | null;
  lucene: string | null;
  peopleLucene: string | null;
  peopleWords: string[];
}

/** One request's query: requests whose `group` agrees share a query (the text and parameters). */
interface SearchPlan {
  group: string;
  cypher: string;
  params: Record<string, unknown>;
  words: RequestWords;
}

function searchPlan(input: SearchInput, lucene: string | null, withPeople: boolean): SearchPlan {
  const filter = input.filter ?? noFilter;
  const want = (kind: NodeKind | 'person') => !input.kinds || input.kinds.includes(kind);
  const people = withPeople && want('person') ? peopleLucene(input.text) : null;
  const parts: Partial<Record<PartName, string>> = {};
  if (input.cableIdPrefix && want('cable')) parts.byId = cableIdPart(filter);
  if (lucene && want('cable')) parts.byText = cableTextPart(filter);
  if (want('post')) parts.posts = postPart;
  if (want('tag')) parts.tags = tagPart;
  if (people) parts.people = peoplePart;
  const cypher = combinedQuery(parts);
  const params = {
    ...filterParams(filter),
    limit: input.limit,
    scan: isFiltered(filter) ? Math.max(SCAN_WHEN_FILTERED, input.limit) : input.limit,
    peopleScan: PEOPLE_SCAN,
  };
  return {
    group: `${cypher}\n${JSON.stringify(params)}`,
    cypher,
    params,
    words: {
      upper: input.text.trim().toUpperCase(),
      prefix: input.cableIdPrefix,
      lucene,
      peopleLucene: people?.lucene ?? null,
      peopleWords: people?.words ?? [],
    },
  };
}

/** Runs plans of one group as one query: one row per plan, in the plans' order. */
async function runPlans(db: Database, plans: readonly SearchPlan[]): Promise<CombinedRow[]> {
  const [first] = plans;
  if (!first) return [];
  if (plans.some((plan) => plan.group !== first.group)) throw new Error('search plans of different groups in one query');
  const rows = await db.read<CombinedRow>(first.cypher, { ...first.params, requests: plans.map((plan, i) => ({ ...plan.words, i })) });
  const byIndex = new Map(rows.map((row) => [row.i, row]));
  return plans.map((_, i) => {
    const row = byIndex.get(i);
    if (!row) throw new Error('the search query returned no row');
    return row;
  });
}

const searchHits = (row: CombinedRow, limit: number): SearchHit[] => dedupe([...row.byId, ...row.posts, ...row.tags, ...row.byText], limit);

function suggestions(row: CombinedRow, input: SearchInput, peopleIndexed: boolean): SuggestResponse {
  return {
    query: input.text,
    cables: dedupe([...row.byId, ...row.byText], input.limit),
    posts: dedupe(row.posts, input.limit),
    tags: dedupe(row.tags, input.limit),
    people: row.people.map((p) => ({ name: p.name, roles: [...p.roles].sort() as PersonHit['roles'], cables: p.cables })),
    peopleIndexed,
  };
}

/** Answers one plan: alone (runPlans) or in a batch (SearchReader). */
type PlanRunner = (plan: SearchPlan) => Promise<CombinedRow>;

const runAlone = (db: Database): PlanRunner => async (plan) => (await runPlans(db, [plan]))[0]!;

/**
 * The Lucene query of a request, or null when words need not be looked up. Words need the
 * `cable_text` index online; until it is, a query that reads as a cable id is still answered
 * (by id, posts and tags), any other is a 503 with `Retry-After` (see index-state.ts).
 */
async function textQuery(db: Database, input: SearchInput, lucene: string | null): Promise<string | null> {
  if (!lucene || (input.kinds && !input.kinds.includes('cable'))) return lucene;
  if (await indexOnline(db, CABLE_TEXT_INDEX)) return lucene;
  if (input.cableIdPrefix) return null;
  await requireIndexOnline(db, CABLE_TEXT_INDEX, 'Searching cable text');
  return lucene;
}

async function searchWith(run: PlanRunner, db: Database, input: SearchInput): Promise<SearchHit[]> {
  const lucene = await textQuery(db, input, toLuceneQuery(input.text));
  return searchHits(await run(searchPlan(input, lucene, false)), input.limit);
}

async function suggestWith(run: PlanRunner, db: Database, input: SearchInput): Promise<SuggestResponse> {
  const peopleIndexed = await peopleIndexOnline(db);
  const lucene = await textQuery(db, input, toPrefixLuceneQuery(input.text));
  return suggestions(await run(searchPlan(input, lucene, peopleIndexed)), input, peopleIndexed);
}

/**
 * Finds cables by id and by subject/body words, posts by any alias, tags by code or name.
 * Exact id matches come first, then posts and tags (few, precise), then full-text hits.
 */
export function search(db: Database, input: SearchInput): Promise<SearchHit[]> {
  return searchWith(runAlone(db), db, input);
}

function dedupe(rows: HitRow[], limit: number): SearchHit[] {
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const hit = toHit(row);
    if (seen.has(hit.id)) continue;
    seen.add(hit.id);
    hits.push(hit);
    if (hits.length >= limit) break;
  }
  return hits;
}

/**
 * Suggestions while typing, grouped by kind, each group capped by `limit`: cables by id prefix
 * then by subject/body words (the last word as a prefix), posts by key/name/alias, tags by
 * code, and people (signers, classified-by) when the `cable_people` index is online.
 */
export function suggest(db: Database, input: SearchInput): Promise<SuggestResponse> {
  return suggestWith(runAlone(db), db, input);
}

/**
 * Search and suggestions for many concurrent requests: requests with the same parts, limit and
 * filters that arrive while the database is busy share one query (ReadBatcher). One per app.
 */
export class SearchReader {
  private readonly run: PlanRunner;

  constructor(
    private readonly db: Database,
    options: ReadBatcherOptions = DEFAULT_BATCHING,
  ) {
    const batcher = new ReadBatcher<SearchPlan, CombinedRow>((plans) => runPlans(db, plans), options);
    this.run = (plan) => batcher.load(plan.group, plan);
  }

  search(input: SearchInput): Promise<SearchHit[]> {
    return searchWith(this.run, this.db, input);
  }

  suggest(input: SearchInput): Promise<SuggestResponse> {
    return suggestWith(this.run, this.db, input);
  }
}
