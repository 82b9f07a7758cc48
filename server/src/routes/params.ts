import { z } from 'zod';
import { canonicalCableId } from '../cables/canonical-id.ts';
import { GRAPH_KEY_HINT, isGraphKey } from '../cables/graph-keys.ts';
import type { NodeRef } from '../queries/node-ids.ts';

/**
 * A whole number written in decimal digits only: `Number()` would also take `0x10`, `1e3`,
 * ` 16 ` or an empty string, none of which a client means as a count.
 */
export const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'expected a whole number written in digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const limitParam = (fallback: number, max: number) => intParam(1, max).default(fallback);

/** A post or tag key (case-insensitive in the URL), by the rule the importer stores keys by. */
export const graphKeyParam = (what: string) =>
  z
    .string()
    .trim()
    .max(120)
    .transform((k) => k.toUpperCase())
    .refine(isGraphKey, `expected a ${what} key: ${GRAPH_KEY_HINT}`);

/** A cable id in any spelling that canonicalises (`07london03923` → `07LONDON3923`). */
export const cableIdParam = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .transform((raw, ctx) => {
    const id = canonicalCableId(raw);
    if (!id) {
      ctx.addIssue({ code: 'custom', message: `"${raw.slice(0, 64)}" is not a cable id` });
      return z.NEVER;
    }
    return id;
  });

/** A TAGS code (`PREL`, `IR`, `CLINTON, HILLARY`), matched upper-case as the importer stores it. */
export const tagCodeParam = graphKeyParam('tag');

/** `cable:…`, `post:…`, `tag:…`, or a bare cable id. */
export const nodeRefParam = z
  .string()
  .trim()
  .min(1)
  .max(130)
  .transform((raw, ctx): NodeRef => {
    const match = /^(cable|post|tag):(.+)$/i.exec(raw);
    const kind = (match?.[1]?.toLowerCase() ?? 'cable') as NodeRef['kind'];
    const key = (match?.[2] ?? raw).trim();
    if (kind === 'cable') {
      const id = canonicalCableId(key);
      if (id) return { kind, key: id };
    } else if (isGraphKey(key.toUpperCase())) {
      return { kind, key: key.toUpperCase() };
    }
    ctx.addIssue({ code: 'custom', message: 'expected a node id such as cable:07LONDON3923, post:LONDON or tag:PREL' });
    return z.NEVER;
  });
