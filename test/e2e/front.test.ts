/**
 * End-to-end for the front page, in Chromium against the real server and the sample corpus:
 * a fresh app opens on it; the stacked timeline and the ranked lists show what /api/overview
 * answers (checked against the API, not against numbers written here); a most-cited cable
 * opens in the graph and the reader; a tag opens the tag; a thread opens a citation chain; the
 * date brush, a classification and a tag's scope change the page and its URL; h goes back and forth.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { OverviewResponse, RankResponse } from '../../server/src/api/types.ts';
import { fmtDay } from '../../client/src/model/format.ts';
import { startTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { hook, launchBrowser, waitIdle, waitNode, openPage, until, fetchJson } from './browser.ts';

let app: TestApp;
let browser: Browser;
let overview: OverviewResponse;

const api = <T>(path: string): Promise<T> => fetchJson<T>(app.url, path);

const fmt = (n: number): string => n.toLocaleString('en-US');

const newPage = () => openPage(browser, { viewport: { width: 1280, height: 800 } });

const frontReady = (page: Page) => until(page, 'window.cablescopeViews.frontVisible() && window.cablescopeViews.frontState() === "ready" && !document.querySelector(".front-page.loading")');
/** A fresh page on the app, once its front page is drawn. */
const openFront = async () => {
  const opened = await newPage();
  await opened.page.goto(app.url);
  await frontReady(opened.page);
  return opened;
};
const statValue = async (page: Page, name: string) => (await page.locator(`[data-stat="${name}"] .fp-stat-value`).textContent()) ?? '';
const listIds = (page: Page, list: string) => page.locator(`[data-list="${list}"] .fp-item`).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
const listNames = (page: Page, list: string) => page.locator(`[data-list="${list}"] .fp-item .fp-name`).allTextContents();

describe('front page', () => {
  before(async () => {
    const external = process.env.CABLESCOPE_E2E_URL;
    app = external ? { url: external.replace(/\/$/, ''), close: async () => {} } : await startTestApp();
    browser = await launchBrowser();
    overview = await api<OverviewResponse>('/api/overview');
    assert.ok(overview.mostCited.length > 0 && overview.topTags.length > 0 && overview.largestThreads.length > 0, 'the sample has been analysed');
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a fresh app opens on the front page: counts, the stacked timeline and the ranked lists are the API’s', async () => {
    const { page, errors } = await openFront();
    assert.equal(await page.locator('[data-testid="front-page"] h1').textContent(), 'The corpus at a glance');
    assert.equal(await statValue(page, 'cables'), fmt(overview.corpus.cables));
    assert.equal(await statValue(page, 'stubs'), fmt(overview.corpus.stubs));
    assert.equal(await statValue(page, 'threads'), fmt(overview.corpus.threads));

    // The timeline: one layer per classification with cables, their totals those of the months.
    const layers = await page.locator('[data-testid="front-timeline"] path.front-layer').evaluateAll((els) => els.map((e) => [e.getAttribute('data-class'), Number(e.getAttribute('data-total'))] as const));
    const expected = new Map<string, number>();
    for (const m of overview.months) for (const [k, n] of Object.entries(m.byClassification)) expected.set(k, (expected.get(k) ?? 0) + n);
    assert.deepEqual(new Map(layers), expected);
    assert.deepEqual(layers.map(([k]) => k), overview.classifications.filter((k) => (expected.get(k) ?? 0) > 0), 'stacked in the API’s order');
    assert.ok(layers.length >= 2, 'several classifications stacked');
    for (const [k] of layers) assert.equal(await page.locator(`.fp-legend-item[data-class="${k}"]`).count(), 1, `legend for ${k}`);
    const box = await page.locator('[data-testid="front-timeline"]').boundingBox();
    assert.ok(box && box.width > 700 && box.height >= 150, 'a readable chart');
    const ticks = await page.locator('[data-testid="front-timeline"] .chart-axis .tick text').allTextContents();
    assert.ok(ticks.length >= 4, 'axes with ticks');

    // The lists, in the API's order; cables by subject, with the id as secondary text.
    assert.deepEqual(await listIds(page, 'most-cited'), overview.mostCited.map((c) => `cable:${c.id}`));
    assert.deepEqual(await listIds(page, 'pagerank'), overview.topPagerank.map((c) => `cable:${c.id}`));
    assert.deepEqual(await listIds(page, 'senders'), overview.topSenders.map((p) => `post:${p.key}`));
    assert.deepEqual(await listIds(page, 'recipients'), overview.topRecipients.map((p) => `post:${p.key}`));
    assert.deepEqual(await listIds(page, 'tags'), overview.topTags.map((t) => `tag:${t.key}`));
    assert.deepEqual(await page.locator('[data-list="threads"] .fp-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-thread'))), overview.largestThreads.map((t) => t.id));
    const names = await listNames(page, 'most-cited');
    overview.mostCited.forEach((c, i) => {
      if (c.subject) assert.equal(names[i], c.subject.trim(), 'the subject, as text');
      else assert.equal(names[i], c.inCorpus ? '(no subject)' : 'Cited, not in the release');
    });
    const subs = await page.locator('[data-list="most-cited"] .fp-item .fp-sub').allTextContents();
    overview.mostCited.forEach((c, i) => {
      const estimate = c.analysis.estimatedDate?.date;
      const date = c.date ? fmtDay(c.date) : estimate ? `about ${fmtDay(estimate)} (estimated)` : null;
      assert.equal(subs[i], date ? `${c.id} · ${date}` : c.id, 'the id and the day, written as the reader writes them, are the secondary line');
    });
    const metric = await page.locator('[data-list="most-cited"] .fp-item .fp-metric').first().textContent();
    assert.equal(metric, `cited by ${fmt(overview.mostCited[0]!.analysis.citationsIn ?? 0)}`);
    const top = overview.largestThreads[0]!;
    assert.match((await page.locator('[data-list="threads"] .fp-item .fp-name').first().textContent()) ?? '', new RegExp(`^${fmt(top.size)} cables, `));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a most-cited cable opens in the graph and the reader; h comes back to the front page and goes back to the graph', async () => {
    const { page, errors } = await openFront();
    const cable = overview.mostCited.find((c) => c.inCorpus)!;
    await page.locator(`[data-list="most-cited"] .fp-item[data-id="cable:${cable.id}"]`).click();
    await waitNode(page, `cable:${cable.id}`, true);
    await waitIdle(page);
    assert.equal(await hook<string | null>(page, 'selected()'), `cable:${cable.id}`);
    assert.equal(await page.evaluate('window.cablescopeViews.frontVisible()'), false);
    await page.locator('[data-testid="panel-id"]', { hasText: cable.id }).waitFor();
    assert.ok(!((await page.evaluate('location.hash')) as string).includes('front=1'));

    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('h');
    await frontReady(page);
    await until(page, 'location.hash.includes("front=1")');
    assert.equal(await page.locator('#btn-front').getAttribute('aria-pressed'), 'true');
    await page.locator('[data-action="back-to-graph"]').click();
    await until(page, '!window.cablescopeViews.frontVisible()');
    assert.equal(await hook<string | null>(page, 'selected()'), `cable:${cable.id}`, 'the graph is as it was');
    await page.goBack();
    await frontReady(page);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a tag opens the tag; a thread opens its most important cable’s citation chain', async () => {
    const { page, errors } = await openFront();
    const tag = overview.topTags[0]!;
    await page.locator(`[data-list="tags"] .fp-item[data-id="tag:${tag.key}"]`).click();
    await waitNode(page, `tag:${tag.key}`, true);
    assert.equal(await hook<string | null>(page, 'selected()'), `tag:${tag.key}`);
    await page.locator('.panel h2', { hasText: tag.key }).first().waitFor();

    await page.locator('#btn-front').click();
    await frontReady(page);
    const thread = overview.largestThreads[0]!;
    const ranked = await api<RankResponse>(`/api/rank?by=pagerank&thread=${encodeURIComponent(thread.id)}&limit=1`);
    const root = `cable:${ranked.items[0]!.id}`;
    await page.locator(`[data-list="threads"] .fp-item[data-thread="${thread.id}"]`).click();
    await page.locator(`.cite-node.root[data-id="${root}"]`).waitFor({ timeout: 20_000 });
    assert.ok(((await page.evaluate("location.hash")) as string).includes(`cite=${root}`));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('filters change the front page: the date brush, a classification, a tag’s scope; the URL keeps them', async () => {
    const { page, errors } = await openFront();

    // Drag across two years of the timeline: the date filter, and the page for those dates.
    const box = (await page.locator('[data-testid="front-timeline"]').boundingBox())!;
    const months = overview.months.map((m) => m.month);
    const busiest = [...overview.months].sort((a, b) => b.total - a.total)[0]!.month;
    const year = Number(busiest.slice(0, 4));
    const from = `${year - 1}-01`;
    const to = `${year}-12`;
    assert.ok(months[0]! <= from, 'the sample spans the range');
    const x0 = (await page.evaluate(`window.cablescopeViews.frontMonthX(${JSON.stringify(from)})`)) as number;
    const x1 = (await page.evaluate(`window.cablescopeViews.frontMonthX(${JSON.stringify(`${year + 1}-01`)})`)) as number;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + x0 + 1, y);
    await page.mouse.down();
    await page.mouse.move(box.x + (x0 + x1) / 2, y, { steps: 4 });
    await page.mouse.move(box.x + x1 - 1, y, { steps: 4 });
    await page.mouse.up();
    await until(page, `location.hash.includes("from=${from}") && location.hash.includes("to=${to}")`);
    await frontReady(page);
    const dated = await api<OverviewResponse>(`/api/overview?from=${from}&to=${to}`);
    assert.equal(await statValue(page, 'cables'), fmt(dated.cables));
    assert.ok(dated.cables < overview.cables);
    assert.deepEqual(await listIds(page, 'most-cited'), dated.mostCited.map((c) => `cable:${c.id}`));
    await page.locator('[data-testid="front-scope"] [data-clear="dates"]').waitFor();

    // A classification hidden from the legend.
    const secret = overview.classifications.find((k) => k.startsWith('SECRET'))!;
    await page.locator(`.fp-legend-item[data-class="${secret}"]`).click();
    await until(page, 'location.hash.includes("hidec=secret")');
    await frontReady(page);
    const unsecret = await api<OverviewResponse>(`/api/overview?from=${from}&to=${to}&classification=UNCLASSIFIED,UNCLASSIFIED//FOR OFFICIAL USE ONLY,CONFIDENTIAL,CONFIDENTIAL//NOFORN`);
    assert.equal(await statValue(page, 'cables'), fmt(unsecret.cables));
    assert.equal(await page.locator('path.front-layer[data-class^="SECRET"]').count(), 0, 'no secret layer');

    // A tag's scope (⊂), then a reload from the URL shows the same page.
    const tag = unsecret.topTags[0]!;
    await page.locator(`[data-narrow="tag:${tag.key}"]`).click();
    await until(page, `location.hash.includes("ftag=${tag.key}")`);
    await frontReady(page);
    const tagged = await api<OverviewResponse>(`/api/overview?from=${from}&to=${to}&classification=UNCLASSIFIED,UNCLASSIFIED//FOR OFFICIAL USE ONLY,CONFIDENTIAL,CONFIDENTIAL//NOFORN&tag=${tag.key}`);
    assert.equal(await statValue(page, 'cables'), fmt(tagged.cables));
    assert.equal(tagged.cables, tag.cables);
    const hash = (await page.evaluate('location.hash')) as string;
    const again = await newPage();
    await again.page.goto(`${app.url}/${hash}`);
    await frontReady(again.page);
    assert.equal(await statValue(again.page, 'cables'), fmt(tagged.cables));
    assert.deepEqual(await listIds(again.page, 'senders'), tagged.topSenders.map((p) => `post:${p.key}`));
    await again.page.close();

    // Clearing the scope's parts brings the whole corpus back.
    for (const part of ['tag', 'classes', 'dates']) await page.locator(`[data-clear="${part}"]`).click();
    await frontReady(page);
    assert.equal(await statValue(page, 'cables'), fmt(overview.corpus.cables));
    assert.deepEqual(errors, []);
    await page.close();
  });
});
