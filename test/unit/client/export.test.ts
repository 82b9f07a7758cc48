import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvField, exportStem, linksCSV, nodesCSV, toGraphML, toJSON, xmlEscape } from '../../../client/src/model/export.ts';
import { emptyGraph, mergeNeighbourhood } from '../../../client/src/model/graph.ts';
import { toSVG } from '../../../client/src/render/svg.ts';

const g = mergeNeighbourhood(emptyGraph(), {
  center: 'cable:07LONDON3923',
  total: 2,
  truncated: false,
  nodes: [
    { id: 'cable:07LONDON3923', kind: 'cable', key: '07LONDON3923', label: 'UK <b>"VIEWS"</b>, & more', degree: 2, citedBy: 0, inCorpus: true, date: '2007-10-12T16:02:00Z', classification: 'CONFIDENTIAL' },
    { id: 'post:LONDON', kind: 'post', key: 'LONDON', label: '=HYPERLINK("x")', degree: 9 },
    { id: 'cable:07LONDON3175', kind: 'cable', key: '07LONDON3175', label: '07LONDON3175', degree: 1, citedBy: 1, inCorpus: false },
  ],
  links: [
    { source: 'cable:07LONDON3923', target: 'post:LONDON', type: 'FROM' },
    { source: 'cable:07LONDON3923', target: 'cable:07LONDON3175', type: 'REFERENCES' },
  ],
}).graph;
const pos = new Map([
  ['cable:07LONDON3923', { x: 0, y: 0 }],
  ['post:LONDON', { x: 50.04, y: -20 }],
  ['cable:07LONDON3175', { x: -40, y: 30 }],
]);

describe('exports', () => {
  it('CSV quotes, escapes and defuses formulas', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('=SUM(A1)'), "'=SUM(A1)");
    assert.equal(csvField('-12.5'), '-12.5');
    assert.equal(csvField(null), '');
    const nodes = nodesCSV(g, pos).split('\r\n');
    assert.equal(nodes[0], 'id,kind,key,label,degree,cited_by,in_corpus,date,classification,x,y');
    assert.equal(nodes.length, 5);
    assert.match(nodes[2] ?? '', /^post:LONDON,post,LONDON,"'=HYPERLINK\(""x""\)",9,,,,,50,-20$/);
    assert.equal(linksCSV(g).split('\r\n')[2], 'cable:07LONDON3923,cable:07LONDON3175,REFERENCES');
  });

  it('JSON carries nodes with positions and links', () => {
    const j = JSON.parse(toJSON(g, pos, { view: 'http://x/#v=1' })) as { nodes: { id: string; x?: number }[]; links: unknown[]; view: string };
    assert.equal(j.nodes.length, 3);
    assert.equal(j.nodes[1]?.x, 50);
    assert.equal(j.links.length, 2);
    assert.equal(j.view, 'http://x/#v=1');
  });

  it('GraphML is well-formed with escaped data', () => {
    const x = toGraphML(g, pos);
    assert.match(x, /<graphml xmlns="http:\/\/graphml.graphdrawing.org\/xmlns"/);
    assert.match(x, /<data key="label">UK &lt;b&gt;&quot;VIEWS&quot;&lt;\/b&gt;, &amp; more<\/data>/);
    assert.match(x, /<edge id="e1" source="cable:07LONDON3923" target="cable:07LONDON3175"><data key="type">REFERENCES<\/data><\/edge>/);
    assert.match(x, /<data key="inCorpus">false<\/data>/);
    assert.match(x, /<node id="cable:07LONDON3175">.*<data key="citedBy">1<\/data>/);
    assert.ok(!/<node id="post:LONDON">[^\n]*citedBy/.test(x), 'no citation count for a post');
    assert.equal(xmlEscape('a\u0001b'), 'ab');
  });

  it('SVG includes a legend and never raw markup from data', () => {
    const { svg, width } = toSVG(g, pos, { title: '<script>' });
    assert.ok(width > 100);
    assert.ok(!svg.includes('<script>'));
    assert.match(svg, /Cites \(REF\) \(1\)/);
    assert.match(svg, /Not in corpus/);
    assert.match(svg, /stroke-dasharray="2.5 2"/);
  });

  it('names files after the first seed', () => {
    assert.equal(exportStem(['cable:07LONDON3923'], 'svg'), 'cablescope-07LONDON3923.svg');
    assert.equal(exportStem(['tag:CLINTON, HILLARY'], 'json'), 'cablescope-CLINTON_HILLARY.json');
    assert.equal(exportStem([], 'png'), 'cablescope-view.png');
  });
});

describe('export caption', () => {
  it('says what, from which corpus, under which filters and when', async () => {
    const { exportCaption } = await import('../../../client/src/model/export.ts');
    const at = new Date('2026-12-03T18:40:12Z');
    assert.deepEqual(exportCaption({ seeds: ['07LONDON3923'], corpus: 'localhost:3000 (400 cables)', filters: { hiddenKinds: [], hiddenLinks: [] }, at }), [
      'Cablescope · started from 07LONDON3923',
      'Corpus: localhost:3000 (400 cables) · Filters: none · Exported 2026-12-03 18:40 UTC',
    ]);
    const filtered = exportCaption({ seeds: [], corpus: 'c', filters: { hiddenKinds: ['post'], hiddenLinks: ['INFO'], from: '2007-01', to: null, hiddenClasses: ['secret'] }, at });
    assert.equal(filtered[1], 'Corpus: c · Filters: dates 2007-01 to …; hidden classifications: secret; hidden: posts; hidden links: INFO · Exported 2026-12-03 18:40 UTC');
  });
});
