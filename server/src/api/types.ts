/**
 * JSON shapes of the HTTP API, shared by the server (which produces them) and the
 * client (which consumes them). Plain data only: no driver types ever cross this line.
 */

export type { LinkType, NodeKind } from '../graph/schema.ts';
import type { LinkType, NodeKind } from '../graph/schema.ts';
/** What a TAGS code stands for (server/src/cables/tag-kind.ts decides). */
export type { TagKind } from '../cables/record.ts';
import type { TagKind } from '../cables/record.ts';

/**
 * Node ids are unique across kinds: `cable:07LONDON3923`, `post:LONDON`, `tag:PREL`.
 * `key` is the bare domain key (`07LONDON3923`, `LONDON`, `PREL`).
 */
export interface GraphNode {
  id: string;
  kind: NodeKind;
  key: string;
  /** For display only (`07LONDON3923: SUBJECT`, `Embassy London`, `BR (Brazil)`): read the typed fields below. */
  label: string;
  /** Number of relationships of the node in the whole database. */
  degree: number;
  /** Cables only: the subject line (null when the cable has none or is not in the corpus). */
  subject?: string | null;
  /** Posts and tags: the name (`Embassy London`; `Brazil` for BR); null when none is known. */
  name?: string | null;
  /** Tags only. */
  tagKind?: TagKind;
  /** Cables only: false for a cited cable that is not in the corpus (a stub). */
  inCorpus?: boolean;
  /** Cables only: ISO date-time. */
  date?: string | null;
  /**
   * Cables only, in graph and expand answers: how many cables cite this one (incoming
   * REFERENCES) in the whole database. Lets the client size cables by citations.
   */
  citedBy?: number;
  /** Cables only. */
  classification?: string | null;
  /** Cables in the REF network or with an estimated date, once the analysis has run. */
  analysis?: CableAnalysisFields;
  /** Posts only, once the analysis has run: Louvain community of the post traffic network. */
  trafficCommunity?: number | null;
}

export interface GraphLink {
  source: string;
  target: string;
  type: LinkType;
}

export interface GraphResponse {
  nodes: GraphNode[];
  links: GraphLink[];
  /** The node the neighbourhood was asked for. */
  center: string;
  /** All neighbours (for a neighbourhood, the sum of its groups' totals). */
  total: number;
  /** True when not every neighbour is in `nodes`. */
  truncated: boolean;
}

/** `GET /graph/neighborhood`: what a click, a search pick or a link opens. */
export interface NeighbourhoodResponse extends GraphResponse {
  /** The neighbours by relationship type and direction; see NeighbourGroup. */
  groups: NeighbourGroup[];
  /** A group larger than this is summarised. */
  threshold: number;
  /** The most new nodes one answer adds; groups that do not fit are summarised. */
  maxNodes: number;
}

/**
 * The neighbours of one relationship type and direction (`TAGGED` in: the cables tagged PREL).
 * Listed groups are in `nodes`; a summarised group is drawn as one node "PREL: 215 cables"
 * to drill into with GET /graph/expand (its type and direction, `order=importance`, and
 * `sender` or `from`/`to` for one slice).
 */
export interface NeighbourGroup {
  type: LinkType;
  direction: 'out' | 'in';
  /** What the neighbours are. */
  kind: NodeKind;
  total: number;
  summarised: boolean;
  /** Summarised cable groups: the largest sending posts (at most 12), largest first. */
  bySender: PostCount[];
  /** Summarised cable groups: cables per year, oldest first. */
  byYear: { year: number; count: number }[];
  /** Summarised cable groups: cables without a date (not in byYear). */
  undated: number;
}

export interface PostSummary {
  key: string;
  name: string;
}

export interface RecipientView extends PostSummary {
  route: string | null;
  precedence: string | null;
}

export interface CableLinkView {
  id: string;
  inCorpus: boolean;
  subject: string | null;
  date: string | null;
  /** A cited cable missing from the corpus, once the analysis has run: its estimated date (`YYYY-MM-DD`). */
  estimatedDate: string | null;
}

export interface CableDetail {
  id: string;
  inCorpus: boolean;
  idAsWritten: string | null;
  date: string | null;
  classification: string | null;
  origin: string | null;
  subject: string | null;
  sender: PostSummary | null;
  to: RecipientView[];
  info: RecipientView[];
  tags: { code: string; kind: string }[];
  /** Cables this cable cites (REF). */
  references: CableLinkView[];
  /** Cables that cite this cable. */
  citedBy: CableLinkView[];
  header: string | null;
  body: string | null;
  /** Once the analysis has run, for a cable it said something about (as on graph nodes): ranks, community, a stub's estimated date. */
  analysis?: CableAnalysisFields;
}

export interface SearchHit {
  /** Graph node id (`cable:…`, `post:…`, `tag:…`). */
  id: string;
  kind: NodeKind;
  key: string;
  /** For display only: the typed fields below say what it is made of. */
  label: string;
  /** A short secondary line for display (date and origin, number of cables, tag kind). */
  detail: string | null;
  /** Cables only: the subject line. */
  subject?: string | null;
  /** Cables only: ISO date-time (null for a cited cable not in the corpus). */
  date?: string | null;
  /** Cables only: the post that wrote it. */
  origin?: string | null;
  /** Cables only: false for a cited cable that is not in the corpus. */
  inCorpus?: boolean;
  /** Posts and tags: the name, null when none is known. */
  name?: string | null;
  /** Tags only. */
  tagKind?: TagKind;
  /** Posts and tags: relationships of the node (for a tag, the cables carrying it). */
  count?: number;
}

/** `GET /api/tags/:code`: what a TAGS code stands for and how many cables carry it. */
export interface TagDetail {
  id: string;
  code: string;
  kind: TagKind;
  /** A country's name for a two-letter code, a gloss for a common subject TAG; null when unknown. */
  name: string | null;
  /** Cables carrying the tag. */
  cables: number;
}

export interface SearchResponse {
  query: string;
  hits: SearchHit[];
}

/**
 * `database`: Neo4j answers (`up`), cannot be reached (`down`) or refuses the server's
 * credentials (`auth_failed`). No address, version or driver text: those go to the server log.
 */
export interface HealthResponse {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down' | 'auth_failed';
  message: string;
}

export interface ApiError {
  error: { code: string; message: string; details?: unknown };
}

/* ─── Explorer API (expand, citations, paths, timeline, traffic, suggestions) ─── */

export type ExpandDirection = 'out' | 'in' | 'both';
/** `importance`: PageRank once the analysis ran, then citations (cables) or connections, then date. */
export type ExpandOrder = 'importance' | 'degree' | 'newest' | 'oldest';

export interface MonthCount {
  /** `YYYY-MM`. */
  month: string;
  count: number;
}

export interface PostCount extends PostSummary {
  count: number;
}

/** Counts that summarise a neighbourhood too large to draw; each bucket is a drill-down filter. */
export interface ExpandAggregate {
  /** Neighbour cables per month (drill down with `from`/`to`). */
  byMonth: MonthCount[];
  /** Neighbour cables per sending post, largest first (drill down with `sender`). */
  bySender: PostCount[];
  /** Neighbour cables per classification (drill down with `classification`). */
  byClassification: { classification: string | null; count: number }[];
  /** Neighbours per relationship type. */
  byType: { type: LinkType; count: number }[];
  /** Neighbours that are posts or tags, per kind. */
  byKind: { kind: NodeKind; count: number }[];
  /** Neighbour cables without a date (stubs), not in byMonth. */
  undated: number;
}

export interface ExpandResponse {
  center: string;
  types: LinkType[];
  direction: ExpandDirection;
  order: ExpandOrder;
  /** `nodes`: neighbours listed; `aggregate`: too many (see `threshold`), counts instead. */
  mode: 'nodes' | 'aggregate';
  /** Neighbours matching the filters, before offset/limit: "showing 50 of 3,412". */
  total: number;
  /** Above this many neighbours, `mode=auto` answers with aggregates. */
  threshold: number;
  offset: number;
  limit: number;
  /** The center first, then the neighbours in the chosen order (empty in aggregate mode). */
  nodes: GraphNode[];
  links: GraphLink[];
  /** True when more neighbours exist after this page. */
  truncated: boolean;
  aggregate: ExpandAggregate | null;
}

export interface CitationNode extends GraphNode {
  kind: 'cable';
  /** Hops from the root (0 for the root). */
  depth: number;
  /** Whether the root (transitively) cites this cable, or it cites the root. */
  side: 'root' | 'cites' | 'citedBy';
  subject: string | null;
  /** The cable's year: from its date, or from its id for a stub (`07…` → 2007). */
  year: number | null;
}

export interface CitationResponse {
  root: string;
  direction: ExpandDirection;
  depth: number;
  nodes: CitationNode[];
  /** REFERENCES links, citing cable → cited cable, among the returned nodes. */
  links: GraphLink[];
  counts: { cites: number; citedBy: number; notInCorpus: number };
  /** True when `limit` stopped the walk before `depth` (more cables may exist within it). */
  truncated: boolean;
}

export interface PathResponse {
  from: string;
  to: string;
  types: LinkType[];
  maxHops: number;
  found: boolean;
  /** Number of relationships on the path (null when none was found). */
  length: number | null;
  /** The path's nodes in order from `from` to `to`. */
  nodes: GraphNode[];
  /** One link per hop, in path order, pointing in the relationship's own direction. */
  links: GraphLink[];
}

export interface TimelineResponse {
  /** What was counted, e.g. `post:LONDON (sent)`, `tag:PREL`, `search:nuclear`, `person:Tuttle`. */
  selection: string;
  /** Dated cables counted (the sum of the buckets). */
  total: number;
  /** Matching cables without a date (stubs), not in the buckets. */
  undated: number;
  /** Every month from the first to the last with cables, gaps filled with 0. */
  buckets: MonthCount[];
  /** Search/person selections only: true when only the first `cap` matches were counted. */
  capped: boolean;
  /** Post selections of a renamed post: its former names, oldest first (`Embassy Kiev` until 2006). */
  renames?: PostRenameView[];
}

/** A post's former name: used in cable ids up to `until`, the next name from `since`. */
export interface PostRenameView {
  formerKey: string;
  formerName: string;
  until: number;
  since: number;
  /** The name that followed it. */
  nextName: string;
}

export interface TrafficCounterpart {
  post: PostSummary;
  total: number;
  to: number;
  info: number;
  /** Per period (`YYYY` or `YYYY-MM`), oldest first. */
  periods: { period: string; to: number; info: number }[];
}

export interface TrafficResponse {
  post: PostSummary;
  period: 'year' | 'month';
  /** Posts this post writes to (its cables' TO/INFO), most traffic first. */
  writesTo: TrafficCounterpart[];
  /** Posts this post hears from (cables that name it as TO/INFO), most traffic first. */
  hearsFrom: TrafficCounterpart[];
  /** Counterparts before `limit` was applied. */
  totals: { writesTo: number; hearsFrom: number };
}

export type PostTagRole = 'sent' | 'received' | 'any';

export interface PostTagCount {
  code: string;
  kind: string;
  /** Cables of the post (in its role) carrying the tag. */
  cables: number;
}

export interface PostTagsResponse {
  post: PostSummary;
  role: PostTagRole;
  /** Cables of the post in that role, within the filters. */
  cables: number;
  /** Most used first. */
  tags: PostTagCount[];
  /** Distinct tags before `limit` was applied. */
  totalTags: number;
}

export interface PersonHit {
  /** The name as written in the cables (`Glyn T. Davies`, `TUTTLE`). */
  name: string;
  roles: ('signer' | 'classifiedBy')[];
  /** Cables that name this person (among the first matches counted, see docs). */
  cables: number;
}

export interface SuggestResponse {
  query: string;
  /** Cables by id prefix first, then by subject/body words (the last word as a prefix). */
  cables: SearchHit[];
  posts: SearchHit[];
  tags: SearchHit[];
  people: PersonHit[];
  /** False when the `cable_people` index is missing (people are then not searched). */
  peopleIndexed: boolean;
}

// ── Corpus analysis (npm run analyse; docs/api.md "Analysis") ─────────────────────────────

/** Counts of what the analysis depends on (its input), to tell whether results are current. */
export interface AnalysisGraphCounts {
  cables: number;
  stubs: number;
  references: number;
  /** FROM + TO + INFO relationships. */
  traffic: number;
  posts: number;
}

export interface AnalysisStatus {
  /** ISO date-time the last run finished. */
  ranAt: string;
  durationMs: number;
  /** False while a run is writing (or when one was cut short): results may be mixed. */
  complete: boolean;
  /** True when the graph has not changed since the run (same counts, same analysis version). */
  current: boolean;
  ranOn: AnalysisGraphCounts;
  now: AnalysisGraphCounts;
}

/** A date estimated from the running serial numbers of the cable's station and year. */
export interface EstimatedDate {
  /** `YYYY-MM-DD`: always an estimate, never the cable's own date. */
  date: string;
  /** The window the cable must fall in. */
  earliest: string;
  latest: string;
  /** Known cable of the same station and year just below (after which it was sent), if any. */
  after: string | null;
  /** … and just above, if any. */
  before: string | null;
}

/** What the analysis says about one cable; null fields: outside the REF network. */
export interface CableAnalysisFields {
  /** Cables in the database citing it / it cites. */
  citationsIn: number | null;
  citationsOut: number | null;
  /** PageRank over REFERENCES (damping 0.85), summing to 1 over the REF network. */
  pagerank: number | null;
  /** HITS scores over REFERENCES (each sums to 1). */
  hub: number | null;
  authority: number | null;
  /** REF thread (weakly connected component), named by its smallest cable id. */
  thread: string | null;
  /** Louvain community of the undirected REF network, 0 = largest. */
  community: number | null;
  /** Stubs only: the estimated date. */
  estimatedDate: EstimatedDate | null;
}

/** One cable in a ranking or a list. */
export interface RankedCable {
  id: string;
  subject: string | null;
  /** The cable's own date (null for stubs: see `analysis.estimatedDate`). */
  date: string | null;
  classification: string | null;
  inCorpus: boolean;
  /** Sending post key (FROM). */
  sender: string | null;
  analysis: CableAnalysisFields;
}

export type RankBy = 'pagerank' | 'cited' | 'hits';

export interface RankResponse {
  by: RankBy;
  order: 'desc' | 'asc';
  /** Cables with a value for `by` that pass the filters. */
  total: number;
  offset: number;
  limit: number;
  items: RankedCable[];
  analysis: AnalysisStatus;
}

export type RelatedReason = 'cocitation' | 'coupling';

export interface RelatedCable {
  cable: RankedCable;
  reason: RelatedReason;
  /** Salton's cosine in (0, 1]: shared / √(a·b). */
  score: number;
  /**
   * cocitation: how many cables cite both ("cited together by 4 cables");
   * coupling: how many cables both cite ("cite 3 of the same cables").
   */
  count: number;
}

export interface RelatedResponse {
  id: string;
  /** Best first; at most `limit` of each. */
  cocited: RelatedCable[];
  coupled: RelatedCable[];
  analysis: AnalysisStatus;
}

export interface OverviewCount {
  key: string;
  name: string | null;
  cables: number;
}

export interface ThreadSummary {
  id: string;
  /** Cables in the thread (stubs included). */
  size: number;
  inCorpus: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Cables of the thread that pass the filters (= size when unfiltered). */
  matching: number;
}

export interface OverviewResponse {
  /** Cables in the corpus that pass the filters. */
  cables: number;
  corpus: { cables: number; stubs: number; posts: number; tags: number; references: number; threads: number };
  /** Classifications present, most frequent first (the stacking order). */
  classifications: string[];
  /** Cables per month, each split by classification. */
  months: { month: string; byClassification: Record<string, number>; total: number }[];
  topSenders: OverviewCount[];
  topRecipients: OverviewCount[];
  topTags: OverviewCount[];
  mostCited: RankedCable[];
  topPagerank: RankedCable[];
  largestThreads: ThreadSummary[];
  /**
   * Null while the analysis has never run: the counts, months and top posts and tags are there,
   * the lists that need the analysis (most cited, PageRank, threads) are empty.
   */
  analysis: AnalysisStatus | null;
}
