import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/driver.ts';
import { notFound, parseOr400 } from '../http/errors.ts';
import { getNeighbourhood } from '../queries/graph.ts';
import { nodeId } from '../queries/node-ids.ts';
import { explorerSettings } from '../settings.ts';
import { limitParam, nodeRefParam } from './params.ts';

const neighbourhoodQuery = z.object({
  id: nodeRefParam,
  /** The most new nodes the answer may hold (groups that do not fit are summarised). */
  limit: limitParam(explorerSettings.maxNewNodes, 500),
  /** Groups larger than this are summarised. */
  threshold: limitParam(explorerSettings.hubThreshold, 10_000),
});

export function graphRouter(db: Database): Router {
  const router = Router();
  router.get('/graph/neighborhood', async (req, res) => {
    const { id, limit, threshold } = parseOr400(neighbourhoodQuery, req.query);
    const graph = await getNeighbourhood(db, { ref: id, maxNodes: limit, threshold });
    if (!graph) throw notFound(`Node ${nodeId(id)}`);
    res.json(graph);
  });
  return router;
}
