/**
 * The seed cable 07LONDON3923, field by field, as the parser must read it.
 * Expected values are read off the cable text by hand (test/fixtures/formats/text/07LONDON3923.txt).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCableText } from '../../../server/src/cables/parse.ts';
import type { CableRecord } from '../../../server/src/cables/record.ts';

const file = new URL('../../fixtures/formats/text/07LONDON3923.txt', import.meta.url);
const text = readFileSync(file, 'utf8');

function parsed(): CableRecord {
  const outcome = parseCableText(text, { file: '07LONDON3923.txt', format: 'text' });
  assert.equal(outcome.ok, true, outcome.ok ? '' : outcome.rejected.reason);
  return (outcome as { ok: true; record: CableRecord }).record;
}

const info = (route: string, name: string, mcn: string) => ({ route, name, precedence: null, mcn, excluded: false });

test('metadata lines', () => {
  const r = parsed();
  assert.equal(r.id, '07LONDON3923');
  assert.equal(r.idAsWritten, null);
  // Fri Oct 12 00:00:00 +0200 2007: the seed keeps only the day, so the record has the calendar date
  assert.equal(r.date, '2007-10-12');
  assert.equal(r.classification, 'CONFIDENTIAL');
  assert.equal(r.origin, 'Embassy London');
  assert.equal(r.source.file, '07LONDON3923.txt');
  assert.equal(r.source.format, 'text');
});

test('routing header', () => {
  const r = parsed();
  assert.equal(r.transmissionId, 'VZCZCXRO8374');
  assert.equal(r.partial, false);
  assert.deepEqual(r.sender, { route: 'RUEHLO', name: 'AMEMBASSY LONDON' });
  assert.deepEqual(r.to, [{ route: 'RUEHC', name: 'SECSTATE WASHDC', precedence: 'PRIORITY', mcn: '5861', excluded: false }]);
  assert.deepEqual(r.info, [
    info('RUEHAK', 'AMEMBASSY ANKARA', '0729'),
    info('RUEHAH', 'AMEMBASSY ASHGABAT', '0137'),
    info('RUEHGB', 'AMEMBASSY BAGHDAD', '0479'),
    info('RUEHKB', 'AMEMBASSY BAKU', '0169'),
    info('RUEHBJ', 'AMEMBASSY BEIJING', '0941'),
    info('RUEHRL', 'AMEMBASSY BERLIN', '2544'),
    info('RUEHSW', 'AMEMBASSY BERN', '0469'),
    info('RUEHBUL', 'AMEMBASSY KABUL', '0537'),
    info('RUEHMO', 'AMEMBASSY MOSCOW', '2435'),
    info('RUEHFR', 'AMEMBASSY PARIS', '3042'),
    info('RUEHRO', 'AMEMBASSY ROME', '3525'),
    info('RUEHDE', 'AMCONSUL DUBAI', '0192'),
    info('RUEHIT', 'AMCONSUL ISTANBUL', '0141'),
    info('RUCNDT', 'USMISSION USUN NEW YORK', '1024'),
  ]);
});

test('header/body split: the body starts at the classification banner glued to the last INFO line', () => {
  const r = parsed();
  assert.ok(r.header.startsWith('VZCZCXRO8374\nPP RUEHDE\n'));
  assert.ok(r.header.endsWith('RUCNDT/USMISSION USUN NEW YORK 1024'));
  assert.ok(r.body.startsWith('C O N F I D E N T I A L SECTION 01 OF 05 LONDON 003923'));
  assert.equal(r.header + r.body, text.split('\n').slice(5).join('\n'));
});

test('subject, tags, references', () => {
  const r = parsed();
  assert.equal(r.subject, 'XXXXXXXXXXXX ARGUES TIME IS RIPE FOR WEST TO MAKE AN OFFER');
  assert.deepEqual(r.tags, [
    { code: 'PREL', kind: 'subject' },
    { code: 'KNNP', kind: 'program' },
    { code: 'MNUC', kind: 'subject' },
    { code: 'IR', kind: 'country' },
    { code: 'UK', kind: 'country' },
  ]);
  assert.deepEqual(r.references, [{ kind: 'cable', bullet: null, value: '07LONDON3175', cableId: '07LONDON3175' }]);
});

test('classification details', () => {
  const r = parsed();
  assert.deepEqual(r.caveats, ['SIPDIS']);
  assert.deepEqual(r.classifiedBy, ['Maura Connelly']);
  assert.deepEqual(r.classificationReasons, ['1.4 (B)', '1.4 (D)']);
  assert.equal(r.declassificationDate, '2017-10-12');
});

test('summary and signers', () => {
  const r = parsed();
  assert.ok(r.summary !== null);
  assert.ok(r.summary.startsWith('XXXXXXXXXXXX told London Iran Watcher (Poloff) that Islamic republic of Iran decision-makers'));
  assert.ok(r.summary.endsWith('IRI central control over its security services is frequently weak. XXXXXXXXXXXX'));
  assert.deepEqual(r.signers, ['TUTTLE']);
});
