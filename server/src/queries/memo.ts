import type { Database } from '../db/driver.ts';

/**
 * A small per-Database cache for the expensive, read-mostly answers (supernode aggregates,
 * timelines, traffic): the graph changes only on import, and a client drilling into SECSTATE
 * asks for the same counts again and again. Concurrent requests for the same key share one
 * computation. Entries live `ttlMs` (so a re-import shows within that time) and the oldest go
 * first beyond `MAX_ENTRIES`. Failures are never cached.
 */
const MAX_ENTRIES = 500;
export const MEMO_TTL_MS = 120_000;

interface Entry {
  at: number;
  value: Promise<unknown>;
}

const caches = new WeakMap<Database, Map<string, Entry>>();

export function memo<T>(db: Database, key: string, compute: () => Promise<T>, ttlMs = MEMO_TTL_MS): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = compute();
  cache.delete(key);
  cache.set(key, { at: now, value });
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  while (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
  }
  return value;
}

/** Drops every cached answer of this Database (after an import, in tests). */
export function clearMemo(db: Database): void {
  caches.get(db)?.clear();
}
