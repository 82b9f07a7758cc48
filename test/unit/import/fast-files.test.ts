/**
 * The fast path's temporary files on a full disk, without Neo4j: writes are made to fail by
 * sending a file to /dev/full (every write fails with ENOSPC, as root too), so the test is
 * deterministic. The error is clear, nothing goes unhandled, and the caller's cleanup leaves no
 * spill or CSV file. And the free-space check says the estimate and the free space.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { cleanupOnSignals, LoadWriteFailed, writeLoadFiles } from '../../../scripts/import/admin-import.ts';
import { checkFreeSpace, freeBytes, loadEstimate, mb, NotEnoughSpace } from '../../../scripts/import/disk-space.ts';
import { listInputs } from '../../../scripts/import/inputs.ts';
import { RejectsFile } from '../../../scripts/import/rejects.ts';
import { tempDir } from '../../support/temp.ts';

const sample = new URL('../../../data/sample/', import.meta.url).pathname;

for (const full of ['cables.spill.jsonl', 'cables.csv', 'references.csv']) {
  test(`a full disk while writing ${full}: a clear error, no unhandled stream error, the files closed`, async (t) => {
    const dir = tempDir(t, 'cablescope-fast-files-');
    symlinkSync('/dev/full', path.join(dir, full));
    const files = await listInputs([sample]);
    const rejects = RejectsFile.open(null, []);
    let unhandled: unknown = null;
    const onUnhandled = (error: unknown) => (unhandled = error);
    process.on('uncaughtException', onUnhandled);
    try {
      await assert.rejects(
        writeLoadFiles(dir, files, rejects, { workers: 1 }),
        (e: Error) => e instanceof LoadWriteFailed && new RegExp(`^disk full while writing .*${full.replace('.', '\\.')} \\(ENOSPC`).test(e.message),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('uncaughtException', onUnhandled);
    }
    assert.equal(unhandled, null);
    assert.deepEqual(readdirSync(dir), [], 'no spill or CSV file is left behind');
  });
}

test('the load files of the sample are written, and the estimate covers them', async (t) => {
  const dir = tempDir(t, 'cablescope-fast-files-');
  const files = await listInputs([sample]);
  const written = await writeLoadFiles(dir, files, RejectsFile.open(null, []), { workers: 1 });
  assert.equal(written.imported, files.length);
  assert.ok(!existsSync(path.join(dir, 'cables.spill.jsonl')), 'the spill file is gone once read');
  assert.ok(readdirSync(dir).includes('cables.csv'));
});

test('the free-space check says what the load needs, how it was estimated, and what is free', async (t) => {
  const files = await listInputs([sample]);
  const input = files.reduce((t, e) => t + (e.kind === 'file' ? e.size : 0), 0);
  const fast = loadEstimate(files, 'fast');
  assert.equal(fast.bytes, 3 * input + 64 * 1024 * 1024);
  assert.match(fast.explanation, /^3 x \d+ MB of input \(spill file and CSV files, then the CSV files and the new store\)/);
  assert.ok(loadEstimate(files, 'bolt').bytes > fast.bytes);
  const dir = tempDir(t, 'cablescope-space-');
  assert.ok(freeBytes(path.join(dir, 'not', 'yet', 'made')) > 0, 'measured on the nearest existing folder');
  checkFreeSpace(dir, fast, fast.bytes); // exactly enough
  assert.throws(
    () => checkFreeSpace(dir, fast, 10 * 1024 * 1024),
    (e: Error) =>
      e instanceof NotEnoughSpace &&
      e.message.includes(`needs about ${mb(fast.bytes)} in ${dir} (3 x`) &&
      /and 10 MB is free\. Free some space, or pass --no-space-check/.test(e.message),
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} during a load removes its files and exits 130`, async (t) => {
    const dir = tempDir(t, 'cablescope-fast-files-');
    const files = await listInputs([sample]);
    await writeLoadFiles(dir, files, RejectsFile.open(null, []), { workers: 1 });
    assert.ok(readdirSync(dir).length > 5, 'the load files are there');
    const exits: number[] = [];
    const listeners = process.listenerCount(signal);
    const uninstall = cleanupOnSignals(() => rmSync(dir, { recursive: true, force: true }), (code) => exits.push(code));
    try {
      process.emit(signal, signal);
    } finally {
      uninstall();
    }
    assert.deepEqual(exits, [130]);
    assert.equal(existsSync(dir), false);
    assert.equal(process.listenerCount(signal), listeners, 'the handlers are gone afterwards');
  });
}
