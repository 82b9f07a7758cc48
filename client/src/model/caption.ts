/**
 * What a node is called on the graph. A cable is labelled by a short form of its subject (its
 * id goes to the tooltip, and joins the label at high zoom); a post or tag by its name or code.
 * Pure: used by the canvas, the SVG/PNG export and the tests.
 */
import type { GraphNode } from './graph.ts';

/** Room for a label on the graph, in characters. */
export const SHORT_SUBJECT_CHARS = 30;

/** A cable's subject, as the API sends it (GraphNode.subject); '' when it has none. */
export function subjectOf(n: { subject?: string | null }): string {
  return n.subject?.trim() ?? '';
}

/**
 * `XXXXXXXXXXXX ARGUES TIME IS RIPE FOR WEST TO MAKE AN OFFER` → `XXX ARGUES TIME IS RIPE FOR…`:
 * a leading portion marking such as `(C)` or `(SBU)` goes, a redaction run shrinks to `XXX`,
 * and a long subject is cut at a word boundary with an ellipsis. Null when nothing is left.
 */
export function shortSubject(subject: string | null | undefined, max = SHORT_SUBJECT_CHARS): string | null {
  if (!subject) return null;
  let s = subject
    .replace(/\s+/g, ' ')
    .replace(/^\s*\((?:U|C|S|TS|SBU|CUI)(?:\/\/?[A-Z ]+)?\)\s*/i, '')
    .replace(/X{4,}/g, 'XXX')
    .trim();
  if (!s) return null;
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  s = (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–—]+$/, '');
  return `${s}…`;
}

/**
 * The label drawn for a node: a cable's short subject (its id when it has none, as stubs do),
 * with the id in front when `detailed` (high zoom); a post's or tag's name or code.
 */
export function caption(n: GraphNode & { subject?: string | null; summary?: unknown }, detailed = false): string {
  if (n.kind !== 'cable' || n.summary) return n.label || n.key;
  const short = shortSubject(subjectOf(n));
  if (!short) return n.key;
  return detailed ? `${n.key} · ${short}` : short;
}

/** Room for a label in the citation view, where rows are packed tighter than the graph. */
export const CITATION_LABEL_CHARS = 26;

/**
 * A cable in the citation view: its short subject, or its id when it has none (a cited cable
 * missing from the corpus); the id is in the tooltip either way.
 */
export function citationLabel(n: { key: string; subject?: string | null; ghost?: boolean }): string {
  return (n.ghost ? null : shortSubject(n.subject, CITATION_LABEL_CHARS)) ?? n.key;
}
