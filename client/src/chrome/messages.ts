/**
 * What the chrome says (tooltip, status line, screen-reader announcements), worked out from the
 * store without touching the page, so node:test can check it. chrome.ts puts it on the page.
 */
import type { NeighbourhoodResponse } from '../../../server/src/api/types.ts';
import { countByKind, keyOfId } from '../model/graph.ts';
import type { GraphNode } from '../model/graph.ts';
import { fmtDay, fmtInt } from '../model/format.ts';
import { estimateOf, estimateText } from '../model/analysis.ts';
import { selection } from '../model/view.ts';
import { KIND_LABEL, caption, isStub } from '../render/theme.ts';
import type { ViewStore } from '../store.ts';

export interface TooltipText {
  title: string;
  /** A cable's subject. */
  label: string | null;
  sub: string;
  /** A cited cable missing from the corpus: its estimated date, window and bracketing cables. */
  estimate: string | null;
}

export function tooltipText(n: GraphNode): TooltipText {
  const sub: string[] = [];
  if (n.kind === 'cable') {
    if (n.date) sub.push(fmtDay(n.date));
    if (n.classification) sub.push(n.classification);
    if (isStub(n)) sub.push('not in corpus');

  } else sub.push(KIND_LABEL[n.kind]);
  sub.push(`${fmtInt(n.degree)} links`);
  if (typeof n.citedBy === 'number' && n.citedBy > 0) sub.push(`cited by ${fmtInt(n.citedBy)}`);
  return { title: n.kind === 'cable' ? n.key : caption(n), label: n.kind === 'cable' ? n.subject || null : null, sub: sub.join(' · '), estimate: isStub(n) && estimateOf(n) ? estimateText(estimateOf(n)!) : null };
}

/** What screen readers hear when a node gets selected (the canvas itself is opaque to them). */
export function selectionAnnouncement(n: GraphNode, connectedInView: number): string {
  const subject = n.kind === 'cable' && n.subject ? `: ${n.subject}` : '';
  return `${KIND_LABEL[n.kind]} ${n.kind === 'cable' ? n.key : caption(n)}${subject}. ${connectedInView} connected in view. Arrow keys move to a neighbour, E expands.`;
}

export interface StatusPart {
  text: string;
  class?: string;
  title?: string;
  testid?: string;
}

/** The status line: counts, what filters hide, the multi-selection, loading, failures, truncation. */
export function statusParts(store: ViewStore): StatusPart[] {
  const g = store.visible;
  const { derived } = store;
  const parts: StatusPart[] = [];
  // The same counts as the legend (countByKind: summary nodes are not nodes of a kind) and the timeline.
  const kinds = countByKind(g);
  const nodes = kinds.cable + kinds.post + kinds.tag;
  const summaries = g.nodes.size - nodes;
  const count = (n: number, one: string, many: string) => `${fmtInt(n)} ${n === 1 ? one : many}`;
  if (g.nodes.size) parts.push({ text: `${count(nodes, 'node', 'nodes')} (${count(kinds.cable, 'cable', 'cables')}) · ${count(g.links.size, 'link', 'links')}${summaries ? ` · ${count(summaries, 'summary', 'summaries')}` : ''}`, testid: 'status-counts' });
  const hidden = derived.graph.nodes.size - g.nodes.size;
  if (hidden > 0) parts.push({ text: `${fmtInt(hidden)} hidden by filters` });
  const chosen = selection(store.doc).filter((id) => g.nodes.has(id)).length;
  if (chosen > 1) parts.push({ text: `${fmtInt(chosen)} selected (Del dismisses them, ⇧Del keeps only them)`, class: 'selection-count', testid: 'selection-count' });
  if (store.inflight.size) parts.push({ text: `Loading ${[...store.inflight].map(keyOfId).join(', ')}…`, class: 'spinner-text' });
  for (const id of derived.missing) {
    const err = store.failed.get(id);
    if (err) parts.push({ text: `Could not load ${keyOfId(id)}: ${err}`, class: 'warn' });
  }
  for (const id of derived.expanded) {
    const r = store.response(id);
    if (!r?.truncated) continue;
    const summarised = 'groups' in r ? (r as NeighbourhoodResponse).groups.filter((g) => g.summarised).reduce((a, g) => a + g.total, 0) : 0;
    if (summarised) parts.push({ text: `${keyOfId(id)}: ${fmtInt(summarised)} in summaries`, class: 'note', title: 'Select a summary node to add the most important, or one post or year' });
    else parts.push({ text: `${keyOfId(id)}: ${fmtInt(r.nodes.length - 1)} of ${fmtInt(r.total)} neighbours`, class: 'warn', title: 'Only the most important neighbours are shown' });
  }
  return parts;
}
