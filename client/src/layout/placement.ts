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
