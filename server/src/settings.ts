/**
 * The server's settings, read from the environment once at start-up and validated: what shapes
 * API answers (explorer), and who may talk to the server (exposure: HOST, PORT, PUBLIC_URL,
 * CABLESCOPE_TOKEN, in http/exposure.ts). Which Neo4j to use is the connection resolver's
 * (db/connection.ts), shared with the scripts. A bad value stops the server with a message
 * naming the variable.
 */
import { z } from 'zod';
import { resolveExposure, type ExposureSettings } from './http/exposure.ts';

const positiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const explorerSchema = z.object({
  /**
   * A node's neighbours of one relationship type and direction are drawn one by one up to this
   * many; above it the group is answered as a summary (counts per post and per year) to drill into.
   */
  hubThreshold: positiveInt(40, 10_000),
  /** No answer to a click, search pick or URL adds more new nodes than this. */
  maxNewNodes: positiveInt(60, 500),
});

export type ExplorerSettings = z.infer<typeof explorerSchema>;

/** Reads `CABLESCOPE_HUB_THRESHOLD` and `CABLESCOPE_MAX_NEW_NODES`; a bad value stops the server with a message. */
export function readExplorerSettings(env: NodeJS.ProcessEnv = process.env): ExplorerSettings {
  const parsed = explorerSchema.safeParse({
    hubThreshold: env.CABLESCOPE_HUB_THRESHOLD || undefined,
    maxNewNodes: env.CABLESCOPE_MAX_NEW_NODES || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path[0] === 'hubThreshold' ? 'CABLESCOPE_HUB_THRESHOLD' : 'CABLESCOPE_MAX_NEW_NODES';
    throw new Error(`${name}: ${issue?.message ?? 'invalid value'}`);
  }
  return parsed.data;
}

export const explorerSettings: ExplorerSettings = readExplorerSettings();

export interface ServerSettings {
  explorer: ExplorerSettings;
  exposure: ExposureSettings;
}

/** Every server setting from one environment (main.ts reads it once; tests pass their own). */
export function readServerSettings(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  return { explorer: readExplorerSettings(env), exposure: resolveExposure(env) };
}
