/**
 * The import pipeline's pieces without a database: the one walk (each input once, with its
 * format), the one record loop from any position, batching, the rejects file and post merging.
 * test/integration/import-resume.test.ts kills a real import and resumes it.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, type Dir } from 'node:fs';
import { opendir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import type { RejectedRecord } from '../../../server/src/cables/record.ts';
import { Batcher } from '../../../scripts/import/batcher.ts';
import { prefers, winnersById } from '../../../scripts/import/duplicate-rule.ts';
import { inputKey } from '../../../scripts/import/inputs.ts';
import { listInputs, walkInputs, type InputEntry, type WalkIo } from '../../../scripts/import/read/walk.ts';
import { RecordStream, type ReadPosition } from '../../../scripts/import/records.ts';
import { OutputRefused, rejectLine, RejectsFile } from '../../../scripts/import/rejects.ts';
import { PostSet, type CableRow } from '../../../scripts/import/rows.ts';
import { tempDir, type TempOwner } from '../../support/temp.ts';

const fixtures = new URL('../../fixtures/formats/', import.meta.url).pathname;
const scratch = (t: TempOwner): string => tempDir(t, 'cablescope-pipeline-');

async function walk(paths: string[]): Promise<InputEntry[]> {
  const out: InputEntry[] = [];
  for await (const entry of walkInputs(paths)) out.push(entry);
  return out;
}

/** A directory with a text cable, a csv, an archive, a nameless text cable and an unknown file. */
function mixedInputs(t: TempOwner): string {
  const dir = scratch(t);
  copyFileSync(path.join(fixtures, 'text/07LONDON3923.txt'), path.join(dir, 'a-07LONDON3923.txt'));
  copyFileSync(path.join(fixtures, 'csv/pairs.csv'), path.join(dir, 'b-cables.csv'));
  copyFileSync(path.join(fixtures, 'archives/pages.zip'), path.join(dir, 'c-pages.zip'));
  copyFileSync(path.join(fixtures, 'text/07LONDON3923.txt'), path.join(dir, 'd-nameless'));
  writeFileSync(path.join(dir, 'e-notes.bin'), 'not a cable at all\n');
  writeFileSync(path.join(dir, '.hidden.txt'), 'skipped');
  return dir;
}

test('the walk yields each input once, in order, with its format (sniffed when the name says nothing)', async (t) => {
  const dir = mixedInputs(t);
  const entries = await walk([dir]);
  assert.deepEqual(
    entries.map((e) => [path.basename(e.path), e.kind === 'file' ? e.format : e.kind]),
    [
      ['a-07LONDON3923.txt', 'text'],
      ['b-cables.csv', 'csv'],
      ['c-pages.zip', 'zip'],
      ['d-nameless', 'text'],
      ['e-notes.bin', 'unknown'],
    ],
  );
  const first = entries[0]!;
  assert.ok(first.kind === 'file' && first.size === readFileSync(first.path).length);
  await assert.rejects(walk([dir, path.join(dir, 'missing')]), /Input path does not exist: .*missing/);
});

test('an unreadable directory is an entry of its own; its siblings are still read (as root too)', async (t) => {
  const dir = mixedInputs(t);
  const locked = path.join(dir, 'locked');
  mkdirSync(locked);
  writeFileSync(path.join(locked, '07LONDON3923.txt'), 'never read');
  // root reads every directory whatever its mode: the failing read is injected instead
  const denied: WalkIo = {
    opendir: (async (p: string, ...rest: unknown[]) => {
      if (path.resolve(p) === locked) throw Object.assign(new Error(`EACCES: permission denied, opendir '${p}'`), { code: 'EACCES' });
      return (opendir as (...a: unknown[]) => Promise<Dir>)(p, ...rest);
    }) as typeof opendir,
  };
  const entries = await listInputs([dir], denied);
  assert.deepEqual(
    entries.map((e) => [path.basename(e.path), e.kind]),
    [
      ['a-07LONDON3923.txt', 'file'],
      ['b-cables.csv', 'file'],
      ['c-pages.zip', 'file'],
      ['d-nameless', 'file'],
      ['e-notes.bin', 'file'],
      ['locked', 'unreadable'],
    ],
  );
  const unreadable = entries.at(-1)!;
  assert.ok(unreadable.kind === 'unreadable' && /^unreadable directory: EACCES/.test(unreadable.reason));
  // and the record loop turns it into a reject in its place
  const items: string[] = [];
  for await (const item of new RecordStream(entries, undefined, 1).items()) items.push(item.rejected ? `${path.basename(item.rejected.source.file)}: ${item.rejected.reason}` : 'row');
  assert.match(items.at(-1)!, /^locked: unreadable directory: EACCES/);
});

test('the input key identifies the set: same files, same key; a changed file, another key', async (t) => {
  const dir = mixedInputs(t);
  const key = inputKey(await walk([dir]));
  assert.equal(inputKey(await walk([dir])), key);
  writeFileSync(path.join(dir, 'e-notes.bin'), 'changed, and longer than before\n');
  assert.notEqual(inputKey(await walk([dir])), key);
});

const label = (item: { row?: CableRow; rejected?: RejectedRecord }) => (item.row ? item.row.id : `reject:${item.rejected!.source.file}:${item.rejected!.source.line ?? ''}`);

test('the record loop started at any position it reported reads exactly the records after it', async (t) => {
  const dir = mixedInputs(t);
  const entries = await walk([dir]);
  const all: string[] = [];
  const positions: ReadPosition[] = [];
  const stream = new RecordStream(entries, undefined, 2);
  for await (const item of stream.items()) {
    all.push(label(item));
    positions.push({ ...stream.position });
  }
  const total = entries.reduce((t, e) => t + (e.kind === 'file' ? e.size : 0), 0);
  assert.equal(Math.round(stream.bytes), total, 'every byte counted once');
  assert.ok(all.length >= 10, `${all.length} records`);
  assert.ok(all.some((l) => l.startsWith('reject:') && l.includes('e-notes.bin')), 'the unknown file is a reject in its place');
  assert.deepEqual(stream.position, { fileIndex: entries.length, offset: 0, line: 0, recordsInFile: 0 }, "after the last file");
  // Resume after a record of each file, and in the middle of the csv.
  for (const k of [0, 1, 2, Math.floor(all.length / 2), all.length - 3]) {
    const rest: string[] = [];
    for await (const item of new RecordStream(entries, positions[k]!, 2).items()) rest.push(label(item));
    assert.deepEqual(rest, all.slice(k + 1), `resumed after record ${k}`);
  }
});

const row = (id: string, textLength: number, textHash = 'h'): CableRow =>
  ({ id, textLength, textHash, props: {}, sender: null, recipients: [], tags: [], references: [] }) as unknown as CableRow;

test('batches close at their size or their text bytes; one is in flight; the last carries done', async () => {
  const written: { ids: string[]; done: boolean; committedBefore: number }[] = [];
  let inFlight = 0;
  let batcher: Batcher;
  batcher = new Batcher(
    async (rows, done) => {
      inFlight += 1;
      assert.equal(inFlight, 1, 'one batch in flight');
      written.push({ ids: rows.map((r) => r.id), done, committedBefore: batcher.committed });
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
    },
    { size: 3, bytes: 1000 },
    10,
  );
  for (const r of [row('a', 1), row('b', 1), row('c', 1), row('d', 999), row('e', 1), row('f', 1)]) await batcher.add(r);
  await batcher.flush(true);
  await batcher.drain();
  assert.deepEqual(
    written.map((w) => [w.ids.join(''), w.done, w.committedBefore]),
    [
      ['abc', false, 10],
      ['de', false, 13],
      ['f', true, 15],
    ],
  );
  assert.equal(batcher.committed, 16);
});

test('the rejects file: created new, a resumed run reopens its own file truncated to its checkpoint', (t) => {
  const dir = scratch(t);
  const file = path.join(dir, 'rejects.jsonl');
  const reject = (n: number): RejectedRecord => ({ source: { file: 'x.csv', format: 'csv', line: n }, reason: 'bad', raw: 'r'.repeat(n) });
  const fresh = RejectsFile.open(file, [dir + '-inputs']);
  fresh.write(reject(1));
  const checkpoint = { bytes: fresh.bytes, ...fresh.identity! };
  assert.equal(checkpoint.rejectsFile, file);
  fresh.write(reject(2));
  fresh.close();
  assert.equal(readFileSync(file, 'utf8'), rejectLine(reject(1)) + rejectLine(reject(2)));
  const resumed = RejectsFile.open(file, [], checkpoint);
  resumed.write(reject(3));
  resumed.close();
  assert.equal(readFileSync(file, 'utf8'), rejectLine(reject(1)) + rejectLine(reject(3)));
  const long = JSON.parse(rejectLine(reject(100_000))) as { raw: string; position: number };
  assert.ok(long.raw.length < 70_000 && long.raw.endsWith('…[truncated]'));
  assert.equal(long.position, 100_000);
  // nothing rejected: the empty file this run created is removed again
  const none = path.join(dir, 'none.jsonl');
  RejectsFile.open(none, []).close();
  assert.equal(existsSync(none), false);
});

test('the rejects file never replaces a file it did not write: an existing file, an input, a symlink, another file at the checkpoint path', (t) => {
  const dir = scratch(t);
  const input = path.join(dir, 'x.txt');
  const text = readFileSync(path.join(fixtures, 'text/07LONDON3923.txt'));
  writeFileSync(input, text);
  // `--rejects x.txt x.txt`: the input itself
  assert.throws(() => RejectsFile.open(input, [input]), (e: Error) => e instanceof OutputRefused && /x\.txt is one of the inputs/.test(e.message));
  // a file inside an input folder, reached through a symlink
  const link = path.join(dir, 'link.jsonl');
  symlinkSync(input, link);
  assert.throws(() => RejectsFile.open(link, [dir]), (e: Error) => e instanceof OutputRefused && /one of the inputs \(inside /.test(e.message));
  // a dangling symlink counts as existing (O_EXCL would not follow it either)
  const dangling = path.join(dir, 'dangling.jsonl');
  symlinkSync(path.join(dir, 'nowhere'), dangling);
  assert.throws(() => RejectsFile.open(dangling, []), /exists: the importer never replaces a file it did not create/);
  // any other existing file
  const other = path.join(dir, 'notes.jsonl');
  writeFileSync(other, 'my notes\n');
  assert.throws(() => RejectsFile.open(other, []), (e: Error) => e instanceof OutputRefused && /notes\.jsonl exists/.test(e.message));
  // a resume whose checkpoint names this path, but the file there is not the one it created
  const first = path.join(dir, 'rejects.jsonl');
  const run = RejectsFile.open(first, []);
  run.write({ source: { file: 'x.csv', format: 'csv', line: 1 }, reason: 'bad', raw: '' });
  const checkpoint = { bytes: 0, ...run.identity! };
  run.close();
  rmSync(first);
  writeFileSync(first, 'someone else\'s file\n');
  assert.throws(() => RejectsFile.open(first, [], checkpoint), OutputRefused);
  assert.equal(readFileSync(input).equals(text), true, 'the input is unchanged');
  assert.equal(readFileSync(other, 'utf8'), 'my notes\n');
  assert.equal(readFileSync(first, 'utf8'), 'someone else\'s file\n');
  assert.equal(readlinkSync(dangling), path.join(dir, 'nowhere'));
});

test('one duplicate rule: more text wins, then the greater hash, whatever the order', () => {
  assert.ok(prefers({ hasBody: true, textLength: 2, textHash: 'a' }, { hasBody: true, textLength: 1, textHash: 'z' }));
  assert.ok(prefers({ hasBody: true, textLength: 1, textHash: 'b' }, { hasBody: true, textLength: 1, textHash: 'a' }));
  assert.ok(!prefers({ hasBody: true, textLength: 1, textHash: 'a' }, { hasBody: true, textLength: 1, textHash: 'a' }), 'the same record does not replace itself');
  const [a, b, c] = [row('x', 5, 'a'), row('x', 5, 'b'), row('x', 4, 'z')];
  assert.deepEqual(winnersById([a, b, c]), [b]);
  assert.deepEqual(winnersById([c, b, a]), [b]);
});

test('posts met in many rows merge once: first name, union of aliases and routes, sorted', () => {
  const posts = new PostSet();
  posts.add({ key: 'LONDON', name: 'London', aliases: ['AMEMBASSY LONDON'], routes: ['RUEHLO'] });
  posts.add({ key: 'BERLIN', name: 'Berlin', aliases: [], routes: [] });
  posts.add({ key: 'LONDON', name: 'Embassy London', aliases: ['Embassy London', 'AMEMBASSY LONDON'], routes: [] });
  assert.deepEqual(posts.list(), [
    { key: 'BERLIN', name: 'Berlin', aliases: [], routes: [] },
    { key: 'LONDON', name: 'London', aliases: ['AMEMBASSY LONDON', 'Embassy London'], routes: ['RUEHLO'] },
  ]);
});

test('an empty cables.csv is one reject ("empty file") in its place, and a resumed run does not repeat it', async (t) => {
  const dir = scratch(t);
  writeFileSync(path.join(dir, 'a-cables.csv'), '');
  copyFileSync(path.join(fixtures, 'text/07LONDON3923.txt'), path.join(dir, 'b-07LONDON3923.txt'));
  const entries = await walk([dir]);
  const stream = new RecordStream(entries, undefined, 1);
  const seen: string[] = [];
  const positions: ReadPosition[] = [];
  for await (const item of stream.items()) {
    seen.push(item.rejected ? `${path.basename(item.rejected.source.file)} ${item.rejected.source.format}: ${item.rejected.reason}` : item.row!.id);
    positions.push({ ...stream.position });
  }
  assert.deepEqual(seen, ['a-cables.csv csv: empty file', '07LONDON3923']);
  const rest: string[] = [];
  for await (const item of new RecordStream(entries, positions[0]!, 1).items()) rest.push(label(item));
  assert.deepEqual(rest, ['07LONDON3923']);
});
