/**
 * Keyboard traversal: from a node, the node that an arrow key points to. Neighbours in the
 * graph are preferred; any node in that direction is the fallback. Pure (positions are passed in).
 */
export type Direction = 'left' | 'right' | 'up' | 'down';

export interface Candidate {
  id: string;
  x: number;
  y: number;
}

const DIR: Record<Direction, [number, number]> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };

/** The best candidate within ±60° of the direction: the closest, penalising off-axis ones. */
export function pickInDirection(from: { x: number; y: number }, dir: Direction, candidates: Iterable<Candidate>): string | null {
  const [dx, dy] = DIR[dir];
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const vx = c.x - from.x;
    const vy = c.y - from.y;
    const d = Math.hypot(vx, vy);
    if (d < 1e-6) continue;
    const cos = (vx * dx + vy * dy) / d;
    if (cos < 0.5) continue;
    const score = d / (cos * cos);
    if (score < bestScore || (score === bestScore && best !== null && c.id < best)) {
      bestScore = score;
      best = c.id;
    }
  }
  return best;
}

export function navigate(
  from: Candidate,
  dir: Direction,
  neighbours: Iterable<Candidate>,
  everyone: Iterable<Candidate>,
): string | null {
  return pickInDirection(from, dir, neighbours) ?? pickInDirection(from, dir, everyone);
}
