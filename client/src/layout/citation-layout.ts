/**
 * Citation view layout (pure, no DOM): a cable's REF ancestors and descendants on a date axis.
 *
 *  - x is the cable's date (d3 time scale); ancestors (what the root cites) are kept left of
 *    the root and descendants (what cites it) right of it, even when dates tie or disagree.
 *  - Cited cables missing from the corpus ("ghosts") have no date: we estimate one from the
 *    year in their id (`07…` → 2007) and the earliest cable citing them (a cable is older
 *    than its citers), and flag it as estimated.
 *  - y rows are packed greedily, nearest the root's row first, so labels never overlap at
 *    the base zoom.
 */
import { scaleTime } from 'd3';
import type { ScaleTime } from 'd3';
import type { CitationNode, CitationResponse, EstimatedDate, GraphLink } from '../../../server/src/api/types.ts';
import { yearFromCableId } from '../../../server/src/cables/year-from-id.ts';
import { csvField } from '../model/export.ts';

export type Side = CitationNode['side'];

export interface PlacedNode {
  id: string;
  key: string;
  side: Side;
  depth: number;
  /** Signed column: −depth for ancestors, +depth for descendants, 0 for the root. */
  column: number;
  ghost: boolean;
  /** The date used for x (real or estimated). */
  date: Date;
  estimated: boolean;
  /** The analysis's estimate for a ghost (window, bracketing cables), when it ran. */
  estimate: EstimatedDate | null;
  subject: string | null;
  classification: string | null;
  degree: number;
  x: number;
  row: number;
  /** x of the label's right end (x + gap + label width), for packing. */
  extent: number;
}

export interface PlacedLink {
  source: string;
  target: string;
}

export interface CitationLayout {
  nodes: PlacedNode[];
  links: PlacedLink[];
  /** The time scale: domain [first, last] padded, range [0, width]. */
  x: ScaleTime<number, number>;
  /** Row indices used, from min to max (the root is row 0). */
  rows: { min: number; max: number };
  root: PlacedNode | null;
}

export interface LayoutOptions {
  width: number;
  /** Label width in px for a node (default: 7 px per character of its key). */
  labelWidth?: (n: { key: string; subject: string | null; ghost: boolean; side: PlacedNode['side'] }) => number;
  /** Least horizontal gap between the root and its nearest ancestor/descendant. */
  minGap?: number;
  /** Horizontal gap kept between two nodes sharing a row. */
  pad?: number;
}

const DAY = 86_400_000;


export function parseDate(s: string | null | undefined): Date | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * A date for a cable without one: inside the year of its id, and before the earliest cable
 * citing it (by a week) when that falls in the same year; mid-year otherwise.
 */
export function estimateDate(year: number | null, citerDates: readonly Date[], fallback: Date): Date {
  const earliest = citerDates.length ? new Date(Math.min(...citerDates.map((d) => d.getTime()))) : null;
  if (year === null) return earliest ? new Date(earliest.getTime() - 7 * DAY) : fallback;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1) - DAY;
  const mid = Date.UTC(year, 6, 1);
  if (!earliest) return new Date(mid);
  const before = earliest.getTime() - 7 * DAY;
  if (before < start) return new Date(start);
  return new Date(Math.min(end, before, Math.max(mid, before - 60 * DAY)));
}

/** `08BRASILIA1230` → { prefix: `08BRASILIA`, seq: 1230 }; cable numbers run in order per post and year. */
export function splitKey(key: string): { prefix: string; seq: number } | null {
  const m = /^(\d{2}[A-Z][A-Z-]*?)(\d+)$/.exec(key);
  return m ? { prefix: m[1]!, seq: Number(m[2]) } : null;
}

/**
 * A date for a cable from the dated cables of the same post and year (their numbers are
 * sequential): linear interpolation between the nearest numbers below and above, or
 * extrapolation from the two nearest on one side. Null without two reference points.
 */
export function sequenceEstimate(key: string, dated: ReadonlyMap<string, Date>): Date | null {
  const me = splitKey(key);
  if (!me) return null;
  const same: { seq: number; t: number }[] = [];
  for (const [k, d] of dated) {
    const o = splitKey(k);
    if (o && o.prefix === me.prefix && o.seq !== me.seq) same.push({ seq: o.seq, t: d.getTime() });
  }
  if (same.length < 2) return null;
  same.sort((a, b) => a.seq - b.seq);
  const lower = same.filter((p) => p.seq < me.seq);
  const upper = same.filter((p) => p.seq > me.seq);
  let a: { seq: number; t: number };
  let b: { seq: number; t: number };
  if (lower.length && upper.length) [a, b] = [lower[lower.length - 1]!, upper[0]!];
  else if (lower.length >= 2) [a, b] = [lower[lower.length - 2]!, lower[lower.length - 1]!];
  else if (upper.length >= 2) [a, b] = [upper[0]!, upper[1]!];
  else return null;
  if (b.t <= a.t || b.seq === a.seq) return null;
  const t = a.t + ((me.seq - a.seq) * (b.t - a.t)) / (b.seq - a.seq);
  const year = yearFromCableId(key);
  if (year === null) return new Date(t);
  return new Date(Math.min(Date.UTC(year + 1, 0, 1) - DAY, Math.max(Date.UTC(year, 0, 1), t)));
}

/** Lays out a citation response. Deterministic: same input, same output. */
export function layoutCitations(resp: Pick<CitationResponse, 'root' | 'nodes' | 'links'>, opts: LayoutOptions): CitationLayout {
  const labelWidth = opts.labelWidth ?? ((n: { key: string }) => n.key.length * 7);
  const minGap = opts.minGap ?? 28;
  const pad = opts.pad ?? 14;
  const width = Math.max(200, opts.width);

  const byId = new Map<string, CitationNode>(resp.nodes.map((n) => [n.id, n]));
  const rootNode = byId.get(resp.root) ?? resp.nodes.find((n) => n.side === 'root') ?? null;
  const links: PlacedLink[] = resp.links.filter((l: GraphLink) => byId.has(l.source) && byId.has(l.target)).map((l) => ({ source: l.source, target: l.target }));

  // Dates: real ones first, then ghosts estimated from their citers (which may be estimated
  // themselves, so resolve newest-first: citers of a ghost are processed before it).
  const dates = new Map<string, { date: Date; estimated: boolean }>();
  for (const n of resp.nodes) {
    const d = parseDate(n.date);
    if (d) dates.set(n.id, { date: d, estimated: false });
  }
  const citersOf = new Map<string, string[]>();
  for (const l of links) {
    const list = citersOf.get(l.target) ?? [];
    list.push(l.source);
    citersOf.set(l.target, list);
  }
  const known = [...dates.values()].map((d) => d.date.getTime());
  const fallback = new Date(known.length ? Math.min(...known) : Date.UTC(2005, 0, 1));
  const realDates = new Map<string, Date>([...resp.nodes].flatMap((n) => {
    const d = dates.get(n.id);
    return d ? [[n.key, d.date] as [string, Date]] : [];
  }));
  const undated = resp.nodes.filter((n) => !dates.has(n.id)).sort((a, b) => a.depth - b.depth || a.id.localeCompare(b.id));
  // A few passes settle chains of ghosts citing ghosts (rare: ghosts cite nothing we know).
  for (let pass = 0; pass < 3; pass++) {
    for (const n of undated) {
      const citers = (citersOf.get(n.id) ?? []).flatMap((c) => {
        const d = dates.get(c);
        return d && c !== n.id ? [d.date] : [];
      });
      const year = n.year ?? yearFromCableId(n.key);
      // The analysis's estimate (serials of the same station and year over the whole corpus) when
      // it ran; else one from the serials of the cables in this chain, else from the citers.
      const analysed = n.analysis?.estimatedDate ? parseDate(`${n.analysis.estimatedDate.date}T12:00:00Z`) : null;
      const bySeq = analysed ?? sequenceEstimate(n.key, realDates);
      let d = bySeq ?? estimateDate(year, citers, fallback);
      // A cited cable is older than its citers.
      const earliest = citers.length ? Math.min(...citers.map((c) => c.getTime())) : Infinity;
      if (d.getTime() >= earliest) d = new Date(Math.max(year !== null ? Date.UTC(year, 0, 1) : -Infinity, earliest - DAY));
      dates.set(n.id, { date: d, estimated: true });
    }
  }

  // The scale spans every date, padded by 4 % on each side (at least 15 days).
  const times = [...dates.values()].map((d) => d.date.getTime());
  const lo = times.length ? Math.min(...times) : Date.UTC(2005, 0, 1);
  const hi = times.length ? Math.max(...times) : Date.UTC(2006, 0, 1);
  const span = Math.max(hi - lo, 30 * DAY);
  const padT = Math.max(span * 0.04, 15 * DAY);
  const x = scaleTime<number, number>()
    .domain([new Date(lo - padT), new Date(hi + padT)])
    .range([0, width]);

  const placed: PlacedNode[] = resp.nodes.map((n) => {
    const d = dates.get(n.id) ?? { date: fallback, estimated: true };
    const column = n.side === 'root' ? 0 : n.side === 'cites' ? -n.depth : n.depth;
    return {
      id: n.id,
      key: n.key,
      side: n.side,
      depth: n.depth,
      column,
      ghost: n.inCorpus === false,
      date: d.date,
      estimated: d.estimated,
      estimate: n.inCorpus === false ? n.analysis?.estimatedDate ?? null : null,
      subject: n.subject ?? null,
      classification: n.classification ?? null,
      degree: n.degree,
      x: x(d.date),
      row: 0,
      extent: 0,
    };
  });

  // Ancestors left of the root, descendants right of it; deeper ones never cross shallower
  // ones' side of the root.
  const root = rootNode ? (placed.find((p) => p.id === rootNode.id) ?? null) : null;
  if (root) {
    for (const p of placed) {
      if (p.side === 'cites' && p.x > root.x - minGap) p.x = root.x - minGap;
      if (p.side === 'citedBy' && p.x < root.x + minGap) p.x = root.x + minGap;
    }
  }

  // Row packing: the root owns row 0; others take the row nearest 0 (0, −1, +1, −2, …)
  // where their circle and label overlap nobody. Left to right, so rows fill evenly.
  const rowSpans = new Map<number, [number, number][]>();
  const fits = (row: number, a: number, b: number) => (rowSpans.get(row) ?? []).every(([s, e]) => b + pad <= s || a >= e + pad);
  const order = [...placed].sort((a, b) => (a === root ? -1 : b === root ? 1 : a.x - b.x || a.id.localeCompare(b.id)));
  for (const p of order) {
    p.extent = p.x + 10 + labelWidth(p);
    const a = p.x - 8;
    let row = 0;
    if (p !== root) {
      for (let i = 0; ; i++) {
        row = i === 0 ? 0 : i % 2 === 1 ? -Math.ceil(i / 2) : i / 2;
        if (fits(row, a, p.extent)) break;
      }
    }
    p.row = row;
    const spans = rowSpans.get(row) ?? [];
    spans.push([a, p.extent]);
    rowSpans.set(row, spans);
  }
  const rowsUsed = placed.map((p) => p.row);
  return {
    nodes: placed,
    links,
    x,
    rows: { min: Math.min(0, ...rowsUsed), max: Math.max(0, ...rowsUsed) },
    root,
  };
}

/** Nodes connected to `id` through REF links in the chain (both ways), for hover highlighting. */
export function chainOf(id: string, links: readonly PlacedLink[]): Set<string> {
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const l of links) {
    (down.get(l.source) ?? down.set(l.source, []).get(l.source)!).push(l.target);
    (up.get(l.target) ?? up.set(l.target, []).get(l.target)!).push(l.source);
  }
  const out = new Set<string>([id]);
  const walk = (start: string, next: Map<string, string[]>) => {
    const stack = [start];
    const seen = new Set<string>([start]);
    while (stack.length) {
      const cur = stack.pop()!;
      for (const n of next.get(cur) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        out.add(n);
        stack.push(n);
      }
    }
  };
  walk(id, down);
  walk(id, up);
  return out;
}

/** Whether a node's date falls in a month range (`YYYY-MM`, inclusive); open ends allowed. */
export function inMonthRange(date: Date, from: string | null | undefined, to: string | null | undefined): boolean {
  const m = date.toISOString().slice(0, 7);
  return (!from || m >= from) && (!to || m <= to);
}

/**
 * The chain as CSV (one row per cable, oldest first): what a journalist pastes into a
 * spreadsheet. `cites` lists the keys of the chain's cables this one references.
 */
export function chainCSV(layout: Pick<CitationLayout, 'nodes' | 'links'>): string {
  const keyOf = (id: string) => id.slice(id.indexOf(':') + 1);
  const cites = new Map<string, string[]>();
  for (const l of layout.links) cites.set(l.source, [...(cites.get(l.source) ?? []), keyOf(l.target)]);
  const head = ['cable', 'date', 'date_estimated', 'relation', 'depth', 'in_corpus', 'classification', 'subject', 'cites'];
  const rows = [...layout.nodes]
    .sort((a, b) => a.date.getTime() - b.date.getTime() || a.key.localeCompare(b.key))
    .map((n) => [n.key, n.date.toISOString().slice(0, 10), n.estimated, n.side === 'cites' ? 'ancestor' : n.side === 'citedBy' ? 'descendant' : 'root', n.depth, !n.ghost, n.classification ?? '', n.subject ?? '', (cites.get(n.id) ?? []).sort().join(' ')]);
  return [head, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
