/**
 * Visual regression of the main views, as sigma.js does for its renderer: each view is
 * screenshotted and compared with its committed baseline (test/e2e/visual/baselines/*.png).
 *
 * Deterministic by construction, so the tolerance can be tight:
 *  - the layout is seeded (placement from ids, d3-force's own LCG) and run to rest, and the fit
 *    waits for the layout of the current graph (a stale "cooled" message no longer fits early);
 *  - a fixed viewport, device scale 1, UTC, en-US, light scheme, reduced motion (the fit jumps);
 *  - fonts: Chromium sees only Debian's fonts-dejavu-core through visual/fonts.conf, with fixed
 *    hinting and anti-aliasing, and the test checks which fonts the page really used;
 *  - no caret, the pointer parked off the graph, the software rasteriser (--disable-gpu).
 *
 * A pixel counts as changed past pixelmatch's colour threshold (anti-aliased pixels excluded);
 * a view fails when more than MAX_CHANGED_PIXELS changed: the diff image is written to
 * test-results/visual/<view>.diff.png and the failure names it. A changed baseline is a
 * reviewed change: `npm run test:update-baselines` writes the new baselines (and a diff image
 * for each one that changed); look at them and commit the PNGs with the change that explains them.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../support/neo4j.ts';
import { startTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { hook, launchBrowser, waitIdle } from './browser.ts';

const HERE = path.join(repoRoot, 'test', 'e2e', 'visual');
const BASELINES = path.join(HERE, 'baselines');
const RESULTS = path.join(repoRoot, 'test-results', 'visual');
const UPDATE = process.env.CABLESCOPE_UPDATE_BASELINES === '1';
const VIEWPORT = { width: 1280, height: 800 };
/**
 * Changed pixels a view may have (of 1,024,000). Repeated runs, alone and under load, differed
 * by 0 pixels (docs/architecture.md, "Visual regression tests"); one moved node or one changed
 * label changes several hundred, so this catches them and leaves room for nothing else.
 */
export const MAX_CHANGED_PIXELS = 100;
/** pixelmatch's per-pixel colour distance (0–1) below which a pixel counts as unchanged. */
const COLOUR_THRESHOLD = 0.1;

interface Overlaps {
  labels: [string, string][];
  nodes: [string, string][];
  drawn: number;
}

/** Compares a screenshot with its baseline; returns the number of changed pixels and the diff image. */
export function comparePng(expectedPng: Buffer, actualPng: Buffer): { changed: number; diff: Buffer | null; sizeChanged: boolean } {
  const expected = PNG.sync.read(expectedPng);
  const actual = PNG.sync.read(actualPng);
  if (expected.width !== actual.width || expected.height !== actual.height) return { changed: Infinity, diff: null, sizeChanged: true };
  const diff = new PNG({ width: expected.width, height: expected.height });
  const changed = pixelmatch(expected.data, actual.data, diff.data, expected.width, expected.height, { threshold: COLOUR_THRESHOLD });
  return { changed, diff: changed > 0 ? PNG.sync.write(diff) : null, sizeChanged: false };
}

/** Checks a view's screenshot against its baseline, or (update mode) writes the new baseline. */
function check(name: string, shot: Buffer): void {
  const file = path.join(BASELINES, `${name}.png`);
  const old = existsSync(file) ? readFileSync(file) : null;
  const result = old ? comparePng(old, shot) : null;
  const diffFile = path.join(RESULTS, `${name}.diff.png`);
  if (result && result.changed > 0) {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, `${name}.actual.png`), shot);
    if (result.diff) writeFileSync(diffFile, result.diff);
  }
  if (UPDATE) {
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(file, shot);
    const what = !result ? 'new' : result.changed === 0 ? 'unchanged' : `${result.changed} pixels changed, diff ${path.relative(repoRoot, diffFile)}`;
    console.log(`baseline ${path.relative(repoRoot, file)}: ${what}`);
    return;
  }
  if (result) console.log(`visual ${name}: ${result.changed} changed pixels`);
  assert.ok(result, `no baseline for "${name}": run npm run test:update-baselines, look at ${path.relative(repoRoot, file)} and commit it`);
  assert.ok(!result.sizeChanged, `${name}: the screenshot's size differs from the baseline`);
  assert.ok(
    result.changed <= MAX_CHANGED_PIXELS,
    `${name}: ${result.changed} pixels differ from the baseline (at most ${MAX_CHANGED_PIXELS}); see ${path.relative(repoRoot, diffFile)} (red = changed)` +
      ` and ${path.relative(repoRoot, path.join(RESULTS, `${name}.actual.png`))}. If the change is intended: npm run test:update-baselines`,
  );
}

describe('visual regression of the main views', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser({ FONTCONFIG_FILE: path.join(HERE, 'fonts.conf') });
    page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'reduce', colorScheme: 'light', timezoneId: 'UTC', locale: 'en-US' });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Loads a view from its URL, waits for rest, checks the labels and compares the pixels. */
  async function view(name: string, hash: string, ready?: () => Promise<void>): Promise<void> {
    await page.goto('about:blank');
    await page.goto(`${app.url}/${hash}`);
    await page.mouse.move(VIEWPORT.width - 2, VIEWPORT.height - 2);
    await waitIdle(page, 60_000);
    await ready?.();
    await page.evaluate('document.fonts.ready');
    if (!hash.includes('cite=')) {
      const overlaps = await hook<Overlaps>(page, 'labelOverlaps()');
      assert.deepEqual([overlaps.labels, overlaps.nodes], [[], []], `${name}: labels overlap`);
      if (hash) assert.ok(overlaps.drawn > 0, `${name}: labels are drawn`);
    }
    check(name, await page.screenshot({ caret: 'hide', animations: 'disabled' }));
  }

  it('renders with the pinned fonts only (fonts-dejavu-core)', async () => {
    await page.goto(`${app.url}/#v=1&op=s.cable:07LONDON3923`);
    await waitIdle(page, 60_000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'body *' });
    const families = new Set<string>();
    for (const nodeId of nodeIds) {
      const fonts = await cdp.send('CSS.getPlatformFontsForNode', { nodeId }).then((r) => r.fonts, () => []);
      for (const f of fonts) families.add(f.familyName);
    }
    await cdp.detach();
    assert.ok(families.size > 0, 'the page used some font');
    assert.deepEqual([...families].filter((f) => !/^DejaVu Sans( Mono)?$/.test(f)), [], `fonts used: ${[...families].join(', ')}`);
  });

  /** The front page is drawn once its overview has arrived. */
  const frontReady = async () => {
    for (let i = 0; i < 300; i++) {
      if (await page.evaluate('window.cablescopeViews.frontState() === "ready" && !document.querySelector(".front-page.loading")')) return;
      await page.waitForTimeout(100);
    }
    throw new Error('the front page did not load');
  };

  /** The reader has its cable and its related cables (the graph being idle says nothing of the panel: on a cold database it was still "Loading cable…"). */
  const readerReady = async () => {
    await page.locator('[data-testid="cable-text"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="related"]:not([data-state="loading"])').waitFor({ timeout: 30_000 });
  };

  it('the start page: the front page of the analysed sample', () => view('start', '', frontReady));
  it('a cable’s neighbourhood, with the reader', () => view('neighbourhood', '#v=1&op=s.cable:07LONDON3923&sel=cable:07LONDON3923', readerReady));
  it('a hub answers with a summary', () => view('hub-summary', '#v=1&op=s.tag:PREL'));
  it('a post’s neighbourhood', () => view('post', '#v=1&op=s.post:MANAMA'));
  it('the citation view', () =>
    view('citations', '#v=1&op=s.cable:09BRASILIA391&cite=cable:09BRASILIA391&depth=2', async () => {
      await page.locator('.cite-node.root[data-id="cable:09BRASILIA391"]').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
    }));
});
