/**
 * Legend that doubles as a filter: click a node kind or link type to hide or show it. It also
 * chooses what node size shows (connections, citations or PageRank) and what fill shows (the
 * kind or the community), and then lists the communities in view, largest first.
 */
import { clear, el, fmtInt } from '../dom.ts';
import { NO_COMMUNITY_COLOUR, OTHER_COMMUNITY_COLOUR, communityLabel } from '../model/analysis.ts';
import type { CommunityLegend } from '../model/analysis.ts';
import { COLOUR_MODES, LINK_TYPES, NODE_KINDS, SIZE_METRICS } from '../model/graph.ts';
import type { ColourBy, Filters, LinkType, NodeKind, SizeMetric } from '../model/graph.ts';
import { KIND_COLOR, KIND_LABEL, LINK_COLOR, LINK_DASH, LINK_LABEL, SIZE_LABEL, STUB_COLOR } from '../render/theme.ts';

export interface LegendCounts {
  kinds: Record<NodeKind, number>;
  links: Record<LinkType, number>;
  stubs: number;
}

export class Legend {
  /** Collapsed: only the node kinds, in one row (remembered across visits). */
  private collapsed = readCollapsed();
  private last: LegendState | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly onToggle: (f: { kind?: NodeKind; link?: LinkType }) => void,
    private readonly onSizeBy: (m: SizeMetric) => void,
    private readonly onColourBy: (c: ColourBy) => void,
  ) {}

  private toggleCollapsed(): void {
    this.collapsed = !this.collapsed;
    try {
      localStorage.setItem('cablescope.legendCollapsed', this.collapsed ? '1' : '0');
    } catch {
      /* storage unavailable */
    }
    if (this.last) this.render(this.last);
  }

  render(state: LegendState): void {
    this.last = state;
    const { counts, filters, sizeBy, colourBy, communities } = state;
    clear(this.root);
    this.root.classList.toggle('collapsed', this.collapsed);
    const fold = el('button', { type: 'button', class: 'legend-fold', 'aria-expanded': this.collapsed ? 'false' : 'true', title: this.collapsed ? 'Show the full legend' : 'Fold the legend' }, this.collapsed ? '▸' : '▾');
    fold.addEventListener('click', () => this.toggleCollapsed());
    this.root.append(fold);
    const kinds = el('ul', { class: 'legend-list', 'aria-label': 'Node types' });
    for (const k of NODE_KINDS) {
      const hidden = filters.hiddenKinds.includes(k);
      const b = el('button', { type: 'button', class: `legend-item${hidden ? ' off' : ''}`, 'aria-pressed': hidden ? 'false' : 'true', 'data-kind': k, title: hidden ? `Show ${KIND_LABEL[k].toLowerCase()}s` : `Hide ${KIND_LABEL[k].toLowerCase()}s` },
        // Colour by community: the kinds' own colours are not on the graph, so their swatches go neutral.
        el('span', { class: 'swatch-node', style: `background:${colourBy === 'community' ? NO_COMMUNITY_COLOUR : KIND_COLOR[k]}` }),
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
      // Folded: one row of kinds; under colour by community, the colours the graph shows instead.
      this.root.append(el('div', { class: 'legend-group' }, colourBy === 'community' && communities ? this.communityGroup(communities, true) : kinds));
      return;
    }
    const size = el('div', { class: 'segmented legend-size', role: 'group', 'aria-label': 'Node size shows' });
    for (const m of SIZE_METRICS) {
      const on = m === sizeBy;
      const b = el('button', { type: 'button', class: `seg${on ? ' on' : ''}`, 'aria-pressed': on ? 'true' : 'false', 'data-size': m, title: SIZE_TITLE[m] }, SIZE_LABEL[m]);
      b.addEventListener('click', () => this.onSizeBy(m));
      size.append(b);
    }
    const colour = el('div', { class: 'segmented legend-size', role: 'group', 'aria-label': 'Node colour shows' });
    for (const c of COLOUR_MODES) {
      const on = c === colourBy;
      const b = el('button', { type: 'button', class: `seg${on ? ' on' : ''}`, 'aria-pressed': on ? 'true' : 'false', 'data-colour': c, title: COLOUR_TITLE[c] }, c === 'kind' ? 'Type' : 'Community');
      b.addEventListener('click', () => this.onColourBy(c));
      colour.append(b);
    }
    this.root.append(el('div', { class: 'legend-group' }, el('h4', {}, 'Nodes'), kinds, el('h4', {}, 'Size'), size, el('h4', {}, 'Colour'), colour));
    if (colourBy === 'community' && communities) this.root.append(this.communityGroup(communities));
    this.root.append(el('div', { class: 'legend-group' }, el('h4', {}, 'Links'), links));
  }

  /** The communities in view, largest first, each named by its most important member; then "other" and "none". */
  private communityGroup(c: CommunityLegend, folded = false): HTMLElement {
    const list = el('ul', { class: 'legend-list legend-communities', 'aria-label': 'Communities in view', 'data-testid': 'community-legend' });
    const row = (colour: string, label: string, count: number, title: string, attrs: Record<string, string> = {}) =>
      el('li', {}, el('span', { class: 'legend-item static', title: `${label}: ${title}`, ...attrs }, el('span', { class: 'swatch-node', style: `background:${colour}` }), el('span', { class: 'legend-label' }, label), el('span', { class: 'legend-count' }, fmtInt(count))));
    for (const e of c.shown) {
      const network = e.network === 'ref' ? 'Cables that cite one another (Louvain community of the REF network)' : 'Posts that write to one another (Louvain community of the traffic network)';
      list.append(row(e.colour, communityLabel(e), e.count, `${network}, number ${e.community} in the corpus; named after its most important member in view`, { 'data-community': e.key, 'data-colour': e.colour }));
    }
    if (c.other.nodes) list.append(row(OTHER_COMMUNITY_COLOUR, `${fmtInt(c.other.communities)} smaller communit${c.other.communities === 1 ? 'y' : 'ies'}`, c.other.nodes, 'Communities past the largest ones in view share one colour', { 'data-community': 'other' }));
    if (c.none) list.append(row(NO_COMMUNITY_COLOUR, 'No community', c.none, 'Tags, and cables or posts the analysis put in no community (or the analysis has not run: npm run analyse)', { 'data-community': 'none' }));
    if (folded) return list;
    return el('div', { class: 'legend-group' }, el('h4', {}, 'Communities'), list);
  }
}

export interface LegendState {
  counts: LegendCounts;
  filters: Filters;
  sizeBy: SizeMetric;
  colourBy: ColourBy;
  /** The communities in view (model/analysis.ts `communityLegend`) when colouring by community. */
  communities: CommunityLegend | null;
}

const SIZE_TITLE: Record<SizeMetric, string> = {
  degree: 'Size nodes by their number of connections',
  citedBy: 'Size cables by how many cables cite them (posts and tags: one size)',
  pagerank: 'Size cables by their PageRank in the citation network, from the lowest in view to the highest (posts and tags: one size)',
};

const COLOUR_TITLE: Record<ColourBy, string> = {
  kind: 'Colour nodes by type: cable, post, tag',
  community: 'Colour cables by their community in the citation network and posts by their community in the traffic network',
};

function readCollapsed(): boolean {
  try {
    const v = localStorage.getItem('cablescope.legendCollapsed');
    return v === null ? window.innerWidth < 1100 : v === '1';
  } catch {
    return false;
  }
}
