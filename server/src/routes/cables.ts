import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/driver.ts';
import { notFound, parseOr400 } from '../http/errors.ts';
import { getCable } from '../queries/cables.ts';
import { cableIdParam } from './params.ts';

const cableParams = z.object({ id: cableIdParam });

export function cablesRouter(db: Database): Router {
  const router = Router();
  router.get('/cables/:id', async (req, res) => {
    const { id } = parseOr400(cableParams, req.params);
    const cable = await getCable(db, id);
    if (!cable) throw notFound(`Cable ${id}`);
    res.json(cable);
  });
  return router;
}
