/**
 * What the analysis step (`npm run analyse`, scripts/analyse/) writes into the graph and the API
 * reads back: the one list of its labels, property names and indexes. Properties are absent on
 * nodes the analysis has nothing to say about (a cable outside the REF network has no rank).
 */
export const ANALYSIS_LABEL = 'Analysis';
export const THREAD_LABEL = 'Thread';
/** The single `:Analysis` node's key. */
export const ANALYSIS_KEY = 'current';
/** Bumped when what the analysis writes changes meaning, so older results count as stale. */
export const ANALYSIS_VERSION = 1;

/** Properties on `:Cable` nodes. */
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

/** Properties on `:Post` nodes. */
export const POST_ANALYSIS = {
  community: 'trafficCommunity',
  hash: 'analysisHash',
} as const;

/** Schema statements the analysis needs (idempotent). */
export const ANALYSIS_SCHEMA = [
  `CREATE CONSTRAINT analysis_key IF NOT EXISTS FOR (a:${ANALYSIS_LABEL}) REQUIRE a.key IS UNIQUE`,
  `CREATE CONSTRAINT thread_id IF NOT EXISTS FOR (t:${THREAD_LABEL}) REQUIRE t.id IS UNIQUE`,
  `CREATE INDEX thread_size IF NOT EXISTS FOR (t:${THREAD_LABEL}) ON (t.size)`,
  `CREATE INDEX cable_pagerank IF NOT EXISTS FOR (c:Cable) ON (c.${CABLE_ANALYSIS.pagerank})`,
  `CREATE INDEX cable_citations_in IF NOT EXISTS FOR (c:Cable) ON (c.${CABLE_ANALYSIS.citationsIn})`,
  `CREATE INDEX cable_authority IF NOT EXISTS FOR (c:Cable) ON (c.${CABLE_ANALYSIS.authority})`,
  `CREATE INDEX cable_thread IF NOT EXISTS FOR (c:Cable) ON (c.${CABLE_ANALYSIS.thread})`,
  `CREATE INDEX cable_analysis_hash IF NOT EXISTS FOR (c:Cable) ON (c.${CABLE_ANALYSIS.hash})`,
];
