import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CableRow } from '../../../scripts/import/rows.ts';
import { prefers, prefersCypher, ruleInput, winnersById } from '../../../scripts/import/duplicate-rule.ts';
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

test('a record with body text wins over a longer one without: a cable never loses its text to an empty record', () => {
  const withBody = { ...row('07LONDON1', 400, 'AAAA', 'PREL'), props: { body: '1. The embassy reports.' } } as unknown as CableRow;
  const headerOnly = { ...row('07LONDON1', 900, 'ZZZZ', 'PGOV'), props: { body: '  \n' } } as unknown as CableRow;
  assert.deepEqual(winnersById([withBody, headerOnly]), [withBody]);
  assert.deepEqual(winnersById([headerOnly, withBody]), [withBody]);
  assert.ok(prefers(ruleInput(withBody), ruleInput(headerOnly)));
  assert.ok(!prefers(ruleInput(headerOnly), ruleInput(withBody)));
  // the Cypher form (against a stored node) says the same: it looks at the stored body first
  const cypher = prefersCypher('row', 'c');
  assert.match(cypher, /^\(CASE WHEN row\.hasBody <> \(trim\(coalesce\(c\.body, ''\)\) <> ''\) THEN row\.hasBody ELSE/);
  const params = batchStatements([headerOnly, withBody]).map(([, p]) => p).find((p) => 'cables' in p)?.cables as { textHash: string; hasBody: boolean }[];
  assert.deepEqual(params.map((c) => [c.textHash, c.hasBody]), [['AAAA', true]]);
});
