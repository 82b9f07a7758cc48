/**
 * End-to-end, issue 13 ("a graph you can read"): hubs answer with summaries you drill into,
 * a click reads instead of expanding, year-less REF mentions are links, and neither the
 * canvas nor an export draws a label over a label or a node. Real server, real sample.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ExpandResponse, NeighbourhoodResponse } from '../../server/src/api/types.ts';
import { CLASS_COLOR } from '../../client/src/render/theme.ts';
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

  it('Esc closes the topmost thing only', async () => {
    const { page } = await newPage();
    await page.goto(app.url);
    await searchAndPick(page, '07LONDON3923', 'cable:07LONDON3923');
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
  it('one count: the legend, the status line and the timeline count the same cables, with and without filters', async () => {
    const { page, errors } = await newPage();
    const counts = async () => {
      const legend = Number(((await page.locator('.legend-item[data-kind="cable"] .legend-count').textContent()) ?? '').replace(/\D/g, ''));
      const status = (await page.locator('[data-testid="status-counts"]').textContent()) ?? '';
      const timeline = (await page.locator('[data-testid="timeline-count"]').textContent()) ?? '';
      const drawn = (await nodeIds(page)).filter((id) => id.startsWith('cable:')).length;
      return { legend, status: Number(/\((\d+) cables?\)/.exec(status)?.[1]), timeline: Number(/^(\d+)/.exec(timeline)?.[1]), drawn };
    };
    await page.goto(`${app.url}/#v=1&op=s.cable:09BRASILIA391`);
    await waitIdle(page);
    const all = await counts();
    assert.ok(all.drawn > 3, 'the view holds cables');
    assert.deepEqual(all, { legend: all.drawn, status: all.drawn, timeline: all.drawn, drawn: all.drawn });
    // A classification filter, then a date range: all three follow, and agree.
    const chip = page.locator('.filter-bar .fb-chip', { hasText: 'Confidential' });
    await chip.click();
    await waitIdle(page);
    const filtered = await counts();
    assert.ok(filtered.drawn < all.drawn, `the filter hides cables (${filtered.drawn} of ${all.drawn})`);
    assert.deepEqual(filtered, { legend: filtered.drawn, status: filtered.drawn, timeline: filtered.drawn, drawn: filtered.drawn });
    assert.match((await page.locator('[data-testid="timeline-count"]').textContent()) ?? '', new RegExp(`^${filtered.drawn} of ${all.drawn} cables in view`));
    await chip.click();
    await page.goto(`${page.url().replace(/&from=[^&]*|&to=[^&]*/g, '')}&from=2009-01&to=2009-12`);
    await waitIdle(page);
    const ranged = await counts();
    assert.deepEqual(ranged, { legend: ranged.drawn, status: ranged.drawn, timeline: ranged.drawn, drawn: ranged.drawn });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the badge and the filter chips are drawn in theme.ts CLASS_COLOR, the canvas’s and the front chart’s classification colours', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.cable:07LONDON3923&sel=cable:07LONDON3923`);
    await waitIdle(page);
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    const style = (selector: string, property: 'color' | 'backgroundColor') => page.locator(selector).first().evaluate((e, p) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(e)[p], property);
    await page.locator('.panel-kicker .badge').waitFor();
    assert.equal(await page.locator('.panel-kicker .badge').textContent(), 'CONFIDENTIAL');
    assert.equal(await style('.panel-kicker .badge', 'color'), rgb(CLASS_COLOR.confidential.plain));
    assert.equal(await style('.panel-kicker .badge', 'backgroundColor'), rgb(CLASS_COLOR.confidential.tint));
    for (const level of ['unclassified', 'confidential', 'secret'] as const) {
      assert.equal(await style(`.filter-bar .fb-chip[data-class="${level}"] .fb-dot`, 'backgroundColor'), rgb(CLASS_COLOR[level].plain), `the ${level} chip`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('"/" focuses the search box without typing a slash into it', async () => {
    const { page } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.cable:07LONDON3923`);
    await waitIdle(page);
    await page.locator('canvas.graph-canvas').focus();
    await page.keyboard.press('/');
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), 'search-input');
    assert.equal(await page.locator('#search-input').inputValue(), '');
    // In the box, "/" is just a character.
    await page.keyboard.type('a/b');
    assert.equal(await page.locator('#search-input').inputValue(), 'a/b');
    await page.close();
  });

  it('the hover tooltip never sits on top of a menu', async () => {
    const { page } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.cable:07LONDON3923`);
    await page.mouse.move(2, 890);
    await waitIdle(page);
    const tooltip = page.locator('#tooltip');
    const [x, y] = await hook<[number, number]>(page, 'screenPosition("post:LONDON")');
    await page.mouse.move(x, y);
    await tooltip.waitFor({ state: 'visible' });
    await page.mouse.click(x, y, { button: 'right' });
    const menu = page.locator('#context-menu');
    await menu.waitFor({ state: 'visible' });
    assert.equal(await tooltip.isVisible(), false, 'opening the menu hides the tooltip');
    // Hovering other nodes while the menu is open shows no tooltip.
    for (const id of (await nodeIds(page)).filter((n) => n !== 'post:LONDON').slice(0, 6)) {
      const p = await hook<[number, number] | null>(page, `screenPosition(${JSON.stringify(id)})`);
      if (p) await page.mouse.move(p[0], p[1], { steps: 2 });
      assert.equal(await tooltip.isVisible(), false, `no tooltip over the open menu (hovering ${id})`);
    }
    const box = (await menu.boundingBox())!;
    assert.equal(await page.evaluate(`document.getElementById('context-menu').contains(document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height / 2}))`), true, 'the menu is on top');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('fits the graph, animated, after an expansion, unless the user zoomed since', async () => {
    const { page } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.cable:07LONDON3923`);
    await page.mouse.move(2, 890);
    await waitIdle(page);
    const inside = async () => {
      const ids = await nodeIds(page);
      const box = (await page.locator('canvas.graph-canvas').boundingBox())!;
      const legend = (await page.locator('#legend').boundingBox())!;
      let out = 0;
      for (const id of ids) {
        const p = await hook<[number, number] | null>(page, `screenPosition(${JSON.stringify(id)})`);
        const underLegend = p && p[0] >= legend.x && p[0] <= legend.x + legend.width && p[1] >= legend.y && p[1] <= legend.y + legend.height;
        if (!p || p[0] < box.x || p[1] < box.y || p[0] > box.x + box.width || p[1] > box.y + box.height || underLegend) out++;
      }
      return { out, total: ids.length };
    };
    const before = await hook<{ k: number }>(page, 'viewport()');
    await clickNode(page, 'cable:07LONDON3175', { clickCount: 2 });
    // The viewport moves over several frames (an animated d3-zoom transition), then rests.
    const seen = new Set<string>();
    for (let i = 0; i < 60 && seen.size < 3; i++) {
      seen.add(JSON.stringify(await hook(page, 'viewport()')));
      await page.waitForTimeout(25);
    }
    await waitIdle(page);
    assert.ok(seen.size >= 3, `the fit animates (${seen.size} viewports seen)`);
    const after = await inside();
    assert.ok(after.total > 23, 'the expansion added nodes');
    assert.equal(after.out, 0, 'every node is on screen and clear of the legend');
    assert.notDeepEqual(await hook(page, 'viewport()'), before);
    // A zoom by the user in the meantime cancels the fit.
    await clickNode(page, 'post:LONDON', { clickCount: 2 });
    await page.mouse.move(600, 300);
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(300);
    const zoomed = await hook(page, 'viewport()');
    await page.waitForTimeout(400);
    await waitIdle(page);
    assert.deepEqual(await hook(page, 'viewport()'), zoomed, 'no fit after the user zoomed');
    await page.close();
  });

  it('the citation view draws arrows, labels cables by subject without overlaps and, after a re-centre, nothing off the left edge', async () => {
    const { page } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.cable:09BRASILIA391&cite=cable:09BRASILIA391&depth=2`);
    await page.locator('.cite-node.root[data-id="cable:09BRASILIA391"]').waitFor({ timeout: 30_000 });
    const links = await page.locator('.cite-links path').count();
    assert.ok(links > 10);
    assert.equal(await page.locator('.cite-links path[marker-mid^="url(#cite-arrow"]').count(), links, 'every link has an arrowhead');
    for (const id of ['cable:08BRASILIA1685', 'cable:08BRASILIA896']) {
      await page.locator(`.cite-node[data-id="${id}"] circle`).last().dblclick();
      await page.locator(`.cite-node.root[data-id="${id}"]`).waitFor();
      await page.waitForTimeout(500);
      const body = (await page.locator('.cite-svg').boundingBox())!;
      const nodes = await page.locator('.cite-node > circle:not(.halo)').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right]));
      assert.ok(nodes.length > 10, `${id}: a chain is drawn`);
      const off = nodes.filter(([l, r]) => l! < body.x || r! > body.x + body.width);
      assert.deepEqual(off, [], `${id}: no node off the left or right edge after the re-centre`);
    }
    // cables are labelled by their subject (ghosts, which have none, by id), and no label overlaps another
    const labels = await page.locator('.cite-node').evaluateAll((els) =>
      els.map((g) => {
        const t = g.querySelector('.cite-label')!;
        const r = t.getBoundingClientRect();
        return { id: g.getAttribute('data-id')!, ghost: g.classList.contains('ghost'), text: t.textContent ?? '', box: [r.left, r.top, r.right, r.bottom] as number[] };
      }),
    );
    const inCorpus = labels.filter((l) => !l.ghost);
    assert.ok(inCorpus.length > 5);
    for (const l of inCorpus) assert.notEqual(l.text, l.id.replace(/^cable:/, ''), `${l.id} is labelled by its subject, not its id`);
    for (const l of labels.filter((x) => x.ghost)) assert.equal(l.text, l.id.replace(/^cable:/, ''));
    const overlaps = labels.flatMap((a, i) =>
      labels.slice(i + 1).filter((b) => a.box[0]! < b.box[2]! && b.box[0]! < a.box[2]! && a.box[1]! < b.box[3]! && b.box[1]! < a.box[3]!).map((b) => `${a.text} / ${b.text}`),
    );
    assert.deepEqual(overlaps, [], 'no citation label overlaps another');
    await page.close();
  });
});
