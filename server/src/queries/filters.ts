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

