/**
 * Front page benchmark (issue 12: "the front page is drawn within 1 s of load on the full-size
 * database"). Starts the app over a local instance (the app one by default, which should hold the
 * full-size corpus and its analysis), then loads the page in headless Chromium and times, from
 * navigation start, until the front page is fully drawn: the overview has arrived, the stacked
 * timeline and every list are in the DOM, and a frame has been painted after them.
 *
 *   cold: the first load after the server started (its warm-up ran, its answer caches are empty
 *         but for what the warm-up asked), in a fresh browser;
 *   warm: the next loads, each in a fresh page (the page's API cache is empty; the server's is not).
 * Also the same for a filtered front page (a year and a tag), which the server computes on demand.
 *
 *   npm run bench:front -- [--instance app|test] [--runs 5]
 *   CABLESCOPE_E2E_URL=http://localhost:3000 npm run bench:front      (a server already running: no cold figure)
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { serve } from '../../server/src/main.ts';
import { launchBrowser } from '../../test/e2e/browser.ts';
import type { OverviewResponse } from '../../server/src/api/types.ts';

const { values } = parseArgs({ options: { instance: { type: 'string', default: 'app' }, runs: { type: 'string', default: '5' } } });
const instance = values.instance === 'test' ? 'test' : 'app';
const runs = Math.max(1, Number(values.runs) || 5);

/** In the page: wait until the front page is drawn, then one more frame; ms since navigation start. */
const DRAWN = `(async () => {
  const frame = () => new Promise((res) => requestAnimationFrame(res));
  const done = () => {
    const v = window.cablescopeViews;
    return !!v && v.frontState && v.frontState() === 'ready' && !document.querySelector('.front-page.loading')
      && document.querySelector('[data-testid="front-timeline"] path.front-layer')
      && document.querySelectorAll('.fp-list').length === 6;
  };
  while (!done()) await frame();
  await frame();
  const drawn = performance.now();
  const nav = performance.getEntriesByType('navigation')[0];
  const api = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/overview'));
  return { drawn, ready: nav ? nav.domContentLoadedEventEnd : 0, apiStart: api ? api.startTime : 0, apiEnd: api ? api.responseEnd : 0 };
})()`;

interface Load {
  /** Navigation start → the front page drawn. */
  drawn: number;
  /** → the page's script ran (DOMContentLoaded). */
  ready: number;
  /** The overview request: sent and answered (ms since navigation start). */
  apiStart: number;
  apiEnd: number;
}

async function timeLoad(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string): Promise<Load> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(url);
    return (await page.evaluate(DRAWN)) as Load;
  } finally {
    await page.close();
  }
}

const parts = (l: Load) => `${l.drawn.toFixed(0)} ms (script ready ${l.ready.toFixed(0)}, overview asked ${l.apiStart.toFixed(0)}, answered ${l.apiEnd.toFixed(0)})`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');

async function main(): Promise<void> {
  const external = process.env.CABLESCOPE_E2E_URL;
  console.log(`load before: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} (${os.cpus().length} cores)`);
  const started = performance.now();
  const app = external
    ? { url: external.replace(/\/$/, ''), close: async () => {} }
    : await serve({ connection: resolveConnection(process.env, instance), port: 0, clientDir: path.resolve('client/dist') });
  if (!external) console.log(`server up with its warm-up in ${((performance.now() - started) / 1000).toFixed(1)} s (instance ${instance})`);
  const browser = await launchBrowser();
  try {
    const o = (await (await fetch(`${app.url}/api/overview`)).json()) as OverviewResponse;
    console.log(`corpus: ${o.corpus.cables.toLocaleString('en-US')} cables, ${o.corpus.stubs.toLocaleString('en-US')} stubs, ${o.corpus.threads.toLocaleString('en-US')} threads; analysis ${o.analysis ? `of ${o.analysis.ranAt}, current ${o.analysis.current}` : 'never ran'}`);
    const tag = o.topTags[1]?.key ?? o.topTags[0]?.key ?? 'PREL';
    const busiest = [...o.months].sort((a, b) => b.total - a.total)[0]?.month.slice(0, 4) ?? '2009';
    const pages = [
      { name: 'front page (whole corpus)', hash: '' },
      { name: `front page narrowed (${busiest}, tag ${tag})`, hash: `#v=1&from=${busiest}-01&to=${busiest}-12&front=1&ftag=${encodeURIComponent(tag)}` },
    ];
    for (const p of pages) {
      const loads: Load[] = [];
      for (let i = 0; i < runs + 1; i++) loads.push(await timeLoad(browser, `${app.url}/${p.hash}`));
      const [cold, ...warmLoads] = loads;
      const warm = warmLoads.map((l) => l.drawn);
      const api = warmLoads.map((l) => l.apiEnd - l.apiStart);
      console.log(`${p.name}: ${external ? 'first' : 'cold'} ${parts(cold!)}; warm median ${median(warm).toFixed(0)} ms, max ${Math.max(...warm).toFixed(0)} ms (${fmt(warm)}); warm overview request median ${median(api).toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    await app.close();
  }
  console.log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
