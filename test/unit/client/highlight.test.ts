import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markTerms, searchTerms } from '../../../client/src/model/highlight.ts';

describe('search terms in the reader', () => {
  it('keeps the words worth marking', () => {
    assert.deepEqual(searchTerms('Iran and the nuclear "walk away" 07LONDON3923 sanction*'), ['iran', 'nuclear', 'walk', 'away', 'sanction*']);
    assert.deepEqual(searchTerms('  '), []);
  });

  it('marks whole words and prefixes, in any case, keeping every character', () => {
    const text = 'Iran can resist SANCTIONS; Iranian sanctioned.';
    const parts = markTerms(text, ['iran', 'sanction*']);
    assert.equal(parts.map((p) => p.text).join(''), text);
    assert.deepEqual(parts.filter((p) => p.mark).map((p) => p.text), ['Iran', 'SANCTIONS', 'sanctioned']);
  });

  it('treats markup and regex characters in the terms as text', () => {
    const text = 'a <b>(x)</b> b';
    assert.deepEqual(markTerms(text, ['(x)']).map((p) => p.text).join(''), text);
    assert.deepEqual(markTerms(text, []), [{ text, mark: false }]);
  });
});
