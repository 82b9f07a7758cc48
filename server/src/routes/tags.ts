import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/driver.ts';
import { notFound, parseOr400 } from '../http/errors.ts';
import { getTag } from '../queries/tags.ts';
import { tagCodeParam } from './params.ts';

const tagParams = z.object({ code: tagCodeParam });

export function tagsRouter(db: Database): Router {
  const router = Router();
  router.get('/tags/:code', async (req, res) => {
    const { code } = parseOr400(tagParams, req.params);
    const tag = await getTag(db, code);
    if (!tag) throw notFound(`Tag ${code}`);
    res.json(tag);
  });
  return router;
}
