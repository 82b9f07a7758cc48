import { Router } from 'express';
import { z } from 'zod';
import type { SearchResponse } from '../api/types.ts';
import { canonicalCableId } from '../cables/canonical-id.ts';
import type { Database } from '../db/driver.ts';
import { parseOr400 } from '../http/errors.ts';
import { search } from '../queries/search.ts';
import { limitParam } from './params.ts';

const searchQuery = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(200),
  limit: limitParam(10, 50),
});

/** An id prefix worth looking up: the whole query when it canonicalises, else its upper-cased form. */
function cableIdPrefix(text: string): string | null {
  const compact = text.replace(/\s+/g, '');
  if (!/^\d{2}[A-Za-z]/.test(compact) || compact.length > 64) return null;
  return canonicalCableId(compact) ?? compact.toUpperCase();
}

export function searchRouter(db: Database): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const { q, limit } = parseOr400(searchQuery, req.query);
    const hits = await search(db, { text: q, cableIdPrefix: cableIdPrefix(q), limit });
    const response: SearchResponse = { query: q, hits };
    res.json(response);
  });
  return router;
}
