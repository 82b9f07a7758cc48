import { Router } from 'express';
import { z } from 'zod';
import type { SearchResponse, SuggestResponse } from '../api/types.ts';
import { canonicalCableId } from '../cables/canonical-id.ts';
import type { Database } from '../db/driver.ts';
import { parseOr400 } from '../http/errors.ts';
import { SearchReader } from '../queries/search.ts';
import { filterFields, rangeIsOrdered, rangeMessage, toCableFilter } from './explorer-params.ts';
import { limitParam } from './params.ts';

const kindsOf = <T extends string>(allowed: readonly T[]) =>
  z
    .string()
    .max(100)
    .transform((raw) => [...new Set(raw.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== ''))])
    .pipe(z.array(z.enum(allowed, { message: `expected some of ${allowed.join(', ')}` })).min(1, 'must name at least one kind'))
    .optional();

const searchQuery = z
  .object({
    q: z.string().trim().min(1, 'q must not be empty').max(200),
    limit: limitParam(10, 50),
    kinds: kindsOf(['cable', 'post', 'tag'] as const),
    ...filterFields,
  })
  .refine(rangeIsOrdered, rangeMessage);

const suggestQuery = z
  .object({
    q: z.string().trim().min(1, 'q must not be empty').max(200),
    limit: limitParam(5, 20),
    kinds: kindsOf(['cable', 'post', 'tag', 'person'] as const),
    ...filterFields,
  })
  .refine(rangeIsOrdered, rangeMessage);

/** An id prefix worth looking up: the whole query when it canonicalises, else its upper-cased form. */
function cableIdPrefix(text: string): string | null {
  const compact = text.replace(/\s+/g, '');
  if (!/^\d{2}[A-Za-z]/.test(compact) || compact.length > 64) return null;
  return canonicalCableId(compact) ?? compact.toUpperCase();
}

export function searchRouter(db: Database): Router {
  const router = Router();
  const reader = new SearchReader(db);
  router.get('/search', async (req, res) => {
    const { q, limit, kinds, ...rest } = parseOr400(searchQuery, req.query);
    const hits = await reader.search({ text: q, cableIdPrefix: cableIdPrefix(q), limit, kinds: kinds ?? null, filter: toCableFilter(rest) });
    const response: SearchResponse = { query: q, hits };
    res.json(response);
  });
  router.get('/search/suggest', async (req, res) => {
    const { q, limit, kinds, ...rest } = parseOr400(suggestQuery, req.query);
    const response: SuggestResponse = await reader.suggest({
      text: q,
      cableIdPrefix: cableIdPrefix(q),
      limit,
      kinds: kinds ?? null,
      filter: toCableFilter(rest),
    });
    res.json(response);
  });
  return router;
}
