/**
 * The chrome around the graph, in one place: the node tooltip, the status line, toasts and
 * screen-reader announcements. What they say comes from chrome/messages.ts.
 */
import { append, clear, el } from '../dom.ts';
import { adjacency } from '../model/graph.ts';
import type { Graph, GraphNode } from '../model/graph.ts';
import { selectionAnnouncement, tooltipText } from './messages.ts';
import type { StatusPart } from './messages.ts';

export interface ChromeElements {
  stage: HTMLElement;
  tooltip: HTMLElement;
  status: HTMLElement;
  toast: HTMLElement;
  live: HTMLElement;
}

export class Chrome {
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private announced: string | null = null;

  constructor(private readonly els: ChromeElements) {}

  /** Shows a node's tooltip above-right of the pointer, flipped when it would leave the stage. */
  showTooltip(n: GraphNode, ev: MouseEvent): void {
    const tip = this.els.tooltip;
    const t = tooltipText(n);
    clear(tip);
    append(tip, el('div', { class: 'tooltip-title' }, t.title), t.label ? el('div', { class: 'tooltip-label' }, t.label) : null, el('div', { class: 'tooltip-sub' }, t.sub), t.estimate ? el('div', { class: 'tooltip-sub tooltip-estimate', 'data-testid': 'tooltip-estimate' }, t.estimate) : null);
    const r = this.els.stage.getBoundingClientRect();
    tip.hidden = false;
    const tw = tip.offsetWidth || 260;
    const th = tip.offsetHeight || 60;
    let x = ev.clientX - r.left + 16;
    let y = ev.clientY - r.top - th - 16;
    if (x + tw > r.width - 8) x = ev.clientX - r.left - tw - 16;
    if (y < 8) y = ev.clientY - r.top + 20;
    tip.style.left = `${Math.max(8, x)}px`;
    tip.style.top = `${Math.max(8, y)}px`;
  }

  hideTooltip(): void {
    this.els.tooltip.hidden = true;
  }

  renderStatus(parts: readonly StatusPart[]): void {
    const status = this.els.status;
    clear(status);
    parts.forEach((p, i) => {
      if (i) status.append(el('span', { class: 'sep' }, ' · '));
      status.append(p.class || p.title || p.testid ? el('span', { class: p.class, title: p.title, 'data-testid': p.testid }, p.text) : p.text);
    });
    status.hidden = parts.length === 0;
  }

  toast(message: string): void {
    const t = this.els.toast;
    t.textContent = message;
    t.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (t.hidden = true), 5000);
  }

  announce(text: string): void {
    this.els.live.textContent = text;
  }

  /** Announces the selection when it changed. */
  announceSelection(selected: string | null, visible: Graph): void {
    if (selected === this.announced) return;
    this.announced = selected;
    const n = selected ? visible.nodes.get(selected) : undefined;
    if (!n) this.announce(selected ? '' : 'Selection cleared');
    else this.announce(selectionAnnouncement(n, adjacency(visible).get(n.id)?.size ?? 0));
  }
}
