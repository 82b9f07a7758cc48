/**
 * Cable filters shared by the explorer queries: a date range and a set of classifications.
 * Only the fragments for filters that are present are added to a query (so an unfiltered
 * expansion stays a plain degree count); every value is still a query parameter.
 */
export interface CableFilter {
  /** Inclusive lower bound on `Cable.date`, an ISO prefix (`2007-10`, `2007-10-11`). */
  from: string | null;
  /** Exclusive upper bound on `Cable.date` (`2007-11` for "to 2007-10"). */
  toExclusive: string | null;
  /** Exact `Cable.classification` values. */
  classifications: string[] | null;
}

export const noFilter: CableFilter = { from: null, toExclusive: null, classifications: null };

export function isFiltered(filter: CableFilter): boolean {
  return filter.from !== null || filter.toExclusive !== null || (filter.classifications?.length ?? 0) > 0;
}

/**
 * The predicates on the cable variable `v` (a fixed identifier chosen by the caller, never
 * user text). Stubs have no date or classification, so any filter excludes them.
 */
export function cablePredicates(v: string, filter: CableFilter): string[] {
  const out: string[] = [];
  if (filter.from !== null) out.push(`${v}.date >= $filterFrom`);
  if (filter.toExclusive !== null) out.push(`${v}.date < $filterTo`);
  if (filter.classifications?.length) out.push(`${v}.classification IN $filterClassifications`);
  return out;
}

export function filterParams(filter: CableFilter): Record<string, unknown> {
  return {
    filterFrom: filter.from,
    filterTo: filter.toExclusive,
    filterClassifications: filter.classifications ?? [],
  };
}

/** `WHERE a AND b` or an empty string. */
export function where(predicates: string[]): string {
  return predicates.length ? `WHERE ${predicates.join(' AND ')}` : '';
}

/** A CableFilter narrowed to the cables of one post (sent or received) and/or one tag. */
export interface CableScope extends CableFilter {
  /** Post key: cables sent from it or addressed to it (TO or INFO). */
  post: string | null;
  /** Tag code. */
  tag: string | null;
}

/**
 * `MATCH … WHERE …` binding cable variable `c` to the cables of a scope: starting from the tag
 * or the post when one is given (their cables are few next to the corpus), else from every
 * cable matching `base` (a fixed predicate chosen in code, e.g. `c.inCorpus = true`).
 * Parameters: `scopeParams`.
 */
export function scopeMatch(scope: CableScope, base: string): string {
  const predicates = [base, ...cablePredicates('c', scope)];
  let match = 'MATCH (c:Cable)';
  if (scope.tag !== null) {
    match = 'MATCH (:Tag {code: $scopeTag})<-[:TAGGED]-(c:Cable)';
    if (scope.post !== null) predicates.push('EXISTS { (c)-[:FROM|TO|INFO]->(:Post {key: $scopePost}) }');
  } else if (scope.post !== null) {
    match = 'MATCH (:Post {key: $scopePost})<-[:FROM|TO|INFO]-(x:Cable) WITH DISTINCT x AS c';
  }
  return `${match} ${where(predicates)}`;
}

/**
 * The same scope as `scopeMatch`, written as predicates on every cable matching `base`: lets
 * Neo4j walk an index on `base`'s property in order and stop after a page, where `scopeMatch`
 * gathers the whole scope first. Pays when the scope is a large share of the cables.
 */
export function scopeFilterMatch(scope: CableScope, base: string): string {
  const predicates = [base, ...cablePredicates('c', scope)];
  if (scope.tag !== null) predicates.push('EXISTS { (c)-[:TAGGED]->(:Tag {code: $scopeTag}) }');
  if (scope.post !== null) predicates.push('EXISTS { (c)-[:FROM|TO|INFO]->(:Post {key: $scopePost}) }');
  return `MATCH (c:Cable) ${where(predicates)}`;
}

export const noScope: CableScope = { ...noFilter, post: null, tag: null };

export function scopeParams(scope: CableScope): Record<string, unknown> {
  return { ...filterParams(scope), scopePost: scope.post, scopeTag: scope.tag };
}

export function isScoped(scope: CableScope): boolean {
  return isFiltered(scope) || scope.post !== null || scope.tag !== null;
}
