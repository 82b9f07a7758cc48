/**
 * The force layout, independent of where it runs (Web Worker, main thread, node:test).
 * d3-force is deterministic (seeded LCG), and initial positions are chosen by the caller,
 * so the same inputs give the same layout.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3';
import type { Simulation, SimulationLinkDatum, SimulationNodeDatum } from 'd3';
import type { LinkType } from '../model/graph.ts';

export interface LayoutNodeInput {
  id: string;
  x: number;
  y: number;
  r: number;
  /** Pinned position, if the user pinned the node. */
  pin?: [number, number] | null;
}

export interface LayoutLinkInput {
  source: string;
  target: string;
  type: LinkType;
}

export interface UpdateOptions {
  /** Hold nodes that were already there still while the new ones settle (mental map). */
  holdExisting: boolean;
  /** Energy to restart with (0..1). */
  alpha: number;
}

interface SimNode extends SimulationNodeDatum {
  id: string;
  r: number;
  pinned: boolean;
  held: boolean;
}

type SimLink = SimulationLinkDatum<SimNode> & { type: LinkType };

const LINK_DISTANCE: Record<LinkType, number> = {
  FROM: 46,
  TO: 60,
  INFO: 70,
  TAGGED: 54,
  REFERENCES: 64,
};

export class ForceLayout {
  private readonly sim: Simulation<SimNode, SimLink>;
  private nodes: SimNode[] = [];
  private byId = new Map<string, SimNode>();
  private readonly link = forceLink<SimNode, SimLink>([]).id((d) => d.id);

  constructor() {
    this.sim = forceSimulation<SimNode, SimLink>([])
      .alphaDecay(1 - Math.pow(0.001, 1 / 160))
      .velocityDecay(0.45)
      .force('link', this.link.distance((l) => LINK_DISTANCE[l.type] + (l.source as SimNode).r + (l.target as SimNode).r))
      .force('charge', forceManyBody<SimNode>().strength((d) => -60 - 8 * d.r).distanceMax(900).theta(0.9))
      .force('collide', forceCollide<SimNode>((d) => d.r + 3).iterations(1))
      .force('x', forceX<SimNode>(0).strength(0.02))
      .force('y', forceY<SimNode>(0).strength(0.02))
      .alpha(0)
      .stop();
  }

  /** Replaces the node and link sets, keeping the positions of nodes already known. */
  update(nodes: readonly LayoutNodeInput[], links: readonly LayoutLinkInput[], opts: UpdateOptions): void {
    const next: SimNode[] = [];
    const byId = new Map<string, SimNode>();
    for (const n of nodes) {
      const prev = this.byId.get(n.id);
      const sn: SimNode = prev ?? { id: n.id, x: n.x, y: n.y, vx: 0, vy: 0, r: n.r, pinned: false, held: false };
      sn.r = n.r;
      if (n.pin) {
        sn.fx = n.pin[0];
        sn.fy = n.pin[1];
        sn.x = n.pin[0];
        sn.y = n.pin[1];
        sn.pinned = true;
        sn.held = false;
      } else if (sn.pinned) {
        sn.pinned = false;
        sn.fx = null;
        sn.fy = null;
      }
      if (prev && !sn.pinned && opts.holdExisting) {
        sn.fx = sn.x;
        sn.fy = sn.y;
        sn.held = true;
      }
      next.push(sn);
      byId.set(n.id, sn);
    }
    this.nodes = next;
    this.byId = byId;
    const many = next.length > 2000;
    (this.sim.force('charge') as ReturnType<typeof forceManyBody<SimNode>>).theta(many ? 1.3 : 0.9);
    this.sim.nodes(next);
    this.link.links(links.filter((l) => byId.has(l.source) && byId.has(l.target)).map((l) => ({ ...l })));
    this.sim.alpha(Math.max(this.sim.alpha(), opts.alpha));
  }

  get running(): boolean {
    return this.sim.alpha() >= this.sim.alphaMin() || this.sim.alphaTarget() > 0;
  }

  get alpha(): number {
    return this.sim.alpha();
  }

  /** Advances n ticks; releases held nodes once the layout has cooled. */
  tick(n = 1): void {
    this.sim.tick(n);
    if (!this.running) this.releaseHeld();
  }

  private releaseHeld(): void {
    for (const d of this.nodes) {
      if (d.held) {
        d.held = false;
        d.fx = null;
        d.fy = null;
      }
    }
  }

  ids(): string[] {
    return this.nodes.map((d) => d.id);
  }

  /** x, y per node, in `ids()` order. */
  positions(): Float32Array {
    const out = new Float32Array(this.nodes.length * 2);
    this.nodes.forEach((d, i) => {
      out[2 * i] = d.x ?? 0;
      out[2 * i + 1] = d.y ?? 0;
    });
    return out;
  }

  dragStart(id: string): void {
    const d = this.byId.get(id);
    if (!d) return;
    this.releaseHeld();
    d.fx = d.x;
    d.fy = d.y;
    this.sim.alphaTarget(0.25);
    if (this.sim.alpha() < 0.25) this.sim.alpha(0.25);
  }

  drag(id: string, x: number, y: number): void {
    const d = this.byId.get(id);
    if (!d) return;
    d.fx = x;
    d.fy = y;
    d.x = x;
    d.y = y;
  }

  /** Ends a drag; the node stays where it was dropped when `pin` is true. */
  dragEnd(id: string, pin: boolean): void {
    const d = this.byId.get(id);
    this.sim.alphaTarget(0);
    if (!d) return;
    d.pinned = pin;
    if (!pin) {
      d.fx = null;
      d.fy = null;
    }
  }

  reheat(alpha: number): void {
    this.releaseHeld();
    this.sim.alpha(Math.max(this.sim.alpha(), alpha));
  }
}
