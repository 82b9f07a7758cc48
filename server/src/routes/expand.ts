import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/driver.ts';
import { notFound, parseOr400 } from '../http/errors.ts';
import { expand } from '../queries/expand.ts';
import { nodeId } from '../queries/node-ids.ts';
import { LINK_TYPES } from '../graph/schema.ts';
import { filterFields, linkTypesParam, nodeKindsParam, rangeIsOrdered, rangeMessage, toCableFilter } from './explorer-params.ts';
import { explorerSettings } from '../settings.ts';
import { graphKeyParam, intParam, limitParam, nodeRefParam } from './params.ts';


const postKey = graphKeyParam('post');

const expandQuery = z
  .object({
    id: nodeRefParam,
    types: linkTypesParam.default([...LINK_TYPES]),
    direction: z.enum(['out', 'in', 'both'], { message: 'expected out, in or both' }).default('both'),
    order: z.enum(['importance', 'degree', 'newest', 'oldest'], { message: 'expected importance, degree, newest or oldest' }).default('importance'),
    kinds: nodeKindsParam,
    sender: postKey.optional(),
    mode: z.enum(['auto', 'nodes', 'aggregate'], { message: 'expected auto, nodes or aggregate' }).default('auto'),
    threshold: intParam(1, 100_000).default(explorerSettings.hubThreshold),
    offset: intParam(0, 10_000).default(0),
    limit: limitParam(50, 500),
    ...filterFields,
  })
  .refine(rangeIsOrdered, rangeMessage);

export function expandRouter(db: Database): Router {
  const router = Router();
  router.get('/graph/expand', async (req, res) => {
    const q = parseOr400(expandQuery, req.query);
    const result = await expand(db, {
      ref: q.id,
      types: q.types,
      direction: q.direction,
      order: q.order,
      kinds: q.kinds ?? null,
      filter: toCableFilter(q),
      sender: q.sender ?? null,
      mode: q.mode,
      threshold: q.threshold,
      offset: q.offset,
      limit: q.limit,
    });
    if (!result) throw notFound(`Node ${nodeId(q.id)}`);
    res.json(result);
  });
  return router;
}
