import { Router } from 'express';
import type { Database } from '../db/driver.ts';
import { checkHealth } from '../queries/health.ts';

export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const health = await checkHealth(db);
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });
  return router;
}
