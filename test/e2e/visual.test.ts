/**
 * Visual regression: screenshots of the main views compared with committed baselines
 * (test/e2e/baselines/*.png), as sigma.js does for its renderer. Deterministic by construction:
 * a fixed viewport and scale, the seeded layout run to rest, no caret, no animation, the
 * pointer parked off the graph. A pixel counts as changed past pixelmatch's colour threshold;
 * a view fails when more than MAX_CHANGED of its pixels changed (anti-aliasing and font
 * hinting stay well under it). A changed baseline is a reviewed change: regenerate with
 * `npm run test:update-baselines` and commit the PNGs with the change that explains them.
 * Diffs of failing views go to test-results/visual/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../support/neo4j.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { hook, launchBrowser, waitIdle } from './browser.ts';

const BASELINES = path.join(repoRoot, 'test', 'e2e', 'baselines');
const RESULTS = path.join(repoRoot, 'test-results', 'visual');
const UPDATE = process.env.CABLESCOPE_UPDATE_BASELINES === '1';
/** Share of pixels that may differ from the baseline. */
const MAX_CHANGED = 0.004;
const VIEWPORT = { width: 1280, height: 800 };

interface Overlaps {
  labels: [string, string][];
  nodes: [string, string][];
  drawn: number;
}

/** Compares a screenshot with its baseline (or writes the baseline in update mode). */
function compare(name: string, shot: Buffer): { changed: number; share: number } {
  const file = path.join(BASELINES, `${name}.png`);
  if (UPDATE) {
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(file, shot);
    return { changed: 0, share: 0 };
  }
  assert.ok(existsSync(file), `no baseline for ${name}: run npm run test:update-baselines and review the new PNG`);
  const expected = PNG.sync.read(readFileSync(file));
  const actual = PNG.sync.read(shot);
  assert.deepEqual([actual.width, actual.height], [expected.width, expected.height], `${name}: size changed`);
  const diff = new PNG({ width: expected.width, height: expected.height });
  const changed = pixelmatch(expected.data, actual.data, diff.data, expected.width, expected.height, { threshold: 0.1 });
  const share = changed / (expected.width * expected.height);
  if (share > MAX_CHANGED) {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, `${name}.actual.png`), shot);
    writeFileSync(path.join(RESULTS, `${name}.diff.png`), PNG.sync.write(diff));
  }
  return { changed, share };
}

describe('visual regression of the main views', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Loads a view from its URL, waits for rest, checks labels and compares the pixels. */
  async function view(name: string, hash: string, prepare?: () => Promise<void>): Promise<void> {
    await page.goto(`${app.url}/${hash}`);
    await page.mouse.move(1, VIEWPORT.height - 1);
    if (hash) await waitIdle(page, 60_000);
    await prepare?.();
    await page.waitForTimeout(150);
    const overlaps = await hook<Overlaps>(page, 'labelOverlaps()');
    assert.deepEqual([overlaps.labels, overlaps.nodes], [[], []], `${name}: labels overlap`);
    if (hash) assert.ok(overlaps.drawn > 0, `${name}: labels are drawn`);
    const shot = await page.screenshot({ caret: 'hide', animations: 'disabled' });
    const { changed, share } = compare(name, shot);
    assert.ok(share <= MAX_CHANGED, `${name}: ${changed} pixels (${(share * 100).toFixed(2)} %) differ from the baseline; see ${RESULTS}`);
  }

  test('start page', () => view('start', ''));
  test('a cable’s neighbourhood with the reader', () => view('neighbourhood', '#v=1&op=s.cable:07LONDON3923'));
  test('a hub answers with a summary', () => view('hub-summary', '#v=1&op=s.tag:PREL'));
  test('the citation view', () =>
    view('citations', '#v=1&op=s.cable:07LONDON3923', async () => {
      await page.keyboard.press('v');
      await page.locator('[data-testid="citation-view"]').waitFor({ timeout: 20_000 }).catch(() => {});
      await waitIdle(page, 60_000);
    }));
});
