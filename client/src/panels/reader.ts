/**
 * The side panel: a cable's metadata and text, or a post/tag summary, or an overview of the
 * view. All data goes into the DOM as text nodes (see dom.ts); REF mentions in the cable text
 * become buttons built with DOM APIs.
 */
import type { CableDetail, CableLinkView, EstimatedDate, RecipientView, RelatedResponse } from '../../../server/src/api/types.ts';
import { estimateParts, relatedEntries, relatedReason, aboutDate, cableDay } from '../model/analysis.ts';
import { Api, ApiRequestError } from '../api.ts';
import { append, clear, el, fmtDate, fmtDay, fmtInt } from '../dom.ts';
import type { GraphNode } from '../model/graph.ts';
import { classLevel } from '../model/filters.ts';
import { linkRefs } from '../model/refs.ts';
import { isSummary, type Slice, type SummaryNode } from '../model/summary.ts';
import { reflow } from '../model/text.ts';
import { markTerms } from '../model/highlight.ts';
import { cleanReleaseText, hasReleaseArtefacts } from '../model/release-text.ts';
import { KIND_COLOR, KIND_LABEL, isStub } from '../render/theme.ts';

export interface ReaderActions {
  /** Open a node id (`cable:…`, `post:…`, `tag:…`): select it or show it. */
  open(id: string): void;
  expand(id: string): void;
  dismiss(id: string): void;
  togglePin(id: string): void;
  focus(id: string): void;
}

export interface NodeContext {
  inGraph: boolean;
  expanded: boolean;
  pinned: boolean;
  /** Neighbours in the current view, for posts and tags. */
  neighbours: GraphNode[];
}

export class ReaderPanel {
  private token = 0;
  /** Show the telegram's own line breaks instead of reflowed paragraphs (remembered). */
  private originalBreaks = readFlag('cablescope.originalBreaks');
  /** Show the text with the release's artefacts (`&resist … indefinitely.8`) instead of cleaned (remembered). */
  private asReleased = readFlag('cablescope.asReleased');
  /** Words of the last search, marked in the text. */
  private terms: string[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly api: Api,
    private readonly actions: ReaderActions,
  ) {
    if (readFlag('cablescope.wideReading')) document.body.classList.add('reading-wide');
  }

  /** What is currently shown, for re-rendering on state change without refetching. */
  private current: string | null = null;

  get shown(): string | null {
    return this.current;
  }

  /** Marks these words in the cable text (the last search); re-renders the cable shown. */
  setTerms(terms: string[]): void {
    if (terms.join('\u0001') === this.terms.join('\u0001')) return;
    this.terms = terms;
    this.rerender?.();
  }

  private rerender: (() => void) | null = null;

  private wideButton(): HTMLElement {
    const b = el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'wide-reading', 'aria-pressed': wideReading() ? 'true' : 'false', title: 'Wide reading mode (w)' }, wideReading() ? 'Narrow' : 'Wide');
    b.addEventListener('click', () => {
      setWideReading(!wideReading());
      b.textContent = wideReading() ? 'Narrow' : 'Wide';
      b.setAttribute('aria-pressed', wideReading() ? 'true' : 'false');
    });
    return b;
  }

  showOverview(lines: { label: string; value: string }[], hint: string): void {
    this.token++;
    this.rerender = null;
    this.current = null;
    clear(this.root);
    append(this.root,
      el('div', { class: 'panel-empty' },
        el('h2', {}, 'Cablescope'),
        el('p', { class: 'muted' }, hint),
        lines.length ? el('dl', { class: 'meta' }, ...lines.flatMap((l) => [el('dt', {}, l.label), el('dd', {}, l.value)])) : null,
      ),
    );
  }

  /** A summary node: what it stands for, and the slices to add (most important, a post, a year). */
  showSummary(node: SummaryNode, drill: (slice: Slice) => void): void {
    this.token++;
    this.current = node.id;
    this.rerender = null;
    clear(this.root);
    const s = node.summary;
    const max = s.maxNodes;
    const noun = s.kind === 'cable' ? 'cables' : `${s.kind}s`;
    const button = (label: string, title: string, slice: Slice, attrs: Record<string, string>) => {
      const b = el('button', { type: 'button', class: 'node-link', title, ...attrs }, label);
      b.addEventListener('click', () => drill(slice));
      return b;
    };
    const addText = (count: number) => (count > max ? `Add the ${fmtInt(max)} most important of ${fmtInt(count)}` : `Add ${count === 1 ? 'it' : `all ${fmtInt(count)}`}`);
    const top = el('button', { type: 'button', class: 'btn btn-small btn-primary', 'data-testid': 'drill-top' }, s.total > max ? `Add the ${fmtInt(max)} most important` : `Add all ${fmtInt(s.total)}`);
    top.addEventListener('click', () => drill({ by: 'top' }));
    const senders = s.bySender.length
      ? el('section', { class: 'panel-section' },
          el('h3', {}, `By sending post · ${fmtInt(s.bySender.length)}${s.bySender.length >= 12 ? ' largest' : ''}`),
          el('ul', { class: 'link-list' }, ...s.bySender.map((p) => el('li', { class: 'node-link-row' }, button(p.name || p.key, `${addText(p.count)} ${noun} sent by ${p.name || p.key}`, { by: 'sender', key: p.key }, { 'data-testid': 'drill-sender', 'data-key': p.key }), el('span', { class: 'muted small' }, fmtInt(p.count))))),
        )
      : null;
    const years = s.byYear.length
      ? el('section', { class: 'panel-section' },
          el('h3', {}, 'By year'),
          el('ul', { class: 'link-list' }, ...s.byYear.map((y) => el('li', { class: 'node-link-row' }, button(String(y.year), `${addText(y.count)} ${noun} of ${y.year}`, { by: 'year', year: y.year }, { 'data-testid': 'drill-year', 'data-year': String(y.year) }), el('span', { class: 'muted small' }, fmtInt(y.count))))),
          s.undated ? el('p', { class: 'muted small' }, `${fmtInt(s.undated)} without a date`) : null,
        )
      : null;
    append(this.root,
      el('header', { class: 'panel-header' },
        el('div', { class: 'panel-kicker' }, el('span', { class: 'kind-dot', style: `background:${KIND_COLOR[s.kind]}` }), el('span', {}, 'Summary')),
        el('div', { class: 'panel-actions' }, top),
      ),
      el('h2', { class: 'panel-title', 'data-testid': 'panel-title' }, node.label),
      el('p', { class: 'muted', 'data-testid': 'summary-hint' }, `Too many to draw one by one: one step adds at most ${fmtInt(max)} nodes. Add the most important, or all of one post or one year.`),
      senders,
      years,
    );
  }

  async showNode(node: GraphNode | { id: string; kind: GraphNode['kind']; key: string; label: string; degree?: number }, ctx: NodeContext): Promise<void> {
    const token = ++this.token;
    const same = this.current === node.id;
    this.current = node.id;
    if (node.kind !== 'cable') {
      this.renderEntity(node, ctx);
      return;
    }
    const cached = this.api.peekCable(node.key);
    if (cached) {
      this.renderCable(cached, ctx, same);
      return;
    }
    // The header reflects the current context (in graph, expanded…) even while loading.
    clear(this.root);
    this.root.append(this.header(node.id, 'cable', node.key, ctx, null), el('p', { class: 'muted loading' }, 'Loading cable…'));
    try {
      const d = await this.api.cable(node.key);
      if (token !== this.token) return;
      this.renderCable(d, ctx, false);
    } catch (e) {
      if (token !== this.token) return;
      clear(this.root);
      const msg =
        e instanceof ApiRequestError && e.status === 404
          ? 'This cable is cited by others but is not in the corpus.'
          : `Could not load the cable: ${e instanceof Error ? e.message : String(e)}`;
      this.root.append(this.header(node.id, 'cable', node.key, ctx, null), el('p', { class: 'muted' }, msg));
    }
  }

  private header(id: string, kind: GraphNode['kind'], key: string, ctx: NodeContext, classification: string | null, stub = false): HTMLElement {
    const actions = el('div', { class: 'panel-actions' });
    const btn = (label: string, title: string, fn: () => void, extra: Record<string, string> = {}) => {
      const b = el('button', { type: 'button', class: 'btn btn-small', title, ...extra }, label);
      b.addEventListener('click', fn);
      actions.append(b);
    };
    if (ctx.inGraph) {
      btn(ctx.expanded ? 'Expanded' : 'Expand', 'Merge this node’s neighbourhood into the graph (e)', () => this.actions.expand(id), {
        'data-action': 'expand',
        ...(ctx.expanded ? { 'aria-disabled': 'true' } : {}),
      });
      btn('Center', 'Center the view on this node', () => this.actions.focus(id), { 'data-action': 'focus' });
      btn(ctx.pinned ? 'Unpin' : 'Pin', 'Pin or release this node (p)', () => this.actions.togglePin(id), { 'data-action': 'pin' });
      btn('Dismiss', 'Remove this node from the view (Delete)', () => this.actions.dismiss(id), { 'data-action': 'dismiss' });
    } else {
      btn('Add to graph', 'Add this node and its neighbourhood to the view', () => this.actions.expand(id), { 'data-action': 'add' });
    }
    return el('header', { class: 'panel-header' },
      el('div', { class: 'panel-kicker' },
        el('span', { class: `kind-dot${stub ? ' stub' : ''}`, style: stub ? '' : `background:${KIND_COLOR[kind]}` }),
        el('span', {}, stub ? 'Cited cable (not in corpus)' : KIND_LABEL[kind]),
        classification ? el('span', { class: `badge cls-${classLevel(classification)}` }, classification) : null,
      ),
      el('div', { class: 'panel-id', 'data-testid': 'panel-id' }, key),
      actions,
    );
  }

  private renderEntity(node: { id: string; kind: GraphNode['kind']; key: string; label: string; degree?: number }, ctx: NodeContext): void {
    this.rerender = null;
    clear(this.root);
    const byKind = new Map<string, GraphNode[]>();
    // a summary node ("PREL: 215 cables") stands for many cables: it is listed by its label, apart
    const summaries = ctx.neighbours.filter(isSummary);
    for (const n of ctx.neighbours) {
      if (isSummary(n)) continue;
      const list = byKind.get(n.kind) ?? [];
      list.push(n);
      byKind.set(n.kind, list);
    }
    const sections: HTMLElement[] = [];
    for (const [kind, list] of byKind) {
      list.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.key.localeCompare(b.key));
      sections.push(
        el('section', { class: 'panel-section' },
          el('h3', {}, `${KIND_LABEL[kind as GraphNode['kind']]}s in view · ${fmtInt(list.length)}`),
          el('ul', { class: 'link-list' }, ...list.slice(0, 200).map((n) => el('li', {}, this.nodeLink(n.id, n.kind === 'cable' ? n.key : n.label, n.kind === 'cable' ? (n.subject ?? null) : null, isStub(n))))),
        ),
      );
    }
    if (summaries.length > 0) {
      sections.push(
        el('section', { class: 'panel-section' },
          el('h3', {}, `Summaries in view · ${fmtInt(summaries.length)}`),
          el('ul', { class: 'link-list' }, ...summaries.map((n) => el('li', {}, this.nodeLink(n.id, n.label)))),
        ),
      );
    }
    append(this.root,
      this.header(node.id, node.kind, node.key, ctx, null),
      el('h2', { class: 'panel-title', 'data-testid': 'panel-title' }, node.label || node.key),
      el('dl', { class: 'meta' },
        el('dt', {}, 'Connections'),
        el('dd', {}, node.degree !== undefined ? `${fmtInt(node.degree)} in the corpus` : '—'),
      ),
      ...sections,
    );
  }

  private renderCable(d: CableDetail, ctx: NodeContext, keepScroll: boolean): void {
    const scroll = this.root.scrollTop;
    clear(this.root);
    const meta = el('dl', { class: 'meta' });
    const row = (label: string, ...value: (Node | string | null)[]) => {
      meta.append(el('dt', {}, label), el('dd', {}, ...value));
    };
    const estimate = !d.inCorpus ? d.analysis?.estimatedDate ?? null : null;
    row('Date', ...(estimate ? this.estimate(estimate) : [fmtDate(d.date)]));
    // A cited cable missing from the corpus is known only by its id: no empty rows for what nobody knows.
    if (d.inCorpus || d.classification) row('Classification', d.classification ?? '—');
    if (d.inCorpus || d.origin) row('Origin', d.origin ?? '—');
    if (d.inCorpus || d.sender) row('From', d.sender ? this.nodeLink(`post:${d.sender.key}`, d.sender.name) : '—');
    if (d.inCorpus || d.to.length) row('To', this.recipients(d.to));
    if (d.inCorpus || d.info.length) row('Info', this.recipients(d.info));
    if (d.inCorpus || d.tags.length) row('Tags', d.tags.length ? el('span', { class: 'chips' }, ...d.tags.map((t) => this.chip(`tag:${t.code}`, t.code, t.kind))) : '—');
    if (d.idAsWritten && d.idAsWritten !== d.id) row('Written as', d.idAsWritten);

    const body = el('pre', { class: 'cable-text', 'data-testid': 'cable-text' });
    const knownKeys = [...d.references, ...d.citedBy].map((r) => r.id);
    const artefacts = hasReleaseArtefacts(d.body ?? '');
    const fill = () => {
      clear(body);
      const broken = this.originalBreaks ? d.body ?? '' : reflow(d.body ?? '');
      const text = this.asReleased ? broken : cleanReleaseText(broken);
      body.classList.toggle('original', this.originalBreaks);
      for (const seg of linkRefs(text, knownKeys)) {
        if (seg.ref === undefined) {
          for (const part of markTerms(seg.text, this.terms)) body.append(part.mark ? el('mark', { class: 'term' }, part.text) : document.createTextNode(part.text));
        } else {
          const a = el('button', { type: 'button', class: 'ref-link', title: `Open ${seg.ref}`, 'data-ref': seg.ref }, seg.text);
          const ref = seg.ref;
          a.addEventListener('click', () => this.actions.open(`cable:${ref}`));
          body.append(a);
        }
      }
    };
    fill();
    this.rerender = fill;
    const check = (label: string, title: string, testid: string, on: boolean, set: (v: boolean) => void) => {
      const box = el('label', { class: 'text-toggle', title }, el('input', { type: 'checkbox', 'data-testid': testid, ...(on ? { checked: true } : {}) }), ` ${label}`);
      box.querySelector('input')?.addEventListener('change', (ev) => {
        set((ev.target as HTMLInputElement).checked);
        fill();
      });
      return box;
    };
    const toggles = el('div', { class: 'text-toggles' },
      check('Original line breaks', 'Show the line breaks of the original telegram', 'original-breaks', this.originalBreaks, (v) => {
        this.originalBreaks = v;
        writeFlag('cablescope.originalBreaks', v);
      }),
      artefacts
        ? check('As released', 'Show the text exactly as released: the leak turned quotes into & and 8 and apostrophes into commas', 'as-released', this.asReleased, (v) => {
            this.asReleased = v;
            writeFlag('cablescope.asReleased', v);
          })
        : null,
      this.wideButton(),
    );

    append(this.root,
      this.header(`cable:${d.id}`, 'cable', d.id, ctx, d.classification, !d.inCorpus),
      el('h2', { class: 'panel-title', 'data-testid': 'panel-title' }, d.subject ?? (d.inCorpus ? '(no subject)' : 'Not in the corpus')),
      meta,
      this.cableList('References', 'Cables this cable cites (REF)', d.references, 'refs'),
      this.cableList('Cited by', 'Cables that cite this cable', d.citedBy, 'citedby'),
      this.relatedSection(d.id),
      d.header
        ? el('details', { class: 'panel-section cable-header' }, el('summary', {}, 'Routing header'), el('pre', { class: 'cable-text small' }, d.header))
        : null,
      d.body ? el('section', { class: 'panel-section' }, el('div', { class: 'section-head' }, el('h3', {}, 'Text'), toggles), body) : d.inCorpus ? null : el('p', { class: 'muted' }, 'Only known from other cables’ references.'),
    );
    if (keepScroll) this.root.scrollTop = scroll;
  }

  /** A ghost's date: "about …", its window, and the bracketing cables it comes from (clickable). */
  private estimate(e: EstimatedDate): (Node | string)[] {
    const p = estimateParts(e);
    const from: (Node | string)[] = [];
    p.from.forEach((key, i) => {
      if (i) from.push(' and ');
      from.push(this.inlineLink(`cable:${key}`, key));
    });
    return [
      el('span', { class: 'estimated-date', 'data-testid': 'estimated-date' },
        el('strong', {}, p.about),
        el('span', { class: 'muted' }, ` (${p.window}${p.from.length ? `, ${p.fromWords} ` : ''}`, ...from, ')'),
      ),
    ];
  }

  /**
   * "Related cables": the analysis's co-citation and coupling lists as one list, best first,
   * each with its reason in words. Filled in when the answer arrives (at once when cached).
   */
  private relatedSection(key: string): HTMLElement {
    const section = el('section', { class: 'panel-section related', 'data-testid': 'related', 'data-state': 'loading' });
    const fill = (state: 'loading' | 'ready' | 'none' | 'not-run' | 'error', ...content: (Node | string | null)[]) => {
      clear(section);
      section.dataset.state = state;
      append(section, el('h3', { title: 'Cables cited together with this one by the same cables (co-citation), or citing the same cables (bibliographic coupling): from the corpus analysis' }, 'Related cables'), ...content);
    };
    const show = (r: RelatedResponse) => {
      const entries = relatedEntries(r);
      const stale = r.analysis.current ? null : el('p', { class: 'muted small', 'data-testid': 'related-stale' }, 'From an analysis run before the last import: run npm run analyse to bring it up to date.');
      if (!entries.length) {
        fill('none', el('p', { class: 'muted', 'data-testid': 'related-none' }, 'None: no other cable is cited together with this one, or cites the same cables.'), stale);
        return;
      }
      const items = entries.map((e) => {
        const c = e.cable;
        const estimate = !c.inCorpus ? c.analysis.estimatedDate : null;
        const date = c.date ? fmtDay(c.date) : estimate ? aboutDate(estimate) : null;
        const open = el('button', { type: 'button', class: `node-link${c.inCorpus ? '' : ' stub'}`, 'data-node': `cable:${c.id}`, title: `Open ${c.id}` }, c.id);
        open.addEventListener('click', () => this.actions.open(`cable:${c.id}`));
        const add = el('button', { type: 'button', class: 'btn btn-small related-add', 'data-action': 'add-related', title: `Add ${c.id} and its neighbourhood to the graph` }, '+ Graph');
        add.addEventListener('click', () => this.actions.expand(`cable:${c.id}`));
        return el('li', { class: 'related-item', 'data-related': c.id, 'data-score': String(e.score) },
          el('div', { class: 'related-head' }, open, date ? el('span', { class: 'muted small' }, date) : null, add),
          c.subject ? el('div', { class: 'related-subject' }, c.subject) : c.inCorpus ? null : el('div', { class: 'related-subject muted' }, 'Not in the corpus'),
          el('div', { class: 'related-reason small', 'data-testid': 'related-reason' }, relatedReason(e)),
        );
      });
      const list = el('ul', { class: 'link-list related-list' }, ...items);
      const shown = 8;
      let more: HTMLElement | null = null;
      if (items.length > shown + 2) {
        items.slice(shown).forEach((li) => (li.hidden = true));
        more = el('button', { type: 'button', class: 'more-button', 'data-testid': 'related-more' }, `Show ${items.length - shown} more`);
        more.addEventListener('click', () => {
          items.forEach((li) => (li.hidden = false));
          more?.remove();
        });
      }
      fill('ready', list, more, stale);
      section.querySelector('h3')!.textContent = `Related cables · ${fmtInt(entries.length)}`;
    };
    const cached = this.api.peekRelated(key);
    if (cached) {
      show(cached);
      return section;
    }
    fill('loading', el('p', { class: 'muted loading' }, 'Finding related cables…'));
    const token = this.token;
    this.api.related(key).then(
      (r) => token === this.token && show(r),
      (e: unknown) => {
        if (token !== this.token) return;
        if (e instanceof ApiRequestError && e.status === 503 && e.code === 'analysis_not_run') {
          fill('not-run', el('p', { class: 'muted', 'data-testid': 'related-not-run' }, `Related cables come from the corpus analysis, which has not run on this database yet. ${e.message.replace(/^.*?(It runs after)/, '$1')}`));
          return;
        }
        const retry = el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'related-retry' }, 'Try again');
        retry.addEventListener('click', () => section.replaceWith(this.relatedSection(key)));
        fill('error', el('p', { class: 'muted', 'data-testid': 'related-error' }, `Could not load related cables: ${e instanceof Error ? e.message : String(e)} `, retry));
      },
    );
    return section;
  }

  private inlineLink(id: string, text: string): HTMLElement {
    const b = el('button', { type: 'button', class: 'ref-link', 'data-node': id, title: `Open ${text}` }, text);
    b.addEventListener('click', () => this.actions.open(id));
    return b;
  }

  private recipients(list: RecipientView[]): Node | string {
    if (!list.length) return '—';
    const items = list.map((r) => el('li', {}, this.nodeLink(`post:${r.key}`, r.name), r.precedence ? el('span', { class: 'muted small' }, ` ${r.precedence.toLowerCase()}`) : null));
    const ul = el('ul', { class: 'plain-list' }, ...items);
    const shown = 6;
    if (items.length > shown + 2) {
      items.slice(shown).forEach((li) => (li.hidden = true));
      const more = el('button', { type: 'button', class: 'more-button' }, `Show ${items.length - shown} more`);
      more.addEventListener('click', () => {
        items.forEach((li) => (li.hidden = false));
        more.remove();
      });
      ul.append(el('li', {}, more));
    }
    return ul;
  }

  private cableList(title: string, hint: string, list: CableLinkView[], testid: string): HTMLElement | null {
    if (!list.length) return null;
    return el('section', { class: 'panel-section', 'data-testid': testid },
      el('h3', { title: hint }, `${title} · ${fmtInt(list.length)}`),
      el('ul', { class: 'link-list' },
        ...list.map((c) => el('li', {}, this.nodeLink(`cable:${c.id}`, c.id, [cableDay(c.date, c.estimatedDate), c.subject].filter(Boolean).join(' · ') || null, !c.inCorpus))),
      ),
    );
  }

  private nodeLink(id: string, text: string, sub: string | null = null, stub = false): HTMLElement {
    const b = el('button', { type: 'button', class: `node-link${stub ? ' stub' : ''}`, 'data-node': id, title: stub ? 'Not in the corpus' : `Open ${text}` }, text);
    b.addEventListener('click', () => this.actions.open(id));
    return sub ? el('span', { class: 'node-link-row' }, b, el('span', { class: 'muted small' }, sub)) : b;
  }

  private chip(id: string, text: string, title: string): HTMLElement {
    const b = el('button', { type: 'button', class: 'chip', 'data-node': id, title }, text);
    b.addEventListener('click', () => this.actions.open(id));
    return b;
  }
}

function writeFlag(key: string, on: boolean): void {
  try {
    localStorage.setItem(key, on ? '1' : '0');
  } catch {
    /* storage unavailable: keep the choice for this page only */
  }
}

/** Wide reading mode: the panel takes about half the window (a class on <body>, remembered). */
export function setWideReading(on: boolean): void {
  document.body.classList.toggle('reading-wide', on);
  writeFlag('cablescope.wideReading', on);
}

export const wideReading = (): boolean => document.body.classList.contains('reading-wide');

function readFlag(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}
