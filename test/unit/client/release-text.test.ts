import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cleanReleaseText, hasReleaseArtefacts } from '../../../client/src/model/release-text.ts';

describe('the release’s mangled quotes, cleaned for reading', () => {
  it('turns &…8 into quotes and ,s into an apostrophe', () => {
    assert.equal(cleanReleaseText('said Iran can &resist sanctions indefinitely.8 Then'), 'said Iran can \u201cresist sanctions indefinitely.\u201d Then');
    assert.equal(cleanReleaseText('Defense Federico &Fred8 Breve'), 'Defense Federico \u201cFred\u201d Breve');
    assert.equal(cleanReleaseText('AS IN &MOSCOW,8 SO THAT'), 'AS IN \u201cMOSCOW,\u201d SO THAT');
    assert.equal(cleanReleaseText('the &zero-tolerance8 crime policy'), 'the \u201czero-tolerance\u201d crime policy');
    assert.equal(cleanReleaseText("Brazil,s position; we don,t know"), 'Brazil\u2019s position; we don\u2019t know');
  });

  it('leaves ampersands, numbers and lists that are what they say', () => {
    for (const s of ['REASON 1.5 B&D', 'in T&T, with AT&T', 'R & D', 'F-18 and 1.8 per cent', 'reasons 1.4 (b,d)', 'MANAMA 00000609', 'a,b,c', 'G8 summit', 'Tom &amp; Jerry &lt;i&gt;', 'a &#8220;quote']) {
      assert.equal(cleanReleaseText(s), s, s);
    }
  });

  it('finds the artefact in 07LONDON3923 from the bundled sample, and changes nothing else there', () => {
    const body = readFileSync(new URL('../../../data/sample/07LONDON3923.txt', import.meta.url), 'utf8');
    assert.ok(hasReleaseArtefacts(body));
    const clean = cleanReleaseText(body);
    assert.ok(clean.includes('\u201cresist sanctions indefinitely.\u201d'));
    assert.equal(clean.length, body.length, 'one character for one');
    const changed = [...body].flatMap((ch, k) => (clean[k] === ch ? [] : [ch]));
    assert.ok(changed.length >= 2);
    assert.ok(changed.every((ch) => ch === '&' || ch === '8' || ch === ','), 'only the artefact characters change');
  });
});
