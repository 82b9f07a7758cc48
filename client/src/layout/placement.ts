/**
 * Where a node enters the layout: next to the node it came from (its origin), on a ring,
 * at an angle derived from its id, so that placement is deterministic and siblings spread out.
 */
export function hash32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export interface Point {
  x: number;
  y: number;
}

/** A point near `parent`: a ring of radius `dist` (± 30 %) at an id-derived angle. */
export function placeNear(parent: Point, id: string, dist: number): Point {
  const h = hash32(id);
  const angle = ((h & 0xffff) / 0x10000) * Math.PI * 2;
  const d = dist * (0.7 + ((h >>> 16) / 0x10000) * 0.6);
  return { x: parent.x + Math.cos(angle) * d, y: parent.y + Math.sin(angle) * d };
}

/** A point to the right of everything placed so far (for a seed added to a non-empty view). */
export function placeBeside(points: Iterable<Point>, gap = 220): Point {
  let maxX = -Infinity;
  let sumY = 0;
  let n = 0;
  for (const p of points) {
    maxX = Math.max(maxX, p.x);
    sumY += p.y;
    n++;
  }
  return n === 0 ? { x: 0, y: 0 } : { x: maxX + gap, y: sumY / n };
}

/**
 * Like placeNear, but within the half-plane facing away from `centre` (the bulk of the graph),
 * so an expansion grows outwards instead of into nodes that are held still. `spread` is the
 * ring radius; the angle is id-derived (deterministic).
 */
export function placeOutward(parent: Point, centre: Point | null, id: string, spread: number): Point {
  const dx = parent.x - (centre?.x ?? parent.x);
  const dy = parent.y - (centre?.y ?? parent.y);
  if (!centre || Math.hypot(dx, dy) < 1) return placeNear(parent, id, spread);
  const base = Math.atan2(dy, dx);
  const h = hash32(id);
  const angle = base + ((h & 0xffff) / 0x10000 - 0.5) * Math.PI * 0.9;
  const d = spread * (0.6 + ((h >>> 16) / 0x10000) * 0.8);
  return { x: parent.x + Math.cos(angle) * d, y: parent.y + Math.sin(angle) * d };
}

/** The mean of some points (null when there are none). */
export function centroid(points: Iterable<Point>): Point | null {
  let x = 0;
  let y = 0;
  let n = 0;
  for (const p of points) {
    x += p.x;
    y += p.y;
    n++;
  }
  return n ? { x: x / n, y: y / n } : null;
}

export interface PlacementInput {
  /** The nodes to lay out (the visible graph), in order, with their drawn radius. */
  nodes: readonly { id: string; r: number }[];
  /** Links between them. */
  links: Iterable<{ source: string; target: string }>;
  /** For each node, the node whose expansion brought it in (model/graph.ts `origin`). */
  origin: ReadonlyMap<string, string>;
  /** Where the running layout holds nodes now (these stay where they are). */
  known: ReadonlyMap<string, Point>;
  /** Positions from the view document (a shared link) and pins: used before any rule. */
  stored: Readonly<Record<string, readonly [number, number]>>;
  pinned: Readonly<Record<string, readonly [number, number]>>;
  settings: { growAlpha: number; freshAlpha: number; nudgeAlpha: number };
}

export interface Placement {
  /** A starting position for every node of the input. */
  positions: Map<string, Point>;
  /** Nodes placed by a rule (not known, not stored), in placement order. */
  fresh: string[];
  /** Whether some nodes were already laid out (the layout then holds them still). */
  holdExisting: boolean;
  /** The layout's energy: 0 when everything came from the document, a nudge when nothing is new. */
  alpha: number;
}

/**
 * Where each node of a view starts (pure; see the unit tests):
 *  1. a node the layout already holds stays; a position from the document (URL, pin) is used;
 *  2. a node with a placed origin goes outwards from it, away from the graph's centre, on a ring
 *     sized for its number of new siblings (roots first, then children of placed parents);
 *  3. otherwise next to a placed neighbour;
 *  4. otherwise (a new seed) beside everything placed, or at the origin of an empty view.
 */
export function placeNodes(input: PlacementInput): Placement {
  const { nodes, origin, known, stored, pinned } = input;
  const placed = new Map<string, Point>();
  const fresh: string[] = [];
  const visible = new Set(nodes.map((n) => n.id));
  const centre = centroid(known.values());
  const siblings = new Map<string, number>();
  for (const n of nodes) {
    const o = origin.get(n.id);
    if (o && !known.has(n.id)) siblings.set(o, (siblings.get(o) ?? 0) + 1);
  }
  const links = [...input.links];
  let fromDocument = 0;
  const posOf = (id: string): Point | undefined => known.get(id) ?? placed.get(id);
  const place = (n: { id: string; r: number }, parentFirst: boolean) => {
    if (placed.has(n.id) || known.has(n.id)) return;
    const s = stored[n.id] ?? pinned[n.id];
    if (s) {
      placed.set(n.id, { x: s[0], y: s[1] });
      fromDocument++;
      return;
    }
    const parent = origin.get(n.id);
    const pp = parent ? posOf(parent) : undefined;
    if (parentFirst && !pp && parent && visible.has(parent)) return; // wait for the parent
    fresh.push(n.id);
    if (pp) {
      placed.set(n.id, placeOutward(pp, centre, n.id, 50 + n.r * 2 + 7 * Math.sqrt(siblings.get(parent ?? '') ?? 1)));
      return;
    }
    for (const l of links) {
      const other = l.source === n.id ? l.target : l.target === n.id ? l.source : null;
      const op = other ? posOf(other) : undefined;
      if (op) {
        placed.set(n.id, placeNear(op, n.id, 60));
        return;
      }
    }
    placed.set(n.id, known.size + placed.size === 0 ? { x: 0, y: 0 } : placeNear(placeBeside([...known.values(), ...placed.values()]), n.id, 20));
  };
  for (const n of nodes) if (!origin.has(n.id)) place(n, false);
  for (const n of nodes) place(n, true);
  for (const n of nodes) place(n, false);

  const positions = new Map<string, Point>();
  for (const n of nodes) positions.set(n.id, posOf(n.id) ?? { x: 0, y: 0 });
  const holdExisting = nodes.some((n) => known.has(n.id));
  const { growAlpha, freshAlpha, nudgeAlpha } = input.settings;
  const alpha = fresh.length === 0 ? (fromDocument > 0 ? 0 : nudgeAlpha) : holdExisting ? growAlpha : freshAlpha;
  return { positions, fresh, holdExisting, alpha };
}
