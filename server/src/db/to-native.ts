import neo4j from 'neo4j-driver';

/**
 * The one place where driver types become plain JSON: Integer → number, temporal values →
 * ISO strings, nodes/relationships → their properties, lists and maps recursively.
 */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Most values are strings, numbers and plain maps: answer those before asking the driver's
  // type predicates, which cost several property lookups each (measured: a sixth of the API's
  // CPU under load).
  if (typeof value !== 'object') return typeof value === 'bigint' ? Number(value) : value;
  if (Array.isArray(value)) return value.map(toNative);
  if (Object.getPrototypeOf(value) === Object.prototype) return mapValues(value as Record<string, unknown>);
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  // Temporal values print as ISO 8601 (`2007-10-12`, `2007-10-12T16:04:00Z`).
  if (isTemporal(value)) return String(value);
  if (neo4j.isNode(value)) return toNative(value.properties);
  if (neo4j.isRelationship(value)) return toNative(value.properties);
  return mapValues(value as Record<string, unknown>);
}

function mapValues(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in value) if (Object.hasOwn(value, key)) out[key] = toNative(value[key]);
  return out;
}

function isTemporal(value: unknown): boolean {
  return (
    neo4j.isDateTime(value) ||
    neo4j.isDate(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isDuration(value)
  );
}

/** Records → plain objects with native values, typed by the caller's row shape. */
export function recordsToRows<Row>(records: { toObject(): Record<string, unknown> }[]): Row[] {
  return records.map(recordToRow<Row>);
}

export function recordToRow<Row>(record: { toObject(): Record<string, unknown> }): Row {
  return toNative(record.toObject()) as Row;
}

/**
 * JS numbers travel to Neo4j as floats, which LIMIT and integer properties reject; every
 * whole number in the parameters becomes a Neo4j Integer here, once, for all queries.
 */
export function toDriverParams(params: Record<string, unknown>): Record<string, unknown> {
  return toDriverValue(params) as Record<string, unknown>;
}

function toDriverValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toDriverValue);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toDriverValue(v);
    return out;
  }
  return value;
}
