/**
 * Canvas renderer and pointer interaction (zoom, pan, drag, hover, click).
 * It never mutates the model: view state (selection, hover, pins…) arrives through `setState`,
 * and each node and link is styled at draw time by the reducers of render/reducers.ts.
 */
import { isSummary } from '../model/summary.ts';
import { communityFill } from '../model/analysis.ts';
import { drag as d3drag, pointer, quadtree, select, zoom as d3zoom, zoomIdentity } from 'd3';
import type { D3DragEvent, Quadtree, Selection, ZoomBehavior, ZoomTransform } from 'd3';
import { adjacency } from '../model/graph.ts';
import type { ColourBy, Graph, GraphLink, GraphNode, LinkType, NodeKind } from '../model/graph.ts';
import type { Viewport } from '../model/view.ts';
import { EMPHASIS_PRIORITY, LABEL_GAP, labelPriority, placeLabels, spotBox, type Box, type Disc, type LabelCandidate, type PlacedLabel } from '../layout/labels.ts';
import type { ClientSettings } from '../settings.ts';
import { edgeReducer, nodeReducer } from './reducers.ts';
import type { DrawState, EdgeDisplay } from './reducers.ts';
import {
  BACKGROUND,
  DETAIL_ZOOM,
  FONT_FAMILY,
  KIND_COLOR,
  LABEL_COLOR,
  LABEL_FONT_SIZE,
  LABEL_HALO,
  LINK_COLOR,
  LINK_DASH,
  LINK_WIDTH,
  SELECT_COLOR,
  STUB_COLOR,
  caption,
  isStub,
  nodeRadii,
  type SizeMetric,
} from './theme.ts';

export interface RenderState {
  graph: Graph;
  selected: string | null;
  /** The multi-selection (Shift+click), ringed like the selected node. */
  marked: ReadonlySet<string>;
  /** What node size shows. */
  sizeBy: SizeMetric;
  /** What node fill shows, and under colour by community each community's colour (model/analysis.ts `communityLegend`). */
  colourBy: ColourBy;
  communityColours: ReadonlyMap<string, string>;
  expanded: ReadonlySet<string>;
  seeds: ReadonlySet<string>;
  pinned: ReadonlySet<string>;
  loading: ReadonlySet<string>;
}

export interface CanvasCallbacks {
  click(id: string | null, ev: MouseEvent): void;
  /** A double-click on a node: the explicit way to expand it. */
  doubleClick(id: string, ev: MouseEvent): void;
  hover(id: string | null, ev: MouseEvent | null): void;
  dragStart(id: string): void;
  drag(id: string, x: number, y: number): void;
  dragEnd(id: string, moved: boolean): void;
  viewport(v: Viewport): void;
  /** The user zoomed or panned (wheel, drag, the zoom buttons), as opposed to a fit or a re-centre. */
  userMoved(): void;
  contextMenu(id: string | null, ev: MouseEvent): void;
}

type Pos = { x: number; y: number };
type Hit = { id: string; x: number; y: number; r: number };

const LINK_ORDER: LinkType[] = ['INFO', 'TO', 'TAGGED', 'FROM', 'REFERENCES'];

export class GraphCanvas {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private state: RenderState;
  private positions: ReadonlyMap<string, Pos> = new Map();
  private transform: ZoomTransform = zoomIdentity;
  private readonly zoomBehavior: ZoomBehavior<HTMLCanvasElement, unknown>;
  private readonly sel: Selection<HTMLCanvasElement, unknown, null, undefined>;
  private adj = new Map<string, Set<string>>();
  private linksByType = new Map<LinkType, GraphLink[]>();
  private radius = new Map<string, number>();
  private textWidth = new Map<string, number>();
  private hovered: string | null = null;
  private tree: Quadtree<Hit> | null = null;
  private frame = 0;
  private width = 0;
  private height = 0;
  private dpr = 1;
  private moving = false;
  private movingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly cb: CanvasCallbacks,
    private readonly settings: Pick<ClientSettings, 'rendering' | 'labels'>,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'graph-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Graph of cables, posts and tags');
    container.append(this.canvas);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D is not available');
    this.ctx = ctx;
    this.state = { graph: { nodes: new Map(), links: new Map(), origin: new Map() }, selected: null, marked: new Set(), sizeBy: 'degree', colourBy: 'kind', communityColours: new Map(), expanded: new Set(), seeds: new Set(), pinned: new Set(), loading: new Set() };
    this.sel = select(this.canvas);

    let dragId: string | null = null;
    let moved = false;
    const drag = d3drag<HTMLCanvasElement, unknown, Hit>()
      .container(this.canvas)
      .subject((ev: D3DragEvent<HTMLCanvasElement, unknown, Hit>) => {
        const [x, y] = pointer(ev.sourceEvent, this.canvas);
        return this.hit(x, y) ?? (undefined as unknown as Hit);
      })
      .on('start', (ev: D3DragEvent<HTMLCanvasElement, unknown, Hit>) => {
        dragId = ev.subject.id;
        moved = false;
      })
      .on('drag', (ev: D3DragEvent<HTMLCanvasElement, unknown, Hit>) => {
        if (!dragId) return;
        if (!moved) {
          moved = true;
          this.cb.dragStart(dragId);
        }
        const [x, y] = this.transform.invert(pointer(ev.sourceEvent, this.canvas));
        this.cb.drag(dragId, x, y);
        this.requestDraw();
      })
      .on('end', () => {
        if (dragId && moved) this.cb.dragEnd(dragId, true);
        dragId = null;
      });

    this.zoomBehavior = d3zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.05, 8])
      .on('zoom', (ev: { transform: ZoomTransform; sourceEvent: Event | null }) => {
        this.transform = ev.transform;
        if (ev.sourceEvent) this.cb.userMoved();
        this.markMoving();
        this.requestDraw();
      })
      .on('end', () => this.cb.viewport(this.viewport()));

    this.sel.call(drag).call(this.zoomBehavior).on('dblclick.zoom', null);

    this.canvas.addEventListener('click', (ev) => {
      const h = this.hit(ev.offsetX, ev.offsetY);
      this.cb.click(h?.id ?? null, ev);
    });
    this.canvas.addEventListener('dblclick', (ev) => {
      const h = this.hit(ev.offsetX, ev.offsetY);
      if (h) this.cb.doubleClick(h.id, ev);
    });
    this.canvas.addEventListener('contextmenu', (ev) => {
      const h = this.hit(ev.offsetX, ev.offsetY);
      if (h) {
        ev.preventDefault();
        this.cb.contextMenu(h.id, ev);
      }
    });
    this.canvas.addEventListener('mousemove', (ev) => {
      const h = this.hit(ev.offsetX, ev.offsetY);
      const id = h?.id ?? null;
      this.canvas.style.cursor = id ? 'pointer' : 'grab';
      if (id !== this.hovered) {
        this.hovered = id;
        this.requestDraw();
      }
      this.cb.hover(id, ev);
    });
    this.canvas.addEventListener('mouseleave', () => {
      if (this.hovered) {
        this.hovered = null;
        this.requestDraw();
      }
      this.cb.hover(null, null);
    });

    new ResizeObserver(() => this.resize()).observe(container);
    this.resize();
  }

  private markMoving(): void {
    this.moving = true;
    clearTimeout(this.movingTimer);
    this.movingTimer = setTimeout(() => {
      this.moving = false;
      this.requestDraw();
    }, 120);
  }

  private resize(): void {
    const r = this.container.getBoundingClientRect();
    this.dpr = window.devicePixelRatio || 1;
    this.width = Math.max(1, Math.floor(r.width));
    this.height = Math.max(1, Math.floor(r.height));
    this.canvas.width = Math.floor(this.width * this.dpr);
    this.canvas.height = Math.floor(this.height * this.dpr);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.requestDraw();
  }

  get size(): { width: number; height: number } {
    return { width: this.width, height: this.height };
  }

  setState(s: RenderState): void {
    const graphChanged = s.graph !== this.state.graph;
    const sizeChanged = s.sizeBy !== this.state.sizeBy;
    this.state = s;
    if (graphChanged || sizeChanged) {
      this.radius = nodeRadii(s.graph.nodes.values(), s.sizeBy);
    }
    if (graphChanged) {
      this.adj = adjacency(s.graph);
      this.linksByType = new Map();
      for (const l of s.graph.links.values()) {
        const list = this.linksByType.get(l.type);
        if (list) list.push(l);
        else this.linksByType.set(l.type, [l]);
      }
      if (this.hovered && !s.graph.nodes.has(this.hovered)) this.hovered = null;
    }
    this.requestDraw();
  }

  /** The radius a node is drawn with (world units), or null when it is not in the graph. */
  radiusOf(id: string): number | null {
    return this.radius.get(id) ?? null;
  }

  setPositions(p: ReadonlyMap<string, Pos>): void {
    this.positions = p;
    this.tree = null;
    this.requestDraw();
  }

  get hoveredId(): string | null {
    return this.hovered;
  }

  viewport(): Viewport {
    return { x: this.transform.x, y: this.transform.y, k: this.transform.k };
  }

  private animatingUntil = 0;

  /** True while an animated viewport change runs. */
  get animating(): boolean {
    return performance.now() < this.animatingUntil;
  }

  setViewport(v: Viewport, duration = 0): void {
    if (prefersReducedMotion()) duration = 0;
    const t = zoomIdentity.translate(v.x, v.y).scale(v.k);
    this.animatingUntil = duration > 0 ? performance.now() + duration + 60 : 0;
    if (duration > 0) this.sel.transition().duration(duration).call(this.zoomBehavior.transform, t);
    else this.sel.call(this.zoomBehavior.transform, t);
  }

  /** Space taken by overlays along the edges (status line, zoom buttons) that a fit keeps clear, in CSS pixels. */
  insets = { top: 36, right: 56, bottom: 16, left: 16 };
  /** The box in the lower left corner (the legend) that a fit keeps clear: its width and height, 0 when folded away. */
  corner = { width: 0, height: 0 };

  /**
   * Fits the given nodes (default: all) into the view, animated over `duration` ms. The legend's
   * corner is kept clear by giving up either a band along the bottom or one along the left,
   * whichever leaves the graph larger.
   */
  fit(ids?: Iterable<string>, duration = 450, maxScale = 2): void {
    const labelOf = new Map(this.placeScreenLabels(this.focusSet()).labels.map((l) => [l.id, l]));
    const items: { x: number; y: number; r: number; label: PlacedLabel | undefined }[] = [];
    for (const id of ids ? [...ids] : [...this.state.graph.nodes.keys()]) {
      const p = this.positions.get(id);
      if (!p || !this.state.graph.nodes.has(id)) continue;
      items.push({ x: p.x, y: p.y, r: this.radius.get(id) ?? 6, label: labelOf.get(id) });
    }
    if (!items.length) return;
    /** The screen extent of the nodes and their labels (at the spots of the last frame) at scale k, origin at 0. */
    const extent = (k: number): Box => {
      const e = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
      for (const it of items) {
        const boxes = [{ x0: k * (it.x - it.r), y0: k * (it.y - it.r), x1: k * (it.x + it.r), y1: k * (it.y + it.r) }];
        if (it.label) boxes.push(spotBox(k * it.x, k * it.y, k * it.r, it.label.width, it.label.height, it.label.spot, LABEL_GAP));
        for (const b of boxes) {
          e.x0 = Math.min(e.x0, b.x0);
          e.y0 = Math.min(e.y0, b.y0);
          e.x1 = Math.max(e.x1, b.x1);
          e.y1 = Math.max(e.y1, b.y1);
        }
      }
      return e;
    };
    const pad = 24;
    const gap = 8;
    const ins0 = this.insets;
    const { width: cw, height: ch } = this.corner;
    const bands = cw > 0 && ch > 0
      ? [{ ...ins0, bottom: Math.max(ins0.bottom, ch + gap) }, { ...ins0, left: Math.max(ins0.left, cw + gap) }]
      : [ins0];
    let best: Viewport | null = null;
    for (const ins of bands) {
      const aw = Math.max(100, this.width - ins.left - ins.right - 2 * pad);
      const ah = Math.max(100, this.height - ins.top - ins.bottom - 2 * pad);
      const fits = (k: number) => {
        const e = extent(k);
        return e.x1 - e.x0 <= aw && e.y1 - e.y0 <= ah;
      };
      // The largest scale whose extent fits (the extent grows with the scale; labels keep their pixel size).
      let lo = 0.05;
      let hi = maxScale;
      if (fits(hi)) lo = hi;
      else for (let i = 0; i < 30; i++) {
        const mid = (lo + hi) / 2;
        if (fits(mid)) lo = mid;
        else hi = mid;
      }
      const e = extent(lo);
      const v = { k: lo, x: ins.left + pad + aw / 2 - (e.x0 + e.x1) / 2, y: ins.top + pad + ah / 2 - (e.y0 + e.y1) / 2 };
      if (!best || v.k > best.k + 1e-9) best = v;
    }
    if (best) this.setViewport(best, duration);
  }

  /** Screen (CSS pixel, canvas-relative) position of a node, for tests and overlays. */
  screenPosition(id: string): [number, number] | null {
    const p = this.positions.get(id);
    return p ? this.transform.apply([p.x, p.y]) : null;
  }

  zoomBy(factor: number): void {
    this.cb.userMoved();
    if (prefersReducedMotion()) {
      this.sel.call(this.zoomBehavior.scaleBy, factor);
      return;
    }
    this.animatingUntil = performance.now() + 260;
    this.sel.transition().duration(200).call(this.zoomBehavior.scaleBy, factor);
  }

  private hit(sx: number, sy: number): Hit | null {
    if (!this.tree) {
      const pts: Hit[] = [];
      for (const id of this.state.graph.nodes.keys()) {
        const p = this.positions.get(id);
        if (p) pts.push({ id, x: p.x, y: p.y, r: this.radius.get(id) ?? 6 });
      }
      this.tree = quadtree<Hit>()
        .x((d) => d.x)
        .y((d) => d.y)
        .addAll(pts);
    }
    const [x, y] = this.transform.invert([sx, sy]);
    const slop = 4 / this.transform.k;
    const h = this.tree.find(x, y, 30 + slop);
    if (!h) return null;
    return Math.hypot(h.x - x, h.y - y) <= h.r + slop ? h : null;
  }

  requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** The set of ids to emphasise (hovered or selected node and its neighbours), or null. */
  private focusSet(): Set<string> | null {
    const f = this.hovered ?? null;
    if (!f) return null;
    const s = new Set(this.adj.get(f) ?? []);
    s.add(f);
    return s;
  }

  /** Duration of the last frame, in ms (exposed for benchmarks). */
  lastDrawMs = 0;

  draw(): void {
    const started = performance.now();
    this.drawFrame();
    this.lastDrawMs = performance.now() - started;
  }

  /** What the reducers read this frame. */
  private drawState(focus: ReadonlySet<string> | null): DrawState {
    const st = this.state;
    const colours = st.communityColours;
    return { selected: st.selected, marked: st.marked, expanded: st.expanded, pinned: st.pinned, loading: st.loading, hovered: this.hovered, focus, dimAlpha: this.settings.rendering.dimAlpha, fill: st.colourBy === 'community' ? (n) => communityFill(n, colours) : null };
  }

  private drawFrame(): void {
    const { ctx, transform: t } = this;
    const g = this.state.graph;
    const { rendering } = this.settings;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, this.width, this.height);
    ctx.setTransform(this.dpr * t.k, 0, 0, this.dpr * t.k, this.dpr * t.x, this.dpr * t.y);

    const focus = this.focusSet();
    const view = this.drawState(focus);
    const big = g.nodes.size > rendering.largeGraphNodes;
    const manyLinks = g.links.size > rendering.manyLinks;
    // The visible rectangle in layout coordinates (with a margin), for culling.
    const [vx0, vy0] = t.invert([-40, -40]);
    const [vx1, vy1] = t.invert([this.width + 40, this.height + 40]);
    const drawLinks = !(big && this.moving);
    const layers: (0 | 1)[] = focus ? [0, 1] : [1];

    // Links, batched by type and by layer (each layer shares one style per type).
    if (drawLinks) {
      const shown = new Map<GraphLink, EdgeDisplay>();
      for (const l of g.links.values()) shown.set(l, edgeReducer(l, view));
      const strokeLinks = (type: LinkType, links: Iterable<GraphLink>, widthFactor: number) => {
        ctx.strokeStyle = LINK_COLOR[type];
        ctx.lineWidth = (LINK_WIDTH[type] * widthFactor) / Math.sqrt(t.k);
        ctx.setLineDash(manyLinks ? [] : LINK_DASH[type].map((d) => d / t.k));
        ctx.beginPath();
        for (const l of links) {
          const a = this.positions.get(l.source);
          const b = this.positions.get(l.target);
          if (!a || !b) continue;
          ctx.moveTo(a.x, a.y);
          ctx.lineTo(b.x, b.y);
        }
        ctx.stroke();
        ctx.setLineDash([]);
      };
      for (const layer of layers) {
        for (const type of LINK_ORDER) {
          const batch: GraphLink[] = [];
          const arrows: [number, number, number, number, number][] = [];
          let display: EdgeDisplay | undefined;
          for (const l of this.linksByType.get(type) ?? []) {
            const d = shown.get(l);
            if (!d || d.layer !== layer) continue;
            const a = this.positions.get(l.source);
            const b = this.positions.get(l.target);
            if (!a || !b) continue;
            if ((a.x < vx0 && b.x < vx0) || (a.x > vx1 && b.x > vx1) || (a.y < vy0 && b.y < vy0) || (a.y > vy1 && b.y > vy1)) continue;
            display = d;
            batch.push(l);
            if (type === 'REFERENCES' && t.k > 0.45 && !big) arrows.push([a.x, a.y, b.x, b.y, this.radius.get(l.target) ?? 6]);
          }
          if (!display) continue;
          ctx.globalAlpha = display.alpha;
          strokeLinks(type, batch, display.widthFactor);
          if (arrows.length) {
            ctx.fillStyle = LINK_COLOR[type];
            ctx.beginPath();
            const s = 7 / Math.sqrt(t.k);
            for (const [x0, y0, x1, y1, r] of arrows) {
              const ang = Math.atan2(y1 - y0, x1 - x0);
              const tx = x1 - Math.cos(ang) * (r + 1.5);
              const ty = y1 - Math.sin(ang) * (r + 1.5);
              ctx.moveTo(tx, ty);
              ctx.lineTo(tx - s * Math.cos(ang - 0.4), ty - s * Math.sin(ang - 0.4));
              ctx.lineTo(tx - s * Math.cos(ang + 0.4), ty - s * Math.sin(ang + 0.4));
              ctx.closePath();
            }
            ctx.fill();
          }
        }
      }
      ctx.globalAlpha = 1;
      for (const type of LINK_ORDER) {
        const emphasised = (this.linksByType.get(type) ?? []).filter((l) => shown.get(l)?.emphasised);
        if (emphasised.length) strokeLinks(type, emphasised, 2);
      }
    }

    // Nodes. Small graphs draw node by node (correct overlaps); large ones batch one path per
    // style, which is an order of magnitude fewer canvas calls.
    const strokeW = 1.5 / t.k;
    const batch = g.nodes.size > rendering.batchNodesAbove;
    const rings: [string, 'selected' | 'marked'][] = [];
    for (const layer of layers) {
      ctx.globalAlpha = layer === 1 ? 1 : rendering.dimAlpha;
      const groups = new Map<string, Path2D>();
      const path = (key: string) => {
        let p = groups.get(key);
        if (!p) groups.set(key, (p = new Path2D()));
        return p;
      };
      for (const n of g.nodes.values()) {
        const d = nodeReducer(n, view);
        if (d.layer !== layer) continue;
        if (d.ring) rings.push([n.id, d.ring]);
        const p = this.positions.get(n.id);
        if (!p) continue;
        const r = this.radius.get(n.id) ?? 6;
        if (p.x + r < vx0 || p.x - r > vx1 || p.y + r < vy0 || p.y - r > vy1) continue;
        const style = d.fill ? `${d.style}|${d.fill}` : d.style;
        if (batch) {
          const pp = path(style);
          pp.moveTo(p.x + r, p.y);
          pp.arc(p.x, p.y, r, 0, Math.PI * 2);
        } else {
          const pp = new Path2D();
          pp.arc(p.x, p.y, r, 0, Math.PI * 2);
          this.paintNodes(style, pp, strokeW);
        }
        if (d.pinned) {
          const pin = path('pin');
          pin.moveTo(p.x + r * 0.72 + 2.6 / t.k, p.y - r * 0.72);
          pin.arc(p.x + r * 0.72, p.y - r * 0.72, 2.6 / t.k, 0, Math.PI * 2);
        }
        if (d.loading) {
          ctx.beginPath();
          ctx.arc(p.x, p.y, r + 5 / t.k, 0, Math.PI * 1.2);
          ctx.strokeStyle = SELECT_COLOR;
          ctx.lineWidth = 2 / t.k;
          ctx.stroke();
        }
      }
      for (const [style, pp] of groups) this.paintNodes(style, pp, strokeW);
    }
    ctx.globalAlpha = 1;
    for (const [id, ring] of rings) {
      const p = this.positions.get(id);
      if (!p) continue;
      const r = this.radius.get(id) ?? 6;
      ctx.beginPath();
      ctx.arc(p.x, p.y, r + 4 / t.k, 0, Math.PI * 2);
      ctx.strokeStyle = SELECT_COLOR;
      ctx.lineWidth = (ring === 'selected' ? 2.2 : 1.6) / t.k;
      ctx.stroke();
    }

    if (!(big && this.moving)) this.drawLabels(focus, view);
  }

  /** `style` is a reducer's style, with `|colour` when the fill is not the kind's (colour by community). */
  private paintNodes(styled: string, p: Path2D, strokeW: number): void {
    const ctx = this.ctx;
    const [style, fill] = styled.split('|') as [string, string | undefined];
    if (style === 'pin') {
      ctx.fillStyle = SELECT_COLOR;
      ctx.fill(p);
      return;
    }
    if (style.startsWith('summary-')) {
      // A stack of discs: the summary stands for many nodes of its kind.
      const colour = KIND_COLOR[style.slice('summary-'.length) as NodeKind];
      ctx.fillStyle = BACKGROUND;
      ctx.fill(p);
      ctx.globalAlpha *= 0.3;
      ctx.fillStyle = colour;
      ctx.fill(p);
      ctx.globalAlpha /= 0.3;
      ctx.setLineDash([]);
      ctx.strokeStyle = colour;
      ctx.lineWidth = strokeW * 1.6;
      ctx.stroke(p);
      return;
    }
    if (style === 'stub') {
      ctx.fillStyle = BACKGROUND;
      ctx.fill(p);
      ctx.setLineDash([2.5 * strokeW / 1.5, 2 * strokeW / 1.5]);
      ctx.strokeStyle = fill ?? STUB_COLOR;
      ctx.lineWidth = fill ? strokeW * 1.4 : strokeW;
      ctx.stroke(p);
      ctx.setLineDash([]);
      return;
    }
    const expanded = style.endsWith('+');
    ctx.fillStyle = fill ?? KIND_COLOR[(expanded ? style.slice(0, -1) : style) as NodeKind];
    ctx.fill(p);
    ctx.strokeStyle = expanded ? 'rgba(17,21,28,0.55)' : '#ffffff';
    ctx.lineWidth = strokeW;
    ctx.stroke(p);
  }

  /** The labels of the last frame and the node discs they avoid (screen pixels), for the overlap measure. */
  lastLabels: { labels: PlacedLabel[]; discs: Disc[] } = { labels: [], discs: [] };

  /**
   * Labels placed by layout/labels.ts: the selected and hovered nodes and their neighbours
   * first, then seeds and expanded nodes, then the biggest nodes; a label that would overlap
   * another label or a node is not drawn (its node shows it on hover). At high zoom a cable's
   * label carries its id.
   */
  private drawLabels(focus: Set<string> | null, view: DrawState): void {
    const { ctx } = this;
    const g = this.state.graph;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    const { labels, discs } = this.placeScreenLabels(focus);
    this.lastLabels = { labels, discs };
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    for (const l of labels) {
      const n = g.nodes.get(l.id);
      if (!n) continue;
      ctx.globalAlpha = nodeReducer(n, view).labelAlpha;
      ctx.lineWidth = 3;
      ctx.strokeStyle = LABEL_HALO;
      ctx.strokeText(l.text, l.x + 2, l.y + 1.5);
      ctx.fillStyle = isStub(n) ? '#5d6a7e' : LABEL_COLOR;
      ctx.fillText(l.text, l.x + 2, l.y + 1.5);
    }
    ctx.globalAlpha = 1;
  }

  /** Where the labels go at the current positions and zoom (screen pixels), and the node discs they avoid. */
  private placeScreenLabels(focus: Set<string> | null): { labels: PlacedLabel[]; discs: Disc[] } {
    const { ctx, transform: t } = this;
    const g = this.state.graph;
    ctx.font = `500 ${LABEL_FONT_SIZE}px ${FONT_FAMILY}`;
    const detailed = t.k >= DETAIL_ZOOM;
    const sel = this.state.selected;
    const around = focus ?? (sel && g.nodes.has(sel) ? new Set([sel, ...(this.adj.get(sel) ?? [])]) : null);
    const emphasis = {
      selected: sel,
      hovered: this.hovered,
      focus: around,
      seeds: this.state.seeds,
      expanded: this.state.expanded,
    };
    const discs: Disc[] = [];
    const candidates: LabelCandidate[] = [];
    const margin = 40;
    for (const n of g.nodes.values()) {
      const p = this.positions.get(n.id);
      if (!p) continue;
      const r = (this.radius.get(n.id) ?? 6) * t.k;
      const [sx, sy] = t.apply([p.x, p.y]);
      if (sx < -r - margin || sy < -r - margin || sx > this.width + r + margin || sy > this.height + r + margin) continue;
      discs.push({ id: n.id, x: sx, y: sy, r });
      const priority = labelPriority(n.id, r, n.degree, emphasis, isSummary(n));
      if (priority < EMPHASIS_PRIORITY && r < this.settings.labels.minScreenRadius) continue;
      const text = caption(n, detailed);
      let w = this.textWidth.get(text);
      if (w === undefined) {
        w = ctx.measureText(text).width;
        this.textWidth.set(text, w);
      }
      candidates.push({ id: n.id, text, x: sx, y: sy, r, width: w + 4, height: LABEL_FONT_SIZE + 3, priority });
    }
    const budget = Math.min(this.settings.labels.maxLabels, Math.round((this.width * this.height) / 4500));
    const { width: cw, height: ch } = this.corner;
    const avoid = cw > 0 && ch > 0 ? [{ x0: 0, y0: this.height - ch, x1: cw, y1: this.height }] : [];
    const labels = placeLabels(candidates, discs, { budget, bounds: { x0: 0, y0: 0, x1: this.width, y1: this.height }, avoid });
    return { labels, discs };
  }
}

/** The user asked for less motion (an OS setting): viewport changes jump instead of animating. */
function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
