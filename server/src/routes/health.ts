import { Router } from 'express';
import type { Database } from '../db/driver.ts';
import { RETRY_AFTER_SECONDS } from '../http/errors.ts';
import { checkHealth } from '../queries/health.ts';

export function healthRouter(db: Database, log: (message: string, error?: unknown) => void): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const health = await checkHealth(db, log);
    if (health.status !== 'ok') res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });
  return router;
}
