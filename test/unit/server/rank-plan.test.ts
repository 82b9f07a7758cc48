import assert from 'node:assert/strict';
import { test } from 'node:test';
import { walkRankIndex } from '../../../server/src/queries/rank.ts';

test('a rank page walks the index for a scope that is a large share of the ranked cables, and gathers a small one', () => {
  const ranked = 275_000;
  assert.equal(walkRankIndex(50, ranked, 119_000), true, 'PREL at full size: about half the cables');
  assert.equal(walkRankIndex(50, ranked, 2_000), false, 'a small tag: gathering 2,000 rows beats testing ~7,000');
  assert.equal(walkRankIndex(5_000, ranked, 119_000), false, 'a deep CSV page needs most of the scope anyway');
  assert.equal(walkRankIndex(50, ranked, 0), false, 'an empty scope');
});
