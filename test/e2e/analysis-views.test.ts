/**
 * End-to-end for what the corpus analysis adds to the explorer, in Chromium against the real
 * server and the sample corpus imported and analysed (as every import ends): the related cables
 * in the reader with their reasons, size by PageRank, colour by community with its legend, ghost
 * nodes at their estimated date, and the reader's state while the analysis has never run.
 * Expected values come from the API's own answers, never from hard-coded numbers.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { CableDetail, GraphNode, NeighbourhoodResponse, RankResponse, RelatedResponse } from '../../server/src/api/types.ts';
import { startTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { hook, launchBrowser, waitIdle, openPage, until, fetchJson } from './browser.ts';

/** A cable with related cables of both kinds in the sample (found by the analysis). */
const RELATED_ROOT = '09CAIRO814';
/** A neighbourhood with ranked cables of two REF communities, posts with traffic communities and ghosts with estimates. */
const ROOT = 'cable:09BRASILIA391';

let app: TestApp;
let browser: Browser;

const api = <T>(path: string): Promise<T> => fetchJson<T>(app.url, path);

const newPage = () => openPage(browser, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });


const hex = (rgba: number[]): string => `#${rgba.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('')}`;

describe('the analysis in the explorer', () => {
  let hood: NeighbourhoodResponse;

  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    hood = await api<NeighbourhoodResponse>(`/api/graph/neighborhood?id=${encodeURIComponent(ROOT)}`);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists the related cables of the open cable with their reasons, best first, and opens or adds one', async () => {
    const related = await api<RelatedResponse>(`/api/cables/${RELATED_ROOT}/related`);
    assert.ok(related.cocited.length && related.coupled.length, 'the sample gives this cable both kinds');
    const expected = new Map<string, { cocited?: number; coupled?: number; score: number; subject: string | null }>();
    for (const [list, kind] of [[related.cocited, 'cocited'], [related.coupled, 'coupled']] as const) {
      for (const r of list) {
        const e = expected.get(r.cable.id) ?? { score: 0, subject: r.cable.subject };
        e[kind] = r.count;
        e.score = Math.max(e.score, r.score);
        expected.set(r.cable.id, e);
      }
    }
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.cable:${RELATED_ROOT}&sel=cable:${RELATED_ROOT}`);
    const section = page.locator('[data-testid="related"][data-state="ready"]');
    await section.waitFor({ timeout: 20_000 });
    if (await section.locator('[data-testid="related-more"]').count()) await section.locator('[data-testid="related-more"]').click();
    const rows = (await section.locator('.related-item').evaluateAll((items) =>
      items.map((li) => ({
        id: li.getAttribute('data-related'),
        subject: li.querySelector('.related-subject')?.textContent ?? null,
        reason: li.querySelector('[data-testid="related-reason"]')?.textContent ?? '',
      })),
    )) as { id: string; subject: string | null; reason: string }[];
    assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(expected.keys()), 'every cable of both lists, each once');
    const scores = rows.map((r) => expected.get(r.id)!.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'ordered by score, best first');
    let both = 0;
    for (const r of rows) {
      const e = expected.get(r.id)!;
      if (e.subject) assert.equal(r.subject, e.subject, `${r.id}: its subject, as text`);
      if (e.cocited !== undefined) assert.ok(r.reason.includes(`cited together by ${e.cocited} cable${e.cocited === 1 ? '' : 's'}`), `${r.id}: "${r.reason}" says how many cables cite both`);
      else assert.ok(!r.reason.includes('cited together'), `${r.id}: no co-citation claimed`);
      if (e.coupled !== undefined) assert.ok(r.reason.includes(e.coupled === 1 ? 'cite one of the same cables' : `cite ${e.coupled} of the same cables`), `${r.id}: "${r.reason}" says how many cables both cite`);
      else assert.ok(!r.reason.includes('of the same cables'), `${r.id}: no coupling claimed`);
      if (e.cocited !== undefined && e.coupled !== undefined) both++;
    }
    assert.ok(both > 0, 'a cable related both ways says both reasons');
    assert.match((await section.locator('h3').textContent()) ?? '', new RegExp(`Related cables · ${expected.size}`));

    // Open one: the reader shows it. Add one: it joins the graph.
    const first = rows[0]!.id;
    await section.locator(`.related-item[data-related="${first}"] .node-link`).click();
    await until(page, `document.querySelector('[data-testid="panel-id"]')?.textContent === ${JSON.stringify(first)}`);
    const again = (await newPage()).page;
    await again.goto(`${app.url}/#v=1&op=s.cable:${RELATED_ROOT}&sel=cable:${RELATED_ROOT}`);
    const list = again.locator('[data-testid="related"][data-state="ready"]');
    await list.waitFor({ timeout: 20_000 });
    await until(again, `(window.cablescope?.nodeIds().length ?? 0) > 0`);
    const shown = await hook<string[]>(again, 'nodeIds()');
    const absent = rows.find((r) => !shown.includes(`cable:${r.id}`));
    assert.ok(absent, 'a related cable not in view yet');
    if (await list.locator('[data-testid="related-more"]').count()) await list.locator('[data-testid="related-more"]').click();
    await list.locator(`.related-item[data-related="${absent.id}"] [data-action="add-related"]`).click();
    await until(again, `window.cablescope.nodeIds().includes(${JSON.stringify(`cable:${absent.id}`)})`);
    await again.close();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('sizes cables by PageRank from the legend, in the order of their ranks, and keeps it in the URL', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.${ROOT}`);
    await until(page, `(window.cablescope?.nodeIds().length ?? 0) === ${hood.nodes.length}`);
    await waitIdle(page);
    await page.locator('.legend-size [data-size="pagerank"]').click();
    await until(page, 'location.hash.includes("size=pagerank")');
    const ranked = hood.nodes.filter((n) => n.kind === 'cable' && typeof n.analysis?.pagerank === 'number').sort((a, b) => a.analysis!.pagerank! - b.analysis!.pagerank!);
    assert.ok(ranked.length >= 5, 'the neighbourhood holds ranked cables');
    const radii: number[] = [];
    for (const n of ranked) radii.push((await hook<number>(page, `radius(${JSON.stringify(n.id)})`))!);
    for (let i = 1; i < ranked.length; i++) {
      const [a, b] = [ranked[i - 1]!, ranked[i]!];
      if (a.analysis!.pagerank! < b.analysis!.pagerank!) assert.ok(radii[i - 1]! < radii[i]!, `${a.key} (${a.analysis!.pagerank}) is drawn smaller than ${b.key} (${b.analysis!.pagerank})`);
      else assert.equal(radii[i - 1], radii[i], 'equal ranks, equal size');
    }
    const top = ranked[ranked.length - 1]!;
    assert.equal(radii[radii.length - 1], 24, `${top.key}, the highest PageRank in view, is drawn largest`);
    const post = hood.nodes.find((n) => n.kind === 'post')!;
    const postR = await hook<number>(page, `radius(${JSON.stringify(post.id)})`);
    const unranked = hood.nodes.find((n) => n.kind === 'cable' && typeof n.analysis?.pagerank !== 'number');
    if (unranked) assert.ok((await hook<number>(page, `radius(${JSON.stringify(unranked.id)})`))! < radii[0]!, 'a cable outside the REF network is smallest');
    // The link reproduces it.
    const copy = (await newPage()).page;
    await copy.goto(page.url());
    await until(copy, `(window.cablescope?.nodeIds().length ?? 0) === ${hood.nodes.length}`);
    assert.equal(await hook<number>(copy, `radius(${JSON.stringify(top.id)})`), 24);
    assert.equal(await hook<number>(copy, `radius(${JSON.stringify(post.id)})`), postR);
    assert.equal(await copy.locator('.legend-size [data-size="pagerank"]').getAttribute('aria-pressed'), 'true');
    await copy.close();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('colours by community: the legend lists the communities in view, largest first, and the nodes take their colours', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.${ROOT}`);
    await until(page, `(window.cablescope?.nodeIds().length ?? 0) === ${hood.nodes.length}`);
    await page.locator('.legend-size [data-colour="community"]').click();
    await until(page, 'location.hash.includes("colour=community")');
    await waitIdle(page);
    await page.mouse.move(5, 5);
    // Expected groups from the API's nodes: REF community for cables, traffic community for posts.
    const keyOf = (n: GraphNode): string | null =>
      n.kind === 'cable' ? (typeof n.analysis?.community === 'number' ? `ref:${n.analysis.community}` : null) : n.kind === 'post' ? (typeof n.trafficCommunity === 'number' ? `traffic:${n.trafficCommunity}` : null) : null;
    const sizes = new Map<string, number>();
    for (const n of hood.nodes) {
      const k = keyOf(n);
      if (k) sizes.set(k, (sizes.get(k) ?? 0) + 1);
    }
    assert.ok(sizes.size >= 2, 'the view holds more than one community');
    const legend = page.locator('[data-testid="community-legend"]');
    await legend.waitFor();
    const entries = (await legend.locator('[data-community]').evaluateAll((items) =>
      items.map((i) => ({ key: i.getAttribute('data-community'), colour: i.getAttribute('data-colour'), count: Number((i.querySelector('.legend-count')?.textContent ?? '').replace(/,/g, '')) })),
    )) as { key: string; colour: string | null; count: number }[];
    const own = entries.filter((e) => e.colour);
    assert.ok(own.length >= 2);
    for (const e of own) assert.equal(e.count, sizes.get(e.key), `${e.key}: as many nodes as the API gives it`);
    const counts = own.map((e) => e.count);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'largest first');
    assert.equal(new Set(own.map((e) => e.colour)).size, own.length, 'one colour each');
    const none = hood.nodes.filter((n) => !keyOf(n)).length;
    if (none) assert.equal(entries.find((e) => e.key === 'none')?.count, none, 'nodes without a community are counted');
    // Each node's centre pixel is its community's colour.
    const colourOf = new Map(own.map((e) => [e.key, e.colour!]));
    let checked = 0;
    let matched = 0;
    for (const n of hood.nodes) {
      const k = keyOf(n);
      if (!k || !colourOf.has(k) || n.inCorpus === false) continue;
      const px = await hook<number[] | null>(page, `pixelAt(${JSON.stringify(n.id)})`);
      if (!px) continue;
      checked++;
      if (hex(px) === colourOf.get(k)) matched++;
    }
    assert.ok(checked >= 10, `checked ${checked} nodes`);
    assert.ok(matched >= checked * 0.9, `${matched} of ${checked} node centres are drawn in their community's colour`);
    // The legend does not cover the graph: a fit keeps its corner clear; folded, it keeps the colours in one row.
    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('f');
    await waitIdle(page);
    const inside = async () => {
      const box = (await page.locator('#legend').boundingBox())!;
      const hits: string[] = [];
      for (const id of await hook<string[]>(page, 'nodeIds()')) {
        const q = await hook<[number, number] | null>(page, `screenPosition(${JSON.stringify(id)})`);
        if (q && q[0] >= box.x && q[0] <= box.x + box.width && q[1] >= box.y && q[1] <= box.y + box.height) hits.push(id);
      }
      return { box, hits };
    };
    const open = await inside();
    assert.deepEqual(open.hits, [], 'no node under the legend');
    await page.locator('.legend-fold').click();
    const folded = page.locator('#legend.collapsed [data-testid="community-legend"]');
    await folded.waitFor();
    assert.deepEqual(await folded.locator('[data-community]').evaluateAll((items) => items.map((i) => i.getAttribute('data-community'))), entries.map((e) => e.key), 'folded, the same communities');
    assert.ok((await page.locator('#legend').boundingBox())!.height < open.box.height / 3, 'folded, one row');
    await page.locator('.legend-fold').click();
    await page.locator('#legend:not(.collapsed) [data-testid="community-legend"]').waitFor();
    // The exports draw the same: sized by PageRank too, the SVG holds the communities' legend and colours.
    await page.locator('.legend-size [data-size="pagerank"]').click();
    await until(page, 'location.hash.includes("size=pagerank")');
    const grab = async (kind: string): Promise<Buffer> => {
      await page.locator('#export-menu > summary').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-export="${kind}"]`).click()]);
      return readFile(await download.path());
    };
    const svg = (await grab('svg')).toString('utf8');
    assert.match(svg, />Communities</);
    assert.match(svg, />Size: PageRank</);
    for (const e of own) assert.ok(svg.includes(`fill="${e.colour}"`), `the SVG uses ${e.key}'s colour`);
    const top = hood.nodes.filter((n) => n.kind === 'cable' && n.inCorpus !== false && typeof n.analysis?.pagerank === 'number').sort((a, b) => b.analysis!.pagerank! - a.analysis!.pagerank!)[0]!;
    const topColour = colourOf.get(keyOf(top)!);
    if (topColour) assert.ok(svg.includes(`r="24" fill="${topColour}"`), `${top.key}, the highest PageRank, is the largest disc in its community's colour`);
    const png = await grab('png');
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows a ghost at its estimated date: the tooltip, the reader with its bracketing cables, and the citation view', async () => {
    const ghost = hood.nodes.find((n) => n.inCorpus === false && n.analysis?.estimatedDate?.after && n.analysis.estimatedDate.before);
    assert.ok(ghost, 'the neighbourhood holds a ghost bracketed on both sides');
    const est = ghost.analysis!.estimatedDate!;
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const sentence = `about ${day(est.date)} (estimated between ${day(est.earliest)} and ${day(est.latest)}, from the serials of ${est.after} and ${est.before})`;
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.${ROOT}`);
    await until(page, `(window.cablescope?.nodeIds().length ?? 0) === ${hood.nodes.length}`);
    await waitIdle(page);
    const p = await hook<[number, number] | null>(page, `screenPosition(${JSON.stringify(ghost.id)})`);
    assert.ok(p);
    await page.mouse.move(p[0], p[1]);
    await page.locator('#tooltip [data-testid="tooltip-estimate"]').waitFor();
    assert.equal(await page.locator('#tooltip [data-testid="tooltip-estimate"]').textContent(), sentence);
    // The reader: the estimate in words, the bracketing cables clickable.
    await page.mouse.click(p[0], p[1]);
    const date = page.locator('[data-testid="estimated-date"]');
    await date.waitFor();
    assert.equal(await date.textContent(), sentence);
    const detail = await api<CableDetail>(`/api/cables/${ghost.key}`);
    assert.deepEqual(detail.analysis?.estimatedDate, est, 'the cable detail carries the same estimate');
    await date.locator(`[data-node="cable:${est.before}"]`).click();
    await until(page, `document.querySelector('[data-testid="panel-id"]')?.textContent === ${JSON.stringify(est.before)}`);
    // The reader of a cable citing it lists it with its estimated date.
    const root = await api<CableDetail>(`/api/cables/${ROOT.slice('cable:'.length)}`);
    assert.equal(root.references.find((r) => r.id === ghost.key)?.estimatedDate, est.date);
    await page.goto(`${app.url}/#v=1&op=s.${ROOT}&sel=${ROOT}`);
    const ref = page.locator(`[data-testid="refs"] .node-link-row:has([data-node="${ghost.id}"])`);
    await ref.waitFor({ timeout: 20_000 });
    assert.match((await ref.textContent()) ?? '', new RegExp(`about ${day(est.date)} \\(estimated\\)`));
    // The citation view places it at the estimate, marked as estimated.
    await page.goto(`${app.url}/#v=1&op=s.${ROOT}&sel=${ROOT}&cite=${ROOT}&depth=1`);
    await page.locator(`.cite-node.ghost.estimated[data-id="${ghost.id}"]`).waitFor({ timeout: 20_000 });
    const label = await page.locator(`.cite-node[data-id="${ghost.id}"]`).getAttribute('aria-label');
    assert.ok(label?.includes(`about ${day(est.date)}`), `the citation view says "${label}"`);
    // The timeline leaves ghosts out of its bars and says why.
    await page.goto(`${app.url}/#v=1&op=s.${ROOT}`);
    await until(page, `(window.cablescope?.nodeIds().length ?? 0) === ${hood.nodes.length}`);
    const ghosts = hood.nodes.filter((n) => n.inCorpus === false && n.analysis?.estimatedDate).length;
    await until(page, `document.querySelector('[data-testid="timeline-count"]')?.textContent.includes(${JSON.stringify(`(${ghosts} estimated)`)})`);
    assert.match((await page.locator('[data-testid="timeline-count"]').getAttribute('title')) ?? '', new RegExp(`^${ghosts} cited cables? not in the corpus .*the bars count known dates only`));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('fans out a hub by PageRank: a drill, the expand menu and a shared link bring the highest-ranked cables', async () => {
    const hub = await api<NeighbourhoodResponse>('/api/graph/neighborhood?id=tag:PREL');
    const group = hub.groups.find((g) => g.summarised && g.kind === 'cable');
    assert.ok(group, 'PREL is summarised');
    const rank = await api<RankResponse>('/api/rank?by=pagerank&tag=PREL&limit=200');
    const cables = (ids: string[]) => ids.filter((id) => id.startsWith('cable:'));
    /** The cables of PREL a fan-out of n must bring: the n highest PageRanks (all ranked ones when fewer). */
    const top = (n: number) => rank.items.slice(0, Math.min(n, rank.total)).map((c) => `cable:${c.id}`);
    assert.ok(rank.total > 0, 'PREL has ranked cables');

    // Drill: "Add the most important" of the summary.
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.tag:PREL&sel=${encodeURIComponent(`summary:tag:PREL|${group.type}|${group.direction}`)}`);
    await page.locator('[data-testid="drill-top"]').click();
    await until(page, 'location.hash.includes("~importance~")');
    await waitIdle(page);
    const drilled = cables(await hook<string[]>(page, 'nodeIds()'));
    const expectDrill = top(Math.min(hub.maxNodes, group.total));
    for (const id of expectDrill) assert.ok(drilled.includes(id), `the drill brings ${id}, ranked ${expectDrill.indexOf(id) + 1}`);
    // The link replays the same fan-out.
    const copy = (await newPage()).page;
    await copy.goto(page.url());
    await until(copy, `window.cablescope && window.cablescope.nodeIds().length === ${(await hook<string[]>(page, 'nodeIds()')).length}`);
    assert.deepEqual(new Set(cables(await hook<string[]>(copy, 'nodeIds()'))), new Set(drilled));
    await copy.close();

    // The expand menu: "Most important" is the default order.
    await page.goto('about:blank');
    await page.goto(`${app.url}/#v=1&op=s.tag:PREL&sel=tag:PREL`);
    await until(page, '(window.cablescope?.nodeIds().length ?? 0) > 0');
    await waitIdle(page);
    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('x');
    const menu = page.locator('[data-testid="expand-menu"]');
    await menu.waitFor();
    await menu.locator('[data-choice="Tagged cables"] .xm-count', { hasText: /\d/ }).waitFor();
    await menu.locator('[data-choice="Tagged cables"]').click();
    await menu.locator('[data-action="xm-add"]').click();
    await until(page, 'location.hash.includes("op=x.tag:PREL~TAGGED~in~importance~")');
    await waitIdle(page);
    const limit = Number(/~importance~(\d+)/.exec(decodeURIComponent(page.url()))![1]);
    const fanned = cables(await hook<string[]>(page, 'nodeIds()'));
    for (const id of top(limit)) assert.ok(fanned.includes(id), `the menu brings ${id}`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('says how to run the analysis while it has never run', async () => {
    await app.close();
    app = await startTestApp({ analyse: false });
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/#v=1&op=s.cable:${RELATED_ROOT}&sel=cable:${RELATED_ROOT}`);
    const note = page.locator('[data-testid="related"][data-state="not-run"] [data-testid="related-not-run"]');
    await note.waitFor({ timeout: 20_000 });
    assert.match((await note.textContent()) ?? '', /npm run analyse/);
    assert.deepEqual(errors.filter((e) => !/503/.test(e)), []);
    await page.close();
  });
});
