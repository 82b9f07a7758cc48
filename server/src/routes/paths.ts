import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/driver.ts';
import { notFound, parseOr400 } from '../http/errors.ts';
import { nodeId } from '../queries/node-ids.ts';
import { MAX_PATH_HOPS, nodesExist, shortestPath } from '../queries/paths.ts';
import { linkTypesParam } from './explorer-params.ts';
import { LINK_TYPES } from '../graph/schema.ts';
import { intParam, nodeRefParam } from './params.ts';

const pathQuery = z
  .object({
    from: nodeRefParam,
    to: nodeRefParam,
    types: linkTypesParam.default([...LINK_TYPES]),
    maxHops: intParam(1, MAX_PATH_HOPS).default(6),
    maxDegree: intParam(1, 10_000_000).optional(),
  })
  .refine((q) => nodeId(q.from) !== nodeId(q.to), { message: '`from` and `to` must be different nodes', path: ['to'] });

export function pathsRouter(db: Database): Router {
  const router = Router();
  router.get('/paths/shortest', async (req, res) => {
    const q = parseOr400(pathQuery, req.query);
    const path = await shortestPath(db, { from: q.from, to: q.to, types: q.types, maxHops: q.maxHops, maxDegree: q.maxDegree ?? null });
    if (!path) {
      const [fromOk, toOk] = await nodesExist(db, [q.from, q.to]);
      throw notFound(`Node ${nodeId(fromOk ? q.to : q.from)}${fromOk || toOk ? '' : ` (nor ${nodeId(q.to)})`}`);
    }
    res.json(path);
  });
  return router;
}
