import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/driver.ts';
import { notFound, parseOr400 } from '../http/errors.ts';
import { getNeighbourhood } from '../queries/graph.ts';
import { nodeId } from '../queries/node-ids.ts';
import { limitParam, nodeRefParam } from './params.ts';

const neighbourhoodQuery = z.object({ id: nodeRefParam, limit: limitParam(50, 500) });

export function graphRouter(db: Database): Router {
  const router = Router();
  router.get('/graph/neighborhood', async (req, res) => {
    const { id, limit } = parseOr400(neighbourhoodQuery, req.query);
    const graph = await getNeighbourhood(db, id, limit);
    if (!graph) throw notFound(`Node ${nodeId(id)}`);
    res.json(graph);
  });
  return router;
}
