import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COUNTRY_NAMES, tagName } from '../../../server/src/api/tag-names.ts';

test('country TAGS are FIPS 10-4, not ISO 3166', () => {
  assert.equal(tagName('GM'), 'Germany');
  assert.equal(tagName(' iz '), 'Iraq');
  assert.equal(tagName('RS'), 'Russia');
  assert.equal(tagName('UK'), 'United Kingdom');
  assert.equal(tagName('BM'), 'Burma');
  assert.equal(tagName('PREL'), 'External political relations');
  assert.equal(tagName('XF'), null, 'regional codes are not guessed');
  for (const [code, name] of Object.entries(COUNTRY_NAMES)) {
    assert.match(code, /^[A-Z]{2}$/);
    assert.ok(name.length > 2 && !/["<>]/.test(name), `${code}: ${name}`);
  }
  const names = Object.values(COUNTRY_NAMES);
  assert.equal(new Set(names).size, names.length, 'one code per country');
});
