import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linkRefs, normaliseCableId, refLetters } from '../../../client/src/model/refs.ts';

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
