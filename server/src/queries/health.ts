import type { HealthResponse } from '../api/types.ts';
import type { Database } from '../db/driver.ts';

export async function checkHealth(db: Database): Promise<HealthResponse> {
  try {
    const info = await db.serverInfo();
    return { status: 'ok', neo4j: { reachable: true, address: info.address, version: info.version } };
  } catch (error) {
    return {
      status: 'unavailable',
      neo4j: { reachable: false, error: `Neo4j is not reachable at ${db.uri}: ${(error as Error).message}` },
    };
  }
}
