/**
 * Shared helpers for the browser tests: Debian's Chromium through playwright-core, and
 * typed access to the page's read-only test hooks (`window.cablescope`).
 */
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-first-run', '--disable-sync'];

/** `env` adds to the browser's environment (the visual test's FONTCONFIG_FILE). */
export function launchBrowser(env: Record<string, string> = {}): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true, env: { ...process.env, ...env } as Record<string, string> });
}

/** A new page that collects the page's uncaught errors (tests assert there are none). */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, ...options });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/**
 * Polls an expression in the page until it is truthy. (page.waitForFunction with a string
 * compiles it in the page, which the app's CSP forbids once it has to poll.)
 */
export async function until(page: Page, expr: string, timeout = 20_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(expr)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${expr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The app's JSON answer to `path`, asserting a 200: the expected values of a browser test. */
export async function fetchJson<T>(baseUrl: string, path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`);
  assert.equal(res.status, 200, `${path} answers`);
  return (await res.json()) as T;
}

/** Evaluates `window.cablescope.<expr>` in the page (a string, so this file needs no DOM types). */
export function hook<T>(page: Page, expr: string): Promise<T> {
  return page.evaluate(`window.cablescope.${expr}`) as Promise<T>;
}

/** The page's test hooks (see `testHooks` in client/src/main.ts). */
export interface Hooks {
  nodeIds(): string[];
  selected(): string | null;
  busy(): boolean;
}

/** What the predicates below can see of the page's global scope (no DOM lib in this config). */
export type PageGlobal = { cablescope?: Hooks; location: { hash: string } };

/**
 * Waits for a predicate on the page's hooks. Predicates are functions, not strings: the app's
 * CSP forbids eval, which string predicates would need.
 */
export async function waitHooks<A>(page: Page, fn: (arg: A) => boolean, arg: A, timeout = 20_000): Promise<void> {
  await page.waitForFunction(fn as (arg: unknown) => boolean, arg as unknown, { timeout, polling: 100 });
}

/** Waits until no neighbourhood is loading, the layout has cooled down and no zoom animates. */
export async function waitIdle(page: Page, timeout = 20_000): Promise<void> {
  await waitHooks(page, () => {
    const h = (globalThis as unknown as PageGlobal).cablescope;
    return !!h && !h.busy();
  }, null, timeout);
}

/** Waits until the number of nodes in view satisfies `cmp` against n. */
export async function waitNodeCount(page: Page, cmp: '>' | '===', n: number): Promise<void> {
  await waitHooks(page, ([c, k]) => {
    const len = (globalThis as unknown as PageGlobal).cablescope?.nodeIds().length ?? -1;
    return c === '>' ? len > k : len === k;
  }, [cmp, n] as const);
}

/** Waits until a node is (or is not) in view. */
export async function waitNode(page: Page, id: string, present: boolean): Promise<void> {
  await waitHooks(page, ([i, p]) => ((globalThis as unknown as PageGlobal).cablescope?.nodeIds().includes(i) ?? false) === p, [id, present] as const);
}

export const nodeIds = (page: Page): Promise<string[]> => hook<string[]>(page, 'nodeIds()');

/** Types a query, waits for the suggestion with this node id and picks it. */
export async function searchAndPick(page: Page, query: string, id: string): Promise<void> {
  const input = page.locator('#search-input');
  await input.click();
  await input.fill('');
  await input.pressSequentially(query, { delay: 15 });
  const suggestion = page.locator(`.suggestion[data-id="${id}"]`);
  await suggestion.waitFor({ state: 'visible' });
  await suggestion.click();
  await waitIdle(page);
}

/** Clicks a node on the canvas at its current screen position. */
export async function clickNode(page: Page, id: string, opts: { button?: 'left' | 'right'; clickCount?: number } = {}): Promise<void> {
  const p = await hook<[number, number] | null>(page, `screenPosition(${JSON.stringify(id)})`);
  if (!p) throw new Error(`node ${id} is not drawn`);
  await page.mouse.click(p[0], p[1], opts);
}
