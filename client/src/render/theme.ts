/** Colours, sizes and label rules shared by the canvas renderer, the SVG export and the legend. */
import type { GraphNode, LinkType, NodeKind, SizeMetric } from '../model/graph.ts';
import type { ClassLevel } from '../model/filters.ts';

export const KIND_COLOR: Record<NodeKind, string> = {
  cable: '#3d6fb6',
  post: '#d9822b',
  tag: '#2e9b76',
};

export const KIND_LABEL: Record<NodeKind, string> = {
  cable: 'Cable',
  post: 'Post',
  tag: 'Tag',
};

export const STUB_COLOR = '#8a97ab';

/**
 * A classification level's colours, their one home: `plain` (the level; the filter chips' dots,
 * the badges' text), `caveated` (lighter, for its caveated variants such as `SECRET//NOFORN` in
 * the front chart) and `tint` (the reader badge's background). The page's CSS reads them as
 * custom properties (`classColorProperties`, set on the document root by main.ts).
 */
export const CLASS_COLOR: Record<ClassLevel, { plain: string; caveated: string; tint: string }> = {
  secret: { plain: '#b4442f', caveated: '#d98a7a', tint: '#fbeeea' },
  confidential: { plain: '#3a4f9b', caveated: '#8d9bd3', tint: '#eef1fb' },
  unclassified: { plain: '#276b4f', caveated: '#7fb89d', tint: '#e9f3ee' },
};
export const UNKNOWN_CLASS_COLOR = '#a3abb8';

/**
 * What app.css needs of `CLASS_COLOR`, as custom properties: `--class-secret` (plain) and
 * `--class-secret-tint`, and so on for each level (caveated variants are drawn only by the front
 * chart, from `CLASS_COLOR` itself).
 */
export function classColorProperties(): Record<string, string> {
  const props: Record<string, string> = {};
  for (const [level, c] of Object.entries(CLASS_COLOR)) {
    props[`--class-${level}`] = c.plain;
    props[`--class-${level}-tint`] = c.tint;
  }
  return props;
}

export const LINK_COLOR: Record<LinkType, string> = {
  FROM: '#c9864a',
  TO: '#d2a77c',
  INFO: '#e0c9b0',
  TAGGED: '#8cc7b1',
  REFERENCES: '#4a6fa5',
};

export const LINK_LABEL: Record<LinkType, string> = {
  FROM: 'From (sender)',
  TO: 'To (action)',
  INFO: 'Info (copy)',
  TAGGED: 'Tagged',
  REFERENCES: 'Cites (REF)',
};

export const LINK_DASH: Record<LinkType, number[]> = {
  FROM: [],
  TO: [],
  INFO: [3, 3],
  TAGGED: [],
  REFERENCES: [],
};

export const LINK_WIDTH: Record<LinkType, number> = {
  FROM: 1.4,
  TO: 1,
  INFO: 0.8,
  TAGGED: 0.8,
  REFERENCES: 1.6,
};

export const BACKGROUND = '#f7f8fa';
export const LABEL_COLOR = '#1f2733';
export const LABEL_HALO = 'rgba(247,248,250,0.92)';
export const SELECT_COLOR = '#11151c';
/** Label text size in CSS pixels (canvas and export). */
export const LABEL_FONT_SIZE = 11;
/** From this zoom on, a cable's label carries its id. */
export const DETAIL_ZOOM = 2.5;
export const FONT_FAMILY = 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif';

/** Node radius in layout units: grows with the log of the node's degree in the whole corpus. */
export type { SizeMetric };
export const SIZE_LABEL: Record<SizeMetric, string> = { degree: 'Connections', citedBy: 'Citations', pagerank: 'PageRank' };

/** Posts and tags when size shows citations, which only cables have: one modest size. */
export const UNSIZED_RADIUS = 7;

/**
 * Radius on a log scale. By citations, a cable's size is the number of cables citing it (an
 * uncited cable is drawn smallest); posts and tags, which are not cited, all get one modest size.
 */
export function nodeRadius(n: Pick<GraphNode, 'degree' | 'kind' | 'citedBy'>, by: SizeMetric = 'degree'): number {
  if (by === 'pagerank') return n.kind === 'cable' ? MIN_RADIUS : UNSIZED_RADIUS;
  if (by === 'citedBy') return n.kind === 'cable' ? Math.min(24, 4 + 2.6 * Math.log2(1 + Math.max(0, n.citedBy ?? 0))) : UNSIZED_RADIUS;
  const d = Math.max(0, n.degree || 0);
  return Math.min(24, 4 + 1.8 * Math.log2(1 + d));
}

const MIN_RADIUS = 4;
const MAX_RADIUS = 24;

/**
 * Every node's radius under a size metric. Degree and citations are absolute (`nodeRadius`).
 * PageRank is relative to the nodes drawn: on a log scale from the lowest PageRank in view
 * (smallest) to the highest (largest), since PageRank is heavy-tailed and its values shrink
 * with the size of the corpus; a cable without one (outside the REF network, or before the
 * analysis ran) is drawn smallest, and posts and tags keep one modest size, as by citations.
 */
export function nodeRadii(nodes: Iterable<Pick<GraphNode, 'id' | 'degree' | 'kind' | 'citedBy' | 'analysis'>>, by: SizeMetric = 'degree'): Map<string, number> {
  const list = [...nodes];
  const out = new Map<string, number>();
  if (by !== 'pagerank') {
    for (const n of list) out.set(n.id, nodeRadius(n, by));
    return out;
  }
  const rank = (n: (typeof list)[number]): number | null => {
    const pr = n.kind === 'cable' ? n.analysis?.pagerank : null;
    return typeof pr === 'number' && pr > 0 ? Math.log(pr) : null;
  };
  let lo = Infinity;
  let hi = -Infinity;
  for (const n of list) {
    const r = rank(n);
    if (r === null) continue;
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  for (const n of list) {
    const r = rank(n);
    if (r === null) out.set(n.id, nodeRadius(n, 'pagerank'));
    else out.set(n.id, hi > lo ? MIN_RADIUS + 2 + ((MAX_RADIUS - MIN_RADIUS - 2) * (r - lo)) / (hi - lo) : (MIN_RADIUS + MAX_RADIUS) / 2);
  }
  return out;
}

/** The caption drawn on the graph lives with the model (pure, shared with the export). */
export { caption } from '../model/caption.ts';

export const isStub = (n: GraphNode): boolean => n.kind === 'cable' && n.inCorpus === false;
