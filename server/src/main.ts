import path from 'node:path';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { resolveConnection, type ConnectionSettings } from './db/connection.ts';
import { Database } from './db/driver.ts';
import { resolveExposure, signInUrl, type ExposureSettings } from './http/exposure.ts';
import { warmUpQueries } from './queries/warm-up.ts';
import { readServerSettings } from './settings.ts';

export const defaultClientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

export interface RunningServer {
  url: string;
  /** The URL to open: `url`, plus `?token=…` when the server needs its access token. */
  signInUrl: string;
  exposure: ExposureSettings;
  db: Database;
  close(): Promise<void>;
}

export interface ServeOptions {
  connection?: ConnectionSettings;
  port?: number;
  host?: string;
  clientDir?: string;
  /** Host allow-list and token (default: from HOST, PUBLIC_URL, CABLESCOPE_TOKEN). */
  exposure?: ExposureSettings;
  /** Plan the first page view's queries before resolving (default true; capped at WARM_UP_MAX_MS). */
  warmUp?: boolean;
}

const WARM_UP_MAX_MS = 15_000;

/** Starts the HTTP server; resolves once it listens and has warmed up. `close` stops it and the driver. */
export async function serve(options: ServeOptions = {}): Promise<RunningServer> {
  const exposure = options.exposure ?? resolveExposure(process.env, { ...(options.host ? { host: options.host } : {}), ...(options.port !== undefined ? { port: options.port } : {}) });
  const { host, port } = exposure;
  const db = new Database(options.connection ?? resolveConnection(), { onReconnect: warmUpQueries });
  const app = createApp({ db, clientDir: options.clientDir ?? defaultClientDir, exposure });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s));
    s.once('error', reject);
    s.on('clientError', answerClientError);
  }).catch(async (error: NodeJS.ErrnoException) => {
    await db.close();
    if (error.code === 'EADDRINUSE') throw new Error(`Port ${port} is already in use; set PORT to another port.`);
    throw error;
  });
  // requests that arrive meanwhile answer 503 (database_warming_up) until it is done or capped
  if (options.warmUp ?? true) await db.warmUp(WARM_UP_MAX_MS);
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${actualPort}`,
    signInUrl: signInUrl(exposure, actualPort),
    exposure,
    db,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await db.close();
    },
  };
}

/**
 * Requests Node's HTTP parser rejects before Express sees them (a malformed request line,
 * headers over the size limit) get the same JSON error body as every other error.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive.']
        : [400, 'Bad Request', 'The request could not be read as HTTP.'];
  const body = JSON.stringify({ error: { code: status === 400 ? 'bad_request' : status === 431 ? 'headers_too_large' : 'request_timeout', message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** What to tell the user once the server listens: where to open it and, in token mode, how. */
export function startupLines(running: RunningServer): string[] {
  if (!running.exposure.token) return [`Cablescope is running at ${running.signInUrl}`];
  return [
    `Cablescope is running at ${running.url} and needs its access token on every API call.`,
    `Open this link once in each browser (it sets a cookie): ${running.signInUrl}`,
    ...(running.exposure.tokenGenerated ? ['The token is new at every start; set CABLESCOPE_TOKEN to keep one.'] : []),
  ];
}

async function main(): Promise<void> {
  const settings = readServerSettings();
  const running = await serve({ exposure: settings.exposure });
  const { state, error } = await running.db.state();
  if (state === 'auth_failed') console.warn(`Neo4j at ${running.db.uri} refuses the password (${(error as Error).message}); the API answers 503.`);
  else if (state === 'down') console.warn(`Neo4j at ${running.db.uri} is not answering yet (${(error as Error).message}); the API answers 503 until it does.`);
  for (const line of startupLines(running)) console.log(line);
  const shutdown = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
