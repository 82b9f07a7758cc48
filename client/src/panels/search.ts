/**
 * Search box with suggestions as you type (WAI-ARIA combobox pattern).
 * Enter picks the highlighted (or first) suggestion; Shift+Enter adds it to the current view.
 */
import type { SearchHit } from '../../../server/src/api/types.ts';
import type { Api } from '../api.ts';
import { clear, el } from '../dom.ts';
import { KIND_COLOR, KIND_LABEL } from '../render/theme.ts';

export type PickHandler = (hit: SearchHit, opts: { add: boolean; query: string }) => void;

export class SearchBox {
  private hits: SearchHit[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ctrl: AbortController | null = null;
  private lastQuery = '';

  constructor(
    readonly input: HTMLInputElement,
    private readonly list: HTMLUListElement,
    private readonly api: Api,
    private readonly onPick: PickHandler,
    /** Whether a node is already in the view (shown as a badge; picking it selects it). */
    private readonly inView: (id: string) => boolean = () => false,
  ) {
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    list.setAttribute('role', 'listbox');
    input.addEventListener('input', () => this.schedule());
    input.addEventListener('focus', () => {
      if (this.hits.length && input.value.trim()) this.open();
    });
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    input.addEventListener('keydown', (ev) => this.key(ev));
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const q = this.input.value.trim();
    if (q.length < 2) {
      this.ctrl?.abort();
      this.hits = [];
      this.render('');
      return;
    }
    this.timer = setTimeout(() => void this.fetch(q), 120);
  }

  private async fetch(q: string): Promise<void> {
    this.ctrl?.abort();
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    this.lastQuery = q;
    try {
      const res = await this.api.search(q, undefined, ctrl.signal);
      if (ctrl.signal.aborted || this.input.value.trim() !== q) return;
      this.hits = res.hits;
      this.active = res.hits.length ? 0 : -1;
      this.render(res.hits.length ? '' : `No match for “${q}”`);
    } catch (e) {
      if (ctrl.signal.aborted) return;
      this.hits = [];
      this.render(`Search failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private render(message: string): void {
    clear(this.list);
    if (message) {
      this.list.append(el('li', { class: 'suggestion-empty', role: 'presentation' }, message));
    }
    this.hits.forEach((h, i) => {
      const li = el('li', {
        id: `suggestion-${i}`,
        class: `suggestion${i === this.active ? ' active' : ''}`,
        role: 'option',
        'aria-selected': i === this.active ? 'true' : 'false',
        'data-id': h.id,
      },
        el('span', { class: 'kind-dot', style: `background:${KIND_COLOR[h.kind]}`, title: KIND_LABEL[h.kind] }),
        el('span', { class: 'suggestion-main' },
          el('span', { class: 'suggestion-key' }, h.kind === 'cable' ? h.key : h.label),
          el('span', { class: 'suggestion-label' }, h.kind === 'cable' ? (h.subject ?? '') : (h.detail ?? '')),
        ),
        el('span', { class: 'suggestion-detail' },
          this.inView(h.id) ? el('span', { class: 'in-view', title: 'Already in the graph: picking it selects it' }, 'in view') : null,
          h.kind === 'cable' ? h.detail ?? '' : KIND_LABEL[h.kind],
        ),
      );
      li.addEventListener('mousedown', (ev) => {
        ev.preventDefault();
        this.pick(i, ev.shiftKey);
      });
      this.list.append(li);
    });
    if (this.hits.length) {
      this.list.append(el('li', { class: 'suggestion-hint', role: 'presentation' }, el('kbd', {}, '↵'), ' open in a new view · ', el('kbd', {}, '⇧'), el('kbd', {}, '↵'), ' add to the current view'));
    }
    if (message || this.hits.length) this.open();
    else this.close();
  }

  private open(): void {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.input.setAttribute('aria-activedescendant', this.active >= 0 ? `suggestion-${this.active}` : '');
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private move(d: number): void {
    if (!this.hits.length) return;
    this.active = (this.active + d + this.hits.length) % this.hits.length;
    this.list.querySelectorAll('.suggestion').forEach((li, i) => {
      li.classList.toggle('active', i === this.active);
      li.setAttribute('aria-selected', i === this.active ? 'true' : 'false');
      if (i === this.active) (li as HTMLElement).scrollIntoView({ block: 'nearest' });
    });
    this.open();
  }

  private pick(i: number, add: boolean): void {
    const h = this.hits[i];
    if (!h) return;
    this.close();
    this.input.value = h.kind === 'cable' ? h.key : h.label;
    this.input.blur();
    this.onPick(h, { add, query: this.lastQuery });
  }

  private key(ev: KeyboardEvent): void {
    switch (ev.key) {
      case 'ArrowDown':
        ev.preventDefault();
        this.move(1);
        break;
      case 'ArrowUp':
        ev.preventDefault();
        this.move(-1);
        break;
      case 'Enter':
        ev.preventDefault();
        if (this.hits.length && this.lastQuery === this.input.value.trim()) this.pick(Math.max(0, this.active), ev.shiftKey);
        else void this.fetch(this.input.value.trim()).then(() => this.hits.length && this.pick(0, ev.shiftKey));
        break;
      case 'Escape':
        if (!this.list.hidden) {
          ev.preventDefault();
          this.close();
        } else this.input.blur();
        break;
    }
  }
}
