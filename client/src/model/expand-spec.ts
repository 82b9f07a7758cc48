/**
 * A selective expansion ("cited by, newest first, 50, in March 2008, sent by LONDON") as a
 * compact, URL-safe string, so it can live in the view's operation log and be replayed from a
 * shared link. Pure: no DOM.
 *
 *   <types>~<direction>~<order>~<limit>[~<from>~<to>~<sender>[~<offset>]]
 *   e.g. REFERENCES~in~newest~50   TO,INFO~out~degree~100~2008-03~2008-03~
 */
import type { ExpandDirection, ExpandOrder, LinkType, NodeKind } from '../../../server/src/api/types.ts';
import { isLinkType } from '../../../server/src/graph/schema.ts';

export interface ExpandSpec {
  types: LinkType[];
  direction: ExpandDirection;
  order: ExpandOrder;
  limit: number;
  from?: string | null;
  to?: string | null;
  sender?: string | null;
  /** Skip this many (paging: "51–100 of 3,412"). */
  offset?: number;
}

const DIRS: readonly ExpandDirection[] = ['out', 'in', 'both'];
const ORDERS: readonly ExpandOrder[] = ['importance', 'degree', 'newest', 'oldest'];
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const SENDER = /^[A-Za-z0-9 ,.'()&/-]{1,120}$/;

export function encodeSpec(s: ExpandSpec): string {
  const base = [s.types.join(','), s.direction, s.order, String(s.limit)];
  if (s.from || s.to || s.sender || s.offset) base.push(s.from ?? '', s.to ?? '', s.sender ?? '');
  if (s.offset) base.push(String(s.offset));
  return base.join('~');
}

export function decodeSpec(raw: string): ExpandSpec | null {
  const parts = raw.split('~');
  if (parts.length !== 4 && parts.length !== 7 && parts.length !== 8) return null;
  const [t, d, o, l, from, to, sender, off] = parts as [string, string, string, string, string?, string?, string?, string?];
  const types = t.split(',').filter(isLinkType);
  if (!types.length || types.length !== t.split(',').length) return null;
  if (!(DIRS as readonly string[]).includes(d) || !(ORDERS as readonly string[]).includes(o)) return null;
  const limit = Number(l);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return null;
  const spec: ExpandSpec = { types: [...new Set(types)], direction: d as ExpandDirection, order: o as ExpandOrder, limit };
  if (from && DATE.test(from)) spec.from = from;
  if (to && DATE.test(to)) spec.to = to;
  if (sender && SENDER.test(sender)) spec.sender = sender;
  const offset = Number(off);
  if (off !== undefined && Number.isInteger(offset) && offset > 0 && offset <= 10_000) spec.offset = offset;
  return spec;
}

/** A relationship the expand menu offers for a node kind. */
export interface ExpandChoice {
  label: string;
  hint: string;
  types: LinkType[];
  direction: ExpandDirection;
}

/** What each kind of node can be expanded by, in the menu's order. */
export const EXPAND_CHOICES: Record<NodeKind, ExpandChoice[]> = {
  cable: [
    { label: 'Cites', hint: 'Cables this cable references (REF)', types: ['REFERENCES'], direction: 'out' },
    { label: 'Cited by', hint: 'Cables that reference this cable', types: ['REFERENCES'], direction: 'in' },
    { label: 'Sender', hint: 'The post that sent it', types: ['FROM'], direction: 'out' },
    { label: 'Recipients (TO/INFO)', hint: 'Action and information addressees', types: ['TO', 'INFO'], direction: 'out' },
    { label: 'Tags', hint: 'Its TAGS', types: ['TAGGED'], direction: 'out' },
  ],
  post: [
    { label: 'Sent', hint: 'Cables this post sent', types: ['FROM'], direction: 'in' },
    { label: 'Received (TO)', hint: 'Cables addressed to this post for action', types: ['TO'], direction: 'in' },
    { label: 'Received (INFO)', hint: 'Cables copied to this post for information', types: ['INFO'], direction: 'in' },
  ],
  tag: [{ label: 'Tagged cables', hint: 'Cables carrying this TAG', types: ['TAGGED'], direction: 'in' }],
};

/** A short human description of a spec: `Cited by · newest · 50 · 2008-03 · from LONDON`. */
export function describeSpec(kind: NodeKind, s: ExpandSpec): string {
  const choice = EXPAND_CHOICES[kind].find((c) => c.direction === s.direction && c.types.join(',') === s.types.join(','));
  const order = s.order === 'degree' ? 'most connected' : s.order === 'importance' ? 'most important' : s.order;
  const range = s.from || s.to ? (s.from === s.to ? s.from : `${s.from ?? '…'}–${s.to ?? '…'}`) : null;
  const count = s.offset ? `${s.offset + 1}–${s.offset + s.limit}` : String(s.limit);
  return [choice?.label ?? `${s.types.join('/')} ${s.direction}`, order, count, range, s.sender ? `from ${s.sender}` : null].filter(Boolean).join(' · ');
}
