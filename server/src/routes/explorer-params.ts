import { z } from 'zod';
import { LINK_TYPES, NODE_KINDS, type NodeKind } from '../graph/schema.ts';
import type { CableFilter, CableScope } from '../queries/filters.ts';

/** `2007`, `2007-10` or `2007-10-11`: validated as a real calendar month/day. */
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function parseDate(raw: string): { y: number; m: number | null; d: number | null } | null {
  const match = DATE.exec(raw);
  if (!match) return null;
  const y = Number(match[1]);
  const m = match[2] === undefined ? null : Number(match[2]);
  const d = match[3] === undefined ? null : Number(match[3]);
  if (y < 1900 || y > 2100) return null;
  if (m !== null && (m < 1 || m > 12)) return null;
  if (d !== null && m !== null) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (d < 1 || d > last) return null;
  }
  return { y, m, d };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The first ISO prefix after the period named by `raw` (`2007-10` → `2007-11`). */
function nextPrefix(raw: string): string {
  const p = parseDate(raw)!;
  if (p.m === null) return String(p.y + 1);
  if (p.d === null) return p.m === 12 ? `${p.y + 1}-01` : `${p.y}-${pad(p.m + 1)}`;
  const next = new Date(Date.UTC(p.y, p.m - 1, p.d + 1));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

export const dateParam = z
  .string()
  .trim()
  .refine((raw) => parseDate(raw) !== null, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .optional();

/** Comma-separated list → trimmed, upper-cased, de-duplicated values. */
function csv<T extends string>(item: z.ZodType<T, string>, max: number) {
  return z
    .string()
    .max(400)
    .transform((raw) => [...new Set(raw.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== ''))])
    .pipe(z.array(item).min(1, 'must name at least one value').max(max));
}

/** Classification markings (`SECRET`, `CONFIDENTIAL//NOFORN`), matched exactly. */
export const classificationsParam = csv(z.string().regex(/^[A-Z /]{3,60}$/, 'not a classification'), 10).optional();

export const linkTypesParam = csv(z.enum(LINK_TYPES, { message: `expected some of ${LINK_TYPES.join(', ')}` }), LINK_TYPES.length);

const upperNodeKinds = NODE_KINDS.map((k) => k.toUpperCase());
export const nodeKindsParam = csv(z.string().refine((k) => upperNodeKinds.includes(k), { message: `expected some of ${NODE_KINDS.join(', ')}` }), NODE_KINDS.length)
  .transform((kinds) => kinds.map((k) => k.toLowerCase() as NodeKind))
  .optional();

/** The common filter fields of the explorer endpoints. */
export const filterFields = {
  from: dateParam,
  to: dateParam,
  classification: classificationsParam,
};

/**
 * Turns the validated `from`/`to`/`classification` fields into a CableFilter: `to` is
 * inclusive for the user (`to=2007-10` keeps all of October) and becomes an exclusive bound.
 */
export function toCableFilter(input: { from?: string | undefined; to?: string | undefined; classification?: string[] | undefined }): CableFilter {
  return {
    from: input.from ?? null,
    toExclusive: input.to ? nextPrefix(input.to) : null,
    classifications: input.classification ?? null,
  };
}

/** A refinement for objects with from/to: the range must not be empty. */
export function rangeIsOrdered(input: { from?: string | undefined; to?: string | undefined }): boolean {
  if (!input.from || !input.to || !parseDate(input.from) || !parseDate(input.to)) return true;
  return fullDate(input.from) < fullDate(nextPrefix(input.to));
}

/** `2009` → `2009-01-01`, `2009-03` → `2009-03-01`. */
function fullDate(prefix: string): string {
  return `${prefix}-01-01`.slice(0, 10);
}
export const rangeMessage = { message: '`from` must not be after `to`', path: ['from'] };

export const booleanParam = z
  .enum(['true', 'false', '1', '0'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1');

const scopeKey = (example: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 ,.'()&/-]{1,120}$/, `expected a key such as ${example}`)
    .transform((k) => k.toUpperCase())
    .optional();

/** The filter fields plus one post (sent or received) and one tag: the corpus-wide views' scope. */
export const scopeFields = {
  ...filterFields,
  post: scopeKey('LONDON'),
  tag: scopeKey('PREL'),
};

export function toCableScope(input: Parameters<typeof toCableFilter>[0] & { post?: string | undefined; tag?: string | undefined }): CableScope {
  return { ...toCableFilter(input), post: input.post ?? null, tag: input.tag ?? null };
}
