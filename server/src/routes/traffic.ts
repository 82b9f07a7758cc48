import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/driver.ts';
import { notFound, parseOr400 } from '../http/errors.ts';
import { postTags } from '../queries/post-tags.ts';
import { postTraffic } from '../queries/traffic.ts';
import { filterFields, rangeIsOrdered, rangeMessage, toCableFilter } from './explorer-params.ts';
import { graphKeyParam, limitParam } from './params.ts';

const trafficParams = z.object({
  key: graphKeyParam('post'),
});
const trafficQuery = z
  .object({
    period: z.enum(['year', 'month'], { message: 'expected year or month' }).default('year'),
    limit: limitParam(20, 200),
    ...filterFields,
  })
  .refine(rangeIsOrdered, rangeMessage);

const postTagsQuery = z
  .object({
    role: z.enum(['sent', 'received', 'any'], { message: 'expected sent, received or any' }).default('sent'),
    limit: limitParam(20, 200),
    ...filterFields,
  })
  .refine(rangeIsOrdered, rangeMessage);

/** Per-post aggregates: who a post corresponds with, and what about. */
export function trafficRouter(db: Database): Router {
  const router = Router();
  router.get('/posts/:key/traffic', async (req, res) => {
    const { key } = parseOr400(trafficParams, req.params);
    const q = parseOr400(trafficQuery, req.query);
    const result = await postTraffic(db, { key, period: q.period, filter: toCableFilter(q), limit: q.limit });
    if (!result) throw notFound(`Post ${key}`);
    res.json(result);
  });
  router.get('/posts/:key/tags', async (req, res) => {
    const { key } = parseOr400(trafficParams, req.params);
    const q = parseOr400(postTagsQuery, req.query);
    const result = await postTags(db, { key, role: q.role, filter: toCableFilter(q), limit: q.limit });
    if (!result) throw notFound(`Post ${key}`);
    res.json(result);
  });
  return router;
}
