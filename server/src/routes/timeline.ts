import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/driver.ts';
import { notFound, parseOr400 } from '../http/errors.ts';
import { nodeId } from '../queries/node-ids.ts';
import { CABLE_PEOPLE_INDEX, CABLE_TEXT_INDEX } from '../graph/schema.ts';
import { requireIndexOnline } from '../queries/index-state.ts';
import { timeline, type TimelineSelection } from '../queries/timeline.ts';
import { filterFields, rangeIsOrdered, rangeMessage, toCableFilter } from './explorer-params.ts';
import { nodeRefParam } from './params.ts';

const timelineQuery = z
  .object({
    id: nodeRefParam.optional(),
    q: z.string().trim().min(1, 'q must not be empty').max(200).optional(),
    person: z.string().trim().min(2, 'person must have at least 2 characters').max(120).optional(),
    role: z.enum(['sent', 'received', 'any'], { message: 'expected sent, received or any' }).default('any'),
    ...filterFields,
  })
  .refine(rangeIsOrdered, rangeMessage)
  .refine((v) => [v.id, v.q, v.person].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one selection: id (post:…, tag:…, cable:…), q (search words) or person',
    path: ['id'],
  });

export function timelineRouter(db: Database): Router {
  const router = Router();
  router.get('/timeline', async (req, res) => {
    const q = parseOr400(timelineQuery, req.query);
    const selection: TimelineSelection = q.id
      ? { kind: 'node', ref: q.id, role: q.role }
      : q.q !== undefined
        ? { kind: 'search', text: q.q }
        : { kind: 'person', name: q.person! };
    if (selection.kind === 'person') await requireIndexOnline(db, CABLE_PEOPLE_INDEX, 'A person timeline');
    if (selection.kind === 'search') await requireIndexOnline(db, CABLE_TEXT_INDEX, 'A timeline of search words');
    const result = await timeline(db, selection, toCableFilter(q));
    if (!result) throw notFound(q.id ? `Node ${nodeId(q.id)}` : 'Selection');
    res.json(result);
  });
  return router;
}
