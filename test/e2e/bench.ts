/**
 * Explorer benchmark: time to the first graph on the sample corpus (real API), then layout
 * settle time, the main thread's longest task during layout, and frame (draw) time at 500,
 * 2,000 and 5,000 nodes.
 * The graph is synthetic (neighbourhood responses are generated in the browser-facing route),
 * so the numbers measure the client only. Not a test: run it by hand.
 *
 *   npx tsx test/e2e/bench.ts                               starts the test app itself
 *   CABLESCOPE_E2E_URL=http://localhost:3000 npx tsx test/e2e/bench.ts
 */
import type { GraphLink, GraphNode, GraphResponse } from '../../server/src/api/types.ts';
import { startTestApp } from '../support/app.ts';
import { hook, launchBrowser, waitIdle } from './browser.ts';

/** A post with n cables: each cable FROM the hub, tagged with one of 12 tags, citing an earlier one. */
function synthetic(n: number): GraphResponse {
  const hub = 'post:BENCH';
  const nodes: GraphNode[] = [{ id: hub, kind: 'post', key: 'BENCH', label: 'Bench post', degree: n }];
  const links: GraphLink[] = [];
  for (let t = 0; t < 12; t++) nodes.push({ id: `tag:T${t}`, kind: 'tag', key: `T${t}`, label: `T${t}`, degree: n / 12 });
  for (let i = 0; i < n - 13; i++) {
    const id = `cable:09BENCH${i}`;
    nodes.push({ id, kind: 'cable', key: `09BENCH${i}`, label: `09BENCH${i}: SUBJECT ${i}`, degree: 3 + (i % 9), inCorpus: i % 17 !== 0, date: '2009-01-01T00:00:00Z', classification: 'UNCLASSIFIED' });
    links.push({ source: id, target: hub, type: 'FROM' });
    links.push({ source: id, target: `tag:T${i % 12}`, type: 'TAGGED' });
    if (i > 10) links.push({ source: id, target: `cable:09BENCH${(i * 7) % i}`, type: 'REFERENCES' });
  }
  return { nodes, links, center: hub, total: nodes.length - 1, truncated: false };
}

/** Records every long task (> 50 ms) on the main thread from the first script on. */
const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });`;

/** Milliseconds from navigation start until the seed cable's neighbourhood is in the graph and drawn. */
async function timeToFirstGraph(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(`${url}/#v=1&op=s.cable:07LONDON3923`);
    return (await page.evaluate(`(async () => {
      const frame = () => new Promise((res) => requestAnimationFrame(res));
      while ((window.cablescope?.nodeIds().length ?? 0) < 2) await frame();
      await frame();
      return performance.now();
    })()`)) as number;
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const external = process.env.CABLESCOPE_E2E_URL;
  const app = external ? { url: external.replace(/\/$/, ''), close: async () => {} } : await startTestApp();
  const browser = await launchBrowser();
  const rows: string[] = [
    '| nodes | links | worker | layout settle (s) | longest main-thread task during layout (ms) | tasks > 50 ms | frame while zooming (ms, median) | draw (ms, median) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  try {
    const firstGraph: number[] = [];
    for (let run = 0; run < 5; run++) firstGraph.push(await timeToFirstGraph(browser, app.url));
    const sorted = [...firstGraph].sort((a, b) => a - b);
    console.log(
      `first graph drawn (07LONDON3923's neighbourhood, sample corpus), ms from navigation start over 5 loads: ` +
        `median ${sorted[2]!.toFixed(0)}, max ${sorted[4]!.toFixed(0)} (${firstGraph.map((t) => t.toFixed(0)).join(', ')})`,
    );
    for (const n of [500, 2000, 5000]) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript({ content: LONG_TASK_OBSERVER });
      const data = synthetic(n);
      await page.route('**/api/graph/neighborhood?*', (route) => route.fulfill({ json: data }));
      const t0 = Date.now();
      await page.goto(`${app.url}/#v=1&op=s.post:BENCH`);
      await page.waitForFunction((k) => ((globalThis as unknown as { cablescope?: { nodeIds(): string[] } }).cablescope?.nodeIds().length ?? 0) >= k, data.nodes.length, { timeout: 60_000 });
      await waitIdle(page, 600_000);
      const settle = (Date.now() - t0) / 1000;
      const longTasks = (await page.evaluate('window.__longTasks')) as number[];
      // Zoom in and out from inside the page (no DevTools round trips in the measurement):
      // the time between animation frames while the view changes, and the renderer's own time.
      // (A string, not a function: tsx would inject helpers the page does not have.)
      const { frames, draws } = (await page.evaluate(`(async () => {
        const canvas = document.querySelector('.graph-canvas');
        const r = canvas.getBoundingClientRect();
        const frame = () => new Promise((res) => requestAnimationFrame(res));
        const frames = [];
        const draws = [];
        let last = await frame();
        for (let i = 0; i < 40; i++) {
          canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 2 ? -50 : 50, clientX: r.left + 400, clientY: r.top + 300, bubbles: true, cancelable: true }));
          const now = await frame();
          frames.push(now - last);
          draws.push(window.cablescope.drawMs());
          last = now;
        }
        return { frames, draws };
      })()`)) as { frames: number[]; draws: number[] };
      const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? NaN;
      const longest = longTasks.length > 0 ? Math.max(...longTasks) : 0;
      rows.push(
        `| ${data.nodes.length} | ${data.links.length} | ${await hook<boolean>(page, 'usesWorker()')} | ${settle.toFixed(1)} | ` +
          `${longest.toFixed(0)} | ${longTasks.length} | ${median(frames).toFixed(0)} | ${median(draws).toFixed(1)} |`,
      );
      await page.close();
    }
    console.log(rows.join('\n'));
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
