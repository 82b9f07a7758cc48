/** Canonical identities: cable ids (ids and REF lines alike) and posts (every spelling, one key). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalCableId } from '../../../server/src/cables/canonical-id.ts';
import { resolveOriginPost, resolvePost } from '../../../server/src/cables/posts.ts';
import { parseReferences } from '../../../server/src/cables/references.ts';

test('cable ids: leading zeros, station aliases, garbled release ids', () => {
  assert.equal(canonicalCableId('07LONDON003175'), '07LONDON3175');
  assert.equal(canonicalCableId(' 07london3175 '), '07LONDON3175');
  assert.equal(canonicalCableId('08SECSTATE123'), '08STATE123');
  assert.equal(canonicalCableId('08SECTION01GF02BISHIEK21'), '08BISHKEK1021');
  assert.equal(canonicalCableId('7575LIBREVILLE1895'), '75LIBREVILLE1895');
  assert.equal(canonicalCableId('09TAIPEI12'), '09AITTAIPEI12');
  assert.equal(canonicalCableId('hello'), null);
  assert.equal(canonicalCableId(''), null);
});

test('a REF line and the cited cable meet on one id, whatever the alias table of either side', () => {
  const { cableIds } = parseReferences('REF: A. TAIPEI 3393 B. SECSTATE 74879 C. 08 RIO DE JAN 0044', 2005, null);
  assert.deepEqual(cableIds, ['05AITTAIPEI3393', '05STATE74879', '08RIODEJANEIRO44']);
  for (const id of cableIds) assert.equal(canonicalCableId(id), id);
  assert.equal(canonicalCableId('05TAIPEI3393'), cableIds[0]);
});

test('posts: every spelling of London gives one key', () => {
  const keys = [
    resolvePost(null, 'AMEMBASSY LONDON'),
    resolvePost(null, 'Embassy London'),
    resolvePost(null, 'LONDON'),
    resolvePost('RUEHLO', ''),
    resolvePost(null, 'RUEHLO'),
    resolvePost('RUEHLO', 'AMEMBASSY LONDON'),
    resolveOriginPost('Embassy London'),
  ].map((p) => p.key);
  assert.deepEqual(new Set(keys), new Set(['LONDON']));
  assert.equal(resolvePost(null, 'AMEMBASSY LONDON').name, 'Embassy London');
});

test('posts: the Secretary of State under its names and route', () => {
  const posts = [resolvePost(null, 'SECSTATE WASHDC'), resolvePost('RUEHC', ''), resolvePost('RUEHC', 'SECSTATE WASHDC'), resolvePost(null, 'DEPT OF STATE WASHINGTON DC'), resolveOriginPost('Secretary of State')];
  assert.deepEqual(new Set(posts.map((p) => p.key)), new Set(['STATE']));
  assert.equal(posts[0]!.name, 'Secretary of State, Washington');
  // aliases keep the spellings seen, for search
  assert.deepEqual(posts[2]!.aliases, ['SECSTATE WASHDC', 'RUEHC', 'DEPT OF STATE WASHINGTON DC']);
});

test('posts: missions keep the key their cable ids use', () => {
  assert.equal(resolvePost('RUCNDT', 'USMISSION USUN NEW YORK').key, 'USUNNEWYORK');
  assert.equal(resolveOriginPost('USUN New York').key, 'USUNNEWYORK');
  assert.equal(resolveOriginPost('Mission USNATO').key, 'USNATO');
  assert.equal(resolvePost(null, 'USEU BRUSSELS').key, 'USEUBRUSSELS');
  assert.equal(resolveOriginPost('American Institute Taiwan, Taipei').key, 'AITTAIPEI');
  assert.equal(resolvePost(null, 'AMCONSUL RIO DE JANEIRO').key, 'RIODEJANEIRO');
  assert.equal(resolvePost(null, 'USCINCSO MIAMI FL//SCJ2/SCJ5/POLAD//').key, resolvePost(null, 'USCINCSO MIAMI FL').key);
  assert.notEqual(resolvePost(null, 'AMEMBASSY PARIS').key, resolvePost(null, 'AMEMBASSY LONDON').key);
});

test('posts: display names keep codes in capitals and read one-word keys off the release names', () => {
  // a key written as one word takes the words of a release name that spell it
  assert.equal(resolvePost('RUEHDIR', 'RPODUBAI').name, 'RPO Dubai');
  assert.equal(resolvePost(null, 'IRAN RPO DUBAI').name, 'RPO Dubai');
  // codes: US commands and missions as one word, vowel-less codes, letters with digits, a closing state code
  assert.equal(resolvePost(null, 'USDAO NAIROBI').name, 'USDAO Nairobi');
  assert.equal(resolvePost(null, 'CDR USSOCOM MACDILL AFB FL').name, 'CDR USSOCOM Macdill Afb FL');
  assert.equal(resolvePost(null, 'ADW01 SACCS 789CS ANDREWS AFB MD').name, 'ADW01 Saccs 789CS Andrews Afb MD');
  // words stay words: Saint, places of several words
  assert.equal(resolvePost(null, 'AMCONSUL ST PETERSBURG').name, 'Consulate St Petersburg');
  assert.equal(resolvePost(null, 'AMCONSUL HO CHI MINH CITY').name, 'Consulate Ho Chi Minh City');
  assert.equal(resolvePost(null, 'AMEMBASSY KYIV').name, 'Embassy Kyiv');
});
