// Probing Bolt with the official driver (with auth), and waiting for a starting server to answer.
import neo4j from 'neo4j-driver';

export interface BoltTarget {
  uri: string;
  user: string;
  password: string;
}

export type ProbeResult =
  | { ok: true; agent: string; version: string; address: string }
  | { ok: false; authFailed: boolean; code: string; message: string };

const AUTH_CODES = new Set([
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.ClientError.Security.CredentialsExpired',
]);

/** One connectivity + auth check. Never throws. */
export async function probeBolt(t: BoltTarget, timeoutMs = 5000): Promise<ProbeResult> {
  const driver = neo4j.driver(t.uri, neo4j.auth.basic(t.user, t.password), {
    connectionTimeout: timeoutMs,
    connectionAcquisitionTimeout: timeoutMs,
    maxConnectionPoolSize: 1,
    logging: { level: 'error', logger: () => {} },
  });
  try {
    const info = await driver.getServerInfo();
    const agent = info.agent ?? '';
    return { ok: true, agent, version: agent.replace(/^Neo4j\//, ''), address: info.address ?? '' };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const code = err.code ?? '';
    return { ok: false, authFailed: AUTH_CODES.has(code), code, message: err.message ?? String(e) };
  } finally {
    await driver.close().catch(() => {});
  }
}

export class BoltAuthError extends Error {}
export class ProcessDiedError extends Error {}

/**
 * Polls until Bolt answers with the given credentials. Stops early (throws) when authentication is refused
 * (BoltAuthError) or when `alive()` reports the server process is gone (ProcessDiedError).
 */
export async function waitForBolt(
  t: BoltTarget,
  opts: { timeoutMs?: number; alive?: () => boolean; log?: (line: string) => void } = {},
): Promise<Extract<ProbeResult, { ok: true }>> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const t0 = Date.now();
  let lastReport = t0;
  let last: ProbeResult | null = null;
  for (;;) {
    const r = await probeBolt(t, 3000);
    if (r.ok) return r;
    last = r;
    if (r.authFailed) throw new BoltAuthError(`Neo4j at ${t.uri} refused the credentials of user "${t.user}": ${r.message}`);
    if (opts.alive && !opts.alive()) throw new ProcessDiedError(`the Neo4j process died before Bolt answered on ${t.uri}`);
    const elapsed = Date.now() - t0;
    if (elapsed > timeoutMs) {
      throw new Error(`Neo4j did not answer on ${t.uri} within ${Math.round(timeoutMs / 1000)} s (last error: ${last.message})`);
    }
    if (Date.now() - lastReport >= 5000) {
      opts.log?.(`  waiting for Bolt on ${t.uri} … ${Math.round(elapsed / 1000)} s`);
      lastReport = Date.now();
    }
    await new Promise((res) => setTimeout(res, 500));
  }
}
