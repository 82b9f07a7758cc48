import express, { type Express } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import type { Database } from './db/driver.ts';
import { errorHandler, HttpError, sendHttpError, unknownApiRoute } from './http/errors.ts';
import { hostGuard, loopbackExposure, tokenGuard, tokenLogin, type ExposureSettings } from './http/exposure.ts';
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
  /** Host names answered and the access token (see exposure.ts); loopback-only by default. */
  exposure?: ExposureSettings;
  log?: (message: string, error?: unknown) => void;
}

/** Every route answers GET (and HEAD); OPTIONS says so, anything else is a 405. */
const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';
const onlyReads: express.RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  res.set('Allow', ALLOWED_METHODS);
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  sendHttpError(res, new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here; this server only answers ${ALLOWED_METHODS}.`));
};

/** Source maps stay out of what the server hands out (a production build has none; a stray one is not served). */
const noSourceMaps: express.RequestHandler = (req, res, next) => {
  if (!req.path.endsWith('.map')) return next();
  sendHttpError(res, new HttpError(404, 'not_found', `${req.path} not found`));
};

/** Builds the Express app without listening, so tests can mount it directly. */
export function createApp({ db, clientDir, exposure = loopbackExposure, log = defaultLog }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(hostGuard(exposure));
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
          // Served over plain HTTP on a LAN name, this would make the browser ask for
          // https://…/main.js, which nothing answers: the page would never start.
          upgradeInsecureRequests: null,
        },
      },
      // HSTS only means something on HTTPS; on plain HTTP it is ignored at best.
      strictTransportSecurity: exposure.publicUrl?.protocol === 'https:',
    }),
  );
  app.use(onlyReads);
  app.use(tokenLogin(exposure));

  const api = express.Router();
  api.use(tokenGuard(exposure));
  api.use(healthRouter(db, log));
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
    app.use(noSourceMaps);
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
  }
  app.use((req, res) => sendHttpError(res, new HttpError(404, 'not_found', `${req.path} not found`)));
  app.use(errorHandler(log));
  return app;
}

function defaultLog(message: string, error?: unknown): void {
  console.error(`[cablescope] ${message}`, error instanceof Error ? error.stack : (error ?? ''));
}
