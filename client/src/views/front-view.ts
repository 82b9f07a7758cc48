/**
 * The front page: the corpus at a glance, shown by an empty view and by "Corpus" (h) over a
 * graph (model/front.ts `showsFront`). Headline counts, the stacked timeline of cables per
 * month by classification (panels/front-chart.ts), and the ranked lists of `GET /api/overview`.
 * Every item opens in the graph through a command; the timeline sets the view's date filter;
 * the classification legend toggles the view's classification filter; a post or a tag can
 * narrow the page (its scope is view state, in the URL). Text only through `el`/`.text()`.
 */
import type { Api, OverviewResponse } from '../api.ts';
import { ApiRequestError } from '../api.ts';
import type { CommandRunner } from '../commands.ts';
import { clear, el, fmtInt } from '../dom.ts';
import type { RankedCable, ThreadSummary, OverviewCount, SearchHit } from '../../../server/src/api/types.ts';
import { apiFilter, classLevel } from '../model/filters.ts';
import type { ClassLevel } from '../model/filters.ts';
import { cableDetail, cableTitle, citedBy, threadDetail, classificationLabel, describeScope, fmtMonth, frontScope, overviewParams, showsFront, stackMonths, threadSpan } from '../model/front.ts';
import type { StackedMonths } from '../model/front.ts';
import type { ViewStore } from '../store.ts';
import { chartMonthX, classColor, frontChart } from '../panels/front-chart.ts';

type State = { kind: 'loading' } | { kind: 'error'; message: string; notRun: boolean } | { kind: 'ready'; overview: OverviewResponse };

const CHART_HEIGHT = 190;
/** After a 503 (the database restarting or warming up), the overview is asked again this much later. */
const FRONT_RETRY_MS = 3_000;

export class FrontView {
  readonly root: HTMLElement;
  private sig = '';
  private readonly failed = new Map<string, { message: string; notRun: boolean }>();
  private readonly inflight = new Set<string>();
  private stacked: StackedMonths | null = null;
  private chartBox: HTMLElement | null = null;
  private readout: HTMLElement | null = null;
  private chartWidth = 0;
  private drawn = false;

  constructor(
    host: HTMLElement,
    private readonly store: ViewStore,
    private readonly api: Api,
    private readonly run: CommandRunner,
  ) {
    this.root = el('section', { class: 'front-page', 'data-testid': 'front-page', 'aria-label': 'The corpus at a glance', hidden: true, tabindex: -1 });
    host.append(this.root);
    store.subscribe((e) => {
      if (e.type !== 'fetch-failed') this.sync();
    });
    new ResizeObserver(() => this.redrawChart()).observe(this.root);
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  /** The overview request of the current view (filters and scope). */
  private params() {
    const doc = this.store.doc;
    return overviewParams(apiFilter(doc.filters), frontScope(doc));
  }

  private state(): State {
    const params = this.params();
    const key = JSON.stringify(params);
    const o = this.api.peekOverview(params);
    if (o) return { kind: 'ready', overview: o };
    const failed = this.failed.get(key);
    if (failed) return { kind: 'error', ...failed };
    if (!this.inflight.has(key)) {
      this.inflight.add(key);
      this.api.overview(params).then(
        () => undefined,
        (e: unknown) => {
          const notRun = e instanceof ApiRequestError && e.code === 'analysis_not_run';
          this.failed.set(key, { message: e instanceof Error ? e.message : String(e), notRun });
          // The database is (re)starting: the error shows, and the page asks again by itself.
          if (e instanceof ApiRequestError && e.status === 503 && !notRun) {
            setTimeout(() => {
              if (this.failed.delete(key)) this.sync();
            }, FRONT_RETRY_MS);
          }
        },
      ).finally(() => {
        this.inflight.delete(key);
        this.sync();
      });
    }
    return { kind: 'loading' };
  }

  sync(): void {
    const doc = this.store.doc;
    const show = showsFront(doc);
    this.root.hidden = !show;
    document.body.classList.toggle('front-open', show);
    if (!show) {
      this.sig = '';
      return;
    }
    const state = this.state();
    const hasGraph = doc.ops.length > 0 || !!doc.cite;
    const sig = JSON.stringify([this.params(), state.kind, state.kind === 'error' ? state.message : '', hasGraph, doc.filters]);
    if (sig === this.sig) return;
    this.sig = sig;
    this.render(state, hasGraph);
  }

  private render(state: State, hasGraph: boolean): void {
    const doc = this.store.doc;
    const scope = frontScope(doc);
    const previous = this.root.querySelector('.fp-body');
    // While a new scope loads, the previous page stays, dimmed, so nothing jumps.
    if (state.kind === 'loading' && previous && this.drawn) {
      this.root.classList.add('loading');
      this.root.setAttribute('aria-busy', 'true');
      return;
    }
    this.root.classList.remove('loading');
    this.root.removeAttribute('aria-busy');
    clear(this.root);
    this.drawn = false;
    this.root.dataset.state = state.kind;

    const head = el('header', { class: 'fp-head' },
      el('div', { class: 'fp-titles' },
        el('h1', {}, 'The corpus at a glance'),
        el('p', { class: 'fp-lede' }, 'Click any cable, post, tag or thread to open it in the graph; drag or click on the timeline to set the dates. Press ', el('kbd', {}, '/'), ' to search, ', el('kbd', {}, 'h'), ' to come back here.'),
      ),
      hasGraph ? el('button', { type: 'button', class: 'btn fp-back', 'data-action': 'back-to-graph', title: 'Back to the graph (h)' }, '← Back to the graph') : null,
    );
    head.querySelector('[data-action="back-to-graph"]')?.addEventListener('click', () => this.run('front.toggle', { on: false }));
    this.root.append(head);

    const chips = this.scopeChips(scope);
    if (chips) this.root.append(chips);

    if (state.kind === 'loading') {
      this.root.append(el('div', { class: 'fp-body fp-loading', role: 'status' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading the corpus overview…'));
      return;
    }
    if (state.kind === 'error') {
      const retry = el('button', { type: 'button', class: 'btn', 'data-action': 'retry' }, 'Try again');
      retry.addEventListener('click', () => {
        this.failed.delete(JSON.stringify(this.params()));
        this.sig = '';
        this.sync();
      });
      this.root.append(el('div', { class: 'fp-body fp-error', role: 'alert' },
        el('h2', {}, 'The corpus overview could not be loaded'),
        el('p', {}, state.message),
        state.notRun ? el('p', {}, 'Run ', el('code', {}, 'npm run analyse'), ', then try again.') : null,
        retry,
      ));
      return;
    }
    const o = state.overview;
    const body = el('div', { class: 'fp-body' });
    body.append(this.stats(o, scope));
    if (!o.analysis) {
      body.append(el('div', { class: 'fp-notice', role: 'note', 'data-testid': 'analysis-missing' },
        el('strong', {}, 'The corpus analysis has not run on this database yet. '),
        'Most cited cables, PageRank and REF threads come from it. Run ', el('code', {}, 'npm run analyse'), ' (every import runs it at the end), then reload.'));
    } else if (!o.analysis.current) {
      body.append(el('div', { class: 'fp-notice', role: 'note' },
        `The rankings are from the analysis of ${o.analysis.ranAt.slice(0, 10)}, before cables were added. Run `, el('code', {}, 'npm run analyse'), ' to bring them up to date.'));
    }
    body.append(this.timeline(o));
    body.append(el('div', { class: 'fp-lists' },
      this.cableList('Most cited', 'Cited by the most cables of the corpus', 'most-cited', o.mostCited, (c) => citedBy(c.analysis.citationsIn), (c) => c.analysis.citationsIn ?? 0, o.analysis),
      this.cableList('Highest PageRank', 'Cited by cables that are much cited themselves', 'pagerank', o.topPagerank, (c) => citedBy(c.analysis.citationsIn), (c) => c.analysis.pagerank ?? 0, o.analysis),
      this.threadList(o.largestThreads, o.analysis),
      this.countList('Top senders', 'Posts that sent the most cables', 'senders', o.topSenders, 'post'),
      this.countList('Top recipients', 'Posts addressed most (action or information)', 'recipients', o.topRecipients, 'post'),
      this.countList('Top tags', 'TAGS on the most cables', 'tags', o.topTags, 'tag'),
    ));
    this.root.append(body);
    this.drawn = true;
    this.redrawChart(true);
  }

  /** What narrows the page, each part removable. */
  private scopeChips(scope: { post?: string; tag?: string }): HTMLElement | null {
    const f = this.store.doc.filters;
    const chips: HTMLElement[] = [];
    const chip = (label: string, action: string, onClear: () => void) => {
      const x = el('button', { type: 'button', class: 'fp-chip', 'data-clear': action, title: 'Remove this filter' }, label, el('span', { class: 'fb-x', 'aria-hidden': 'true' }, '×'));
      x.addEventListener('click', onClear);
      chips.push(x);
    };
    const [dates, classes] = [describeScope({ from: f.from ?? null, to: f.to ?? null }, {}), describeScope({ hiddenClasses: f.hiddenClasses ?? [] }, {})];
    if (dates[0]) chip(dates[0], 'dates', () => this.run('filters.range', { from: null, to: null }));
    if (classes[0]) chip(classes[0], 'classes', () => this.run('filters.showAllClasses'));
    if (scope.post) chip(`to or from ${scope.post}`, 'post', () => this.run('front.scope', { post: null }));
    if (scope.tag) chip(`tagged ${scope.tag}`, 'tag', () => this.run('front.scope', { tag: null }));
    if (!chips.length) return null;
    return el('div', { class: 'fp-scope', 'data-testid': 'front-scope' }, el('span', { class: 'fp-scope-label' }, 'Only cables'), ...chips);
  }

  private stats(o: OverviewResponse, scope: { post?: string; tag?: string }): HTMLElement {
    const scoped = o.cables !== o.corpus.cables || !!scope.post || !!scope.tag;
    // Only the cables are counted in the scope; the rest describe the whole database.
    const tile = (value: number, label: string, name: string, of?: number) =>
      el('div', { class: 'fp-stat', 'data-stat': name },
        el('span', { class: 'fp-stat-value' }, fmtInt(value)),
        el('span', { class: 'fp-stat-label' }, of !== undefined ? `${label} (of ${fmtInt(of)})` : scoped && name !== 'cables' ? `${label}, whole corpus` : label));
    return el('div', { class: 'fp-stats', 'data-testid': 'front-stats' },
      scoped ? tile(o.cables, 'cables in scope', 'cables', o.corpus.cables) : tile(o.corpus.cables, 'cables', 'cables'),
      tile(o.corpus.stubs, 'cited, not in the release', 'stubs'),
      tile(o.corpus.posts, 'posts', 'posts'),
      tile(o.corpus.tags, 'tags', 'tags'),
      tile(o.corpus.references, 'citations (REF)', 'references'),
      o.analysis ? tile(o.corpus.threads, 'REF threads', 'threads') : el('div', { class: 'fp-stat', 'data-stat': 'threads' }, el('span', { class: 'fp-stat-value' }, '—'), el('span', { class: 'fp-stat-label' }, 'REF threads (after the analysis)')),
    );
  }

  private timeline(o: OverviewResponse): HTMLElement {
    this.stacked = stackMonths(o);
    const s = this.stacked;
    const hidden = this.store.doc.filters.hiddenClasses ?? [];
    const legend = el('div', { class: 'fp-legend', role: 'group', 'aria-label': 'Classifications (click to hide or show)' });
    const levels = new Set<ClassLevel>();
    for (const layer of [...s.layers].reverse()) {
      const level = classLevel(layer.key);
      const item = el('button', { type: 'button', class: 'fp-legend-item', 'data-class': layer.key, title: level ? `Show or hide ${classificationLabel(level.toUpperCase())} cables` : 'Cables without a classification' },
        el('span', { class: 'fp-swatch', style: `background:${classColor(layer.key)}` }),
        classificationLabel(layer.key), el('span', { class: 'fp-legend-count' }, fmtInt(layer.total)));
      if (level) {
        levels.add(level);
        item.addEventListener('click', () => this.run('filters.toggleClass', { level }));
      } else item.disabled = true;
      legend.append(item);
    }
    for (const level of hidden as ClassLevel[]) {
      if (levels.has(level)) continue;
      const item = el('button', { type: 'button', class: 'fp-legend-item off', 'data-level': level, title: 'Hidden: click to show' },
        el('span', { class: 'fp-swatch', style: `background:${classColor(level.toUpperCase())}` }), classificationLabel(level.toUpperCase()), el('span', { class: 'fp-legend-count' }, 'hidden'));
      item.addEventListener('click', () => this.run('filters.toggleClass', { level }));
      legend.append(item);
    }
    this.readout = el('span', { class: 'fp-readout', 'aria-live': 'off' });
    this.setReadout(null);
    this.chartBox = el('div', { class: 'fp-chart' });
    return el('section', { class: 'fp-card fp-timeline' },
      el('div', { class: 'fp-card-head' }, el('h2', {}, 'Cables per month, by classification'), this.readout),
      this.chartBox,
      legend,
    );
  }

  private setReadout(month: string | null): void {
    const s = this.stacked;
    if (!this.readout || !s) return;
    if (!month) {
      const first = s.months[0];
      const last = s.months[s.months.length - 1];
      this.readout.textContent = first && last ? `${fmtMonth(first)} – ${fmtMonth(last)} · drag to choose dates` : '';
      return;
    }
    const i = s.months.indexOf(month);
    const parts = s.layers.map((l) => [l, l.bands[i]![1] - l.bands[i]![0]] as const).filter(([, n]) => n > 0).map(([l, n]) => `${fmtInt(n)} ${classificationLabel(l.key)}`);
    this.readout.textContent = `${fmtMonth(month)}: ${fmtInt(s.totals[i] ?? 0)} cables${parts.length ? ` (${parts.join(', ')})` : ''}`;
  }

  /** Draws the chart at the box's width (again when the width changed). */
  private redrawChart(force = false): void {
    const box = this.chartBox;
    const s = this.stacked;
    if (!box || !s || !box.isConnected || this.root.hidden) return;
    const width = Math.floor(box.clientWidth);
    if (width <= 0 || (!force && width === this.chartWidth)) return;
    this.chartWidth = width;
    const f = this.store.doc.filters;
    clear(box);
    box.append(frontChart(s, {
      width,
      height: CHART_HEIGHT,
      range: { from: f.from ?? null, to: f.to ?? null },
      onRange: (from, to) => this.run('filters.range', { from, to }),
      onHover: (m) => this.setReadout(m),
    }));
  }

  private card(title: string, hint: string, name: string, items: HTMLElement[], empty: HTMLElement | string): HTMLElement {
    return el('section', { class: 'fp-card fp-list', 'data-list': name },
      el('div', { class: 'fp-card-head' }, el('h2', {}, title)),
      el('p', { class: 'fp-hint' }, hint),
      items.length ? el('ol', {}, ...items) : el('p', { class: 'fp-empty' }, empty),
    );
  }

  private notRunEmpty(): HTMLElement {
    return el('span', {}, 'Needs the corpus analysis: run ', el('code', {}, 'npm run analyse'), '.');
  }

  private bar(value: number, peak: number): HTMLElement {
    return el('span', { class: 'fp-bar', style: `width:${peak > 0 ? Math.max(2, Math.round((100 * value) / peak)) : 0}%` });
  }

  private cableList(title: string, hint: string, name: string, cables: RankedCable[], metric: (c: RankedCable) => string, value: (c: RankedCable) => number, analysis: OverviewResponse['analysis']): HTMLElement {
    const peak = Math.max(0, ...cables.map(value));
    const items = cables.map((c, i) => {
      const b = el('button', { type: 'button', class: `fp-item${c.inCorpus ? '' : ' stub'}`, 'data-id': `cable:${c.id}`, title: `${cableTitle(c)} (${c.id}${c.sender ? `, from ${c.sender}` : ''})` },
        this.bar(value(c), peak),
        el('span', { class: 'fp-rank' }, String(i + 1)),
        el('span', { class: 'fp-main' }, el('span', { class: 'fp-name' }, cableTitle(c)), el('span', { class: 'fp-sub' }, cableDetail(c))),
        el('span', { class: 'fp-metric' }, metric(c)),
      );
      b.addEventListener('click', () => this.pick({ id: `cable:${c.id}`, kind: 'cable', key: c.id, label: cableTitle(c), detail: null, subject: c.subject, date: c.date }));
      return el('li', {}, b);
    });
    return this.card(title, hint, name, items, analysis ? 'No cited cables in this scope.' : this.notRunEmpty());
  }

  private threadList(threads: ThreadSummary[], analysis: OverviewResponse['analysis']): HTMLElement {
    const peak = Math.max(0, ...threads.map((t) => t.matching));
    const items = threads.map((t, i) => {
      const scoped = t.matching !== t.size;
      const b = el('button', { type: 'button', class: 'fp-item', 'data-id': `thread:${t.id}`, 'data-thread': t.id, title: 'Open the citation chain of its most important cable' },
        this.bar(t.matching, peak),
        el('span', { class: 'fp-rank' }, String(i + 1)),
        el('span', { class: 'fp-main' },
          el('span', { class: 'fp-name' }, `${fmtInt(t.size)} cables, ${threadSpan(t)}`),
          el('span', { class: 'fp-sub' }, threadDetail(t))),
        el('span', { class: 'fp-metric' }, scoped ? `${fmtInt(t.matching)} in scope` : `${fmtInt(t.size)}`),
      );
      b.addEventListener('click', () => void this.openThread(t, b));
      return el('li', {}, b);
    });
    return this.card('Largest REF threads', 'Cables linked by citations, with their date span', 'threads', items, analysis ? 'No REF threads in this scope.' : this.notRunEmpty());
  }

  /** A thread opens at its most important cable (highest PageRank), in the citation view. */
  private async openThread(t: ThreadSummary, button: HTMLButtonElement): Promise<void> {
    button.classList.add('busy');
    try {
      const r = await this.api.rank({ by: 'pagerank', thread: t.id, limit: 1 });
      const top = r.items[0]?.id ?? t.id;
      this.run('front.openThread', { id: `cable:${top}` });
    } catch {
      this.run('front.openThread', { id: `cable:${t.id}` });
    } finally {
      button.classList.remove('busy');
    }
  }

  private countList(title: string, hint: string, name: string, rows: OverviewCount[], kind: 'post' | 'tag'): HTMLElement {
    const scope = frontScope(this.store.doc);
    const peak = Math.max(0, ...rows.map((r) => r.cables));
    const items = rows.map((r, i) => {
      const id = `${kind}:${r.key}`;
      const label = kind === 'tag' ? r.key : (r.name ?? r.key);
      const sub = kind === 'tag' ? (r.name ?? '') : r.name && r.name !== r.key ? r.key : '';
      const open = el('button', { type: 'button', class: 'fp-item', 'data-id': id, title: `Open ${label} in the graph` },
        this.bar(r.cables, peak),
        el('span', { class: 'fp-rank' }, String(i + 1)),
        el('span', { class: 'fp-main one-line' }, el('span', { class: 'fp-name' }, label), sub ? el('span', { class: 'fp-sub inline' }, sub) : null),
        el('span', { class: 'fp-metric' }, fmtInt(r.cables)),
      );
      open.addEventListener('click', () => this.pick({ id, kind, key: r.key, label, detail: null }));
      const current = kind === 'post' ? scope.post === r.key : scope.tag === r.key;
      const narrow = el('button', { type: 'button', class: `fp-narrow${current ? ' on' : ''}`, 'data-narrow': id, title: current ? 'The page shows only these cables: click to show all' : `Only ${label}’s cables on this page`, 'aria-label': current ? `Show all cables, not only ${label}’s` : `Narrow the page to ${label}` },
        el('span', { 'aria-hidden': 'true' }, '⊂'));
      narrow.addEventListener('click', () => this.run('front.scope', kind === 'post' ? { post: current ? null : r.key } : { tag: current ? null : r.key }));
      return el('li', { class: 'with-narrow' }, open, narrow);
    });
    return this.card(title, hint, name, items, 'None in this scope.');
  }

  private pick(hit: SearchHit): void {
    this.run('search.pick', { hit, add: false });
  }

  testHooks() {
    return {
      frontVisible: () => this.visible,
      frontState: () => this.root.dataset.state ?? null,
      frontMonthX: (m: string) => (this.stacked ? chartMonthX(this.stacked, this.chartWidth, m) : null),
    };
  }
}
