/**
 * ViewDoc ⇄ URL fragment. The fragment (not the query string) keeps long views off the
 * server's logs and limits. Format (URLSearchParams syntax), version 1:
 *
 *   v=1
 *   op=s.<id>  seed (fresh)   op=a.<id>  seed (added)   op=e.<id>  expand
 *   op=d.<id>|<id>…  dismiss  op=k.<id>|<id>…  keep only     (repeated, in order)
 *   hide=tag,post            hidden node kinds
 *   hidel=INFO,TAGGED        hidden link types
 *   sel=<id>                 selected node
 *   mark=<id>|<id>…          the multi-selection (Shift+click), with sel among them
 *   size=cited               node size by citations (default: by connections)
 *   vp=<x>,<y>,<k>           viewport (translate and scale)
 *   pos=<x>,<y>,…            positions, in the derived graph's node order ('' when unknown)
 *   pin=<i>,<j>,…            indices (same order) of pinned nodes
 *   op=x.<id>~<spec>         selective expand (spec: model/expand-spec.ts)
 *   from=YYYY-MM  to=YYYY-MM  hidec=secret,…   cable filters (model/filters.ts)
 *   cite=<cable id>  depth=<n>                 citation view of a cable (views/)
 *   front=1  fpost=<post key>  ftag=<tag code> the front page over the graph, and its scope
 *
 * Positions refer to the node order of the derived graph, which the decoder does not know,
 * so decoding returns them as a list for `attachPositions` to zip once the graph is built.
 */
import { decodeCableFilters, encodeCableFilters } from './filters.ts';
import { LINK_TYPES, NODE_KINDS } from './graph.ts';
import type { LinkType, NodeKind } from './graph.ts';
import { emptyDoc } from './view.ts';
import type { Op, ViewDoc, Viewport } from './view.ts';

const OP_CODE = { s: 'seed', a: 'seed', e: 'expand', d: 'dismiss', k: 'keep', x: 'expandBy' } as const;

const escId = (id: string): string => id.replace(/%/g, '%25').replace(/\|/g, '%7C');
const unescId = (s: string): string => s.replace(/%7C/gi, '|').replace(/%25/g, '%');

export function encodeOp(op: Op): string {
  switch (op.t) {
    case 'seed':
      return `${op.add ? 'a' : 's'}.${escId(op.id)}`;
    case 'expand':
      return `e.${escId(op.id)}`;
    case 'dismiss':
      return `d.${op.ids.map(escId).join('|')}`;
    case 'keep':
      return `k.${op.ids.map(escId).join('|')}`;
    case 'expandBy':
      return `x.${escId(op.id)}~${op.spec}`;
  }
}

export function decodeOp(s: string): Op | null {
  const code = s.slice(0, 1);
  if (s.charAt(1) !== '.' || !(code in OP_CODE)) return null;
  const rest = s.slice(2);
  if (!rest) return null;
  switch (code) {
    case 's':
    case 'a':
      return { t: 'seed', id: unescId(rest), add: code === 'a' };
    case 'e':
      return { t: 'expand', id: unescId(rest) };
    case 'd':
    case 'k':
      return { t: code === 'd' ? 'dismiss' : 'keep', ids: rest.split('|').map(unescId) };
    case 'x': {
      const i = rest.indexOf('~');
      return i > 0 && i < rest.length - 1 ? { t: 'expandBy', id: unescId(rest.slice(0, i)), spec: rest.slice(i + 1) } : null;
    }
    default:
      return null;
  }
}

const num = (x: number, digits = 0): string => {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? '0' : String(r);
};

/**
 * Encodes the doc. `order` is the derived graph's node order; it is needed for positions and
 * pins (omitted when not given).
 */
export function encodeDoc(doc: ViewDoc, order?: readonly string[]): string {
  const p = new URLSearchParams();
  p.set('v', '1');
  for (const op of doc.ops) p.append('op', encodeOp(op));
  if (doc.filters.hiddenKinds.length) p.set('hide', doc.filters.hiddenKinds.join(','));
  if (doc.filters.hiddenLinks.length) p.set('hidel', doc.filters.hiddenLinks.join(','));
  encodeCableFilters(doc.filters, p);
  if (doc.cite) {
    p.set('cite', doc.cite.root);
    p.set('depth', String(doc.cite.depth));
  }
  if (doc.front) {
    p.set('front', '1');
    if (doc.front.post) p.set('fpost', doc.front.post);
    if (doc.front.tag) p.set('ftag', doc.front.tag);
  }
  if (doc.selected) p.set('sel', doc.selected);
  if (doc.marked?.length) p.set('mark', doc.marked.map(escId).join('|'));
  if (doc.sizeBy === 'citedBy') p.set('size', 'cited');
  else if (doc.sizeBy === 'pagerank') p.set('size', 'pagerank');
  if (doc.colourBy === 'community') p.set('colour', 'community');
  if (doc.viewport) p.set('vp', [num(doc.viewport.x), num(doc.viewport.y), num(doc.viewport.k, 3)].join(','));
  if (order && order.length) {
    const pos: string[] = [];
    let any = false;
    for (const id of order) {
      const xy = doc.positions[id] ?? doc.pinned[id];
      if (xy) {
        any = true;
        pos.push(num(xy[0]), num(xy[1]));
      } else pos.push('', '');
    }
    if (any) p.set('pos', pos.join(','));
    const pins = order.flatMap((id, i) => (doc.pinned[id] ? [String(i)] : []));
    if (pins.length) p.set('pin', pins.join(','));
  }
  // ':' and ',' are legal in a fragment; leaving them readable keeps shared links legible.
  return p.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%7E/gi, '~');
}

export interface DecodedDoc {
  doc: ViewDoc;
  /** Positions in derived-graph order, null where unknown. */
  positions: ([number, number] | null)[];
  /** Indices (derived-graph order) of pinned nodes. */
  pins: number[];
}

const finite = (s: string | undefined): number | null => {
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

/** Decodes a fragment (with or without the leading '#'). Unknown or malformed parts are ignored. */
export function decodeDoc(fragment: string): DecodedDoc {
  const p = new URLSearchParams(fragment.replace(/^#/, ''));
  const doc = emptyDoc();
  doc.ops = p.getAll('op').flatMap((s) => {
    const op = decodeOp(s);
    return op ? [op] : [];
  });
  const hide = (p.get('hide') ?? '').split(',').filter((k): k is NodeKind => (NODE_KINDS as readonly string[]).includes(k));
  const hidel = (p.get('hidel') ?? '').split(',').filter((k): k is LinkType => (LINK_TYPES as readonly string[]).includes(k));
  doc.filters = { hiddenKinds: [...new Set(hide)], hiddenLinks: [...new Set(hidel)], ...decodeCableFilters(p) };
  const cite = p.get('cite');
  if (cite && /^cable:[A-Z0-9-]{3,60}$/i.test(cite)) {
    const depth = Number(p.get('depth'));
    doc.cite = { root: cite, depth: Number.isInteger(depth) && depth >= 1 && depth <= 5 ? depth : 2 };
  }
  if (p.get('front') === '1') {
    const key = (s: string | null) => (s && /^[A-Za-z0-9 ._&'()/-]{1,80}$/.test(s) ? s : null);
    const post = key(p.get('fpost'));
    const tag = key(p.get('ftag'));
    doc.front = { ...(post ? { post } : {}), ...(tag ? { tag } : {}) };
  }
  doc.selected = p.get('sel') || null;
  if (p.get('size') === 'cited') doc.sizeBy = 'citedBy';
  else if (p.get('size') === 'pagerank') doc.sizeBy = 'pagerank';
  if (p.get('colour') === 'community') doc.colourBy = 'community';
  doc.marked = (p.get('mark') ?? '')
    .split('|')
    .filter((s) => s !== '')
    .map(unescId);
  const vp = (p.get('vp') ?? '').split(',').map((s) => finite(s));
  if (vp.length === 3 && vp.every((x) => x !== null) && (vp[2] as number) > 0) {
    doc.viewport = { x: vp[0], y: vp[1], k: vp[2] } as Viewport;
  }
  const raw = p.get('pos');
  const positions: ([number, number] | null)[] = [];
  if (raw) {
    const parts = raw.split(',');
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const x = finite(parts[i]);
      const y = finite(parts[i + 1]);
      positions.push(x !== null && y !== null ? [x, y] : null);
    }
  }
  const pins = (p.get('pin') ?? '')
    .split(',')
    .map((s) => finite(s))
    .filter((i): i is number => i !== null && Number.isInteger(i) && i >= 0);
  return { doc, positions, pins };
}

/** Zips decoded positions and pins with the derived graph's node order. */
export function attachPositions(
  doc: ViewDoc,
  order: readonly string[],
  positions: readonly ([number, number] | null)[],
  pins: readonly number[],
): ViewDoc {
  if (positions.length !== order.length) return doc;
  const pos: Record<string, [number, number]> = {};
  order.forEach((id, i) => {
    const xy = positions[i];
    if (xy) pos[id] = xy;
  });
  const pinned: Record<string, [number, number]> = {};
  for (const i of pins) {
    const id = order[i];
    const xy = positions[i];
    if (id !== undefined && xy) pinned[id] = xy;
  }
  return { ...doc, positions: pos, pinned };
}
