/** The cables.csv row scanner: escapes, newlines in fields, chunk boundaries, broken rows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { CsvRowScanner, type ScannedRow } from '../../../scripts/import/read/csv-scanner.ts';

const sample = readFileSync(new URL('../../fixtures/formats/csv/pairs.csv', import.meta.url), 'utf8');

function scan(chunks: string[], maxRowChars?: number): ScannedRow[] {
  const scanner = new CsvRowScanner(maxRowChars);
  return [...chunks.flatMap((c) => scanner.push(c)), ...scanner.end()];
}

test('backslash escapes, quotes and newlines inside fields', () => {
  const rows = scan(['"1","a \\"quoted\\" word","it\\\'s","back\\\\slash","two\nlines"\n"2","x","y","z","w"\n']);
  assert.deepEqual(rows, [
    { ok: true, fields: ['1', 'a "quoted" word', "it's", 'back\\slash', 'two\nlines'], line: 1 },
    { ok: true, fields: ['2', 'x', 'y', 'z', 'w'], line: 3 },
  ]);
});

test('the release sample gives the same rows whatever the chunking', () => {
  const whole = scan([sample]);
  assert.equal(whole.length, 8);
  assert.ok(whole.every((r) => r.ok && r.fields.length === 8));
  fc.assert(
    fc.property(fc.array(fc.nat({ max: sample.length }), { maxLength: 30 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      const chunks = points.map((p, i) => sample.slice(i === 0 ? 0 : points[i - 1], p)).concat(sample.slice(points.at(-1) ?? 0));
      return JSON.stringify(scan(chunks)) === JSON.stringify(whole);
    }),
    { numRuns: 100 },
  );
});

test('a stray quote breaks one row; the scanner resumes at the next row', () => {
  const rows = scan(['"1","good"\n"2","bad"x,"more"\n"3","good again"\n']);
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[0], { ok: true, fields: ['1', 'good'], line: 1 });
  assert.equal(rows[1]!.ok, false);
  assert.equal(rows[1]!.line, 2);
  assert.deepEqual(rows[2], { ok: true, fields: ['3', 'good again'], line: 3 });
});

test('an unterminated quote is reported at end of input, and bounded in memory', () => {
  const cut = scan(['"1","ok"\n"2","never closed\nmore text\n']);
  assert.equal(cut.length, 2);
  assert.equal(cut[1]!.ok, false);
  assert.match((cut[1] as { reason: string }).reason, /unterminated/);
  // with a 50-character cap, a runaway row is dropped up to the next row start
  const capped = scan(['"1","never closed ', 'x'.repeat(100), '\n"2","fine"\n', '"3","fine"\n'], 50);
  assert.ok(capped.some((r) => !r.ok && /longer than 50/.test(r.reason)));
  assert.ok(capped.some((r) => r.ok && r.fields[0] === '3'));
});
