import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { isGraphKey } from '../../../server/src/cables/graph-keys.ts';
import { parseCableText } from '../../../server/src/cables/parse.ts';
import { nodeRefParam } from '../../../server/src/routes/params.ts';
import { toCableRow } from '../../../scripts/import/rows.ts';
const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('one key rule for posts and tags (importer and API)', () => {
  test('names and codes pass; header noise and stray symbols do not', () => {
    for (const key of ['LONDON', 'STATE', 'USUNNEWYORK', 'USDAO NAIROBI', 'PREL', 'KPAO', 'ZAGREB', 'ZURICH', 'A']) assert.ok(isGraphKey(key), key);
    for (const key of ['ZNYCCCCCZZH\\', 'ZNYCCCCCZZH', 'ZNY CCCCC ZZH', 'ZNR UUUUU', '\\', '', '123', '-PREL', 'london']) assert.ok(!isGraphKey(key), key);
  });

  test('a cable whose header noise reads as an addressee or a tag stores neither', () => {
    let text = readFileSync(path.join(repoRoot, 'data/sample/07LONDON3923.txt'), 'utf8');
    text = text
      .replace('RUEHIT/AMCONSUL ISTANBUL 0141', 'RUEHIT/AMCONSUL ISTANBUL 0141\nZNY CCCCC ZZH\\\n\\')
      .replace('TAGS: PREL KNNP MNUC IR UK', 'TAGS: PREL KNNP MNUC IR UK \\');
    const outcome = parseCableText(text, { file: '07LONDON3923.txt', format: 'text' });
    assert.ok(outcome.ok);
    const row = toCableRow(outcome.record);
    const keys = [row.sender?.key, ...row.recipients.map((r) => r.post.key), ...row.tags.map((t) => t.code)];
    for (const key of keys) assert.ok(key && isGraphKey(key), `stored key ${JSON.stringify(key)}`);
    assert.ok(row.recipients.some((r) => r.post.key === 'ISTANBUL'));
    assert.deepEqual(row.tags.map((t) => t.code), ['PREL', 'KNNP', 'MNUC', 'IR', 'UK']);
  });

  test('every key the importer stores is one the API accepts', () => {
    for (const file of ['07LONDON3923.txt', '04PANAMA1014.txt', '03SANAA1256.txt']) {
      const outcome = parseCableText(readFileSync(path.join(repoRoot, 'data/sample', file), 'utf8'), { file, format: 'text' });
      assert.ok(outcome.ok);
      const row = toCableRow(outcome.record);
      for (const post of [row.sender, ...row.recipients.map((r) => r.post)]) {
        if (post) assert.ok(nodeRefParam.safeParse(`post:${post.key}`).success, post.key);
      }
      for (const tag of row.tags) assert.ok(nodeRefParam.safeParse(`tag:${tag.code}`).success, tag.code);
    }
  });
});
