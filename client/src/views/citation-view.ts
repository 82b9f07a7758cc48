/**
 * The citation view: a cable's REF ancestors (left) and descendants (right) on a date axis,
 * drawn in SVG (chains are small: a few hundred cables at most). Cited cables missing from the
 * corpus are ghosts (hollow, dashed) at an estimated date. Click a cable to read it; double-click
 * (or "Re-centre") to make it the root. Scroll zooms the time axis, drag pans.
 *
 * All data goes into the DOM through d3 `.text()` / attributes: never as markup.
 */
import { axisTop, select, timeFormat, zoom as d3zoom, zoomIdentity } from 'd3';
import type { ScaleTime, Selection, ZoomTransform } from 'd3';
import type { CitationResponse } from '../../../server/src/api/types.ts';
import { aboutDate, estimateText, estimatedDay } from '../model/analysis.ts';
import { ApiRequestError } from '../api.ts';
import type { Api } from '../api.ts';
import { append, clear, el, fmtDay, fmtInt } from '../dom.ts';
import type { Filters, Graph } from '../model/graph.ts';
import { cablePasses, monthStart, nextMonth } from '../model/filters.ts';
import { KIND_COLOR, STUB_COLOR } from '../render/theme.ts';
import { measureLabel } from '../render/measure.ts';
import { citationLabel } from '../model/caption.ts';
import { download } from '../panels/export.ts';
import { chainCSV, chainOf, layoutCitations } from '../layout/citation-layout.ts';
import type { CitationLayout, PlacedNode } from '../layout/citation-layout.ts';

export const MAX_DEPTH = 4;
/** Row height: the most when the rows fit, down to the least before they overflow (then drag pans up and down). */
const ROW_H = { max: 26, min: 17 };
const MARGIN = { left: 48, right: 150, top: 70, bottom: 120 };
const ANCESTOR_COLOR = '#3d6fb6';
/** Room under the rows for the hint line. */
const ROWS_BOTTOM = 30;
const DESCENDANT_COLOR = '#7a5bb5';

export interface CitationActions {
  /** Show a cable in the reader (selects it). */
  select(id: string): void;
  /** Make a cable the root of the view. */
  recentre(id: string): void;
  setDepth(depth: number): void;
  close(): void;
  /** A chain finished loading (the filter bar's timeline follows it). */
  loaded(): void;
}

export interface CitationState {
  root: string;
  depth: number;
  selected: string | null;
  filters: Filters;
}

type SvgSel = Selection<SVGSVGElement, unknown, null, undefined>;

const keyOf = (id: string): string => id.slice(id.indexOf(':') + 1);
const radius = (n: PlacedNode): number => (n.side === 'root' ? 9 : Math.min(8, 3.5 + 0.9 * Math.log2(1 + Math.max(0, n.degree))));

export class CitationView {
  readonly root: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly body: HTMLElement;
  private readonly tip: HTMLElement;
  private svg: SvgSel | null = null;
  private readonly failed = new Map<string, string>();
  private state: CitationState | null = null;
  private layout: CitationLayout | null = null;
  private layoutFor = '';
  private transform: ZoomTransform = zoomIdentity;
  private hovered: string | null = null;
  private loadingKey: string | null = null;
  /** Row height of the current layout (px). */
  private rowH = ROW_H.max;

  constructor(
    stage: HTMLElement,
    private readonly api: Api,
    private readonly actions: CitationActions,
    /** Most cables of a chain (settings.data.citationLimit). */
    private readonly limit: number,
  ) {
    this.bar = el('div', { class: 'cite-bar' });
    this.body = el('div', { class: 'cite-body' });
    this.tip = el('div', { class: 'tooltip', hidden: true });
    this.root = el('section', { class: 'cite-view', 'data-testid': 'citation-view', 'aria-label': 'Citation view', hidden: true }, this.bar, this.body, this.tip);
    stage.append(this.root);
    new ResizeObserver(() => {
      if (this.state && !this.root.hidden) this.render(true);
    }).observe(this.body);
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  /** Ids drawn in the view (for tests). */
  nodeIds(): string[] {
    return this.layout?.nodes.map((n) => n.id) ?? [];
  }

  /** Layout facts for tests: side, ghost, estimated, screen x. */
  describe(): { id: string; side: string; ghost: boolean; estimated: boolean; x: number; dimmed: boolean }[] {
    if (!this.layout || !this.state) return [];
    const f = this.state.filters;
    return this.layout.nodes.map((n) => ({ id: n.id, side: n.side, ghost: n.ghost, estimated: n.estimated, x: this.screenX(n), dimmed: !this.passes(n, f) }));
  }

  /** The chain as a graph (for the timeline of the filter bar), null before it loads. */
  chainGraph(): Graph | null {
    const r = this.current();
    if (!r || this.root.hidden) return null;
    return {
      nodes: new Map(r.nodes.map((n) => [n.id, n])),
      links: new Map(r.links.map((l) => [`${l.source}|${l.type}|${l.target}`, l])),
      origin: new Map(),
    };
  }

  /** Shows every date and the root's row again (after zooming or panning). */
  fitDates(): void {
    if (!this.svg) return;
    this.zoomTo(zoomIdentity);
  }

  private zoomTo: (t: ZoomTransform) => void = () => {};

  hide(): void {
    this.root.hidden = true;
    this.tip.hidden = true;
  }

  show(s: CitationState): void {
    const prev = this.state;
    this.state = s;
    this.root.hidden = false;
    const key = `${s.root}|${s.depth}`;
    if (!prev || prev.root !== s.root) this.transform = zoomIdentity;
    this.renderBar();
    const resp = this.fetched(s.root, s.depth);
    if (!resp) {
      void this.load(s.root, s.depth);
      return;
    }
    this.render(false);
  }

  private async load(root: string, depth: number): Promise<void> {
    const key = `${root}|${depth}`;
    if (this.loadingKey === key || this.failed.has(key)) {
      if (this.failed.has(key)) this.renderMessage(this.failed.get(key)!);
      return;
    }
    this.loadingKey = key;
    this.renderMessage('Loading citations…', true);
    try {
      await this.api.citations(keyOf(root), this.params(depth));
    } catch (e) {
      const msg = e instanceof ApiRequestError && e.status === 404 ? `${keyOf(root)} is not in the corpus: only the cables citing it are known. Open one of them to see its chain.` : `Could not load the citations: ${e instanceof Error ? e.message : String(e)}`;
      this.failed.set(key, msg);
    } finally {
      this.loadingKey = null;
    }
    if (this.state && `${this.state.root}|${this.state.depth}` === key) {
      if (this.failed.has(key)) this.renderMessage(this.failed.get(key)!);
      else this.render(false);
      this.renderBar();
      this.actions.loaded();
    }
  }

  private params(depth: number) {
    return { depth, direction: 'both' as const, limit: this.limit };
  }

  /** The chain when it has arrived (the API client caches it). */
  private fetched(root: string, depth: number): CitationResponse | null {
    return this.api.peekCitations(keyOf(root), this.params(depth)) ?? null;
  }

  private current(): CitationResponse | null {
    return this.state ? this.fetched(this.state.root, this.state.depth) : null;
  }

  private renderBar(): void {
    const s = this.state;
    if (!s) return;
    clear(this.bar);
    const resp = this.current();
    const depthGroup = el('div', { class: 'segmented', role: 'group', 'aria-label': 'Depth' });
    for (let d = 1; d <= MAX_DEPTH; d++) {
      const b = el('button', { type: 'button', class: `seg${d === s.depth ? ' on' : ''}`, 'aria-pressed': d === s.depth ? 'true' : 'false', 'data-depth': d, title: `Follow references ${d} hop${d > 1 ? 's' : ''} each way` }, String(d));
      b.addEventListener('click', () => this.actions.setDepth(d));
      depthGroup.append(b);
    }
    const recentre = s.selected && s.selected !== s.root && s.selected.startsWith('cable:') && this.layout?.nodes.some((n) => n.id === s.selected)
      ? el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'recentre', title: `Make ${keyOf(s.selected)} the root (or double-click it)` }, 'Re-centre')
      : null;
    recentre?.addEventListener('click', () => s.selected && this.actions.recentre(s.selected));
    const fit = el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'fit-dates', title: 'Show the whole time span' }, 'Fit');
    fit.addEventListener('click', () => this.fitDates());
    const csv = el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'chain-csv', title: 'Download the chain as CSV (one row per cable)', disabled: !this.layout }, 'CSV');
    csv.addEventListener('click', () => {
      if (this.layout) download(`cablescope-${keyOf(s.root)}-citations-d${s.depth}.csv`, new Blob([chainCSV(this.layout)], { type: 'text/csv;charset=utf-8' }));
    });
    append(this.bar,
      el('div', { class: 'cite-title' }, el('span', { class: 'cite-kicker' }, 'Citation chain'), el('span', { class: 'cite-root', 'data-testid': 'cite-root' }, keyOf(s.root))),
      el('label', { class: 'cite-depth' }, el('span', { class: 'muted small' }, 'Depth'), depthGroup),
      resp?.truncated ? el('span', { class: 'cite-count warn', title: 'The chain is larger than what is drawn' }, 'truncated') : null,
      el('div', { class: 'cite-actions' }, recentre, fit, csv),
    );
  }

  private renderMessage(msg: string, spinner = false): void {
    clear(this.body);
    this.svg = null;
    this.layout = null;
    this.layoutFor = '';
    this.body.append(el('div', { class: 'cite-message' }, el('p', { class: spinner ? 'spinner-text' : 'muted' }, msg)));
  }

  private passes(n: PlacedNode, f: Filters): boolean {
    return cablePasses({ key: n.key, date: n.estimated ? null : n.date.toISOString(), classification: n.classification, inCorpus: !n.ghost }, f);
  }

  private screenX(n: PlacedNode): number {
    if (!this.layout) return 0;
    const xs = this.transform.rescaleX(this.layout.x);
    const delta = n.x - this.layout.x(n.date);
    return MARGIN.left + xs(n.date) + delta;
  }

  /**
   * Rows are centred as a block when they fit the height; when they do not, the root's row is
   * centred and the others reach past the top and bottom (drag pans up and down).
   */
  private screenY(n: PlacedNode, height: number): number {
    const rows = this.layout?.rows ?? { min: 0, max: 0 };
    const avail = height - MARGIN.top - ROWS_BOTTOM;
    const block = (rows.max - rows.min + 1) * this.rowH;
    const rootY = block <= avail ? MARGIN.top + (avail - block) / 2 + (0 - rows.min + 0.5) * this.rowH : MARGIN.top + avail / 2;
    return rootY + n.row * this.rowH + this.transform.y;
  }

  /** Builds (or rebuilds) the SVG; `resize` keeps the zoom. */
  private render(resize: boolean): void {
    const s = this.state;
    const resp = this.current();
    if (!s || !resp) return;
    const width = Math.max(320, this.body.clientWidth);
    const height = Math.max(240, this.body.clientHeight);
    const key = `${s.root}|${s.depth}|${width}`;
    if (key !== this.layoutFor) {
      // Every date fits the width, so nothing starts off the left or right edge (a re-centre
      // included); dense chains (many cables in a few months) take more rows instead, as
      // tight as labels allow, and overflow up and down only past that.
      const plotW = width - MARGIN.left - MARGIN.right;
      this.layout = layoutCitations(resp, { width: plotW, labelWidth: (n) => (n.side === 'root' ? measureLabel(citationLabel(n), 700, 12) : measureLabel(citationLabel(n))) + 4 });
      const rowsUsed = this.layout.rows.max - this.layout.rows.min + 1;
      this.rowH = Math.max(ROW_H.min, Math.min(ROW_H.max, Math.floor((height - MARGIN.top - ROWS_BOTTOM) / rowsUsed)));
      this.layoutFor = key;
      if (!resize) this.transform = zoomIdentity;
      this.build(width, height);
    } else if (!this.svg) this.build(width, height);
    this.update();
    this.renderBar();
  }

  private hint(): HTMLElement {
    const ghosts = this.current()?.counts.notInCorpus ?? 0;
    return el('div', { class: 'cite-hint muted small' },
      ghosts ? el('span', { class: 'cite-ghost-legend', title: 'Cited cables missing from the corpus' }, el('span', { class: 'ghost-glyph' }), `${fmtInt(ghosts)} cited cable${ghosts === 1 ? '' : 's'} not in the corpus (hollow, estimated date)`) : null,
      el('span', {}, 'Arrows point to the cited cable · double-click to re-centre · scroll to zoom · drag to pan'),
    );
  }

  private build(width: number, height: number): void {
    clear(this.body);
    this.body.append(this.hint());
    const layout = this.layout!;
    const svg = select(this.body).append('svg').attr('class', 'cite-svg').attr('width', width).attr('height', height).attr('role', 'img').attr('aria-label', 'Citation chain on a time axis') as unknown as SvgSel;
    this.svg = svg;
    // An arrowhead halfway along each link points from the citing cable to the cited one.
    const defs = svg.append('defs');
    for (const [id, cls] of [['cite-arrow', ''], ['cite-arrow-hi', ' hi']] as const) {
      defs.append('marker').attr('id', id).attr('class', `cite-arrow${cls}`).attr('viewBox', '0 0 10 10').attr('refX', 5).attr('refY', 5)
        .attr('markerWidth', 7).attr('markerHeight', 7).attr('markerUnits', 'userSpaceOnUse').attr('orient', 'auto')
        .append('path').attr('d', 'M0,1 L9,5 L0,9 z');
    }
    svg.append('rect').attr('class', 'cite-bg').attr('width', width).attr('height', height).attr('fill', 'transparent');
    svg.append('g').attr('class', 'cite-range');
    svg.append('g').attr('class', 'cite-grid');
    svg.append('g').attr('class', 'cite-rootline');
    svg.append('g').attr('class', 'cite-axis').attr('transform', `translate(${MARGIN.left},${MARGIN.top - 26})`);
    svg.append('g').attr('class', 'cite-sides');
    svg.append('g').attr('class', 'cite-links');
    svg.append('g').attr('class', 'cite-nodes');

    const sides = svg.select<SVGGElement>('.cite-sides');
    const resp = this.current();
    const nAnc = resp?.counts.cites ?? layout.nodes.filter((n) => n.side === 'cites').length;
    const nDesc = resp?.counts.citedBy ?? layout.nodes.filter((n) => n.side === 'citedBy').length;
    sides.append('text').attr('class', 'cite-side anc').attr('data-testid', 'cite-ancestors').attr('x', MARGIN.left).attr('y', 20).text(`◀ older · cites ${fmtInt(nAnc)} (ancestors)`);
    sides.append('text').attr('class', 'cite-side desc').attr('data-testid', 'cite-descendants').attr('x', width - 16).attr('y', 20).attr('text-anchor', 'end').text(`cited by ${fmtInt(nDesc)} (descendants) · newer ▶`);

    const nodes = svg.select<SVGGElement>('.cite-nodes')
      .selectAll<SVGGElement, PlacedNode>('g.cite-node')
      .data(layout.nodes, (d) => d.id)
      .join('g')
      .attr('class', (d) => `cite-node ${d.side}${d.ghost ? ' ghost' : ''}${d.estimated ? ' estimated' : ''}`)
      .attr('data-id', (d) => d.id)
      .attr('data-side', (d) => d.side)
      .attr('tabindex', 0)
      .attr('role', 'button')
      .attr('aria-label', (d) => `${d.key}${d.ghost ? ' (not in corpus)' : ''}, ${d.estimated ? aboutDate({ date: d.date.toISOString() }) : fmtDay(d.date.toISOString())}`);
    nodes.append('circle')
      .attr('r', (d) => radius(d))
      .attr('fill', (d) => (d.ghost ? '#fff' : d.side === 'citedBy' ? DESCENDANT_COLOR : d.side === 'root' ? KIND_COLOR.cable : ANCESTOR_COLOR))
      .attr('stroke', (d) => (d.ghost ? STUB_COLOR : '#fff'))
      .attr('stroke-width', (d) => (d.ghost ? 1.5 : 1.5))
      .attr('stroke-dasharray', (d) => (d.ghost ? '2.5 2' : null));
    nodes.filter((d) => d.side === 'root').insert('circle', 'circle').attr('class', 'halo').attr('r', 14).attr('fill', 'none').attr('stroke', KIND_COLOR.cable).attr('stroke-opacity', 0.35).attr('stroke-width', 4);
    nodes.append('text').attr('class', 'cite-label').attr('x', (d) => radius(d) + 4).attr('dy', '0.35em').text((d) => citationLabel(d));

    nodes
      .on('mouseenter', (ev: MouseEvent, d) => this.hover(d, ev))
      .on('mousemove', (ev: MouseEvent, d) => this.hover(d, ev))
      .on('mouseleave', () => this.hover(null, null))
      .on('click', (ev: MouseEvent, d) => {
        ev.stopPropagation();
        this.actions.select(d.id);
      })
      .on('dblclick', (ev: MouseEvent, d) => {
        ev.stopPropagation();
        if (d.side !== 'root') this.actions.recentre(d.id);
      })
      .on('keydown', (ev: KeyboardEvent, d) => {
        if (ev.key === 'Enter') this.actions.select(d.id);
        if (ev.key === ' ' && d.side !== 'root') {
          ev.preventDefault();
          this.actions.recentre(d.id);
        }
      });

    const zoom = d3zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.5, 60])
      .filter((ev: Event) => !(ev.type === 'dblclick'))
      .on('zoom', (ev: { transform: ZoomTransform }) => {
        this.transform = ev.transform;
        this.update();
      });
    svg.call(zoom).on('dblclick.zoom', null);
    this.zoomTo = (t) => svg.transition().duration(350).call(zoom.transform, t);
    svg.call(zoom.transform, this.transform);
  }

  /** Positions, axis and highlight for the current transform, filters and selection. */
  private update(): void {
    const svg = this.svg;
    const layout = this.layout;
    const s = this.state;
    if (!svg || !layout || !s) return;
    const width = Number(svg.attr('width'));
    const height = Number(svg.attr('height'));
    const xs: ScaleTime<number, number> = this.transform.rescaleX(layout.x);
    const pos = new Map(layout.nodes.map((n) => [n.id, [this.screenX(n), this.screenY(n, height)] as const]));

    const axis = axisTop<Date>(xs).ticks(Math.max(2, Math.floor(width / 110))).tickSizeOuter(0);
    svg.select<SVGGElement>('.cite-axis').call(axis);
    const ticks = xs.ticks(Math.max(2, Math.floor(width / 110)));
    svg.select('.cite-grid')
      .selectAll<SVGLineElement, Date>('line')
      .data(ticks, (d) => String(d.getTime()))
      .join('line')
      .attr('x1', (d) => MARGIN.left + xs(d))
      .attr('x2', (d) => MARGIN.left + xs(d))
      .attr('y1', MARGIN.top - 24)
      .attr('y2', height);

    // The view's date filter as a band (cables outside it are dimmed).
    const band = svg.select('.cite-range');
    band.selectAll('*').remove();
    if (s.filters.from || s.filters.to) {
      const [d0, d1] = xs.domain() as [Date, Date];
      const a = s.filters.from ? monthStart(s.filters.from) : d0;
      const b = s.filters.to ? monthStart(nextMonth(s.filters.to)) : d1;
      const x0 = Math.max(MARGIN.left + xs(a), 0);
      const x1 = Math.min(MARGIN.left + xs(b), width);
      if (x1 > x0) band.append('rect').attr('x', x0).attr('width', x1 - x0).attr('y', MARGIN.top - 24).attr('height', height);
    }

    const root = layout.root;
    const rootG = svg.select('.cite-rootline');
    rootG.selectAll('*').remove();
    if (root) {
      const rx = this.screenX(root);
      rootG.append('line').attr('x1', rx).attr('x2', rx).attr('y1', MARGIN.top - 24).attr('y2', height);
      rootG.append('text').attr('x', rx + 4).attr('y', MARGIN.top - 12).text(root.estimated ? `≈ ${timeFormat('%b %Y')(root.date)} (estimated)` : timeFormat('%-d %b %Y')(root.date));
    }

    const f = s.filters;
    const chain = this.hovered ? chainOf(this.hovered, layout.links) : null;
    const passes = new Map(layout.nodes.map((n) => [n.id, this.passes(n, f)]));
    svg.select('.cite-links')
      .selectAll<SVGPathElement, { source: string; target: string }>('path')
      .data(layout.links, (d) => `${d.source}>${d.target}`)
      .join('path')
      .attr('d', (l) => {
        const a = pos.get(l.source);
        const b = pos.get(l.target);
        if (!a || !b) return '';
        const dx = b[0] - a[0];
        const dir = dx >= 0 ? 1 : -1;
        const c = Math.max(20, Math.abs(dx) * 0.45);
        // Citing → cited, centre to centre under the nodes, split at its middle so the arrowhead
        // (marker-mid) sits halfway, clear of both nodes and their labels.
        return splitCurve([a[0], a[1]], [a[0] + dir * c, a[1]], [b[0] - dir * c, b[1]], [b[0], b[1]]);
      })
      .attr('marker-mid', (l) => (chain && chain.has(l.source) && chain.has(l.target) ? 'url(#cite-arrow-hi)' : 'url(#cite-arrow)'))
      .attr('class', (l) => {
        const hi = chain && chain.has(l.source) && chain.has(l.target);
        const dim = (chain && !hi) || !passes.get(l.source) || !passes.get(l.target);
        return `cite-link${hi ? ' hi' : ''}${dim ? ' dim' : ''}`;
      })
;

    svg.select('.cite-nodes')
      .selectAll<SVGGElement, PlacedNode>('g.cite-node')
      .attr('transform', (d) => {
        const p = pos.get(d.id)!;
        return `translate(${p[0]},${p[1]})`;
      })
      .classed('selected', (d) => d.id === s.selected)
      .classed('dim', (d) => (chain ? !chain.has(d.id) : false) || !passes.get(d.id))
      .classed('filtered', (d) => !passes.get(d.id));
  }

  private hover(n: PlacedNode | null, ev: MouseEvent | null): void {
    const id = n?.id ?? null;
    if (id !== this.hovered) {
      this.hovered = id;
      this.update();
    }
    if (!n || !ev) {
      this.tip.hidden = true;
      return;
    }
    clear(this.tip);
    const date = n.estimated ? estimatedDay(n.date.toISOString()) : fmtDay(n.date.toISOString());
    const rel = n.side === 'root' ? 'root' : n.side === 'cites' ? `cited ${n.depth} hop${n.depth > 1 ? 's' : ''} back` : `cites it ${n.depth} hop${n.depth > 1 ? 's' : ''} away`;
    append(this.tip,
      el('div', { class: 'tooltip-title' }, n.key),
      n.subject ? el('div', { class: 'tooltip-label' }, n.subject) : null,
      el('div', { class: 'tooltip-sub' }, [date, n.ghost ? 'not in corpus' : n.classification, rel].filter(Boolean).join(' · ')),
      n.estimate ? el('div', { class: 'tooltip-sub tooltip-estimate' }, estimateText(n.estimate)) : null,
      el('div', { class: 'tooltip-sub' }, n.side === 'root' ? 'Click to read' : 'Click to read · double-click to re-centre'),
    );
    const r = this.root.getBoundingClientRect();
    this.tip.style.left = `${Math.min(ev.clientX - r.left + 14, r.width - 310)}px`;
    this.tip.style.top = `${Math.min(ev.clientY - r.top + 14, r.height - 90)}px`;
    this.tip.hidden = false;
  }
}

type Pt = readonly [number, number];
const mid = (p: Pt, q: Pt): Pt => [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];

/** A cubic Bézier as two halves (de Casteljau at t = ½), so its middle is a vertex for marker-mid. */
export function splitCurve(p0: Pt, p1: Pt, p2: Pt, p3: Pt): string {
  const p01 = mid(p0, p1);
  const p12 = mid(p1, p2);
  const p23 = mid(p2, p3);
  const p012 = mid(p01, p12);
  const p123 = mid(p12, p23);
  const m = mid(p012, p123);
  const f = (p: Pt) => `${p[0]},${p[1]}`;
  return `M${f(p0)} C${f(p01)} ${f(p012)} ${f(m)} C${f(p123)} ${f(p23)} ${f(p3)}`;
}
