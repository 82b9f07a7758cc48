import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/driver.ts';
import { notFound, parseOr400 } from '../http/errors.ts';
import { CitationChainReader, MAX_CITATION_DEPTH } from '../queries/citations.ts';
import { cableIdParam, intParam, limitParam } from './params.ts';

const citationParams = z.object({ id: cableIdParam });
const citationQuery = z.object({
  direction: z.enum(['out', 'in', 'both'], { message: 'expected out (what it cites), in (what cites it) or both' }).default('both'),
  depth: intParam(1, MAX_CITATION_DEPTH).default(2),
  limit: limitParam(200, 1000),
});

export function citationsRouter(db: Database): Router {
  const router = Router();
  const chains = new CitationChainReader(db);
  router.get('/cables/:id/citations', async (req, res) => {
    const { id } = parseOr400(citationParams, req.params);
    const q = parseOr400(citationQuery, req.query);
    const chain = await chains.chain({ id, direction: q.direction, depth: q.depth, limit: q.limit });
    if (!chain) throw notFound(`Cable ${id}`);
    res.json(chain);
  });
  return router;
}
