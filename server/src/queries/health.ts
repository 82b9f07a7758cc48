import type { HealthResponse } from '../api/types.ts';
import type { Database } from '../db/driver.ts';

const messages: Record<HealthResponse['database'], string> = {
  up: 'The graph database is up.',
  down: 'The graph database is not reachable; the API answers 503 until it is.',
  auth_failed: 'The graph database refuses the server’s password; set NEO4J_PASSWORD to the right one and restart.',
};

/** The state each database was last logged in: a monitor polling health during an outage must not write a stack trace per poll. */
const loggedState = new WeakMap<Database, HealthResponse['database']>();

/**
 * Up, down or auth failed; the driver's error (address, version, text) is passed to `log` only,
 * once per change of state.
 */
export async function checkHealth(db: Database, log: (message: string, error?: unknown) => void): Promise<HealthResponse> {
  const { state, error } = await db.state();
  if (state !== (loggedState.get(db) ?? 'up')) log(state === 'up' ? 'health: database up again' : `health: database ${state}`, error);
  loggedState.set(db, state);
  return { status: state === 'up' ? 'ok' : 'unavailable', database: state, message: messages[state] };
}
