/**
 * One cable, two formats, one record: cables present both as cables.csv rows and as
 * WikiLeaks HTML pages (test/fixtures/formats) must parse to the same CableRecord.
 *
 * What may legitimately differ: the raw header/body text (the HTML pages reflow lines and
 * add `¶` marks), the source location, and the time of day: the pages' `Created` minutes
 * are garbled, so an HTML record has the calendar date only, unless its header carries the
 * date-time group (`R 220927Z AUG 72`), which gives the exact time that cables.csv has too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readCables } from '../../../scripts/import/read/index.ts';
import type { CableRecord } from '../../../server/src/cables/record.ts';

const fixtures = new URL('../../fixtures/formats/', import.meta.url).pathname;

async function records(p: string): Promise<Map<string, CableRecord>> {
  const map = new Map<string, CableRecord>();
  for await (const o of readCables([path.join(fixtures, p)])) if (o.ok) map.set(o.record.id, o.record);
  return map;
}

const csv = await records('csv/pairs.csv');
const html = await records('html');
const shared = [...html.keys()].filter((id) => csv.has(id)).sort();

test('the fixtures hold six cables in both formats', () => {
  assert.deepEqual(shared, ['04MADRID3914', '66BUENOSAIRES2481', '72TEHRAN5055', '86MADRID5480', '90BAGHDAD4397', '97WELLINGTON1656']);
});

for (const id of shared) {
  test(`${id}: the csv row and the HTML page give the same record`, () => {
    const a = csv.get(id)!;
    const b = html.get(id)!;
    const { header: _ha, body: _ba, source: sa, date: da, ...restA } = a;
    const { header: _hb, body: _bb, source: sb, date: db, ...restB } = b;
    assert.deepEqual(restB, restA);
    assert.equal(sa.format, 'csv');
    assert.equal(sb.format, 'html');
    assert.ok(da && db);
    assert.equal(db.slice(0, 10), da.slice(0, 10), 'same day');
    if (db.length > 10) assert.equal(db, da, 'a time taken from the header matches cables.csv');
  });
}

test('the header date-time group gives HTML records their exact time', () => {
  assert.equal(html.get('72TEHRAN5055')!.date, '1972-08-22T09:27:00Z');
  assert.equal(csv.get('72TEHRAN5055')!.date, '1972-08-22T09:27:00Z');
  // a partial extract has no routing header: the page's day is all that can be trusted
  assert.equal(html.get('04MADRID3914')!.date, csv.get('04MADRID3914')!.date!.slice(0, 10));
});

test('records carry rich content, so the comparison is not vacuous', () => {
  const r = csv.get('90BAGHDAD4397')!;
  assert.ok(r.to.length + r.info.length >= 10);
  assert.ok(r.references.length >= 3);
  assert.ok(r.tags.length >= 2);
  assert.notEqual(r.subject, '');
});
