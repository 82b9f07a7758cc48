/**
 * The streaming readers: every input format, directories, archives, and bad input that must
 * be reported (with its location) without stopping the rest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync, readFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readCables, totalInputBytes } from '../../../scripts/import/read/index.ts';
import type { ParseOutcome } from '../../../server/src/cables/record.ts';
import { buildTar, buildZip } from '../../support/archives.ts';
import { tempDir, type TempOwner } from '../../support/temp.ts';

const fixtures = new URL('../../fixtures/formats/', import.meta.url).pathname;
const fixture = (p: string): string => path.join(fixtures, p);

async function collect(paths: string[]): Promise<ParseOutcome[]> {
  const out: ParseOutcome[] = [];
  for await (const o of readCables(paths)) out.push(o);
  return out;
}

const ids = (outcomes: ParseOutcome[]): string[] => outcomes.flatMap((o) => (o.ok ? [o.record.id] : [])).sort();
const rejects = (outcomes: ParseOutcome[]) => outcomes.flatMap((o) => (o.ok ? [] : [o.rejected]));

const scratch = (t: TempOwner): string => tempDir(t, 'cablescope-readers-');

test('a seed text file', async () => {
  const out = await collect([fixture('text/07LONDON3923.txt')]);
  assert.equal(out.length, 1);
  assert.ok(out[0]!.ok);
  assert.equal(out[0]!.ok && out[0]!.record.source.format, 'text');
});

test('a directory tree, recursively, hidden files skipped', async (t) => {
  const dir = scratch(t);
  mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
  copyFileSync(fixture('text/07LONDON3923.txt'), path.join(dir, 'a', 'b', '07LONDON3923.txt'));
  writeFileSync(path.join(dir, '.DS_Store'), Buffer.from([0, 1, 2, 3]));
  const out = await collect([dir]);
  assert.deepEqual(ids(out), ['07LONDON3923']);
  assert.deepEqual(rejects(out), []);
});

test('cables.csv rows, with their row line numbers', async () => {
  const out = await collect([fixture('csv/pairs.csv')]);
  assert.equal(out.length, 8);
  assert.deepEqual(rejects(out), []);
  const first = out[0]!;
  assert.ok(first.ok);
  assert.equal(first.record.id, '66BUENOSAIRES2481');
  assert.equal(first.record.source.format, 'csv');
  assert.equal(first.record.source.line, 1);
  assert.equal(first.record.date, '1966-12-28T18:48:00Z');
  // backslash escapes undone: \" in the file is a plain quote in the text
  assert.ok(first.record.body.includes('"PREFERENTIAL JURISDICTION"'));
  assert.ok(!first.record.body.includes('\\"'));
  const lines = out.map((o) => (o.ok ? o.record.source.line! : 0));
  assert.ok(lines.every((l, i) => i === 0 || l > lines[i - 1]!), `lines not increasing: ${lines}`);
});

test('a broken csv row is reported with its line; the rows around it still parse', async (t) => {
  const dir = scratch(t);
  const rows = readFileSync(fixture('csv/pairs.csv'), 'utf8');
  const firstRowEnd = /\n"\d+","\d+\/\d+\/\d{4}/.exec(rows)!.index + 1;
  const broken = `"999","1/1/2001 10:00","01BROKEN1","Embassy Nowhere"\n`;
  writeFileSync(path.join(dir, 'cables.csv'), rows.slice(0, firstRowEnd) + broken + rows.slice(firstRowEnd));
  const out = await collect([path.join(dir, 'cables.csv')]);
  assert.equal(ids(out).length, 8);
  const bad = rejects(out);
  assert.equal(bad.length, 1);
  assert.match(bad[0]!.reason, /4 columns, expected 8/);
  assert.equal(bad[0]!.source.format, 'csv');
  assert.ok((bad[0]!.source.line ?? 0) > 1, 'line of the broken row');
});

test('a csv file cut off inside a quoted field reports the rest as unreadable, keeps what came before', async (t) => {
  const dir = scratch(t);
  const rows = readFileSync(fixture('csv/pairs.csv'), 'utf8');
  writeFileSync(path.join(dir, 'cut.csv'), rows.slice(0, Math.floor(rows.length * 0.6)));
  const out = await collect([path.join(dir, 'cut.csv')]);
  assert.ok(ids(out).length >= 3);
  assert.ok(rejects(out).length >= 1);
});

test('HTML pages from a directory', async () => {
  const out = await collect([fixture('html')]);
  assert.equal(ids(out).length, 6);
  assert.ok(out.every((o) => o.ok && o.record.source.format === 'html'));
});

for (const archive of ['pages.tar.gz', 'pages.tar.xz', 'pages.zip']) {
  test(`HTML pages straight from ${archive}; a page with no cable is reported with its member name`, async () => {
    const out = await collect([fixture(`archives/${archive}`)]);
    assert.deepEqual(ids(out), ['72TEHRAN5055', '90BAGHDAD4397']);
    const ok = out.find((o) => o.ok);
    assert.ok(ok && ok.ok && ok.record.source.member?.startsWith('cable/'));
    const bad = rejects(out);
    const notCable = bad.find((r) => r.source.member === 'cable/2000/01/NOTACABLE.html');
    assert.ok(notCable, JSON.stringify(bad));
    assert.match(notCable.reason, /no cable metadata table/);
    assert.equal(notCable.source.file, fixture(`archives/${archive}`));
    if (archive.endsWith('.zip')) assert.ok(bad.some((r) => r.source.member === 'cable/notes.pdf'));
  });
}

test('a gzipped cables.csv is streamed through gunzip', async (t) => {
  const dir = scratch(t);
  const { gzipSync } = await import('node:zlib');
  writeFileSync(path.join(dir, 'cables.csv.gz'), gzipSync(readFileSync(fixture('csv/pairs.csv'))));
  const out = await collect([path.join(dir, 'cables.csv.gz')]);
  assert.equal(ids(out).length, 8);
  assert.deepEqual(rejects(out), []);
});

test('a plain .tar archive', async (t) => {
  const dir = scratch(t);
  const tarFile = path.join(dir, 'pages.tar');
  writeFileSync(tarFile, gunzipSync(readFileSync(fixture('archives/pages.tar.gz'))));
  const out = await collect([tarFile]);
  assert.deepEqual(ids(out), ['72TEHRAN5055', '90BAGHDAD4397']);
});

test('bad files are reported with path and reason, and the good ones still come through', async (t) => {
  const dir = scratch(t);
  writeFileSync(path.join(dir, 'empty.txt'), '');
  writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00]));
  writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from('07PARIS1\n\u00e9t\u00e9\nFri Oct 12 00:00:00 +0200 2007\nSECRET\nEmbassy Paris\nbody caf\u00e9', 'latin1'));
  writeFileSync(path.join(dir, 'junk.txt'), 'hello world\nthis is not a cable\nnor is this\nor this\nor this line\n');
  writeFileSync(path.join(dir, 'truncated.txt'), '07PARIS1\nsubject\n');
  writeFileSync(path.join(dir, 'page.html'), '<html><body><p>No cable here</p></body></html>');
  writeFileSync(path.join(dir, 'mystery'), Buffer.from([1, 2, 3, 0, 5]));
  copyFileSync(fixture('text/07LONDON3923.txt'), path.join(dir, 'good.txt'));
  const out = await collect([dir]);
  assert.deepEqual(ids(out), ['07LONDON3923']);
  const reasons = Object.fromEntries(rejects(out).map((r) => [path.basename(r.source.file), r.reason]));
  assert.match(reasons['empty.txt']!, /empty/);
  assert.match(reasons['binary.txt']!, /binary/);
  assert.match(reasons['latin1.txt']!, /UTF-8/);
  assert.match(reasons['junk.txt']!, /not a cable reference id/);
  assert.match(reasons['truncated.txt']!, /truncated/);
  assert.match(reasons['page.html']!, /no cable metadata table/);
  assert.match(reasons['mystery']!, /binary|unrecognised/);
});

test('a file without an extension is recognised from its content', async (t) => {
  const dir = scratch(t);
  copyFileSync(fixture('text/07LONDON3923.txt'), path.join(dir, 'cable-without-extension'));
  assert.deepEqual(ids(await collect([path.join(dir, 'cable-without-extension')])), ['07LONDON3923']);
});

test('a path that does not exist is a usage error: it throws a clear message', async () => {
  await assert.rejects(collect(['/no/such/path/anywhere']), /does not exist: \/no\/such\/path\/anywhere/);
  await assert.rejects(totalInputBytes(['/no/such/path/anywhere']), /does not exist/);
});

test('onBytes adds up to totalInputBytes', async () => {
  const paths = [fixture('text'), fixture('csv'), fixture('archives/pages.tar.xz'), fixture('archives/pages.zip')];
  let seen = 0;
  for await (const outcome of readCables(paths, { onBytes: (n) => (seen += n) })) void outcome;
  assert.equal(seen, await totalInputBytes(paths));
});

/** Members of a hand-built archive: a cable, a bad member, then more cables after it. */
function membersAround(bad: { name: string; data?: string; corrupt?: boolean }) {
  const london = readFileSync(fixture('text/07LONDON3923.txt'), 'utf8');
  const other = readFileSync(path.join(fixtures, '../../../data/sample/07LONDON3175.txt'), 'utf8');
  const csv = readFileSync(fixture('csv/pairs.csv'), 'utf8');
  return [
    { name: 'cables/07LONDON3923.txt', data: london },
    { name: bad.name, data: bad.data ?? london, ...(bad.corrupt ? { corrupt: true } : {}) },
    { name: 'cables/07LONDON3175.txt', data: other, deflate: true },
    { name: 'cables/pairs.csv', data: csv },
  ];
}

for (const kind of ['zip', 'tar'] as const) {
  for (const name of ['../x.txt', '/x.txt', 'a/../../x.html', 'C:/x.txt', 'a\\..\\x.txt', '']) {
    if (kind === 'tar' && name === '') continue; // a tar header cannot hold an empty name
    test(`a ${kind} member named ${JSON.stringify(name)} is rejected alone; the members after it are still read`, async (t) => {
      const dir = scratch(t);
      const file = path.join(dir, `bad.${kind}`);
      const members = membersAround({ name });
      writeFileSync(file, kind === 'zip' ? buildZip(members) : buildTar(members));
      const out = await collect([file]);
      const bad = rejects(out);
      assert.deepEqual(bad.map((r) => [r.source.file, r.source.member]), [[file, name]]);
      assert.match(bad[0]!.reason, /^unsafe archive member name, member not read: /);
      assert.equal(bad[0]!.source.format, name.endsWith('.html') ? 'html' : name === '' ? 'unknown' : 'text', 'the member\'s real format');
      assert.ok(ids(out).includes('07LONDON3175'), 'the member after the bad one is read');
      assert.ok(ids(out).includes('07LONDON3923'));
      assert.equal(ids(out).length, 10, 'two text cables and the eight csv rows');
    });
  }
}

test('a zip member with corrupt data is rejected with its name, format and reason; the others are read', async (t) => {
  const dir = scratch(t);
  const file = path.join(dir, 'corrupt.zip');
  writeFileSync(file, buildZip(membersAround({ name: 'cables/broken.html', corrupt: true })));
  const out = await collect([file]);
  const bad = rejects(out);
  assert.equal(bad.length, 1, JSON.stringify(bad));
  assert.deepEqual([bad[0]!.source.member, bad[0]!.source.format], ['cables/broken.html', 'html']);
  assert.match(bad[0]!.reason, /unreadable zip member: .*invalid/i);
  assert.equal(ids(out).length, 10);
});

test('archive rejects carry the member\'s real format (not always html), and the whole archive\'s are "archive"', async (t) => {
  const dir = scratch(t);
  const file = path.join(dir, 'mixed.zip');
  writeFileSync(
    file,
    buildZip([
      { name: 'a/empty.txt', data: '' },
      { name: 'a/notes.pdf', data: '%PDF-1.4' },
      { name: 'a/broken.csv', data: '"1","12/1/2007 0:00","07LONDON1",unterminated' },
      { name: 'a/page.html', data: '<html><body>no cable</body></html>' },
    ]),
  );
  const formats = Object.fromEntries(rejects(await collect([file])).map((r) => [r.source.member, r.source.format]));
  assert.deepEqual(formats, { 'a/empty.txt': 'text', 'a/notes.pdf': 'unknown', 'a/broken.csv': 'csv', 'a/page.html': 'html' });
  const truncated = path.join(dir, 'truncated.zip');
  writeFileSync(truncated, readFileSync(file).subarray(0, 40));
  const whole = rejects(await collect([truncated]));
  assert.deepEqual(whole.map((r) => [r.source.file, r.source.format]), [[truncated, 'archive']]);
  assert.match(whole[0]!.reason, /unreadable zip archive/);
});

test('a tar broken in the middle keeps the members before the damage and says where it broke', async (t) => {
  const dir = scratch(t);
  const file = path.join(dir, 'broken.tar');
  const tar = buildTar(membersAround({ name: 'cables/fine.txt' }));
  // damage the third member's header (its checksum no longer matches)
  const london = Buffer.byteLength(readFileSync(fixture('text/07LONDON3923.txt')));
  const third = 2 * (512 + Math.ceil(london / 512) * 512);
  tar.fill(0x41, third + 100, third + 160);
  writeFileSync(file, tar);
  const out = await collect([file]);
  assert.deepEqual(ids(out), ['07LONDON3923', '07LONDON3923']);
  const bad = rejects(out);
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.source.format, 'archive');
  assert.match(bad[0]!.reason, /^unreadable tar archive after member cables\/fine\.txt, the rest of it is lost: /);
});
