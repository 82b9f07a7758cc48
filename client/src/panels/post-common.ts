/** Shared pieces of the post and tag panels: host interface, ranked count lists, a loader cache. */
import { el, fmtInt } from '../dom.ts';
import type { Api } from '../api.ts';
import { filterKey } from '../model/filters.ts';
import type { Filters, Graph } from '../model/graph.ts';

export interface InsightHost {
  readonly api: Api;
  /** Adds a node (and its neighbourhood) to the graph. */
  addToGraph(id: string): void;
  /** Shows a node in the reader. */
  open(id: string): void;
  filters(): Filters;
  /** The whole working set (before filters). */
  graph(): Graph;
  /** Sets the date filter (drill down from a chart). */
  setRange(from: string | null, to: string | null): void;
  /** Whether a node is in the graph. */
  has(id: string): boolean;
}

export interface RankRow {
  id: string;
  label: string;
  sub?: string | null;
  count: number;
  /** Optional split of the count, drawn as two shades (e.g. TO vs INFO). */
  split?: [number, number];
}

/**
 * A ranked list with proportional bars. The label opens the node; the `+` adds it to the graph
 * (or shows a tick when it already is).
 */
export function rankList(rows: readonly RankRow[], host: InsightHost, opts: { testid?: string; splitLabels?: [string, string]; empty?: string } = {}): HTMLElement {
  if (!rows.length) return el('p', { class: 'muted small' }, opts.empty ?? 'None.');
  const peak = Math.max(1, ...rows.map((r) => r.count));
  const list = el('ol', { class: 'rank-list', ...(opts.testid ? { 'data-testid': opts.testid } : {}) });
  for (const r of rows) {
    const open = el('button', { type: 'button', class: 'node-link rank-name', 'data-node': r.id, title: `Open ${r.label}` }, r.label);
    open.addEventListener('click', () => host.open(r.id));
    const inGraph = host.has(r.id);
    const add = el('button', { type: 'button', class: `rank-add${inGraph ? ' in' : ''}`, 'data-add': r.id, title: inGraph ? 'In the graph' : `Add ${r.label} to the graph`, 'aria-label': inGraph ? `${r.label} is in the graph` : `Add ${r.label} to the graph` }, inGraph ? '✓' : '+');
    add.addEventListener('click', () => host.addToGraph(r.id));
    const bar = el('span', { class: 'rank-bar' });
    const w = (n: number) => `${Math.max(1.5, (100 * n) / peak)}%`;
    if (r.split) {
      bar.append(el('span', { class: 'rank-fill a', style: `width:${w(r.split[0])}` }), el('span', { class: 'rank-fill b', style: `width:${w(r.split[1])}` }));
    } else bar.append(el('span', { class: 'rank-fill a', style: `width:${w(r.count)}` }));
    const title = r.split && opts.splitLabels ? `${fmtInt(r.split[0])} ${opts.splitLabels[0]} · ${fmtInt(r.split[1])} ${opts.splitLabels[1]}` : `${fmtInt(r.count)}`;
    list.append(el('li', { class: 'rank-row', title }, add, el('span', { class: 'rank-main' }, open, r.sub ? el('span', { class: 'muted small' }, r.sub) : null, bar), el('span', { class: 'rank-count' }, fmtInt(r.count))));
  }
  return list;
}

export function chartLegend(items: { label: string; color: string; value?: number }[]): HTMLElement {
  return el('div', { class: 'chart-legend' }, ...items.map((i) => el('span', { class: 'chart-key' }, el('span', { class: 'chart-swatch', style: `background:${i.color}` }), i.label, i.value !== undefined ? el('span', { class: 'muted' }, ` ${fmtInt(i.value)}`) : null)));
}

/** Tags of the cables in the graph linked to a node through these link types, most frequent first. */
export function tagsInView(g: Graph, cables: ReadonlySet<string>): { id: string; key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const l of g.links.values()) {
    if (l.type !== 'TAGGED' || !cables.has(l.source)) continue;
    counts.set(l.target, (counts.get(l.target) ?? 0) + 1);
  }
  return [...counts].map(([id, count]) => ({ id, key: id.slice(id.indexOf(':') + 1), count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** A small async section: shows "Loading…", then whatever `build` returns (or the error). */
export function asyncSection(title: string, testid: string, build: () => Promise<Node[]>): HTMLElement {
  const body = el('div', { class: 'insight-body' }, el('p', { class: 'muted small spinner-text' }, 'Loading…'));
  const sec = el('section', { class: 'panel-section insight', 'data-testid': testid }, el('h3', {}, title), body);
  build().then(
    (nodes) => body.replaceChildren(...nodes),
    (e: unknown) => body.replaceChildren(el('p', { class: 'muted small' }, `Could not load: ${e instanceof Error ? e.message : String(e)}`)),
  );
  return sec;
}

/** Updates the "+" / "✓" marks of rank lists after the graph changed (lists are cached). */
export function refreshMarks(root: HTMLElement, host: InsightHost): void {
  root.querySelectorAll<HTMLButtonElement>('button[data-add]').forEach((b) => {
    const id = b.dataset.add ?? '';
    const inGraph = host.has(id);
    if (b.classList.contains('in') === inGraph) return;
    b.classList.toggle('in', inGraph);
    b.textContent = inGraph ? '✓' : '+';
    b.title = inGraph ? 'In the graph' : 'Add to the graph';
  });
}

/**
 * Panel sections built once per node and filter, then reused while the user moves around (the
 * DOM, with its charts; the answers themselves are cached by the API client). The "+"/"✓" marks
 * are refreshed on every use, as the graph may have changed.
 */
export class BuiltSections {
  private readonly built = new Map<string, HTMLElement>();

  constructor(
    private readonly host: InsightHost,
    private readonly build: (id: string, f: Filters) => HTMLElement,
    private readonly max = 30,
  ) {}

  element(id: string): HTMLElement {
    const f = this.host.filters();
    const key = `${id}|${filterKey(f)}`;
    let root = this.built.get(key);
    if (!root) {
      root = this.build(id, f);
      if (this.built.size >= this.max) this.built.delete(this.built.keys().next().value!);
      this.built.set(key, root);
    }
    refreshMarks(root, this.host);
    return root;
  }
}
