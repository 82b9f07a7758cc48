/**
 * The graph's schema, written once: node kinds with their label and key property, relationship
 * types with their ends and properties, the cable node's columns, and the constraints and
 * indexes with their names. The importer's two write paths (writer.ts over Bolt, admin-import.ts
 * through neo4j-admin), the API's queries, the admin statistics and the client all read it from
 * here. Pure data and string builders, no imports: the client bundles it too.
 *
 * Cypher texts still name labels and types in their patterns (`(c:Cable)-[:FROM]->(p:Post)`),
 * because a query reads better that way; test/unit/server/schema.test.ts checks that every label
 * and type a query names is one of these.
 */

export type NodeKind = 'cable' | 'post' | 'tag';

/** Label and unique key property of each node kind: the one node-match table. */
export const NODES = {
  cable: { label: 'Cable', key: 'id' },
  post: { label: 'Post', key: 'key' },
  tag: { label: 'Tag', key: 'code' },
} as const satisfies Record<NodeKind, { label: string; key: string }>;

export const NODE_KINDS = Object.keys(NODES) as NodeKind[];

export type NodeLabel = (typeof NODES)[NodeKind]['label'];

/** Where an import run stands (scripts/import/checkpoint.ts); not part of the explored graph. */
export const CHECKPOINT = { label: 'ImportCheckpoint', key: 'key' } as const;

/** `MATCH (n:Post {key: $key})`: finds a node of a kind by its key, which is always a parameter. */
export function matchNode(kind: NodeKind, variable = 'n', param = 'key'): string {
  const { label, key } = NODES[kind];
  return `MATCH (${variable}:${label} {${key}: $${param}})`;
}

/** The kind of a node from its labels (as a query returns them), or null for other nodes. */
export function kindOfLabels(labels: readonly string[]): NodeKind | null {
  return NODE_KINDS.find((kind) => labels.includes(NODES[kind].label)) ?? null;
}

/** `m:Cable OR m:Post`: a predicate keeping nodes of the given kinds. */
export function labelPredicate(variable: string, kinds: readonly NodeKind[]): string {
  return `(${kinds.map((k) => `${variable}:${NODES[k].label}`).join(' OR ')})`;
}

export const LINK_TYPES = ['FROM', 'TO', 'INFO', 'TAGGED', 'REFERENCES'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** Each relationship type's ends: always from a cable, to what the type says. */
export const LINKS = {
  FROM: { from: 'cable', to: 'post' },
  TO: { from: 'cable', to: 'post' },
  INFO: { from: 'cable', to: 'post' },
  TAGGED: { from: 'cable', to: 'tag' },
  REFERENCES: { from: 'cable', to: 'cable' },
} as const satisfies Record<LinkType, { from: NodeKind; to: NodeKind }>;

export function isLinkType(value: string): value is LinkType {
  return (LINK_TYPES as readonly string[]).includes(value);
}

/**
 * `TO|INFO` from whitelisted types only (a relationship type cannot be a query parameter, so
 * only names of this list ever reach a query text); '' when none is left.
 */
export function typeAlternatives(types: readonly string[]): string {
  return LINK_TYPES.filter((t) => types.includes(t)).join('|');
}

/** How a property is stored: the neo4j-admin CSV header type, and what the Bolt path sends. */
export type ColumnKind = 'string' | 'long' | 'boolean' | 'string[]';
type ValueOf<K extends ColumnKind> = K extends 'string' ? string : K extends 'long' ? number : K extends 'boolean' ? boolean : string[];
type Columns = readonly (readonly [string, ColumnKind])[];
/** The property values of a column list (null: not set). */
export type RowOf<C extends Columns> = { [E in C[number] as E[0]]: ValueOf<E[1]> | null };

/** The cable node's properties as parsed (scripts/import/rows.ts builds them, in this order). */
export const CABLE_COLUMNS = [
  ['idAsWritten', 'string'],
  ['date', 'string'],
  ['month', 'string'],
  ['year', 'long'],
  ['classification', 'string'],
  ['caveats', 'string[]'],
  ['origin', 'string'],
  ['transmissionId', 'string'],
  ['partial', 'boolean'],
  ['subject', 'string'],
  ['summary', 'string'],
  ['signers', 'string[]'],
  ['classifiedBy', 'string[]'],
  ['classificationReasons', 'string[]'],
  ['declassificationDate', 'string'],
  ['header', 'string'],
  ['body', 'string'],
  ['source', 'string'],
] as const satisfies Columns;
export type CableProps = RowOf<typeof CABLE_COLUMNS>;

/**
 * The importer's own cable properties: `inCorpus` (false for a cited stub), and the duplicate
 * rule's `textLength` and `textHash` (scripts/import/duplicate-rule.ts).
 */
export const CABLE_BOOKKEEPING_COLUMNS = [
  ['inCorpus', 'boolean'],
  ['textLength', 'long'],
  ['textHash', 'string'],
] as const satisfies Columns;

/** The list properties of a column list: stored as [] when empty (neo4j-admin leaves them unset). */
export function listProperties(columns: Columns): string[] {
  return columns.filter(([, kind]) => kind === 'string[]').map(([name]) => name);
}

export const POST_COLUMNS = [
  ['name', 'string'],
  ['aliases', 'string[]'],
  ['routes', 'string[]'],
] as const satisfies Columns;

export const TAG_COLUMNS = [
  ['kind', 'string'],
  ['name', 'string'],
] as const satisfies Columns;

/** Properties of each relationship type (set when the relationship is created). */
export const LINK_COLUMNS = {
  FROM: [],
  TO: [
    ['route', 'string'],
    ['precedence', 'string'],
    ['mcn', 'string'],
    ['excluded', 'boolean'],
    ['position', 'long'],
  ],
  INFO: [
    ['route', 'string'],
    ['precedence', 'string'],
    ['mcn', 'string'],
    ['excluded', 'boolean'],
    ['position', 'long'],
  ],
  TAGGED: [],
  REFERENCES: [
    ['bullet', 'string'],
    ['position', 'long'],
  ],
} as const satisfies Record<LinkType, Columns>;

/** Uniqueness constraints: each makes a MERGE on the key an index lookup. */
export const CONSTRAINTS = [
  { name: 'cable_id', ...NODES.cable },
  { name: 'post_key', ...NODES.post },
  { name: 'tag_code', ...NODES.tag },
  { name: 'import_checkpoint_key', ...CHECKPOINT },
] as const;

/** Range indexes behind the date filters and the stub/full distinction. */
export const RANGE_INDEXES = [
  { name: 'cable_date', label: NODES.cable.label, property: 'date' },
  { name: 'cable_month', label: NODES.cable.label, property: 'month' },
  { name: 'cable_in_corpus', label: NODES.cable.label, property: 'inCorpus' },
] as const;

/** Full-text index over cable subject and body (the search box, search timelines). */
export const CABLE_TEXT_INDEX = 'cable_text';
/**
 * Full-text index over the people named on a cable (signers, classified-by). Neo4j full-text
 * indexes accept string-list properties; `standard-no-stop-words` keeps names unstemmed.
 */
export const CABLE_PEOPLE_INDEX = 'cable_people';

export const FULLTEXT_INDEXES = [
  { name: CABLE_TEXT_INDEX, label: NODES.cable.label, properties: ['subject', 'body'], analyzer: 'english' },
  { name: CABLE_PEOPLE_INDEX, label: NODES.cable.label, properties: ['signers', 'classifiedBy'], analyzer: 'standard-no-stop-words' },
] as const;

/** Constraints, then range indexes: idempotent (`IF NOT EXISTS`). */
export function schemaStatements(): string[] {
  return [
    ...CONSTRAINTS.map((c) => `CREATE CONSTRAINT ${c.name} IF NOT EXISTS FOR (x:${c.label}) REQUIRE x.${c.key} IS UNIQUE`),
    ...RANGE_INDEXES.map((i) => `CREATE INDEX ${i.name} IF NOT EXISTS FOR (x:${i.label}) ON (x.${i.property})`),
  ];
}

export type FulltextIndexName = (typeof FULLTEXT_INDEXES)[number]['name'];

export function fulltextIndexStatement(name: FulltextIndexName): string {
  const i = FULLTEXT_INDEXES.find((index) => index.name === name)!;
  return `CREATE FULLTEXT INDEX ${i.name} IF NOT EXISTS FOR (x:${i.label}) ON EACH [${i.properties.map((p) => `x.${p}`).join(', ')}]
    OPTIONS { indexConfig: { \`fulltext.analyzer\`: '${i.analyzer}' } }`;
}

export function fulltextIndexStatements(): string[] {
  return FULLTEXT_INDEXES.map((i) => fulltextIndexStatement(i.name));
}

// ── What the analysis step writes (scripts/analyse/; read back by the analysis endpoints) ──

/**
 * The one `:Analysis` node records when and on which graph state the analysis last ran, and
 * holds the unfiltered overview it computed (JSON text in `overview`): in the database, so any
 * server on that database answers the front page without the corpus-wide pass.
 */
export const ANALYSIS = { label: 'Analysis', key: 'key', current: 'current', overview: 'overview', monthAggregates: 'monthAggregates' } as const;
/**
 * What the front page sums for a date and/or classification scope instead of scanning cables,
 * written by the analysis step with the stored overview (queries/month-aggregates.ts):
 * one `:MonthAggregate` node per month of the corpus (`key` and `month` `2007-10`; the cables
 * without a date share one, `key` `undated`, without `month`), with `cables` (JSON: cables per
 * classification) and `rows` (JSON: per classification, how many of the month's cables each post
 * sent, each post received (TO or INFO), each tag tagged and each thread holds); and one per year
 * (`key` and `year` `2007`, no `month`) whose `rows` sum its months, so a range of years reads a
 * few nodes. `ANALYSIS.monthAggregates` is true once the run that holds `:Analysis` stored them.
 */
export const MONTH_AGGREGATE = { label: 'MonthAggregate', key: 'key', month: 'month', year: 'year', cables: 'cables', rows: 'rows', undated: 'undated' } as const;
/** One `:Thread` node per REF thread (weakly connected component of the citation network). */
export const THREAD = { label: 'Thread', key: 'id' } as const;
/** Bumped when what the analysis writes changes meaning, so older results count as stale. */
export const ANALYSIS_VERSION = 1;

/**
 * The analysis properties of `:Cable` nodes (absent where the analysis has nothing to say: a
 * cable outside the REF network has no rank, only a stub can have an estimated date).
 */
export const CABLE_ANALYSIS = {
  citationsIn: 'citationsIn',
  citationsOut: 'citationsOut',
  pagerank: 'pagerank',
  hub: 'hub',
  authority: 'authority',
  thread: 'thread',
  community: 'refCommunity',
  cocited: 'cocited',
  cocitedScores: 'cocitedScores',
  cocitedCounts: 'cocitedCounts',
  coupled: 'coupled',
  coupledScores: 'coupledScores',
  coupledCounts: 'coupledCounts',
  estimatedDate: 'estimatedDate',
  estimatedEarliest: 'estimatedDateEarliest',
  estimatedLatest: 'estimatedDateLatest',
  estimatedAfter: 'estimatedDateAfter',
  estimatedBefore: 'estimatedDateBefore',
  /** Hash of the node's analysis properties: a rerun writes only nodes whose results changed. */
  hash: 'analysisHash',
} as const;

/** The analysis properties of `:Post` nodes. */
export const POST_ANALYSIS = {
  community: 'trafficCommunity',
  hash: 'analysisHash',
} as const;

export const ANALYSIS_CONSTRAINTS = [
  { name: 'analysis_key', label: ANALYSIS.label, key: ANALYSIS.key },
  { name: 'thread_id', ...THREAD },
  { name: 'month_aggregate_key', label: MONTH_AGGREGATE.label, key: MONTH_AGGREGATE.key },
] as const;

/** The rankings read in index order; `thread` finds a thread's cables; the hash finds earlier results. */
export const ANALYSIS_RANGE_INDEXES = [
  { name: 'thread_size', label: THREAD.label, property: 'size' },
  { name: 'cable_pagerank', label: NODES.cable.label, property: CABLE_ANALYSIS.pagerank },
  { name: 'cable_citations_in', label: NODES.cable.label, property: CABLE_ANALYSIS.citationsIn },
  { name: 'cable_authority', label: NODES.cable.label, property: CABLE_ANALYSIS.authority },
  { name: 'cable_thread', label: NODES.cable.label, property: CABLE_ANALYSIS.thread },
  { name: 'cable_analysis_hash', label: NODES.cable.label, property: CABLE_ANALYSIS.hash },
  { name: 'month_aggregate_month', label: MONTH_AGGREGATE.label, property: MONTH_AGGREGATE.month },
  { name: 'month_aggregate_year', label: MONTH_AGGREGATE.label, property: MONTH_AGGREGATE.year },
] as const;

/** The analysis's constraints and indexes: idempotent, created by every analysis run. */
export function analysisSchemaStatements(): string[] {
  return [
    ...ANALYSIS_CONSTRAINTS.map((c) => `CREATE CONSTRAINT ${c.name} IF NOT EXISTS FOR (x:${c.label}) REQUIRE x.${c.key} IS UNIQUE`),
    ...ANALYSIS_RANGE_INDEXES.map((i) => `CREATE INDEX ${i.name} IF NOT EXISTS FOR (x:${i.label}) ON (x.${i.property})`),
  ];
}
