/**
 * End-to-end for the explorer views, in Chromium against the real server and the sample corpus:
 * open a cable → citation view (ancestors left, descendants right, ghost for a cited cable missing
 * from the corpus, depth, click through) → date filter on the timeline brush → the graph follows
 * → the URL reproduces the same view in a new page. Then the post and tag panels and the
 * selective expand menu (aggregates, drill-down, add, URL replay).
 *
 * CABLESCOPE_SCREENSHOTS=1 also writes docs/screenshots/{citation-view,post-panel,tag-panel}.png.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { CitationResponse, GraphResponse } from '../../server/src/api/types.ts';
import { startTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { clickNode, hook, launchBrowser, nodeIds, searchAndPick, waitIdle, openPage, until } from './browser.ts';

const ROOT = 'cable:09BRASILIA391';
const SHOTS = process.env.CABLESCOPE_SCREENSHOTS ? path.resolve('docs/screenshots') : null;
let app: TestApp;
let browser: Browser;
let chain: CitationResponse;
let hood: GraphResponse;

interface CiteNode {
  id: string;
  side: string;
  ghost: boolean;
  estimated: boolean;
  x: number;
  dimmed: boolean;
}

const newPage = () => openPage(browser, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });


const citeNodes = (page: Page): Promise<CiteNode[]> => page.evaluate('window.cablescopeViews.citeNodes()') as Promise<CiteNode[]>;

async function waitChain(page: Page, root: string, depth: number): Promise<CiteNode[]> {
  await page.locator(`.cite-node.root[data-id="${root}"]`).waitFor({ timeout: 20_000 });
  await until(page, `location.hash.includes("cite=${root}") && location.hash.includes("depth=${depth}")`);
  return citeNodes(page);
}

/** Drags the timeline brush from the start of one month to the end of another. */
async function brush(page: Page, from: string, to: string): Promise<void> {
  const box = await page.locator('[data-testid="timeline-brush"] svg').boundingBox();
  assert.ok(box, 'the brush is drawn');
  const x0 = (await page.evaluate(`window.cablescopeViews.brushMonthX(${JSON.stringify(from)})`)) as number;
  const next = (m: string) => (m.endsWith('-12') ? `${Number(m.slice(0, 4)) + 1}-01` : `${m.slice(0, 5)}${String(Number(m.slice(5)) + 1).padStart(2, '0')}`);
  const x1 = (await page.evaluate(`window.cablescopeViews.brushMonthX(${JSON.stringify(next(to))})`)) as number;
  const y = box.y + box.height / 2 - 4;
  await page.mouse.move(x0 + 1, y);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, y, { steps: 4 });
  await page.mouse.move(x1 - 1, y, { steps: 4 });
  await page.mouse.up();
}

describe('explorer views', () => {
  before(async () => {
    const external = process.env.CABLESCOPE_E2E_URL;
    app = external ? { url: external.replace(/\/$/, ''), close: async () => {} } : await startTestApp();
    browser = await launchBrowser();
    chain = (await (await fetch(`${app.url}/api/cables/09BRASILIA391/citations?depth=2&limit=400`)).json()) as CitationResponse;
    hood = (await (await fetch(`${app.url}/api/graph/neighborhood?id=${ROOT}&limit=150`)).json()) as GraphResponse;
    assert.ok(chain.counts.cites > 0 && chain.counts.citedBy > 0 && chain.counts.notInCorpus > 0, 'the sample has a chain with both sides and ghosts');
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a cable’s citation chain on a date axis, filters by date on the brush, and reproduces the view from its URL', async () => {
    const { page, errors } = await newPage();
    await page.goto(app.url);
    await searchAndPick(page, '09BRASILIA391', ROOT);

    // Graph → citation view of the selected cable.
    await page.locator('.view-switch [data-view="citations"]').click();
    let nodes = await waitChain(page, ROOT, 2);
    assert.equal(await page.evaluate('window.cablescopeViews.citeVisible()'), true);
    assert.deepEqual(new Set(nodes.map((n) => n.id)), new Set(chain.nodes.map((n) => n.id)), 'every cable of the chain is drawn');
    const root = nodes.find((n) => n.id === ROOT)!;
    const ancestors = nodes.filter((n) => n.side === 'cites');
    const descendants = nodes.filter((n) => n.side === 'citedBy');
    assert.ok(ancestors.length > 0 && descendants.length > 0);
    assert.ok(ancestors.every((n) => n.x < root.x), 'ancestors left of the root');
    assert.ok(descendants.every((n) => n.x > root.x), 'descendants right of the root');

    // A cited cable missing from the corpus is a ghost: hollow, dashed, at an estimated date.
    const missing = chain.nodes.find((n) => n.inCorpus === false)!;
    const ghost = nodes.find((n) => n.id === missing.id)!;
    assert.ok(ghost.ghost && ghost.estimated);
    const circle = page.locator(`.cite-node.ghost[data-id="${missing.id}"] circle`).last();
    assert.equal(await circle.getAttribute('fill'), '#fff');
    assert.ok(await circle.getAttribute('stroke-dasharray'), 'dashed outline');
    assert.equal(await page.locator(`.cite-node[data-id="${missing.id}"] .cite-label`).textContent(), missing.key);
    await page.locator('.cite-ghost-legend', { hasText: `${chain.counts.notInCorpus} cited cables not in the corpus` }).waitFor();

    // The chain downloads as CSV, one row per cable.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="chain-csv"]').click()]);
    assert.equal(download.suggestedFilename(), 'cablescope-09BRASILIA391-citations-d2.csv');
    const csv = (await readFile(await download.path())).toString('utf8').trim().split('\r\n');
    assert.equal(csv.length, chain.nodes.length + 1);
    assert.ok(csv.some((r) => r.startsWith(`${missing.key},`) && r.includes(',true,ancestor,')), 'the ghost is flagged as estimated');

    // Depth is view state.
    await page.locator('.cite-bar [data-depth="1"]').click();
    nodes = await waitChain(page, ROOT, 1);
    assert.ok(nodes.length < chain.nodes.length, 'depth 1 shows fewer cables');
    await page.locator('.cite-bar [data-depth="2"]').click();
    nodes = await waitChain(page, ROOT, 2);
    assert.equal(nodes.length, chain.nodes.length);

    // Click through: an ancestor opens in the reader.
    const anc = chain.nodes.find((n) => n.side === 'cites' && n.inCorpus !== false && n.depth === 1)!;
    await page.locator(`.cite-node[data-id="${anc.id}"] circle`).last().click();
    await page.locator('[data-testid="panel-id"]', { hasText: anc.key }).waitFor();
    assert.equal(await hook<string | null>(page, 'selected()'), anc.id);
    if (SHOTS) {
      await page.mouse.move(5, 300);
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(SHOTS, 'citation-view.png') });
    }
    // …and the root again.
    await page.locator(`.cite-node[data-id="${ROOT}"] circle`).last().click();
    await until(page, `window.cablescope.selected() === ${JSON.stringify(ROOT)}`);

    // Back to the graph; filter by date on the brush: the graph follows.
    await page.locator('.view-switch [data-view="graph"]').click();
    await until(page, '!location.hash.includes("cite=")');
    assert.equal(await page.evaluate('window.cablescopeViews.citeVisible()'), false);
    await until(page, "window.cablescope && !window.cablescope.busy()");
    const before = await nodeIds(page);
    await brush(page, '2008-06', '2009-03');
    await until(page, 'location.hash.includes("from=2008-06") && location.hash.includes("to=2009-03")');
    await until(page, "window.cablescope && !window.cablescope.busy()");
    const afterIds = await nodeIds(page);
    assert.ok(afterIds.length < before.length, `the graph shrank (${before.length} → ${afterIds.length})`);
    const dateOf = new Map(hood.nodes.map((n) => [n.id, n.date ?? null]));
    for (const id of afterIds) {
      const d = dateOf.get(id);
      if (id === ROOT || !id.startsWith('cable:') || !d) continue;
      assert.ok(d.slice(0, 7) >= '2008-06' && d.slice(0, 7) <= '2009-03', `${id} (${d}) is in the range`);
    }
    const dropped = before.filter((id) => !afterIds.includes(id));
    assert.ok(dropped.some((id) => (dateOf.get(id) ?? '9999') < '2008-06'), 'older cables were filtered out');
    assert.match(await page.locator('[data-testid="date-range"]').textContent() ?? '', /Jun 2008 – Mar 2009/);
    // The keyboard moves the range too (and does not move the graph selection).
    await page.locator('[data-testid="timeline-brush"]').focus();
    await page.keyboard.press('ArrowRight');
    await until(page, 'location.hash.includes("from=2008-07") && location.hash.includes("to=2009-04")');
    await page.keyboard.press('ArrowLeft');
    await until(page, 'location.hash.includes("from=2008-06") && location.hash.includes("to=2009-03")');
    assert.equal(await hook<string | null>(page, 'selected()'), ROOT);
    await until(page, "window.cablescope && !window.cablescope.busy()");

    // The citation view follows the filter too (out-of-range cables are dimmed, not removed).
    await page.locator('.view-switch [data-view="citations"]').click();
    nodes = await waitChain(page, ROOT, 2);
    const dimmed = nodes.filter((n) => n.dimmed).map((n) => n.id).sort();
    assert.ok(dimmed.length > 0 && dimmed.length < nodes.length);
    await until(page, 'location.hash.includes("pos=") && !window.cablescope.busy()');
    const url = page.url();

    // A new page from the link: same citation view, same filters, same graph underneath.
    const second = await newPage();
    await second.page.goto(url);
    const nodes2 = await waitChain(second.page, ROOT, 2);
    assert.deepEqual(nodes2.map((n) => n.id).sort(), nodes.map((n) => n.id).sort());
    assert.deepEqual(nodes2.filter((n) => n.dimmed).map((n) => n.id).sort(), dimmed);
    assert.equal(await second.page.locator('[data-testid="cite-root"]').textContent(), '09BRASILIA391');
    assert.match(await second.page.locator('[data-testid="date-range"]').textContent() ?? '', /Jun 2008 – Mar 2009/);
    await second.page.locator('.view-switch [data-view="graph"]').click();
    await until(second.page, `window.cablescope.nodeIds().length === ${afterIds.length}`);
    assert.deepEqual(new Set(await nodeIds(second.page)), new Set(afterIds));
    assert.deepEqual(second.errors, []);
    await second.page.close();

    // Undo goes back through the steps: citation view, keyboard moves, brush.
    await page.locator('#btn-undo').click();
    await until(page, '!location.hash.includes("cite=") && location.hash.includes("from=2008-06")');
    await page.locator('#btn-undo').click(); // ←
    await until(page, 'location.hash.includes("from=2008-07")');
    await page.locator('#btn-undo').click(); // →
    await until(page, 'location.hash.includes("from=2008-06")');
    await page.locator('#btn-undo').click(); // the brush
    await until(page, '!location.hash.includes("from=")');
    await until(page, `window.cablescope.nodeIds().length === ${before.length}`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('selects several nodes with Shift+click, dismisses them together, and keeps the selection in the URL', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.${ROOT}`);
    await until(page, `(window.cablescope?.nodeIds().length ?? 0) === ${hood.nodes.length}`);
    await waitIdle(page);
    await page.keyboard.press('Escape');
    const picks = hood.nodes.filter((n) => n.id !== ROOT).slice(0, 2).map((n) => n.id);
    await page.keyboard.down('Shift');
    for (const id of picks) await clickNode(page, id);
    await page.keyboard.up('Shift');
    assert.deepEqual(await hook<string[]>(page, 'selection()'), picks);
    await page.locator('[data-testid="selection-count"]', { hasText: '2 selected' }).waitFor();
    await until(page, `location.hash.includes("mark=")`);

    // The selection survives a reload from the URL.
    const url = page.url();
    const copy = (await newPage()).page;
    await copy.goto(url);
    await until(copy, `(window.cablescope?.nodeIds().length ?? 0) === ${hood.nodes.length}`);
    assert.deepEqual(await hook<string[]>(copy, 'selection()'), picks);
    await copy.close();

    // Delete dismisses both; undo brings them back.
    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('Delete');
    await until(page, `(window.cablescope?.nodeIds().length ?? 0) === ${hood.nodes.length - 2}`);
    const left = await nodeIds(page);
    assert.ok(picks.every((id) => !left.includes(id)), 'both are gone');
    assert.deepEqual(await hook<string[]>(page, 'selection()'), []);
    await page.locator('#btn-undo').click();
    await until(page, `(window.cablescope?.nodeIds().length ?? 0) === ${hood.nodes.length}`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('sizes cables by citations from the legend, and keeps the choice in the URL', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.${ROOT}`);
    await until(page, `(window.cablescope?.nodeIds().length ?? 0) === ${hood.nodes.length}`);
    const cables = hood.nodes.filter((n) => n.kind === 'cable' && typeof n.citedBy === 'number');
    const most = cables.reduce((a, b) => ((b.citedBy ?? 0) > (a.citedBy ?? 0) ? b : a));
    const uncited = cables.find((n) => n.citedBy === 0 && n.degree >= most.degree);
    assert.ok((most.citedBy ?? 0) > 0, 'the neighbourhood holds a cited cable');
    const radius = (id: string) => hook<number>(page, `radius(${JSON.stringify(id)})`);
    const before = await radius(most.id);
    await page.locator('.legend-size [data-size="citedBy"]').click();
    await until(page, `location.hash.includes("size=cited")`);
    const expected = Math.min(24, 4 + 2.6 * Math.log2(1 + (most.citedBy ?? 0)));
    assert.ok(Math.abs((await radius(most.id)) - expected) < 1e-9, `${most.id} is drawn by its ${most.citedBy} citations`);
    assert.notEqual(await radius(most.id), before, 'the size changed');
    if (uncited) assert.equal(await radius(uncited.id), 4, 'an uncited cable shrinks to the smallest size');
    // A link with size=cited opens sized by citations.
    const copy = (await newPage()).page;
    await copy.goto(page.url());
    await until(copy, `(window.cablescope?.nodeIds().length ?? 0) === ${hood.nodes.length}`);
    assert.equal(await hook<number>(copy, `radius(${JSON.stringify(most.id)})`), await radius(most.id));
    assert.equal(await copy.locator('.legend-size [data-size="citedBy"]').getAttribute('aria-pressed'), 'true');
    await copy.close();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('re-centres the citation view on a double-clicked cable', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.${ROOT}&sel=${ROOT}&cite=${ROOT}&depth=1`);
    await waitChain(page, ROOT, 1);
    const desc = chain.nodes.find((n) => n.side === 'citedBy' && n.depth === 1 && n.inCorpus !== false)!;
    await page.locator(`.cite-node[data-id="${desc.id}"] circle`).last().dblclick();
    const nodes = await waitChain(page, desc.id, 1);
    assert.ok(nodes.some((n) => n.id === ROOT && n.side === 'cites'), 'the old root is now an ancestor');
    await page.locator('#btn-undo').click();
    await waitChain(page, ROOT, 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows a post’s traffic, correspondents and tags, and adds a correspondent to the graph', async () => {
    const { page, errors } = await newPage();
    await page.goto(app.url);
    await searchAndPick(page, 'BRASILIA', 'post:BRASILIA');
    const traffic = page.locator('[data-testid="post-traffic"]');
    await traffic.locator('svg.month-chart .series-0 rect').first().waitFor();
    assert.ok((await traffic.locator('svg.month-chart .series-1 rect').count()) > 0, 'received cables are charted');
    const first = page.locator('[data-testid="writes-to"] .rank-row').first();
    await first.waitFor();
    const id = await first.locator('[data-add]').getAttribute('data-add');
    assert.ok(id?.startsWith('post:'));
    assert.ok(!(await nodeIds(page)).includes(id!));
    await first.locator('[data-add]').click();
    await until(page, `window.cablescope.nodeIds().includes(${JSON.stringify(id)})`);
    await until(page, "window.cablescope && !window.cablescope.busy()");
    // Select Brasilia again: its cables are in view, so its top tags show up.
    await page.evaluate('history.back()');
    await until(page, `!window.cablescope.nodeIds().includes(${JSON.stringify(id)})`);
    // Top tags of its latest cables, clickable.
    await page.locator('[data-testid="post-tags"] .chip[data-node^="tag:"]').first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'post-panel.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('explains a tag and expands it selectively through aggregates', async () => {
    const { page, errors } = await newPage();
    await page.goto(app.url);
    await searchAndPick(page, 'PREL', 'tag:PREL');
    await page.locator('[data-testid="tag-kind"]', { hasText: 'Subject' }).waitFor();
    await page.locator('[data-testid="tag-timeline"] svg.month-chart rect').first().waitFor();
    await page.locator('[data-testid="tag-top-posts"] .rank-row').first().waitFor();
    // the summary node that stands for PREL's cables is listed by its label, never by its internal id
    const listed = await page.locator('.panel-section .link-list .node-link').allTextContents();
    assert.ok(listed.some((t) => /^PREL: \d+ cables$/.test(t)), `summary listed by its label: ${listed.join(' | ')}`);
    assert.ok(!listed.some((t) => t.includes('|')), `no internal id listed: ${listed.join(' | ')}`);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'tag-panel.png') });

    // Expand by relationship: more than the threshold → aggregates; drill into a month.
    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('x');
    const menu = page.locator('[data-testid="expand-menu"]');
    await menu.waitFor();
    await menu.locator('[data-choice="Tagged cables"] .xm-count', { hasText: /\d/ }).waitFor();
    await menu.locator('[data-choice="Tagged cables"]').click();
    await menu.locator('[data-testid="xm-summary"]', { hasText: 'too many to draw' }).waitFor();
    const bar = menu.locator('svg.month-chart rect[data-month]').last();
    const month = (await bar.getAttribute('data-month'))!;
    await bar.click();
    await menu.locator('[data-testid="xm-summary"]', { hasText: / of / }).waitFor();
    const before = await nodeIds(page);
    await menu.locator('[data-action="xm-add"]').click();
    await until(page, `location.hash.includes("op=x.tag:PREL~TAGGED~in~importance~50~${month}~${month}~")`);
    await until(page, "window.cablescope && !window.cablescope.busy()");
    const afterIds = await nodeIds(page);
    assert.ok(afterIds.length >= before.length);
    const url = page.url();
    const second = await newPage();
    await second.page.goto(url);
    await until(second.page, `window.cablescope.nodeIds().length === ${afterIds.length}`);
    assert.deepEqual(new Set(await nodeIds(second.page)), new Set(afterIds));
    assert.deepEqual(second.errors, []);
    await second.page.close();
    assert.deepEqual(errors, []);
    await page.close();
  });
});
