/**
 * Issue 12's "Done when", end to end in Chromium over the sample corpus imported and analysed as
 * `npm start` leaves it: a fresh app opens on the front page of the sample, which shows the
 * corpus; clicking a most-cited cable opens it with its related cables listed and explained.
 * Expected values come from the API's answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { OverviewResponse, RelatedResponse } from '../../server/src/api/types.ts';
import { startTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { launchBrowser, fetchJson } from './browser.ts';

let app: TestApp;
let browser: Browser;

const api = <T>(path: string): Promise<T> => fetchJson<T>(app.url, path);

describe('issue 12, done when', () => {
  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a fresh app opens on the front page; a most-cited cable opens with its related cables listed and explained', async () => {
    const overview = await api<OverviewResponse>('/api/overview');
    // The most-cited cable the test clicks: the first of the list that is in the corpus and has related cables.
    let pick: { id: string; related: RelatedResponse } | null = null;
    for (const c of overview.mostCited) {
      if (!c.inCorpus) continue;
      const related = await api<RelatedResponse>(`/api/cables/${c.id}/related`);
      if (related.cocited.length + related.coupled.length > 0) {
        pick = { id: c.id, related };
        break;
      }
    }
    assert.ok(pick, 'a most-cited cable of the sample has related cables');

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    const front = page.locator('[data-testid="front-page"]');
    await front.waitFor({ state: 'visible', timeout: 20_000 });
    // It shows the corpus: its size and the most-cited list, in the API's order.
    const stats = (await page.locator('[data-testid="front-stats"]').textContent()) ?? '';
    assert.ok(stats.replace(/,/g, '').includes(String(overview.corpus.cables)), `the front page says how many cables the corpus holds (${overview.corpus.cables}): "${stats}"`);
    const listed = (await page.locator('[data-list="most-cited"] [data-id^="cable:"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-id')))) as string[];
    assert.deepEqual(listed, overview.mostCited.map((c) => `cable:${c.id}`), 'the most-cited cables, in the API order');

    await page.locator(`[data-list="most-cited"] [data-id="cable:${pick.id}"]`).click();
    await page.locator('[data-testid="panel-id"]', { hasText: pick.id }).waitFor({ timeout: 20_000 });
    const section = page.locator('[data-testid="related"][data-state="ready"]');
    await section.waitFor({ timeout: 20_000 });
    const expected = new Set([...pick.related.cocited, ...pick.related.coupled].map((r) => r.cable.id));
    const rows = (await section.locator('.related-item').evaluateAll((items) =>
      items.map((li) => ({ id: li.getAttribute('data-related'), reason: li.querySelector('[data-testid="related-reason"]')?.textContent ?? '' })),
    )) as { id: string; reason: string }[];
    assert.deepEqual(new Set(rows.map((r) => r.id)), expected, 'every related cable is listed');
    for (const r of rows) {
      const co = pick.related.cocited.find((x) => x.cable.id === r.id);
      const cp = pick.related.coupled.find((x) => x.cable.id === r.id);
      if (co) assert.ok(r.reason.includes(`cited together by ${co.count} cable`), `${r.id}: "${r.reason}"`);
      if (cp) assert.ok(r.reason.includes(cp.count === 1 ? 'cite one of the same cables' : `cite ${cp.count} of the same cables`), `${r.id}: "${r.reason}"`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
});
