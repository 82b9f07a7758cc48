/**
 * End-to-end, issue 13 ("a graph you can read"): hubs answer with summaries you drill into,
 * a click reads instead of expanding, year-less REF mentions are links, and neither the
 * canvas nor an export draws a label over a label or a node. Real server, real sample.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ExpandResponse, NeighbourhoodResponse } from '../../server/src/api/types.ts';
import { startTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { clickNode, hook, launchBrowser, nodeIds, searchAndPick, waitHooks, waitIdle, waitNodeCount } from './browser.ts';
import type { PageGlobal } from './browser.ts';

interface Overlaps {
  labels: [string, string][];
  nodes: [string, string][];
  drawn: number;
}

let app: TestApp;
let browser: Browser;
/** The sample's biggest tag (PREL) and the answer its neighbourhood gets. */
let hub: NeighbourhoodResponse;

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

const summaryOf = (r: NeighbourhoodResponse) => {
  const g = r.groups.find((x) => x.summarised && x.kind === 'cable');
  assert.ok(g, 'the hub has a summarised group of cables');
  return { group: g, id: `summary:${r.center}|${g.type}|${g.direction}` };
};

describe('a graph you can read', () => {
  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    hub = (await (await fetch(`${app.url}/api/graph/neighborhood?id=tag:PREL`)).json()) as NeighbourhoodResponse;
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('picking PREL gives a summary node, not a star', async () => {
    const { page, errors } = await newPage();
    await page.goto(app.url);
    await searchAndPick(page, 'PREL', 'tag:PREL');
    const { group, id } = summaryOf(hub);
    const ids = await nodeIds(page);
    assert.ok(ids.includes('tag:PREL'));
    assert.ok(ids.includes(id), 'the summary node is drawn');
    assert.ok(ids.length - 1 <= hub.maxNodes, `${ids.length - 1} new nodes`);
    assert.ok(!ids.some((n) => n.startsWith('cable:')), 'no cable of the tag is drawn one by one');
    // The panel of the summary says what it holds.
    await clickNode(page, id);
    await page.locator('[data-testid="panel-title"]', { hasText: `${group.total} cables` }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('drilling into one post brings exactly its cables', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.tag:PREL`);
    await waitIdle(page);
    const { group, id } = summaryOf(hub);
    const sender = group.bySender[0]!;
    await clickNode(page, id);
    const before = await nodeIds(page);
    await page.locator(`[data-testid="drill-sender"][data-key="${sender.key}"]`).click();
    await waitNodeCount(page, '>', before.length);
    await waitIdle(page);
    const added = (await nodeIds(page)).filter((n) => !before.includes(n));
    const expected = (await (await fetch(`${app.url}/api/graph/expand?id=tag:PREL&types=${group.type}&direction=${group.direction}&sender=${sender.key}&mode=nodes&limit=${hub.maxNodes}`)).json()) as ExpandResponse;
    assert.deepEqual(new Set(added), new Set(expected.nodes.slice(1).map((n) => n.id)));
    assert.equal(added.length, Math.min(sender.count, hub.maxNodes));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a click selects and reads; expanding is a double-click', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.cable:07LONDON3923`);
    await waitIdle(page);
    const before = await nodeIds(page);
    await clickNode(page, 'post:LONDON');
    await page.locator('[data-testid="panel-title"]', { hasText: 'London' }).waitFor();
    await page.waitForTimeout(400);
    await waitIdle(page);
    assert.equal(await hook<string | null>(page, 'selected()'), 'post:LONDON');
    assert.deepEqual(await nodeIds(page), before, 'a click does not expand');
    const p = await hook<[number, number]>(page, 'screenPosition("post:LONDON")');
    await page.mouse.dblclick(p[0], p[1]);
    await waitNodeCount(page, '>', before.length);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('07LONDON3923’s "REF: LONDON 03175" is a link to the cited cable', async () => {
    const { page } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.cable:07LONDON3923`);
    await waitIdle(page);
    await clickNode(page, 'cable:07LONDON3923');
    const link = page.locator('[data-testid="cable-text"] .ref-link[data-ref="07LONDON3175"]', { hasText: 'LONDON 03175' });
    await link.waitFor();
    // The release's mangled quotes are shown cleaned, the raw text one toggle away.
    const text = page.locator('[data-testid="cable-text"]');
    assert.match((await text.textContent()) ?? '', /\u201cresist sanctions indefinitely\.\u201d/);
    await page.locator('[data-testid="as-released"]').check();
    assert.match((await text.textContent()) ?? '', /&resist sanctions indefinitely\.8/);
    await page.locator('[data-testid="as-released"]').uncheck();
    await link.click();
    await waitHooks(page, () => (globalThis as unknown as PageGlobal).cablescope?.selected() === 'cable:07LONDON3175', null);
    await page.close();
  });

  it('no label overlaps another label or a node, on screen or in an export', async () => {
    const { page } = await newPage();
    for (const hash of ['#v=1&op=s.cable:07LONDON3923', '#v=1&op=s.tag:PREL', '#v=1&op=s.post:MANAMA']) {
      await page.goto(`${app.url}/${hash}`);
      await page.mouse.move(2, 890);
      await waitIdle(page);
      await page.waitForTimeout(200);
      const screen = await hook<Overlaps>(page, 'labelOverlaps()');
      assert.ok(screen.drawn > 0, `${hash}: labels are drawn`);
      assert.deepEqual([screen.labels, screen.nodes], [[], []], `${hash}: on screen`);
      const exported = await hook<Overlaps>(page, 'exportOverlaps()');
      assert.ok(exported.drawn > 0, `${hash}: the export has labels`);
      assert.deepEqual([exported.labels, exported.nodes], [[], []], `${hash}: in the export`);
    }
    await page.close();
  });

  it('Esc closes the topmost thing only; the empty state’s examples run the search', async () => {
    const { page } = await newPage();
    await page.goto(app.url);
    await page.locator('[data-example-id="cable:07LONDON3923"]').click();
    await waitHooks(page, () => ((globalThis as unknown as PageGlobal).cablescope?.nodeIds().length ?? 0) > 1, null);
    await waitIdle(page);
    await clickNode(page, 'post:LONDON', { button: 'right' });
    await page.locator('#context-menu').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.locator('#context-menu').waitFor({ state: 'hidden' });
    assert.equal(await hook<string | null>(page, 'selected()'), 'post:LONDON', 'the first Esc only closed the menu');
    await page.keyboard.press('Escape');
    await waitHooks(page, () => (globalThis as unknown as PageGlobal).cablescope?.selected() === null, null);
    await page.close();
  });
});
