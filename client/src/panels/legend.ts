/**
 * Legend that doubles as a filter: click a node kind or link type to hide or show it. It also
 * chooses what node size shows (connections or citations).
 */
import { clear, el, fmtInt } from '../dom.ts';
import { LINK_TYPES, NODE_KINDS, SIZE_METRICS } from '../model/graph.ts';
import type { Filters, LinkType, NodeKind, SizeMetric } from '../model/graph.ts';
import { KIND_COLOR, KIND_LABEL, LINK_COLOR, LINK_DASH, LINK_LABEL, SIZE_LABEL, STUB_COLOR } from '../render/theme.ts';

export interface LegendCounts {
  kinds: Record<NodeKind, number>;
  links: Record<LinkType, number>;
  stubs: number;
}

export class Legend {
  /** Collapsed: only the node kinds, in one row (remembered across visits). */
  private collapsed = readCollapsed();
  private last: { counts: LegendCounts; filters: Filters; sizeBy: SizeMetric } | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly onToggle: (f: { kind?: NodeKind; link?: LinkType }) => void,
    private readonly onSizeBy: (m: SizeMetric) => void,
  ) {}

  private toggleCollapsed(): void {
    this.collapsed = !this.collapsed;
    try {
      localStorage.setItem('cablescope.legendCollapsed', this.collapsed ? '1' : '0');
    } catch {
      /* storage unavailable */
    }
    if (this.last) this.render(this.last.counts, this.last.filters, this.last.sizeBy);
  }

  render(counts: LegendCounts, filters: Filters, sizeBy: SizeMetric): void {
    this.last = { counts, filters, sizeBy };
    clear(this.root);
    this.root.classList.toggle('collapsed', this.collapsed);
    const fold = el('button', { type: 'button', class: 'legend-fold', 'aria-expanded': this.collapsed ? 'false' : 'true', title: this.collapsed ? 'Show the full legend' : 'Fold the legend' }, this.collapsed ? '▸' : '▾');
    fold.addEventListener('click', () => this.toggleCollapsed());
    this.root.append(fold);
    const kinds = el('ul', { class: 'legend-list', 'aria-label': 'Node types' });
    for (const k of NODE_KINDS) {
      const hidden = filters.hiddenKinds.includes(k);
      const b = el('button', { type: 'button', class: `legend-item${hidden ? ' off' : ''}`, 'aria-pressed': hidden ? 'false' : 'true', 'data-kind': k, title: hidden ? `Show ${KIND_LABEL[k].toLowerCase()}s` : `Hide ${KIND_LABEL[k].toLowerCase()}s` },
        el('span', { class: 'swatch-node', style: `background:${KIND_COLOR[k]}` }),
        el('span', { class: 'legend-label' }, `${KIND_LABEL[k]}s`),
        el('span', { class: 'legend-count' }, fmtInt(counts.kinds[k])),
      );
      b.addEventListener('click', () => this.onToggle({ kind: k }));
      kinds.append(el('li', {}, b));
    }
    kinds.append(
      el('li', {},
        el('span', { class: 'legend-item static', title: 'Cited cables that are not in the corpus' },
          el('span', { class: 'swatch-node stub', style: `border-color:${STUB_COLOR}` }),
          el('span', { class: 'legend-label' }, 'Not in corpus'),
          el('span', { class: 'legend-count' }, fmtInt(counts.stubs)),
        ),
      ),
    );
    const links = el('ul', { class: 'legend-list', 'aria-label': 'Link types' });
    for (const t of LINK_TYPES) {
      const hidden = filters.hiddenLinks.includes(t);
      const dash = LINK_DASH[t].length ? 'dashed' : 'solid';
      const b = el('button', { type: 'button', class: `legend-item${hidden ? ' off' : ''}`, 'aria-pressed': hidden ? 'false' : 'true', 'data-link': t, title: hidden ? `Show ${LINK_LABEL[t]} links` : `Hide ${LINK_LABEL[t]} links` },
        el('span', { class: `swatch-link ${dash}`, style: `border-top-color:${LINK_COLOR[t]}` }),
        el('span', { class: 'legend-label' }, LINK_LABEL[t]),
        el('span', { class: 'legend-count' }, fmtInt(counts.links[t])),
      );
      b.addEventListener('click', () => this.onToggle({ link: t }));
      links.append(el('li', {}, b));
    }
    if (this.collapsed) {
      this.root.append(el('div', { class: 'legend-group' }, kinds));
      return;
    }
    const size = el('div', { class: 'segmented legend-size', role: 'group', 'aria-label': 'Node size shows' });
    for (const m of SIZE_METRICS) {
      const on = m === sizeBy;
      const b = el('button', { type: 'button', class: `seg${on ? ' on' : ''}`, 'aria-pressed': on ? 'true' : 'false', 'data-size': m, title: m === 'citedBy' ? 'Size cables by how many cables cite them' : 'Size nodes by their number of connections' }, SIZE_LABEL[m]);
      b.addEventListener('click', () => this.onSizeBy(m));
      size.append(b);
    }
    this.root.append(
      el('div', { class: 'legend-group' }, el('h4', {}, 'Nodes'), kinds, el('h4', {}, 'Size'), size),
      el('div', { class: 'legend-group' }, el('h4', {}, 'Links'), links),
    );
  }
}

function readCollapsed(): boolean {
  try {
    const v = localStorage.getItem('cablescope.legendCollapsed');
    return v === null ? window.innerWidth < 1100 : v === '1';
  } catch {
    return false;
  }
}
