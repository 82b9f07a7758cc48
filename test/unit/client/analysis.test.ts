/**
 * The analysis as the explorer shows it (client/src/model/analysis.ts, render/theme.ts
 * `nodeRadii`): related cables merged and put into words, estimated dates, the community
 * palette and legend, and size by PageRank.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CableAnalysisFields, EstimatedDate, GraphNode, RankedCable, RelatedCable } from '../../../server/src/api/types.ts';
import {
  COMMUNITY_PALETTE,
  NO_COMMUNITY_COLOUR,
  OTHER_COMMUNITY_COLOUR,
  communityFill,
  communityKey,
  communityLabel,
  communityLegend,
  estimateText,
  relatedEntries,
  relatedReason,
} from '../../../client/src/model/analysis.ts';
import { decodeDoc, encodeDoc } from '../../../client/src/model/url.ts';
import { emptyDoc } from '../../../client/src/model/view.ts';
import { toSVG } from '../../../client/src/render/svg.ts';
import { UNSIZED_RADIUS, nodeRadii } from '../../../client/src/render/theme.ts';
import { resolveSettings } from '../../../client/src/settings.ts';

const fields = (over: Partial<CableAnalysisFields> = {}): CableAnalysisFields => ({ citationsIn: null, citationsOut: null, pagerank: null, hub: null, authority: null, thread: null, community: null, estimatedDate: null, ...over });
const ranked = (id: string): RankedCable => ({ id, subject: `SUBJECT OF ${id}`, date: '2008-01-02T00:00:00Z', classification: 'UNCLASSIFIED', inCorpus: true, sender: null, analysis: fields() });
const rel = (id: string, reason: RelatedCable['reason'], count: number, score: number): RelatedCable => ({ cable: ranked(id), reason, count, score });
const cable = (key: string, a: Partial<CableAnalysisFields> = {}, extra: Partial<GraphNode> = {}): GraphNode => ({ id: `cable:${key}`, kind: 'cable', key, label: key, degree: 3, inCorpus: true, analysis: fields(a), ...extra });
const post = (key: string, trafficCommunity: number | null, degree = 10): GraphNode => ({ id: `post:${key}`, kind: 'post', key, label: key, name: `Embassy ${key}`, degree, trafficCommunity });

describe('related cables', () => {
  it('merge the two lists, a cable named by both once with both counts, best score first', () => {
    const entries = relatedEntries({
      cocited: [rel('A', 'cocitation', 4, 0.5), rel('B', 'cocitation', 1, 0.2)],
      coupled: [rel('C', 'coupling', 3, 0.9), rel('B', 'coupling', 2, 0.6)],
    });
    assert.deepEqual(entries.map((e) => e.cable.id), ['C', 'B', 'A']);
    const b = entries[1]!;
    assert.deepEqual([b.cocitation, b.coupling, b.score], [{ count: 1, score: 0.2 }, { count: 2, score: 0.6 }, 0.6]);
  });

  it('ties: the larger evidence first, then the id', () => {
    const entries = relatedEntries({ cocited: [rel('Z', 'cocitation', 2, 0.5), rel('Y', 'cocitation', 5, 0.5), rel('X', 'cocitation', 2, 0.5)], coupled: [] });
    assert.deepEqual(entries.map((e) => e.cable.id), ['Y', 'X', 'Z']);
  });

  it('say the reason in words with the counts, one reason or both', () => {
    assert.equal(relatedReason({ cocitation: { count: 4, score: 0.5 }, coupling: null }), 'cited together by 4 cables');
    assert.equal(relatedReason({ cocitation: { count: 1, score: 0.5 }, coupling: null }), 'cited together by 1 cable');
    assert.equal(relatedReason({ cocitation: null, coupling: { count: 3, score: 0.5 } }), 'cite 3 of the same cables');
    assert.equal(relatedReason({ cocitation: null, coupling: { count: 1, score: 0.5 } }), 'cite one of the same cables');
    assert.equal(relatedReason({ cocitation: { count: 2, score: 0.5 }, coupling: { count: 1200, score: 0.1 } }), 'cited together by 2 cables and cite 1,200 of the same cables');
  });
});

describe('estimated dates', () => {
  const e: EstimatedDate = { date: '2003-03-23', earliest: '2003-02-13', latest: '2003-04-07', after: '03RANGOON194', before: '03RANGOON430' };
  it('say the estimate, its window and the bracketing cables', () => {
    assert.equal(estimateText(e), 'about 23 Mar 2003 (estimated between 13 Feb 2003 and 7 Apr 2003, from the serials of 03RANGOON194 and 03RANGOON430)');
    assert.equal(estimateText({ ...e, before: null }), 'about 23 Mar 2003 (estimated between 13 Feb 2003 and 7 Apr 2003, from the serial of 03RANGOON194)');
    assert.equal(estimateText({ ...e, after: null, before: null, earliest: '2003-03-23', latest: '2003-03-23' }), 'about 23 Mar 2003 (estimated as 23 Mar 2003)');
  });
});

describe('colour by community', () => {
  it('keys cables by REF community and posts by traffic community, apart; tags have none', () => {
    assert.equal(communityKey(cable('A', { community: 2 })), 'ref:2');
    assert.equal(communityKey(post('CAIRO', 2)), 'traffic:2');
    assert.equal(communityKey(cable('B')), null);
    assert.equal(communityKey({ kind: 'tag' }), null);
  });

  it('lists the communities in view largest first, capped, the rest as "other", named by their most important member', () => {
    const nodes = [
      cable('A1', { community: 5, pagerank: 0.01 }), cable('A2', { community: 5, pagerank: 0.03 }), cable('A3', { community: 5, pagerank: 0.02 }),
      cable('B1', { community: 1 }), cable('B2', { community: 1 }),
      post('CAIRO', 1, 40), post('RIYADH', 1, 12),
      cable('C1', { community: 9 }), cable('D1', { community: 0 }),
      cable('E1'), { id: 'tag:PREL', kind: 'tag', key: 'PREL', label: 'PREL', degree: 900 } as GraphNode,
    ];
    const legend = communityLegend(nodes, 3);
    assert.deepEqual(legend.shown.map((e) => [e.key, e.count]), [['ref:5', 3], ['ref:1', 2], ['traffic:1', 2]]);
    assert.deepEqual(legend.shown.map((e) => e.colour), COMMUNITY_PALETTE.slice(0, 3));
    assert.deepEqual(legend.other, { nodes: 2, communities: 2 });
    assert.equal(legend.none, 2);
    assert.equal(legend.shown[0]!.lead.key, 'A2', 'the highest PageRank names a cable community');
    assert.equal(legend.shown[2]!.lead.key, 'CAIRO', 'the most connected post names a traffic community');
    assert.equal(communityLabel(legend.shown[0]!), 'Cites: A2 +2');
    assert.equal(communityLabel(legend.shown[2]!), 'Traffic: Embassy CAIRO +1');
    assert.equal(communityFill(nodes[0]!, legend.colours), COMMUNITY_PALETTE[0]);
    assert.equal(communityFill(nodes[7]!, legend.colours), OTHER_COMMUNITY_COLOUR);
    assert.equal(communityFill(nodes[9]!, legend.colours), NO_COMMUNITY_COLOUR);
    assert.equal(communityLegend(nodes, 99).shown.length, 5, 'never more than the communities there are');
    assert.ok(communityLegend(Array.from({ length: 30 }, (_, i) => cable(`X${i}`, { community: i })), 99).shown.length <= COMMUNITY_PALETTE.length, 'never more than the palette');
  });

  it('is a setting with a range, and serialised in the URL with size by PageRank', () => {
    assert.equal(resolveSettings().rendering.communityColours, 8);
    assert.throws(() => resolveSettings({ rendering: { communityColours: 13 } }), /rendering\.communityColours must be an integer from 1 to 12/);
    const encoded = encodeDoc({ ...emptyDoc(), sizeBy: 'pagerank', colourBy: 'community' });
    assert.match(encoded, /size=pagerank/);
    assert.match(encoded, /colour=community/);
    const back = decodeDoc(encoded).doc;
    assert.deepEqual([back.sizeBy, back.colourBy], ['pagerank', 'community']);
    assert.equal(decodeDoc(encodeDoc(emptyDoc())).doc.colourBy, undefined, 'colour by type by default');
  });
});

describe('size by PageRank', () => {
  it('orders cable radii as their PageRanks, relative to the nodes drawn; others keep one size', () => {
    const nodes = [cable('LOW', { pagerank: 0.0001 }), cable('MID', { pagerank: 0.001 }), cable('HIGH', { pagerank: 0.01 }), cable('NONE'), post('CAIRO', 1, 500)];
    const r = nodeRadii(nodes, 'pagerank');
    assert.ok(r.get('cable:HIGH')! > r.get('cable:MID')! && r.get('cable:MID')! > r.get('cable:LOW')!, 'larger PageRank, larger disc');
    assert.ok(Math.abs(r.get('cable:MID')! - (r.get('cable:LOW')! + r.get('cable:HIGH')!) / 2) < 1e-9, 'on a log scale');
    assert.equal(r.get('cable:HIGH'), 24, 'the highest in view is drawn largest');
    assert.ok(r.get('cable:NONE')! < r.get('cable:LOW')!, 'a cable without a PageRank is smallest');
    assert.equal(r.get('post:CAIRO'), UNSIZED_RADIUS, 'posts keep one size');
    const one = nodeRadii([cable('ONLY', { pagerank: 0.3 })], 'pagerank');
    assert.ok(Number.isFinite(one.get('cable:ONLY')!), 'one ranked cable: a finite middle size');
    const byDegree = nodeRadii(nodes, 'degree');
    assert.equal(byDegree.get('cable:HIGH'), byDegree.get('cable:LOW'), 'by connections, PageRank does not matter');
  });

  it('the SVG export draws the same radii and fills as the screen, with the community legend', () => {
    const nodes = [cable('LOW', { pagerank: 0.0001, community: 0 }), cable('HIGH', { pagerank: 0.01, community: 1 })];
    const g = { nodes: new Map(nodes.map((n) => [n.id, n])), links: new Map(), origin: new Map() };
    const positions = new Map([['cable:LOW', { x: 0, y: 0 }], ['cable:HIGH', { x: 100, y: 0 }]]);
    const communities = communityLegend(nodes, 8);
    const { svg } = toSVG(g, positions, { sizeBy: 'pagerank', communities });
    const radii = nodeRadii(nodes, 'pagerank');
    assert.ok(svg.includes(`r="${Math.round(radii.get('cable:HIGH')! * 10) / 10}" fill="${communities.colours.get('ref:1')}"`));
    assert.ok(svg.includes(`r="${Math.round(radii.get('cable:LOW')! * 10) / 10}" fill="${communities.colours.get('ref:0')}"`));
    assert.match(svg, />Communities</);
    assert.match(svg, /Cites: HIGH \(1\)/);
    assert.match(svg, /Size: PageRank/);
  });
});
