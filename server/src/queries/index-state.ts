import type { Database } from '../db/driver.ts';
import { notReady } from '../http/errors.ts';

/**
 * Whether a full-text index can answer now. A full-text query on an index that is still being
 * populated does not fail: it waits until the index is online, which after a bulk load takes
 * minutes. So search asks first and answers 503 with `Retry-After` instead of hanging.
 *
 * An online index is remembered for a while (indexes do not go offline on their own); a missing
 * or populating one is asked again soon, so answers come back within seconds of it being ready.
 * Requests that arrive while a check is on its way wait for that one answer.
 */
const ONLINE_RECHECK_MS = 60_000;
const NOT_READY_RECHECK_MS = 1_000;

export type IndexState = 'online' | 'populating' | 'missing' | 'failed';

interface Check {
  at: number;
  /** Set once the answer is in; concurrent requests before that share `answer`. */
  state?: IndexState;
  answer: Promise<IndexState>;
}

const checks = new WeakMap<Database, Map<string, Check>>();

export async function indexState(db: Database, name: string): Promise<IndexState> {
  let byName = checks.get(db);
  if (!byName) checks.set(db, (byName = new Map()));
  const cached = byName.get(name);
  if (cached && cached.state === undefined) return cached.answer;
  const maxAge = cached?.state === 'online' ? ONLINE_RECHECK_MS : NOT_READY_RECHECK_MS;
  if (cached && Date.now() - cached.at < maxAge) return cached.answer;
  const check: Check = { at: Date.now(), answer: askIndexState(db, name) };
  byName.set(name, check);
  try {
    check.state = await check.answer;
    check.at = Date.now();
  } catch (error) {
    if (byName.get(name) === check) byName.delete(name); // a failed check is not remembered
    throw error;
  }
  return check.state;
}

async function askIndexState(db: Database, name: string): Promise<IndexState> {
  const rows = await db.read<{ state: string }>('SHOW INDEXES YIELD name, state WHERE name = $name RETURN state', { name });
  const raw = rows[0]?.state;
  return raw === 'ONLINE' ? 'online' : raw === 'POPULATING' ? 'populating' : raw === undefined ? 'missing' : 'failed';
}

export async function indexOnline(db: Database, name: string): Promise<boolean> {
  return (await indexState(db, name)) === 'online';
}

/** Throws a 503 (with `Retry-After`) naming what `purpose` waits for unless the index is online. */
export async function requireIndexOnline(db: Database, name: string, purpose: string): Promise<void> {
  const state = await indexState(db, name);
  if (state === 'online') return;
  const why =
    state === 'populating'
      ? `the full-text index ${name} is still being built`
      : state === 'missing'
        ? `the full-text index ${name} does not exist yet (it is created when cables are imported)`
        : `the full-text index ${name} failed to build (drop it and run the import again)`;
  throw notReady('index_unavailable', `${purpose} is not available yet: ${why}; try again shortly.`);
}
