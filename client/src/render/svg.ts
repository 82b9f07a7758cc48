/**
 * Vector export of the current view: the same drawing rules as the canvas, as an SVG string
 * with an embedded legend. All text goes through xmlEscape.
 */
import { isSummary } from '../model/summary.ts';
import type { Graph } from '../model/graph.ts';
import { LINK_TYPES, NODE_KINDS, countByKind, countByLinkType } from '../model/graph.ts';
import { xmlEscape } from '../model/export.ts';
import { NO_COMMUNITY_COLOUR, OTHER_COMMUNITY_COLOUR, communityFill, communityLabel, type CommunityLegend } from '../model/analysis.ts';
import { EMPHASIS_PRIORITY, labelPriority, placeLabels, type Disc, type LabelCandidate, type PlacedLabel } from '../layout/labels.ts';
import {
  BACKGROUND,
  FONT_FAMILY,
  KIND_COLOR,
  KIND_LABEL,
  LABEL_COLOR,
  LABEL_FONT_SIZE,
  LINK_COLOR,
  LINK_DASH,
  LINK_LABEL,
  LINK_WIDTH,
  STUB_COLOR,
  caption,
  isStub,
  SIZE_LABEL,
  nodeRadii,
  type SizeMetric,
} from './theme.ts';

export interface SvgOptions {
  title?: string;
  /** Ids whose label must be drawn (others are labelled when they do not collide). */
  labelled?: ReadonlySet<string>;
  maxLabels?: number;
  /** What node size shows (as on screen). */
  sizeBy?: SizeMetric;
  /** Colour by community (as on screen): the communities in view and their colours (model/analysis.ts `communityLegend`). */
  communities?: CommunityLegend | null;
  /** Lines printed under the graph: what was exported, from which corpus, with which filters, when. */
  caption?: readonly string[];
  /** Text width at the label size (a canvas's measureText in the browser). */
  measure?: (text: string) => number;
}

const f = (x: number): string => (Math.round(x * 10) / 10).toString();

type Box = [number, number, number, number];

/** Without a canvas to measure with (tests, Node), about 6.3 px per character at 11 px. */
export const approxTextWidth = (text: string): number => text.length * LABEL_FONT_SIZE * 0.575;

const NO_EMPHASIS = { selected: null, hovered: null, focus: null, seeds: new Set<string>(), expanded: new Set<string>() };

export interface SvgExport {
  svg: string;
  width: number;
  height: number;
  /** The labels drawn and the node discs, in layout units (for the overlap measure). */
  labels: PlacedLabel[];
  discs: Disc[];
}

export function toSVG(g: Graph, positions: ReadonlyMap<string, { x: number; y: number }>, opts: SvgOptions = {}): SvgExport {
  const radii = nodeRadii(g.nodes.values(), opts.sizeBy);
  const nodeRadius = (n: { id: string }): number => radii.get(n.id) ?? 6;
  const communities = opts.communities ?? null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of g.nodes.values()) {
    const p = positions.get(n.id);
    if (!p) continue;
    const r = nodeRadius(n);
    x0 = Math.min(x0, p.x - r);
    y0 = Math.min(y0, p.y - r);
    x1 = Math.max(x1, p.x + r);
    y1 = Math.max(y1, p.y + r);
  }
  if (!Number.isFinite(x0)) {
    x0 = 0;
    y0 = 0;
    x1 = 100;
    y1 = 100;
  }
  // Labels: the canvas's placement rules (layout/labels.ts) in layout units, the `labelled`
  // ids first; a label that would overlap another label or a node is left out.
  const discs: Disc[] = [];
  const candidates: LabelCandidate[] = [];
  const measure = opts.measure ?? approxTextWidth;
  for (const n of g.nodes.values()) {
    const p = positions.get(n.id);
    if (!p) continue;
    const r = nodeRadius(n);
    discs.push({ id: n.id, x: p.x, y: p.y, r });
    const text = caption(n);
    candidates.push({
      id: n.id, text, x: p.x, y: p.y, r,
      width: measure(text) + 4,
      height: LABEL_FONT_SIZE + 3,
      priority: opts.labelled?.has(n.id) ? 2 * EMPHASIS_PRIORITY : labelPriority(n.id, r, n.degree, NO_EMPHASIS, isSummary(n)),
    });
  }
  const placed = placeLabels(candidates, discs, { budget: opts.maxLabels ?? 300 });
  const labelTexts = placed.map((l) => `<text x="${f(l.x + 2)}" y="${f(l.y + 1.5 + LABEL_FONT_SIZE * 0.82)}">${xmlEscape(l.text)}</text>`);
  const labels: Box[] = placed.map((l) => [l.x, l.y, l.x + l.width, l.y + l.height]);
  for (const b of labels) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  const pad = 40;
  const legendW = communities ? 230 : 190;
  const communityRows = communities ? communities.shown.length + (communities.other.nodes ? 1 : 0) + (communities.none ? 1 : 0) : 0;
  const legendH = pad + 20 * (NODE_KINDS.length + 1) + 30 + 20 * LINK_TYPES.length + (opts.sizeBy && opts.sizeBy !== 'degree' ? 30 : 0) + (communities ? 30 + 20 * communityRows : 0) + 40;
  const ox = pad - x0;
  const oy = pad - y0;
  const width = Math.ceil(x1 - x0 + 2 * pad + legendW);
  const captionLines = opts.caption ?? [];
  const captionH = captionLines.length ? captionLines.length * 16 + 8 : 0;
  const height = Math.ceil(Math.max(y1 - y0 + 2 * pad, 300, legendH) + captionH);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${xmlEscape(FONT_FAMILY)}">`,
    `<title>${xmlEscape(opts.title ?? 'Cablescope view')}</title>`,
    `<rect width="100%" height="100%" fill="${BACKGROUND}"/>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,1L10,5L0,9z" fill="${LINK_COLOR.REFERENCES}"/></marker></defs>`,
    `<g transform="translate(${f(ox)},${f(oy)})">`,
    '<g class="links" fill="none">',
  ];
  for (const t of LINK_TYPES) {
    const dash = LINK_DASH[t].length ? ` stroke-dasharray="${LINK_DASH[t].join(' ')}"` : '';
    out.push(`<g stroke="${LINK_COLOR[t]}" stroke-width="${LINK_WIDTH[t]}"${dash}${t === 'REFERENCES' ? ' marker-end="url(#arrow)"' : ''} data-type="${t}">`);
    for (const l of g.links.values()) {
      if (l.type !== t) continue;
      const a = positions.get(l.source);
      const b = positions.get(l.target);
      const tn = g.nodes.get(l.target);
      if (!a || !b || !tn) continue;
      let bx = b.x;
      let by = b.y;
      if (t === 'REFERENCES') {
        const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
        const r = nodeRadius(tn) + 1.5;
        bx = b.x - ((b.x - a.x) / d) * r;
        by = b.y - ((b.y - a.y) / d) * r;
      }
      out.push(`<line x1="${f(a.x)}" y1="${f(a.y)}" x2="${f(bx)}" y2="${f(by)}"/>`);
    }
    out.push('</g>');
  }
  out.push('</g><g class="nodes">');
  for (const n of g.nodes.values()) {
    const p = positions.get(n.id);
    if (!p) continue;
    const r = f(nodeRadius(n));
    const title = `<title>${xmlEscape(`${n.key}${n.label && n.label !== n.key ? ` — ${n.label}` : ''}`)}</title>`;
    const fill = communities && !isSummary(n) ? communityFill(n, communities.colours) : null;
    if (isStub(n)) out.push(`<circle cx="${f(p.x)}" cy="${f(p.y)}" r="${r}" fill="${BACKGROUND}" stroke="${fill ?? STUB_COLOR}" stroke-width="${fill ? 2 : 1.5}" stroke-dasharray="2.5 2">${title}</circle>`);
    else out.push(`<circle cx="${f(p.x)}" cy="${f(p.y)}" r="${r}" fill="${fill ?? KIND_COLOR[n.kind]}" stroke="#fff" stroke-width="1.5">${title}</circle>`);
  }
  out.push(`</g><g class="labels" font-size="${LABEL_FONT_SIZE}" font-weight="500" text-anchor="start" fill="` + LABEL_COLOR + '" stroke="' + BACKGROUND + '" stroke-width="3" paint-order="stroke">');
  for (const t of labelTexts) out.push(t);
  out.push('</g></g>');
  // Legend.
  const kinds = countByKind(g);
  const links = countByLinkType(g);
  const lx = width - legendW + 10;
  let ly = pad;
  out.push(`<g class="legend" font-size="12" fill="${LABEL_COLOR}">`);
  out.push(`<text x="${lx}" y="${ly}" font-weight="600">Nodes</text>`);
  for (const k of NODE_KINDS) {
    ly += 20;
    out.push(`<circle cx="${lx + 6}" cy="${ly - 4}" r="6" fill="${KIND_COLOR[k]}"/><text x="${lx + 18}" y="${ly}">${KIND_LABEL[k]}s (${kinds[k]})</text>`);
  }
  ly += 20;
  out.push(`<circle cx="${lx + 6}" cy="${ly - 4}" r="5.5" fill="${BACKGROUND}" stroke="${STUB_COLOR}" stroke-width="1.5" stroke-dasharray="2.5 2"/><text x="${lx + 18}" y="${ly}">Not in corpus</text>`);
  ly += 30;
  out.push(`<text x="${lx}" y="${ly}" font-weight="600">Links</text>`);
  for (const t of LINK_TYPES) {
    ly += 20;
    const dash = LINK_DASH[t].length ? ` stroke-dasharray="${LINK_DASH[t].join(' ')}"` : '';
    out.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 14}" y2="${ly - 4}" stroke="${LINK_COLOR[t]}" stroke-width="2"${dash}/><text x="${lx + 18}" y="${ly}">${xmlEscape(LINK_LABEL[t])} (${links[t]})</text>`);
  }
  if (opts.sizeBy && opts.sizeBy !== 'degree') {
    ly += 30;
    out.push(`<text x="${lx}" y="${ly}" font-weight="600">Size: ${xmlEscape(SIZE_LABEL[opts.sizeBy])}</text>`);
  }
  if (communities) {
    ly += 30;
    out.push(`<text x="${lx}" y="${ly}" font-weight="600">Communities</text>`);
    const row = (colour: string, text: string) => {
      ly += 20;
      out.push(`<circle cx="${lx + 6}" cy="${ly - 4}" r="6" fill="${colour}"/><text x="${lx + 18}" y="${ly}">${xmlEscape(text)}</text>`);
    };
    for (const e of communities.shown) row(e.colour, `${communityLabel(e)} (${e.count})`);
    if (communities.other.nodes) row(OTHER_COMMUNITY_COLOUR, `${communities.other.communities} smaller (${communities.other.nodes})`);
    if (communities.none) row(NO_COMMUNITY_COLOUR, `No community (${communities.none})`);
  }
  out.push(`<text x="${lx}" y="${ly + 30}" font-size="10" fill="#6b7686">Cablescope</text>`);
  out.push('</g>');
  if (captionLines.length) {
    out.push(`<g class="caption" font-size="11" fill="#5d6a7e">`);
    captionLines.forEach((line, i) => out.push(`<text x="${pad / 2}" y="${height - captionH + 12 + i * 16}">${xmlEscape(line)}</text>`));
    out.push('</g>');
  }
  out.push('</svg>');
  return { svg: out.join('\n'), width, height, labels: placed, discs };
}
