/**
 * Label placement with collision avoidance, shared by the canvas, the SVG/PNG export and the
 * tests. Greedy by priority (the caller ranks: selected and hovered nodes and their neighbours
 * first, then seeds, then importance): each label tries a few spots around its node (below,
 * above, right, left, then the diagonals) and takes the first that overlaps neither a label
 * already placed nor any node disc. A label that finds no free spot is not drawn (its node
 * still shows it on hover). Pure, in screen units; boxes are hashed on a grid so a frame with
 * thousands of nodes stays cheap.
 */

export interface LabelCandidate {
  id: string;
  text: string;
  /** Node centre. */
  x: number;
  y: number;
  /** Node radius. */
  r: number;
  /** Text width and line height. */
  width: number;
  height: number;
  /** Higher goes first; ties by id, so a placement is reproducible. */
  priority: number;
}

export interface Disc {
  id: string;
  x: number;
  y: number;
  r: number;
}

export type LabelSpot = 'below' | 'above' | 'right' | 'left' | 'below-right' | 'below-left' | 'above-right' | 'above-left';

export interface PlacedLabel {
  id: string;
  text: string;
  /** The label box: left, top, width, height. */
  x: number;
  y: number;
  width: number;
  height: number;
  spot: LabelSpot;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PlacementOptions {
  /** At most this many labels. */
  budget?: number;
  /** Labels must lie inside this rectangle (the visible area); none when absent. */
  bounds?: Box | null;
  /** Boxes no label may touch: overlays drawn over the picture (the legend). */
  avoid?: readonly Box[];
  /** Room between a node and its label, and around each label. */
  gap?: number;
  /** Grid cell of the spatial hash. */
  cell?: number;
}

/** Room between a node and its label, by default (screen pixels). */
export const LABEL_GAP = 3;

const SPOTS: LabelSpot[] = ['below', 'above', 'right', 'left', 'below-right', 'below-left', 'above-right', 'above-left'];

/** The box of a label of size w×h at a spot around a node at (x, y) with radius r. */
export function spotBox(x: number, y: number, r: number, w: number, h: number, spot: LabelSpot, gap: number): Box {
  const d = r + gap;
  const diag = r * Math.SQRT1_2 + gap;
  switch (spot) {
    case 'below':
      return { x0: x - w / 2, y0: y + d, x1: x + w / 2, y1: y + d + h };
    case 'above':
      return { x0: x - w / 2, y0: y - d - h, x1: x + w / 2, y1: y - d };
    case 'right':
      return { x0: x + d, y0: y - h / 2, x1: x + d + w, y1: y + h / 2 };
    case 'left':
      return { x0: x - d - w, y0: y - h / 2, x1: x - d, y1: y + h / 2 };
    case 'below-right':
      return { x0: x + diag, y0: y + diag, x1: x + diag + w, y1: y + diag + h };
    case 'below-left':
      return { x0: x - diag - w, y0: y + diag, x1: x - diag, y1: y + diag + h };
    case 'above-right':
      return { x0: x + diag, y0: y - diag - h, x1: x + diag + w, y1: y - diag };
    case 'above-left':
      return { x0: x - diag - w, y0: y - diag - h, x1: x - diag, y1: y - diag };
  }
}

export const boxesOverlap = (a: Box, b: Box): boolean => a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0;

/** True when the disc reaches into the box (closest point of the box within the radius). */
export function discOverlapsBox(d: Disc, b: Box): boolean {
  const cx = Math.max(b.x0, Math.min(d.x, b.x1));
  const cy = Math.max(b.y0, Math.min(d.y, b.y1));
  return (cx - d.x) ** 2 + (cy - d.y) ** 2 < d.r * d.r;
}

/** A grid of boxes and discs for overlap queries. */
class SpatialHash<T> {
  private readonly cells = new Map<number, T[]>();
  constructor(private readonly cell: number) {}

  private *keys(b: Box): Generator<number> {
    const c = this.cell;
    for (let cx = Math.floor(b.x0 / c); cx <= Math.floor(b.x1 / c); cx++)
      for (let cy = Math.floor(b.y0 / c); cy <= Math.floor(b.y1 / c); cy++) yield cx * 1_000_003 + cy;
  }

  add(b: Box, item: T): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(item);
      else this.cells.set(k, [item]);
    }
  }

  some(b: Box, test: (item: T) => boolean): boolean {
    for (const k of this.keys(b)) for (const item of this.cells.get(k) ?? []) if (test(item)) return true;
    return false;
  }
}

const discBox = (d: Disc): Box => ({ x0: d.x - d.r, y0: d.y - d.r, x1: d.x + d.r, y1: d.y + d.r });

export function placeLabels(candidates: readonly LabelCandidate[], discs: readonly Disc[], opts: PlacementOptions = {}): PlacedLabel[] {
  const gap = opts.gap ?? LABEL_GAP;
  const pad = 1;
  const discHash = new SpatialHash<Disc>(opts.cell ?? 64);
  for (const d of discs) discHash.add(discBox(d), d);
  const labelHash = new SpatialHash<Box>(opts.cell ?? 64);
  const bounds = opts.bounds ?? null;
  const avoid = opts.avoid ?? [];
  let budget = opts.budget ?? Infinity;
  const order = [...candidates].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placed: PlacedLabel[] = [];
  for (const c of order) {
    if (budget <= 0) break;
    for (const spot of SPOTS) {
      const b = spotBox(c.x, c.y, c.r, c.width, c.height, spot, gap);
      const padded: Box = { x0: b.x0 - pad, y0: b.y0 - pad, x1: b.x1 + pad, y1: b.y1 + pad };
      if (bounds && (b.x0 < bounds.x0 || b.y0 < bounds.y0 || b.x1 > bounds.x1 || b.y1 > bounds.y1)) continue;
      if (avoid.some((o) => boxesOverlap(b, o))) continue;
      if (labelHash.some(padded, (o) => boxesOverlap(padded, o))) continue;
      if (discHash.some(b, (d) => discOverlapsBox(d, b))) continue;
      labelHash.add(padded, padded);
      placed.push({ id: c.id, text: c.text, x: b.x0, y: b.y0, width: c.width, height: c.height, spot });
      budget--;
      break;
    }
  }
  return placed;
}

export interface LabelOverlaps {
  /** Pairs of labels whose boxes intersect. */
  labels: [string, string][];
  /** Labels that cover a node disc: [label id, node id]. */
  nodes: [string, string][];
}

/**
 * The label-overlap measure: which drawn labels intersect one another or a node. Zero in
 * both lists is the target for every view and export (tests and screenshots check it).
 * `tolerance` shrinks boxes first (anti-aliasing, rounding of exported coordinates).
 */
export function labelOverlaps(labels: readonly PlacedLabel[], discs: readonly Disc[], tolerance = 0.5): LabelOverlaps {
  const shrink = (l: PlacedLabel): Box => ({ x0: l.x + tolerance, y0: l.y + tolerance, x1: l.x + l.width - tolerance, y1: l.y + l.height - tolerance });
  const out: LabelOverlaps = { labels: [], nodes: [] };
  const hash = new SpatialHash<{ id: string; box: Box }>(64);
  for (const l of labels) {
    const box = shrink(l);
    const seen = new Set<string>();
    hash.some(box, (o) => {
      if (!seen.has(o.id) && boxesOverlap(box, o.box)) out.labels.push([o.id, l.id]);
      seen.add(o.id);
      return false;
    });
    hash.add(box, { id: l.id, box });
  }
  const discHash = new SpatialHash<Disc>(64);
  for (const d of discs) discHash.add(discBox(d), d);
  for (const l of labels) {
    const box = shrink(l);
    const seen = new Set<string>();
    discHash.some(box, (d) => {
      if (!seen.has(d.id) && discOverlapsBox({ ...d, r: Math.max(0, d.r - tolerance) }, box)) out.nodes.push([l.id, d.id]);
      seen.add(d.id);
      return false;
    });
  }
  return out;
}

/** Priorities at or above this are emphasised labels: drawn even on small nodes. */
export const EMPHASIS_PRIORITY = 1e6;

export interface LabelEmphasis {
  selected: string | null;
  hovered: string | null;
  /** The hovered (or selected) node and its neighbours. */
  focus: ReadonlySet<string> | null;
  seeds: ReadonlySet<string>;
  expanded: ReadonlySet<string>;
}

/**
 * Who gets a label first: the selected node, the hovered one, their neighbours, the seeds,
 * expanded nodes and handles (summary nodes: "PREL: 215 cables" says what to click), then the biggest on screen (what the size shows is what matters most), then
 * the most connected.
 */
export function labelPriority(id: string, screenRadius: number, degree: number, e: LabelEmphasis, handle = false): number {
  if (id === e.selected) return 5 * EMPHASIS_PRIORITY;
  if (id === e.hovered) return 4 * EMPHASIS_PRIORITY;
  if (e.focus?.has(id)) return 3 * EMPHASIS_PRIORITY;
  if (handle || e.seeds.has(id) || e.expanded.has(id)) return 2 * EMPHASIS_PRIORITY;
  return Math.min(screenRadius, 999) * 1000 + Math.min(degree, 999);
}
