import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CableRow } from '../../../scripts/import/rows.ts';
import { winnersById } from '../../../scripts/import/duplicate-rule.ts';
import { batchStatements } from '../../../scripts/import/writer.ts';

function row(id: string, textLength: number, textHash: string, tag: string): CableRow {
  return {
    id,
    props: { subject: `${id} ${textHash}` },
    sender: null,
    recipients: [],
    tags: [{ code: tag, kind: 'subject' }],
    references: [],
    textLength,
    textHash,
  } as unknown as CableRow;
}

test('within one batch the record with more text wins, whatever the order', () => {
  const long = row('07LONDON1', 900, 'AAAA', 'PREL');
  const short = row('07LONDON1', 100, 'ZZZZ', 'PGOV');
  assert.deepEqual(winnersById([long, short]), [long]);
  assert.deepEqual(winnersById([short, long]), [long]);
});

test('equal text lengths: the greater hash wins, whatever the order', () => {
  const a = row('07LONDON1', 500, 'Abc', 'PREL');
  const b = row('07LONDON1', 500, 'abc', 'PGOV');
  assert.deepEqual(winnersById([a, b]), [b]);
  assert.deepEqual(winnersById([b, a]), [b]);
});

test("the batch writes one cable row per id but keeps both records' links", () => {
  const statements = batchStatements([row('07LONDON1', 100, 'x', 'PREL'), row('07LONDON1', 200, 'y', 'PGOV'), row('07PARIS2', 50, 'z', 'PREL')]);
  const params = statements.map(([, p]) => p);
  const cables = params.find((p) => 'cables' in p)?.cables as { id: string; textHash: string }[];
  assert.deepEqual(cables.map((c) => [c.id, c.textHash]), [['07LONDON1', 'y'], ['07PARIS2', 'z']]);
  const tagged = params.map((p) => p.rows as { cable: string; tag?: string }[] | undefined).find((r) => r?.some((x) => x.tag));
  assert.deepEqual(tagged?.filter((r) => r.cable === '07LONDON1').map((r) => r.tag).sort(), ['PGOV', 'PREL']);
});
