/** One year-from-id rule for the parser, the API and the client, right for the release and for cited stubs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LAST_RELEASE_YEAR, yearFromCableId } from '../../../server/src/cables/year-from-id.ts';

test('ids of the release (1966–2010) get their year', () => {
  assert.equal(yearFromCableId('66BUENOSAIRES2481'), 1966);
  assert.equal(yearFromCableId('89STATE1'), 1989);
  assert.equal(yearFromCableId('99STATE1'), 1999);
  assert.equal(yearFromCableId('00KINSHASA8538'), 2000);
  assert.equal(yearFromCableId('07LONDON3175'), 2007);
  assert.equal(yearFromCableId('10STATE1'), 2010);
});

test('a cited stub after the release cannot exist, so 11–65 are older cables, not 20xx', () => {
  assert.equal(LAST_RELEASE_YEAR, 2010);
  assert.equal(yearFromCableId('11STATE1'), 1911);
  assert.equal(yearFromCableId('45STATE1'), 1945);
  assert.equal(yearFromCableId('59MOSCOW12'), 1959, 'once 2059 in the API and the client, 1959 in the parser');
  assert.equal(yearFromCableId('65SAIGON3'), 1965);
});

test('every two-digit prefix maps into 1911–2010, and only ids starting with two digits have a year', () => {
  for (let yy = 0; yy < 100; yy++) {
    const year = yearFromCableId(`${String(yy).padStart(2, '0')}STATE1`)!;
    assert.equal(year % 100, yy);
    assert.ok(year > LAST_RELEASE_YEAR - 100 && year <= LAST_RELEASE_YEAR, String(year));
  }
  assert.equal(yearFromCableId('LONDON'), null);
  assert.equal(yearFromCableId('7LONDON1'), null);
  assert.equal(yearFromCableId(''), null);
});
