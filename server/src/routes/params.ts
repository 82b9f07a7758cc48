import { z } from 'zod';
import { canonicalCableId } from '../cables/canonical-id.ts';
import type { NodeRef } from '../queries/node-ids.ts';

/** Domain keys are short upper-case codes; anything else is rejected before a query runs. */
const keyPattern = /^[A-Za-z0-9 ,.'()&/-]{1,120}$/;

export const limitParam = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

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
export const tagCodeParam = z
  .string()
  .trim()
  .regex(keyPattern, 'expected a TAGS code such as PREL or IR')
  .transform((code) => code.toUpperCase());

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
    } else if (keyPattern.test(key)) {
      return { kind, key: key.toUpperCase() };
    }
    ctx.addIssue({ code: 'custom', message: 'expected a node id such as cable:07LONDON3923, post:LONDON or tag:PREL' });
    return z.NEVER;
  });
