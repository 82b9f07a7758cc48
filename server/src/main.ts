import path from 'node:path';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { resolveConnection, type ConnectionSettings } from './db/connection.ts';
import { Database } from './db/driver.ts';
import { warmUpQueries } from './queries/warm-up.ts';

export const defaultClientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

export interface RunningServer {
  url: string;
  db: Database;
  close(): Promise<void>;
}

export interface ServeOptions {
  connection?: ConnectionSettings;
  port?: number;
  host?: string;
  clientDir?: string;
  /** Plan the first page view's queries before resolving (default true; capped at WARM_UP_MAX_MS). */
  warmUp?: boolean;
}

const WARM_UP_MAX_MS = 15_000;

/** Starts the HTTP server; resolves once it listens and has warmed up. `close` stops it and the driver. */
export async function serve(options: ServeOptions = {}): Promise<RunningServer> {
  const db = new Database(options.connection ?? resolveConnection());
  const app = createApp({ db, clientDir: options.clientDir ?? defaultClientDir });
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s));
    s.once('error', reject);
  }).catch(async (error: NodeJS.ErrnoException) => {
    await db.close();
    if (error.code === 'EADDRINUSE') throw new Error(`Port ${port} is already in use; set PORT to another port.`);
    throw error;
  });
  if (options.warmUp ?? true) {
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, WARM_UP_MAX_MS)));
    await Promise.race([warmUpQueries(db).catch(() => 0), cap]);
    clearTimeout(timer);
  }
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${actualPort}`,
    db,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await db.close();
    },
  };
}

async function main(): Promise<void> {
  const running = await serve();
  const health = await running.db.serverInfo().catch((error: Error) => error);
  if (health instanceof Error) {
    console.warn(`Neo4j at ${running.db.uri} is not answering yet (${health.message}); the API answers 503 until it does.`);
  }
  console.log(`Cablescope is running at ${running.url}`);
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
