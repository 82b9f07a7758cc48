/**
 * The held-out case builders (scripts/held-out/cases.ts) read their answers from the release, never
 * from this parser: these tests pin how a bulleted REF list and the release's tag links are read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bulletedItems, halfOf, releaseTagIndex, releaseTagLinks } from '../../../scripts/held-out/cases.ts';

test('a REF list written one item per line gives each line its letter; unbulleted lines continue an item', () => {
  const region = 'REF: A. STATE 184022 \n     ¶B. OSLO 2525 AND \n     PREVIOUS\n     (C) SMITH EMAIL 3/4/06\n     D - ROME 12\n\nClassified By: X';
  assert.deepEqual(bulletedItems(region), [
    { bullet: 'A', text: 'STATE 184022 ' },
    { bullet: 'B', text: 'OSLO 2525 AND  PREVIOUS' },
    { bullet: 'C', text: 'SMITH EMAIL 3/4/06' },
    { bullet: 'D', text: 'ROME 12' },
  ]);
});

test('no answer when the letters are out of order, or two bullets share a line', () => {
  assert.equal(bulletedItems('REF: A. STATE 1\n     C. STATE 2\n'), null);
  assert.equal(bulletedItems('REF: A. 07 MANAMA 810 \n¶B. 07 MANAMA 897 C. MANAMA 163\n'), null);
  assert.equal(bulletedItems('REF: STATE 1234\n'), null);
});

test("the release's tag links: those in the cable text, and its index outside it", () => {
  const html = "<a href='/tag/ASEC_0.html'>ASEC</a><a href='/tag/AU-I_0.html'>AU-I</a>"
    + "<code><pre>R 130458Z AUG 79</pre></code><code><pre>TAGS: <a href='/tag/PEPR_0.html'>PEPR</a> <a href='/tag/IR_0.html'>IR</a>&#x000A;SUBJECT: X</pre></code>";
  assert.deepEqual(releaseTagLinks(html), ['PEPR', 'IR']);
  assert.deepEqual(releaseTagIndex(html), ['ASEC', 'AU-I']);
});

test('the split is by the canonical id, so spellings of one cable land in one half', () => {
  assert.equal(halfOf('07LONDON03923'), halfOf('07LONDON3923'));
  const halves = new Set(['07LONDON3923', '06KIEV1234', '09STATE1', '04ROME7', '05PARIS12', '08CAIRO3'].map(halfOf));
  assert.equal(halves.size, 2, 'both halves occur');
});
