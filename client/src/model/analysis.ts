/**
 * What the corpus analysis (docs/api.md "Analysis") says, put into words and groups for the
 * explorer: related cables with their reasons, estimated dates of cited cables missing from the
 * corpus, and the communities shown when nodes are coloured by community. Pure: runs in node:test.
 */
import type { EstimatedDate, RankedCable, RelatedResponse } from '../../../server/src/api/types.ts';
import { fmtDay, fmtInt } from './format.ts';
import type { GraphNode } from './graph.ts';

// ——— Related cables ————————————————————————————————————————————————————————

/** One related cable with the evidence of each reason that links it (one or both). */
export interface RelatedEntry {
  cable: RankedCable;
  /** Cables citing both (co-citation) and its normalised score. */
  cocitation: { count: number; score: number } | null;
  /** Cables both cite (bibliographic coupling) and its normalised score. */
  coupling: { count: number; score: number } | null;
  /** The higher of the two scores (each a cosine in (0, 1]): the list's order. */
  score: number;
}

/**
 * The server's two lists (co-cited, coupled) as one list, a cable named by both once, best
 * score first; ties by the larger count, then by id, so the order is stable.
 */
export function relatedEntries(resp: Pick<RelatedResponse, 'cocited' | 'coupled'>): RelatedEntry[] {
  const byId = new Map<string, RelatedEntry>();
  const entry = (cable: RankedCable): RelatedEntry => {
    let e = byId.get(cable.id);
    if (!e) byId.set(cable.id, (e = { cable, cocitation: null, coupling: null, score: 0 }));
    return e;
  };
  for (const r of resp.cocited) {
    const e = entry(r.cable);
    e.cocitation = { count: r.count, score: r.score };
    e.score = Math.max(e.score, r.score);
  }
  for (const r of resp.coupled) {
    const e = entry(r.cable);
    e.coupling = { count: r.count, score: r.score };
    e.score = Math.max(e.score, r.score);
  }
  const total = (e: RelatedEntry) => (e.cocitation?.count ?? 0) + (e.coupling?.count ?? 0);
  return [...byId.values()].sort((a, b) => b.score - a.score || total(b) - total(a) || a.cable.id.localeCompare(b.cable.id));
}

const cables = (n: number): string => `${fmtInt(n)} cable${n === 1 ? '' : 's'}`;

/** "cited together by 4 cables" (co-citation). */
export const cocitationReason = (count: number): string => `cited together by ${cables(count)}`;

/** "cite 3 of the same cables" (bibliographic coupling). */
export const couplingReason = (count: number): string => (count === 1 ? 'cite one of the same cables' : `cite ${fmtInt(count)} of the same cables`);

/** Why a cable is related, in words with the counts behind it: one reason or both. */
export function relatedReason(e: Pick<RelatedEntry, 'cocitation' | 'coupling'>): string {
  return [e.cocitation ? cocitationReason(e.cocitation.count) : null, e.coupling ? couplingReason(e.coupling.count) : null].filter(Boolean).join(' and ');
}

// ——— Estimated dates ———————————————————————————————————————————————————————

/** "about 23 Mar 2003": the estimate alone, as shown next to a ghost. */
export const aboutDate = (e: Pick<EstimatedDate, 'date'>): string => `about ${fmtDay(e.date)}`;

/** "about 23 Mar 2003 (estimated)": an estimated day among other cables' real ones, where "about" alone could be missed. */
export const estimatedDay = (date: string): string => `${aboutDate({ date })} (estimated)`;

/**
 * A cable's day in a list or a tooltip: its own ("24 May 2007"), else its estimate ("about
 * 23 Mar 2003 (estimated)"); null when it has neither.
 */
export const cableDay = (date: string | null | undefined, estimate: string | null | undefined): string | null =>
  date ? fmtDay(date) : estimate ? estimatedDay(estimate) : null;

/** The bracketing cables of an estimate, in order (the one before, the one after). */
export const bracketing = (e: Pick<EstimatedDate, 'after' | 'before'>): string[] => [e.after, e.before].filter((k): k is string => !!k);

/** The parts of an estimate's sentence: "about 23 Mar 2003", its window, and the bracketing cables it comes from. */
export function estimateParts(e: EstimatedDate): { about: string; window: string; from: string[]; fromWords: string } {
  const from = bracketing(e);
  return {
    about: aboutDate(e),
    window: e.earliest === e.latest ? `estimated as ${fmtDay(e.earliest)}` : `estimated between ${fmtDay(e.earliest)} and ${fmtDay(e.latest)}`,
    from,
    fromWords: from.length === 2 ? 'from the serials of' : from.length === 1 ? 'from the serial of' : '',
  };
}

/**
 * "about 23 Mar 2003 (estimated between 13 Feb 2003 and 7 Apr 2003, from the serials of
 * 03RANGOON194 and 03RANGOON430)": the estimate, its window and where it comes from.
 */
export function estimateText(e: EstimatedDate): string {
  const p = estimateParts(e);
  const source = p.from.length ? `, ${p.fromWords} ${p.from.join(' and ')}` : '';
  return `${p.about} (${p.window}${source})`;
}

/** A node's estimated date: a cited cable missing from the corpus, once the analysis has run. */
export const estimateOf = (n: Pick<GraphNode, 'kind' | 'analysis'>): EstimatedDate | null => (n.kind === 'cable' ? n.analysis?.estimatedDate ?? null : null);

// ——— Communities ——————————————————————————————————————————————————————————

/**
 * Categorical colours for communities (Tableau 10 without its grey, then lighter variants), in
 * the order the legend lists them; what does not fit is drawn in `OTHER_COMMUNITY_COLOUR`.
 */
export const COMMUNITY_PALETTE: readonly string[] = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#a0cbe8', '#ffbe7d', '#8cd17d'];
/** Communities past the palette or the legend's cap. */
export const OTHER_COMMUNITY_COLOUR = '#a3abb8';
/** Nodes the analysis gave no community (tags; cables outside the REF network; before any run). */
export const NO_COMMUNITY_COLOUR = '#dde1e7';

/**
 * The community a node is coloured by: the REF-network community for cables, the traffic
 * community for posts (two different partitions, so two key spaces); null for tags and for
 * nodes without one.
 */
export function communityKey(n: Pick<GraphNode, 'kind' | 'analysis' | 'trafficCommunity'>): string | null {
  if (n.kind === 'cable') return typeof n.analysis?.community === 'number' ? `ref:${n.analysis.community}` : null;
  if (n.kind === 'post') return typeof n.trafficCommunity === 'number' ? `traffic:${n.trafficCommunity}` : null;
  return null;
}

export interface CommunityEntry {
  key: string;
  network: 'ref' | 'traffic';
  /** The analysis's community number (0 = the largest in the whole corpus). */
  community: number;
  /** Nodes of it in view. */
  count: number;
  colour: string;
  /** Its most important member in view (highest PageRank for cables, most connections for posts): it names the group. */
  lead: GraphNode;
}

export interface CommunityLegend {
  /** The communities with a colour of their own, largest in view first. */
  shown: CommunityEntry[];
  /** Nodes of communities past the cap (drawn in the "other" colour) and how many communities they are. */
  other: { nodes: number; communities: number };
  /** Nodes without a community. */
  none: number;
  /** Community key → colour, for the renderers. */
  colours: ReadonlyMap<string, string>;
}

const importance = (n: GraphNode): number => (n.kind === 'cable' ? n.analysis?.pagerank ?? -1 : n.degree);

/**
 * Groups the nodes in view by community, largest first (ties: the analysis's number), and gives
 * the first `cap` (at most the palette's size) a colour each; the rest share "other".
 */
export function communityLegend(nodes: Iterable<GraphNode>, cap: number): CommunityLegend {
  const groups = new Map<string, { network: 'ref' | 'traffic'; community: number; count: number; lead: GraphNode }>();
  let none = 0;
  for (const n of nodes) {
    const key = communityKey(n);
    if (key === null) {
      none++;
      continue;
    }
    const g = groups.get(key);
    if (!g) groups.set(key, { network: n.kind === 'cable' ? 'ref' : 'traffic', community: Number(key.slice(key.indexOf(':') + 1)), count: 1, lead: n });
    else {
      g.count++;
      if (importance(n) > importance(g.lead) || (importance(n) === importance(g.lead) && n.key < g.lead.key)) g.lead = n;
    }
  }
  const ordered = [...groups.entries()].sort(([ka, a], [kb, b]) => b.count - a.count || a.community - b.community || ka.localeCompare(kb));
  const limit = Math.max(0, Math.min(cap, COMMUNITY_PALETTE.length));
  const shown: CommunityEntry[] = ordered.slice(0, limit).map(([key, g], i) => ({ key, ...g, colour: COMMUNITY_PALETTE[i]! }));
  const rest = ordered.slice(limit);
  const colours = new Map<string, string>(shown.map((e) => [e.key, e.colour]));
  for (const [key] of rest) colours.set(key, OTHER_COMMUNITY_COLOUR);
  return { shown, other: { nodes: rest.reduce((a, [, g]) => a + g.count, 0), communities: rest.length }, none, colours };
}

/** How a legend entry names a community: its network and its most important member in view. */
export function communityLabel(e: Pick<CommunityEntry, 'network' | 'count' | 'lead'>): string {
  const lead = e.lead.kind === 'cable' ? e.lead.key : e.lead.name || e.lead.key;
  const more = e.count > 1 ? ` +${fmtInt(e.count - 1)}` : '';
  return `${e.network === 'ref' ? 'Cites' : 'Traffic'}: ${lead}${more}`;
}

/** The colour a node is filled with when colouring by community (null: keep the kind's colour). */
export function communityFill(n: GraphNode, colours: ReadonlyMap<string, string>): string {
  const key = communityKey(n);
  return key === null ? NO_COMMUNITY_COLOUR : colours.get(key) ?? OTHER_COMMUNITY_COLOUR;
}
