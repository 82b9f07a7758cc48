/**
 * Takes the documentation screenshots (docs/screenshots/*.png) from the real app over the
 * sample corpus. Not a test: run it by hand after a visual change.
 *
 *   npx tsx test/e2e/screenshots.ts                 starts the test app itself
 *   CABLESCOPE_E2E_URL=http://localhost:3000 npx tsx test/e2e/screenshots.ts
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../support/neo4j.ts';
import { startTestApp } from '../support/app.ts';
import { clickNode, hook, launchBrowser, searchAndPick, waitIdle } from './browser.ts';

const out = path.join(repoRoot, 'docs', 'screenshots');

async function main(): Promise<void> {
  await mkdir(out, { recursive: true });
  const external = process.env.CABLESCOPE_E2E_URL;
  const app = external ? { url: external.replace(/\/$/, ''), close: async () => {} } : await startTestApp();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true });
    /** Every screenshot is checked first: no label over a label or a node (the issue 13 target). */
    const shot = async (name: string) => {
      const o = (await page.evaluate('window.cablescope ? window.cablescope.labelOverlaps() : { labels: [], nodes: [] }')) as { labels: unknown[]; nodes: unknown[] };
      if (o.labels.length || o.nodes.length) throw new Error(`${name}: labels overlap (${JSON.stringify(o)})`);
      await page.screenshot({ path: path.join(out, `${name}.png`), caret: 'hide' });
    };
    /** Waits for the front page's overview to be drawn. */
    const frontReady = async () => {
      for (let i = 0; i < 300; i++) {
        if (await page.evaluate('window.cablescopeViews.frontState() === "ready" && !document.querySelector(".front-page.loading")')) return;
        await page.waitForTimeout(100);
      }
      throw new Error('the front page did not load');
    };
    await page.goto(app.url);
    await frontReady();
    await page.mouse.move(5, 5);
    await shot('01-start');

    const input = page.locator('#search-input');
    await input.click();
    await input.pressSequentially('iran', { delay: 20 });
    await page.locator('.suggestion').first().waitFor();
    await shot('02-search-suggestions');
    await input.fill('');

    await searchAndPick(page, '07LONDON3923', 'cable:07LONDON3923');
    await page.mouse.move(5, 400);
    await waitIdle(page);
    await page.locator('[data-testid="panel-title"]').waitFor();
    await shot('03-neighbourhood-and-reader');

    await clickNode(page, 'cable:07LONDON3175', { clickCount: 2 });
    await page.waitForTimeout(500);
    await waitIdle(page);
    await page.keyboard.press('f');
    await page.waitForTimeout(100);
    await waitIdle(page);
    const p = await hook<[number, number] | null>(page, 'screenPosition("cable:07LONDON3175")');
    if (p) await page.mouse.move(p[0], p[1]);
    await page.locator('[data-testid="panel-title"]').waitFor();
    await page.waitForTimeout(200);
    await shot('04-expanded-hover');

    await page.mouse.move(5, 400);
    await page.locator('[data-testid="cable-text"]').scrollIntoViewIfNeeded().catch(() => {});
    await shot('05-reader-text');

    await page.locator('#export-menu > summary').click();
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="png"]').click()]);
    await png.saveAs(path.join(out, '07-export.png'));

    // A hub answers with a summary to drill into.
    await page.goto('about:blank');
    await page.goto(`${app.url}/#v=1&op=s.tag:PREL`);
    await waitIdle(page);
    await page.mouse.move(5, 400);
    const summary = (await hook<string[]>(page, 'nodeIds()')).find((id) => id.startsWith('summary:'));
    if (summary) await clickNode(page, summary);
    await page.locator('[data-testid="drill-top"]').waitFor();
    await page.mouse.move(5, 400);
    await shot('08-hub-summary');
    await page.locator('[data-testid="drill-sender"]').first().click();
    await page.waitForTimeout(300);
    await waitIdle(page);
    await page.mouse.move(5, 400);
    await shot('09-hub-drilled');

    // Wide reading, with the search words marked.
    await searchAndPick(page, '07LONDON3923', 'cable:07LONDON3923');
    await page.locator('[data-testid="wide-reading"]').click();
    await page.waitForTimeout(300);
    await waitIdle(page);
    await page.mouse.move(5, 400);
    await shot('10-wide-reading');
    await page.locator('[data-testid="wide-reading"]').click();

    // The analysis (issue 12): related cables in the reader, size by PageRank and colour by
    // community with its legend, a ghost at its estimated date.
    await page.goto('about:blank');
    await page.goto(`${app.url}/#v=1&op=s.cable:09CAIRO814&sel=cable:09CAIRO814`);
    await waitIdle(page);
    await page.mouse.move(5, 400);
    await page.locator('[data-testid="related"][data-state="ready"]').waitFor();
    await page.locator('[data-testid="related"] h3').evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await shot('11-related-cables');

    await page.goto('about:blank');
    await page.goto(`${app.url}/#v=1&op=s.cable:09BRASILIA391&size=pagerank&colour=community`);
    await waitIdle(page);
    await page.mouse.move(5, 400);
    await page.locator('[data-testid="community-legend"]').waitFor();
    await page.waitForTimeout(300);
    await shot('12-pagerank-communities');

    await page.goto('about:blank');
    await page.goto(`${app.url}/#v=1&op=s.cable:09BRASILIA391&sel=cable:08BRASILIA420`);
    await waitIdle(page);
    await page.locator('[data-testid="estimated-date"]').waitFor();
    const ghost = await hook<[number, number] | null>(page, 'screenPosition("cable:08BRASILIA420")');
    if (ghost) await page.mouse.move(ghost[0], ghost[1]);
    await page.locator('#tooltip [data-testid="tooltip-estimate"]').waitFor();
    await shot('13-ghost-estimate');
    await page.mouse.move(5, 400);

    await page.keyboard.press('?');
    await page.locator('#help[open]').waitFor();
    await shot('06-help');
    await page.keyboard.press('Escape');

    // The front page (what npm start opens on): whole, then narrowed.
    await page.goto('about:blank');
    await page.goto(app.url);
    await frontReady();
    await page.mouse.move(5, 5);
    await shot('front-page');
    await page.setViewportSize({ width: 1440, height: 1500 });
    await shot('front-page-full');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('about:blank');
    await page.goto(`${app.url}/#v=1&from=2008-01&to=2009-12&hidec=unclassified&front=1&ftag=PREL`);
    await frontReady();
    await page.mouse.move(5, 5);
    await shot('front-page-filtered');
    console.log(`screenshots in ${out}`);
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
