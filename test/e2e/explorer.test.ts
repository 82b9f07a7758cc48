/**
 * End-to-end: the real server over the test Neo4j with the sample corpus, driven in Chromium.
 * Covers search → neighbourhood → reader panel, untrusted text rendering, expand, URL
 * round-trip in a new page, undo/redo and back, legend filters, dismiss, and exports.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { CableDetail } from '../../server/src/api/types.ts';
import { reflow } from '../../client/src/model/text.ts';
import { startTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { clickNode, hook, launchBrowser, nodeIds, searchAndPick, waitHooks, waitIdle, waitNode, waitNodeCount } from './browser.ts';
import type { PageGlobal } from './browser.ts';

const SEED = 'cable:07LONDON3923';
let app: TestApp;
let browser: Browser;
let detail: CableDetail;

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** Waits until the URL carries positions (the layout has settled and been recorded). */
async function waitUrlWithPositions(page: Page): Promise<string> {
  await waitHooks(page, () => {
    const g = globalThis as unknown as PageGlobal;
    return g.location.hash.includes('pos=') && !!g.cablescope && !g.cablescope.busy();
  }, null);
  await page.waitForTimeout(700); // the fit transition ends with a viewport write
  return page.url();
}

describe('explorer', () => {
  before(async () => {
    // CABLESCOPE_E2E_URL runs the suite against an app that is already running.
    const external = process.env.CABLESCOPE_E2E_URL;
    app = external ? { url: external.replace(/\/$/, ''), close: async () => {} } : await startTestApp();
    browser = await launchBrowser();
    const res = await fetch(`${app.url}/api/cables/07LONDON3923`);
    assert.equal(res.status, 200, 'the sample corpus has 07LONDON3923');
    detail = (await res.json()) as CableDetail;
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('finds a cable by id, draws its neighbourhood and shows it in the panel', async () => {
    const { page, errors } = await newPage();
    await page.goto(app.url);
    await searchAndPick(page, '07LONDON3923', SEED);

    await page.mouse.move(5, 300); // no hover highlight
    await waitIdle(page);
    const ids = await nodeIds(page);
    assert.ok(ids.includes(SEED));
    assert.ok(ids.includes('post:LONDON'), 'the sender post is drawn');
    assert.ok(ids.includes('cable:07LONDON3175'), 'the cited cable is drawn');
    // The nodes are really painted: the pixel under the sender post has the post colour.
    const px = await hook<number[]>(page, 'pixelAt("post:LONDON")');
    assert.deepEqual(px.slice(0, 3), [0xd9, 0x82, 0x2b]);

    await page.locator('[data-testid="panel-id"]', { hasText: '07LONDON3923' }).waitFor();
    assert.equal(await page.locator('[data-testid="panel-title"]').textContent(), detail.subject);
    assert.ok(detail.subject && detail.subject.length > 5);
    // References are listed as clickable ids.
    await page.locator('[data-testid="refs"] [data-node="cable:07LONDON3175"]').waitFor();
    assert.equal(await hook<string | null>(page, 'selected()'), SEED);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('renders untrusted cable text as text, and links REF mentions', async () => {
    const { page, errors } = await newPage();
    const body = [
      'REF: A. 07 LONDON 3175',
      '',
      '1. (C) <script>window.__pwned = 1</script> Per REF A, Tom &amp; Jerry <b>bold</b>',
      '<img src=x onerror="window.__pwned = 2"> &lt;i&gt;',
    ].join('\n');
    await page.route('**/api/cables/07LONDON3923', (route) =>
      route.fulfill({ json: { ...detail, subject: '<i>SUBJECT</i> &amp; more', body } }),
    );
    await page.goto(app.url);
    await searchAndPick(page, '07LONDON3923', SEED);
    const text = page.locator('[data-testid="cable-text"]');
    await text.waitFor();
    assert.equal(await text.textContent(), reflow(body), 'every character shown (paragraphs reflowed)');
    await page.locator('[data-testid="original-breaks"]').check();
    assert.equal(await text.textContent(), body, 'every character shown as written');
    assert.equal(await text.locator('script, img, b, i').count(), 0, 'no element came from the text');
    assert.equal(await page.locator('[data-testid="panel-title"]').textContent(), '<i>SUBJECT</i> &amp; more');
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    // 07 LONDON 3175 and "REF A" are links to the cited cable; clicking selects it.
    assert.equal(await text.locator('.ref-link[data-ref="07LONDON3175"]').count(), 2);
    await text.locator('.ref-link', { hasText: 'REF A' }).click();
    await page.locator('[data-testid="panel-id"]', { hasText: '07LONDON3175' }).waitFor();
    assert.equal(await hook<string | null>(page, 'selected()'), 'cable:07LONDON3175');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('expands a node next to it, keeps the rest still, and reproduces the view from its URL', async () => {
    const { page, errors } = await newPage();
    await page.goto(app.url);
    await searchAndPick(page, '07LONDON3923', SEED);
    await waitUrlWithPositions(page);
    const before = await nodeIds(page);
    const oldPos = await Promise.all(before.map((id) => hook<[number, number]>(page, `layoutPosition(${JSON.stringify(id)})`)));

    // Expanding is explicit: a double-click.
    await clickNode(page, 'cable:07LONDON3175', { clickCount: 2 });
    await waitNodeCount(page, '>', before.length);
    await waitIdle(page);
    const afterIds = await nodeIds(page);
    const added = afterIds.filter((id) => !before.includes(id));
    assert.ok(added.length > 0, 'expansion added nodes');
    // Old nodes stayed put.
    for (const [i, id] of before.entries()) {
      const p = await hook<[number, number]>(page, `layoutPosition(${JSON.stringify(id)})`);
      assert.ok(Math.hypot(p[0] - oldPos[i]![0], p[1] - oldPos[i]![1]) < 1, `${id} did not move`);
    }
    // New nodes are near the expanded node.
    const centre = await hook<[number, number]>(page, 'layoutPosition("cable:07LONDON3175")');
    const dists = await Promise.all(added.map(async (id) => {
      const p = await hook<[number, number]>(page, `layoutPosition(${JSON.stringify(id)})`);
      return Math.hypot(p[0] - centre[0], p[1] - centre[1]);
    }));
    dists.sort((a, b) => a - b);
    assert.ok(dists[Math.floor(dists.length / 2)]! < 400, `median distance ${dists[Math.floor(dists.length / 2)]}`);

    const url = await waitUrlWithPositions(page);
    assert.match(url, /op=s\.cable:07LONDON3923&op=e\.cable:07LONDON3175/);
    const positions = new Map(await Promise.all(afterIds.map(async (id) => [id, await hook<[number, number]>(page, `layoutPosition(${JSON.stringify(id)})`)] as const)));

    // A new page from the link shows the same nodes at the same places, with the same selection.
    const second = await newPage();
    await second.page.goto(url);
    await waitNodeCount(second.page, '===', afterIds.length);
    await waitIdle(second.page);
    assert.deepEqual(new Set(await nodeIds(second.page)), new Set(afterIds));
    assert.equal(await hook<string | null>(second.page, 'selected()'), 'cable:07LONDON3175');
    const vp1 = await hook<{ x: number; y: number; k: number }>(page, 'viewport()');
    const vp2 = await hook<{ x: number; y: number; k: number }>(second.page, 'viewport()');
    assert.ok(Math.abs(vp1.k - vp2.k) < 0.01 && Math.abs(vp1.x - vp2.x) < 2 && Math.abs(vp1.y - vp2.y) < 2, `viewport ${JSON.stringify(vp1)} vs ${JSON.stringify(vp2)}`);
    for (const id of afterIds) {
      const p = await hook<[number, number]>(second.page, `layoutPosition(${JSON.stringify(id)})`);
      const q = positions.get(id)!;
      assert.ok(Math.hypot(p[0] - q[0], p[1] - q[1]) <= 1.5, `${id} at ${p} vs ${q}`);
    }
    assert.deepEqual(second.errors, []);
    await second.page.close();

    // Undo, redo, browser back.
    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('Control+z');
    await waitNodeCount(page, '===', before.length);
    await page.keyboard.press('Control+Shift+z');
    await waitNodeCount(page, '===', afterIds.length);
    await page.goBack();
    await waitNodeCount(page, '===', before.length);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('filters by type from the legend, dismisses with the keyboard, and shows help', async () => {
    const { page, errors } = await newPage();
    await page.goto(app.url);
    await searchAndPick(page, '07LONDON3923', SEED);
    const all = await nodeIds(page);
    assert.ok(all.some((id) => id.startsWith('tag:')));
    await page.locator('.legend-item[data-kind="tag"]').click();
    await waitHooks(page, () => !(globalThis as unknown as PageGlobal).cablescope?.nodeIds().some((id) => id.startsWith('tag:')), null);
    assert.match(page.url(), /hide=tag/);
    await page.locator('.legend-item[data-kind="tag"]').click();
    await waitNodeCount(page, '===', all.length);

    // Select the sender post from the panel, then dismiss it with Delete.
    await page.locator('.panel [data-node="post:LONDON"]').first().click();
    await waitHooks(page, () => (globalThis as unknown as PageGlobal).cablescope?.selected() === 'post:LONDON', null);
    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('Delete');
    await waitNode(page, 'post:LONDON', false);
    await page.keyboard.press('Control+z');
    await waitNode(page, 'post:LONDON', true);

    // Collapse the seed: its leaves go, undo brings them back.
    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight'); // selects the seed
    assert.equal(await hook<string | null>(page, 'selected()'), SEED);
    const beforeCollapse = (await nodeIds(page)).length;
    await page.keyboard.press('r');
    await waitHooks(page, (n) => ((globalThis as unknown as PageGlobal).cablescope?.nodeIds().length ?? n) < n, beforeCollapse);
    await page.keyboard.press('Control+z');
    await waitNodeCount(page, '===', beforeCollapse);

    // Searching a node that is already in view selects it instead of starting over.
    const count = (await nodeIds(page)).length;
    const input = page.locator('#search-input');
    await input.fill('');
    await input.pressSequentially('07LONDON3175', { delay: 15 });
    await page.locator('.suggestion[data-id="cable:07LONDON3175"] .in-view').waitFor();
    await page.keyboard.press('Enter');
    await waitHooks(page, () => (globalThis as unknown as PageGlobal).cablescope?.selected() === 'cable:07LONDON3175', null);
    assert.equal((await nodeIds(page)).length, count);
    await page.locator('.graph-canvas').focus();

    await page.keyboard.press('?');
    await page.locator('#help[open]').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    assert.equal(await page.evaluate('document.activeElement.id'), 'search-input');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('pins a node where it is dragged, and walks the graph with the arrow keys', async () => {
    const { page, errors } = await newPage();
    await page.goto(app.url);
    await searchAndPick(page, '07LONDON3923', SEED);
    const start = await hook<[number, number]>(page, 'screenPosition("post:LONDON")');
    const drop: [number, number] = [start[0] + 90, start[1] + 60];
    await page.mouse.move(start[0], start[1]);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(start[0] + (90 * i) / 8, start[1] + (60 * i) / 8);
    await page.mouse.up();
    await waitHooks(page, () => (globalThis as unknown as PageGlobal).location.hash.includes('pin='), null);
    await page.waitForTimeout(300);
    await waitIdle(page);
    const now = await hook<[number, number]>(page, 'screenPosition("post:LONDON")');
    assert.ok(Math.hypot(now[0] - drop[0], now[1] - drop[1]) < 3, `dropped at ${drop}, now at ${now}`);

    // Arrow keys move the selection along links; Enter expands.
    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    assert.equal(await hook<string | null>(page, 'selected()'), SEED, 'the first arrow selects the seed');
    const seen = new Set<string>();
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
      await page.keyboard.press(key);
      const sel = await hook<string | null>(page, 'selected()');
      if (sel) seen.add(sel);
    }
    assert.ok(seen.size >= 2, `arrow keys visited ${[...seen].join(', ')}`);
    assert.match(await page.locator('#sr-announce').textContent() ?? '', /connected in view/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('exports the view as JSON, CSV, GraphML, SVG and PNG', async () => {
    const { page, errors } = await newPage();
    await page.goto(app.url);
    await searchAndPick(page, '07LONDON3923', SEED);
    const ids = await nodeIds(page);
    const grab = async (kind: string): Promise<{ name: string; data: Buffer }> => {
      await page.locator('#export-menu > summary').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-export="${kind}"]`).click()]);
      const path = await download.path();
      return { name: download.suggestedFilename(), data: await readFile(path) };
    };
    const json = await grab('json');
    assert.equal(json.name, 'cablescope-07LONDON3923.json');
    const parsed = JSON.parse(json.data.toString('utf8')) as { nodes: { id: string; x: number }[]; links: unknown[] };
    assert.deepEqual(new Set(parsed.nodes.map((n) => n.id)), new Set(ids));
    assert.ok(parsed.nodes.every((n) => typeof n.x === 'number'));

    const csv = await grab('nodes-csv');
    assert.equal(csv.data.toString('utf8').trim().split('\r\n').length, ids.length + 1);
    const graphml = await grab('graphml');
    assert.match(graphml.data.toString('utf8'), /<graphml/);
    const svg = await grab('svg');
    const svgText = svg.data.toString('utf8');
    assert.match(svgText, /^<svg/);
    assert.match(svgText, /Cites \(REF\)/, 'the legend is embedded');
    const log = (await grab('log')).data.toString('utf8');
    assert.match(log, /1\. Started a new view from cable 07LONDON3923/);
    assert.match(log, /View: http/);
    const png = await grab('png');
    assert.deepEqual([...png.data.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
