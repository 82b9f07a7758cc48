import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { linkRefs, normaliseCableId, refLetters, stationSerial } from '../../../client/src/model/refs.ts';

describe('REF mentions in cable text', () => {
  it('normalises written ids', () => {
    assert.equal(normaliseCableId('07 LONDON 03175'), '07LONDON3175');
    assert.equal(normaliseCableId('07LONDON3175'), '07LONDON3175');
    assert.equal(normaliseCableId('08 USEU BRUSSELS 12'), '08USEUBRUSSELS12');
    assert.equal(normaliseCableId('LONDON 3175'), null);
  });

  const text = [
    'SUBJECT: UK VIEWS',
    '',
    'REF: A. 07 LONDON 3175 B. 07 STATE 123456',
    '',
    '1. (C) Per REF A, <script>alert(1)</script> and REFTEL B; see 07LONDON3175.',
    '2. REF C is unknown; 07PARIS999 is not a reference.',
  ].join('\n');

  it('maps REF letters to the cables listed in the REF block', () => {
    const known = new Map([
      ['07LONDON3175', '07LONDON3175'],
      ['07STATE123456', '07STATE123456'],
    ]);
    assert.deepEqual([...refLetters(text, known)], [
      ['A', '07LONDON3175'],
      ['B', '07STATE123456'],
    ]);
  });

  it('links ids and letters to known references only, keeping every character', () => {
    const segs = linkRefs(text, ['07LONDON3175', '07STATE123456']);
    assert.equal(segs.map((s) => s.text).join(''), text);
    const links = segs.filter((s) => s.ref !== undefined).map((s) => [s.text, s.ref]);
    assert.deepEqual(links, [
      ['07 LONDON 3175', '07LONDON3175'],
      ['07 STATE 123456', '07STATE123456'],
      ['REF A', '07LONDON3175'],
      ['REFTEL B', '07STATE123456'],
      ['07LONDON3175', '07LONDON3175'],
    ]);
    // Markup stays inside a plain-text segment.
    assert.ok(segs.some((s) => s.ref === undefined && s.text.includes('<script>alert(1)</script>')));
  });

  it('returns the text unchanged when nothing is known', () => {
    assert.deepEqual(linkRefs('plain <b>text</b>', []), [{ text: 'plain <b>text</b>' }]);
    assert.deepEqual(linkRefs('', ['07LONDON3175']), []);
  });
});

describe('REF mentions without a year resolve through the cable’s own REF list', () => {
  const links = (text: string, keys: string[]) => linkRefs(text, keys).filter((s) => s.ref !== undefined).map((s) => [s.text, s.ref]);

  it('links "REF: LONDON 03175" in 07LONDON3923 (the bundled sample’s own text)', () => {
    const body = readFileSync(new URL('../../../data/sample/07LONDON3923.txt', import.meta.url), 'utf8');
    assert.ok(body.includes('REF: LONDON 03175'));
    assert.deepEqual(links(body, ['07LONDON3175']), [['LONDON 03175', '07LONDON3175']]);
  });

  it('links letters whose REF line names the cable without a year, and "(ref E)" in the text', () => {
    const body = readFileSync(new URL('../../../data/sample/09MANAMA609.txt', import.meta.url), 'utf8');
    const refs = ['09MANAMA172', '08MANAMA592', '08MANAMA593', '08MANAMA536', '09MANAMA557', '09MANAMA50', '09MANAMA190'];
    const found = links(body, refs);
    assert.ok(found.some(([t, r]) => t === 'MANAMA 50' && r === '09MANAMA50'), 'D. MANAMA 50');
    assert.ok(found.some(([t, r]) => t === 'ref E' && r === '09MANAMA172'), '(ref E)');
    assert.ok(found.some(([t, r]) => t === 'ref D' && r === '09MANAMA50'), '(ref D)');
    assert.ok(found.some(([t, r]) => t === 'ref G' && r === '09MANAMA557'), '(ref G)');
    assert.ok(found.some(([t, r]) => t === '08 MANAMA 593' && r === '08MANAMA593'), '¶C. 08 MANAMA 593');
  });

  it('leaves an ambiguous or unlisted year-less mention alone, and finds the station after another word', () => {
    assert.deepEqual(links('See LONDON 3175.', ['07LONDON3175', '08LONDON3175']), []);
    assert.deepEqual(links('See PARIS 3175.', ['07LONDON3175']), []);
    assert.deepEqual(links('AS PER LONDON 3175 AND', ['07LONDON3175']), [['LONDON 3175', '07LONDON3175']]);
    assert.equal(stationSerial('07 LONDON 03175'), 'LONDON3175');
    assert.equal(stationSerial('USEU BRUSSELS 12'), 'USEUBRUSSELS12');
  });
});
