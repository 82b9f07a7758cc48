import express, { type Express } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import type { Database } from './db/driver.ts';
import { errorHandler, unknownApiRoute } from './http/errors.ts';
import { analysisRouter } from './routes/analysis.ts';
import { cablesRouter } from './routes/cables.ts';
import { citationsRouter } from './routes/citations.ts';
import { expandRouter } from './routes/expand.ts';
import { graphRouter } from './routes/graph.ts';
import { healthRouter } from './routes/health.ts';
import { pathsRouter } from './routes/paths.ts';
import { searchRouter } from './routes/search.ts';
import { tagsRouter } from './routes/tags.ts';
import { timelineRouter } from './routes/timeline.ts';
import { trafficRouter } from './routes/traffic.ts';

export interface AppDependencies {
  db: Database;
  /** Folder of the built client (`client/dist`); the API alone is served when absent. */
  clientDir?: string;
  log?: (message: string, error?: unknown) => void;
}

/** Builds the Express app without listening, so tests can mount it directly. */
export function createApp({ db, clientDir, log = defaultLog }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // API answers are computed per request and never revalidated; hashing each body for an ETag
  // cost measurable CPU under load. Static files keep their own ETags (express.static).
  app.set('etag', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          workerSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );

  const api = express.Router();
  api.use(healthRouter(db));
  api.use(searchRouter(db));
  api.use(cablesRouter(db));
  api.use(tagsRouter(db));
  api.use(graphRouter(db));
  api.use(expandRouter(db));
  api.use(citationsRouter(db));
  api.use(pathsRouter(db));
  api.use(timelineRouter(db));
  api.use(trafficRouter(db));
  api.use(analysisRouter(db));
  api.use(unknownApiRoute);
  app.use('/api', api);

  if (clientDir && existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
  }
  app.use(errorHandler(log));
  return app;
}

function defaultLog(message: string, error?: unknown): void {
  console.error(`[cablescope] ${message}`, error instanceof Error ? error.stack : (error ?? ''));
}
