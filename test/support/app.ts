import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Express } from 'express';
import { createApp } from '../../server/src/app.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { serve } from '../../server/src/main.ts';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { runAnalysis } from '../../scripts/analyse/analyse.ts';
import { connectTestDatabase, repoRoot, wipeAndImport } from './neo4j.ts';

export interface TestApp {
  url: string;
  close(): Promise<void>;
}

const clientDir = path.join(repoRoot, 'client', 'dist');

/**
 * The real app on a random port over the test Neo4j loaded with the bundled sample corpus and,
 * as every import ends (`npm start`, `npm run import`), the corpus analysis: what the end-to-end
 * tests drive. `analyse: false` leaves the analysis out (the app as it is before any run).
 */
export async function startTestApp(opts: { analyse?: boolean } = {}): Promise<TestApp> {
  const db = await connectTestDatabase();
  try {
    await wipeAndImport(db);
    if (opts.analyse !== false) await runAnalysis(db);
  } finally {
    await db.close();
  }
  if (!existsSync(path.join(clientDir, 'index.html'))) {
    const build = spawnSync('npx', ['tsx', 'scripts/build-client.ts'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the client failed');
  }
  const running = await serve({ connection: resolveConnection(process.env, 'test'), port: 0, clientDir });
  return { url: running.url, close: () => running.close() };
}

/**
 * The Express app (no listening socket) over the test Neo4j freshly loaded with the sample
 * corpus, for supertest: what the API integration tests share. The caller closes `db`.
 */
export async function sampleApp(options: { clientDir?: string } = {}): Promise<{ db: Database; app: Express }> {
  const db = await connectTestDatabase();
  await wipeAndImport(db);
  return { db, app: createApp({ db, log: () => {}, ...options }) };
}
