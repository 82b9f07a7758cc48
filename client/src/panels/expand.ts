/**
 * Selective expand (Linkurious-style): pick a relationship type and direction ("cited by",
 * "sent", "received TO/INFO", "tagged"…), an order (most connected / newest / oldest) and how
 * many, and see "50 of 3,412" before adding. Above a threshold the API answers with aggregates
 * (per month, per sending post, per classification): shown as a histogram and a list to drill
 * into (a month, a sender) instead of drawing thousands of nodes.
 */
import type { ExpandOrder, ExpandResponse, GraphNode } from '../../../server/src/api/types.ts';
import type { Api } from '../api.ts';
import { append, clear, el, fmtInt } from '../dom.ts';
import type { Filters } from '../model/graph.ts';
import { KIND_LABEL } from '../render/theme.ts';
import { EXPAND_CHOICES, encodeSpec } from '../model/expand-spec.ts';
import type { ExpandChoice, ExpandSpec } from '../model/expand-spec.ts';
import { apiFilter } from '../model/filters.ts';
import { monthChart } from './timeline-chart.ts';

const LIMITS = [25, 50, 100, 200];
const ORDERS: { value: ExpandOrder; label: string }[] = [
  { value: 'importance', label: 'Most important' },
  { value: 'degree', label: 'Most connected' },
  { value: 'newest', label: 'Newest' },
  { value: 'oldest', label: 'Oldest' },
];

export interface ExpandMenuHost {
  readonly api: Api;
  filters(): Filters;
  /** Adds the expansion to the view (an undoable op in the URL). */
  apply(id: string, spec: string): void;
  /** Whether a node is already in the graph (to say how many an expansion adds). */
  has(id: string): boolean;
}

interface Drill {
  from: string | null;
  to: string | null;
  sender: string | null;
}

export class ExpandMenu {
  readonly root: HTMLElement;
  private node: GraphNode | null = null;
  private choice: ExpandChoice | null = null;
  private order: ExpandOrder = 'importance';
  private limit = 50;
  private offset = 0;
  private drill: Drill = { from: null, to: null, sender: null };
  private counts = new Map<string, number>();
  private token = 0;
  private readonly result: HTMLElement;

  constructor(
    stage: HTMLElement,
    private readonly host: ExpandMenuHost,
  ) {
    this.result = el('div', { class: 'xm-result' });
    this.root = el('div', { class: 'expand-menu', 'data-testid': 'expand-menu', role: 'dialog', 'aria-label': 'Expand by relationship', hidden: true });
    stage.append(this.root);
    document.addEventListener('mousedown', (ev) => {
      if (!this.root.hidden && !this.root.contains(ev.target as Node)) this.close();
    });
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  close(): void {
    this.root.hidden = true;
    this.token++;
  }

  open(node: GraphNode, at: { x: number; y: number }): void {
    this.node = node;
    this.choice = null;
    this.offset = 0;
    this.drill = { from: null, to: null, sender: null };
    this.counts.clear();
    this.root.hidden = false;
    const stage = this.root.parentElement!.getBoundingClientRect();
    this.root.style.left = `${Math.max(8, Math.min(at.x, stage.width - 380))}px`;
    // Keep clear of the filter bar at the bottom of the stage; scroll inside when short.
    const top = Math.max(8, Math.min(at.y, stage.height - 90 - 520));
    this.root.style.top = `${top}px`;
    this.root.style.maxHeight = `${Math.max(200, stage.height - 90 - top)}px`;
    this.render();
    void this.loadCounts();
  }

  private async loadCounts(): Promise<void> {
    const node = this.node;
    if (!node) return;
    const token = this.token;
    const dirs = [...new Set(EXPAND_CHOICES[node.kind].map((c) => c.direction))];
    const af = apiFilter(this.host.filters());
    try {
      const answers = await Promise.all(dirs.map((d) => this.host.api.expand({ id: node.id, direction: d, mode: 'aggregate', limit: 1, ...af })));
      if (token !== this.token) return;
      answers.forEach((r, i) => {
        for (const t of r.aggregate?.byType ?? []) this.counts.set(`${dirs[i]}:${t.type}`, t.count);
      });
      this.render();
    } catch {
      /* counts are a nicety: the menu still works */
    }
  }

  private countOf(c: ExpandChoice): number | null {
    if (!this.counts.size) return null;
    return c.types.reduce((a, t) => a + (this.counts.get(`${c.direction}:${t}`) ?? 0), 0);
  }

  private spec(): ExpandSpec | null {
    if (!this.choice) return null;
    return { types: [...this.choice.types], direction: this.choice.direction, order: this.order, limit: this.limit, from: this.drill.from, to: this.drill.to, sender: this.drill.sender, offset: this.offset };
  }

  private render(): void {
    const node = this.node;
    if (!node) return;
    clear(this.root);
    const close = el('button', { type: 'button', class: 'xm-close', 'aria-label': 'Close' }, '×');
    close.addEventListener('click', () => this.close());
    const choices = el('div', { class: 'xm-choices', role: 'radiogroup', 'aria-label': 'Relationship' });
    for (const c of EXPAND_CHOICES[node.kind]) {
      const n = this.countOf(c);
      const on = this.choice === c;
      const b = el('button', { type: 'button', role: 'radio', 'aria-checked': on ? 'true' : 'false', class: `xm-choice${on ? ' on' : ''}${n === 0 ? ' empty' : ''}`, 'data-choice': c.label, title: c.hint, disabled: n === 0 },
        el('span', {}, c.label),
        el('span', { class: 'xm-count' }, n === null ? '…' : fmtInt(n)),
      );
      b.addEventListener('click', () => {
        this.choice = c;
        this.offset = 0;
        this.drill = { from: null, to: null, sender: null };
        this.render();
        void this.preview();
      });
      choices.append(b);
    }
    const order = el('select', { class: 'xm-select', 'aria-label': 'Order' });
    for (const o of ORDERS) order.append(el('option', { value: o.value, ...(o.value === this.order ? { selected: true } : {}) }, o.label));
    order.addEventListener('change', () => {
      this.order = order.value as ExpandOrder;
      this.offset = 0;
      void this.preview();
    });
    const limit = el('select', { class: 'xm-select', 'aria-label': 'How many' });
    for (const l of LIMITS) limit.append(el('option', { value: l, ...(l === this.limit ? { selected: true } : {}) }, `${l}`));
    limit.addEventListener('change', () => {
      this.limit = Number(limit.value);
      this.offset = 0;
      void this.preview();
    });
    this.root.append(
      el('div', { class: 'xm-head' }, el('div', {}, el('div', { class: 'xm-kicker' }, `Expand ${KIND_LABEL[node.kind].toLowerCase()}`), el('div', { class: 'xm-title' }, node.kind === 'cable' ? node.key : node.label || node.key)), close),
      choices,
      el('div', { class: 'xm-options' }, el('label', {}, el('span', { class: 'muted small' }, 'Order'), order), el('label', {}, el('span', { class: 'muted small' }, 'Show'), limit)),
      this.result,
    );
    if (!this.choice) {
      clear(this.result);
      this.result.append(el('p', { class: 'muted small' }, 'Pick a relationship to see what it would add.'));
    }
  }

  private async preview(): Promise<void> {
    const node = this.node;
    const spec = this.spec();
    if (!node || !spec) return;
    const token = ++this.token;
    clear(this.result);
    this.result.append(el('p', { class: 'muted small spinner-text' }, 'Counting…'));
    const af = apiFilter(this.host.filters());
    try {
      const r = await this.host.api.expand({
        id: node.id,
        types: spec.types,
        direction: spec.direction,
        order: spec.order,
        limit: spec.limit,
        offset: spec.offset ?? 0,
        // The server's threshold: the same rule as a click (summaries past it, to drill into).
        mode: 'auto',
        sender: spec.sender ?? null,
        from: spec.from ?? af.from,
        to: spec.to ?? af.to,
        classification: af.classification,
      });
      if (token !== this.token) return;
      this.renderResult(r, spec);
    } catch (e) {
      if (token !== this.token) return;
      clear(this.result);
      this.result.append(el('p', { class: 'muted small' }, `Could not expand: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  private drillChips(): HTMLElement | null {
    const d = this.drill;
    if (!d.from && !d.sender) return null;
    const chips = el('div', { class: 'xm-drill' });
    const chip = (label: string, clearIt: () => void) => {
      const b = el('button', { type: 'button', class: 'fb-chip on', title: 'Remove this drill-down' }, label, el('span', { class: 'fb-x' }, '×'));
      b.addEventListener('click', () => {
        clearIt();
        void this.preview();
      });
      chips.append(b);
    };
    if (d.from) chip(d.from === d.to ? d.from : `${d.from} – ${d.to}`, () => ((this.offset = 0), (this.drill = { ...this.drill, from: null, to: null })));
    if (d.sender) chip(`from ${d.sender}`, () => ((this.offset = 0), (this.drill = { ...this.drill, sender: null })));
    return chips;
  }

  private renderResult(r: ExpandResponse, spec: ExpandSpec): void {
    clear(this.result);
    const node = this.node!;
    const drill = this.drillChips();
    if (drill) this.result.append(drill);
    if (r.mode === 'aggregate' && r.aggregate) {
      const a = r.aggregate;
      this.result.append(
        el('p', { class: 'xm-summary', 'data-testid': 'xm-summary' }, el('strong', {}, fmtInt(r.total)), ` ${this.choice?.label.toLowerCase() ?? 'neighbours'}: too many to draw. Pick a month or a sender to narrow down.`),
        el('h4', { class: 'xm-h' }, 'Per month'),
        monthChart([{ label: 'cables', color: '#3d6fb6', buckets: a.byMonth }], {
          width: 340,
          height: 84,
          onMonth: (m) => {
            this.offset = 0;
            this.drill = { ...this.drill, from: m, to: m };
            void this.preview();
          },
        }),
      );
      if (a.bySender.length) {
        const list = el('ol', { class: 'rank-list xm-senders' });
        const peak = Math.max(1, ...a.bySender.map((s) => s.count));
        for (const s of a.bySender.slice(0, 8)) {
          const b = el('button', { type: 'button', class: 'node-link rank-name', 'data-sender': s.key, title: `Only cables sent by ${s.name}` }, s.name || s.key);
          b.addEventListener('click', () => {
            this.offset = 0;
            this.drill = { ...this.drill, sender: s.key };
            void this.preview();
          });
          list.append(el('li', { class: 'rank-row' }, el('span', { class: 'rank-main' }, b, el('span', { class: 'rank-bar' }, el('span', { class: 'rank-fill a', style: `width:${(100 * s.count) / peak}%` }))), el('span', { class: 'rank-count' }, fmtInt(s.count))));
        }
        this.result.append(el('h4', { class: 'xm-h' }, 'Per sending post'), list);
      }
      const anyway = el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'xm-add' }, `Add the ${fmtInt(spec.limit)} ${ORDERS.find((o) => o.value === spec.order)!.label.toLowerCase()} anyway`);
      anyway.addEventListener('click', () => this.add(node.id, spec));
      this.result.append(el('div', { class: 'xm-actions' }, anyway));
      return;
    }
    const shown = Math.max(0, r.nodes.length - 1);
    const fresh = r.nodes.slice(1).filter((n) => !this.host.has(n.id)).length;
    const sample = r.nodes.slice(1, 7).map((n) => (n.kind === 'cable' ? n.key : n.label || n.key));
    const add = el('button', { type: 'button', class: 'btn btn-small btn-primary', 'data-action': 'xm-add', disabled: shown === 0 }, shown === 0 ? 'Nothing to add' : `Add ${fmtInt(shown)}`);
    add.addEventListener('click', () => this.add(node.id, spec));
    const page = (delta: number) => {
      this.offset = Math.max(0, this.offset + delta);
      void this.preview();
    };
    const off = spec.offset ?? 0;
    const prev = el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'xm-prev', disabled: off === 0, title: 'Previous page' }, '‹');
    const next = el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'xm-next', disabled: !r.truncated, title: 'Next page' }, '›');
    prev.addEventListener('click', () => page(-spec.limit));
    next.addEventListener('click', () => page(spec.limit));
    const pager = off > 0 || r.truncated ? el('div', { class: 'xm-pager' }, prev, next) : null;
    append(this.result,
      el('p', { class: 'xm-summary', 'data-testid': 'xm-summary' }, el('strong', {}, off > 0 ? `${fmtInt(off + 1)}–${fmtInt(off + shown)} of ${fmtInt(r.total)}` : `${fmtInt(shown)} of ${fmtInt(r.total)}`), ` ${this.choice?.label.toLowerCase() ?? 'neighbours'}`, el('span', { class: 'muted', 'data-testid': 'xm-new' }, ` · ${fmtInt(fresh)} new`)),
      sample.length ? el('p', { class: 'muted small xm-sample' }, `${sample.join(', ')}${shown > sample.length ? ', …' : ''}`) : null,
      el('div', { class: 'xm-actions' }, pager, add),
    );
  }

  private add(id: string, spec: ExpandSpec): void {
    // The view's date range applies unless a drill-down narrowed it: recorded in the spec, so
    // the link replays the same expansion whatever the filters become later.
    const f = this.host.filters();
    const withRange = spec.from || spec.to ? spec : { ...spec, from: f.from ?? null, to: f.to ?? null };
    this.host.apply(id, encodeSpec(withRange));
    this.close();
  }
}
