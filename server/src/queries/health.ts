import type { HealthResponse } from '../api/types.ts';
import type { Database } from '../db/driver.ts';

const messages: Record<HealthResponse['database'], string> = {
  up: 'The graph database is up.',
  down: 'The graph database is not reachable; the API answers 503 until it is.',
  auth_failed: 'The graph database refuses the server’s password; set NEO4J_PASSWORD to the right one and restart.',
};

/** Up, down or auth failed; the driver's error (address, version, text) is passed to `log` only. */
export async function checkHealth(db: Database, log: (message: string, error: unknown) => void): Promise<HealthResponse> {
  const { state, error } = await db.state();
  if (error !== undefined) log(`health: database ${state}`, error);
  return { status: state === 'up' ? 'ok' : 'unavailable', database: state, message: messages[state] };
}
