/**
 * The importer's fault tests (issue 11), run by `npm test` and bounded in time (small hand-built
 * inputs): an output path that exists is refused and left unchanged, a corrupt or unsafely named
 * archive member is rejected alone, an empty input says so, a failed --summary-json write leaves
 * the import's outcome alone, and a record without body text never replaces a cable's text.
 * test/integration/import-resume.test.ts kills an import mid-run and resumes it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveConnection } from '../../server/src/db/connection.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { getCable } from '../../server/src/queries/cables.ts';
import { graphStats } from '../../scripts/db/graph-stats.ts';
import { importPaths, NothingToImport } from '../../scripts/import/import.ts';
import { OutputRefused } from '../../scripts/import/rejects.ts';
import { buildZip } from '../support/archives.ts';
import { connectTestDatabase, repoRoot, sampleCorpus, wipe } from '../support/neo4j.ts';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd = repoRoot): Promise<CliResult> {
  const connection = resolveConnection(process.env, 'test');
  // tsx by its resolved URL: the CLI may run in a folder outside the repository
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(repoRoot, 'scripts/import/cli.ts'), '--no-analyse', ...args], {
    cwd,
    env: { ...process.env, NEO4J_URI: connection.uri, NEO4J_USER: connection.user, NEO4J_PASSWORD: connection.password, NEO4J_DATABASE: connection.database },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const london = readFileSync(path.join(sampleCorpus, '07LONDON3923.txt'), 'utf8');
const rejectLines = (file: string) =>
  readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { source: { file: string; member?: string; format: string }; reason: string });

describe('importer faults', { timeout: 300_000 }, () => {
  let db: Database;
  let scratch: string;

  before(async () => {
    db = await connectTestDatabase();
    scratch = mkdtempSync(path.join(tmpdir(), 'cablescope-import-faults-'));
  });
  after(async () => {
    try {
      await db?.close();
    } finally {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  });

  test('a rejects path that exists, or is an input, is refused before anything is imported; the file is unchanged', async () => {
    await wipe(db);
    const dir = path.join(scratch, 'refuse');
    mkdirSync(dir);
    const input = path.join(dir, 'x.txt');
    writeFileSync(input, london);
    const notes = path.join(dir, 'notes.jsonl');
    writeFileSync(notes, 'my notes\n');

    // `--rejects x.txt x.txt`: the input given by mistake
    const same = await runCli(['--rejects', input, input]);
    assert.equal(same.code, 1, same.stderr);
    assert.match(same.stderr, /--rejects .*x\.txt is one of the inputs: the importer never writes over a file it did not create/);
    assert.doesNotMatch(same.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(readFileSync(input, 'utf8'), london, 'the input is intact');

    const existing = await runCli(['--rejects', notes, input]);
    assert.equal(existing.code, 1);
    assert.match(existing.stderr, /notes\.jsonl exists: the importer never replaces a file it did not create/);
    assert.equal(readFileSync(notes, 'utf8'), 'my notes\n');

    const summary = await runCli(['--summary-json', notes, input]);
    assert.equal(summary.code, 1);
    assert.match(summary.stderr, /--summary-json .*notes\.jsonl exists/);
    assert.equal(readFileSync(notes, 'utf8'), 'my notes\n');

    await assert.rejects(importPaths(db, [input], { rejectsFile: input }), OutputRefused);
    const stats = await graphStats(db);
    assert.equal(stats.nodes.Cable, 0, 'nothing was imported by any refused run');

    // the default name never refuses: it takes the next free one, and leaves the old file alone
    writeFileSync(path.join(dir, 'import-rejects.jsonl'), 'an earlier run\n');
    const bad = path.join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'empty.txt'), '');
    copyFileSync(input, path.join(bad, '07LONDON3923.txt'));
    const byDefault = await runCli([bad], dir);
    assert.equal(byDefault.code, 2, byDefault.stderr);
    assert.equal(readFileSync(path.join(dir, 'import-rejects.jsonl'), 'utf8'), 'an earlier run\n');
    assert.match(byDefault.stdout, /see .*import-rejects-2\.jsonl/);
    assert.deepEqual(rejectLines(path.join(dir, 'import-rejects-2.jsonl')).map((r) => r.reason), ['empty file']);
  });

  test('a run that dies before its first batch commits resumes into the rejects file it created', async () => {
    await wipe(db);
    const dir = path.join(scratch, 'early');
    mkdirSync(dir);
    writeFileSync(path.join(dir, '000-empty.txt'), '');
    for (const id of ['07LONDON3923', '07LONDON3175', '09CAIRO79']) copyFileSync(path.join(sampleCorpus, `${id}.txt`), path.join(dir, `${id}.txt`));
    const rejects = path.join(scratch, 'early-rejects.jsonl');
    // the first write transaction (the checkpoint naming the rejects file) commits; the next (the first batch) fails
    let writes = 0;
    const failing = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== 'writeTransaction') return Reflect.get(target, property, receiver);
        return (work: Parameters<Database['writeTransaction']>[0]) => {
          writes += 1;
          if (writes === 2) return Promise.reject(new Error('connection lost (simulated)'));
          return target.writeTransaction(work);
        };
      },
    });
    await assert.rejects(importPaths(failing, [dir], { rejectsFile: rejects, batchSize: 2 }), /simulated/);
    assert.equal(rejectLines(rejects).length, 1, 'the reject read before the failure is in the file');
    assert.equal((await graphStats(db)).nodes.Cable, 0, 'no batch committed');
    const summary = await importPaths(db, [dir], { rejectsFile: rejects, batchSize: 2 });
    assert.equal(summary.imported, 3);
    assert.equal(summary.rejected, 1);
    assert.deepEqual(rejectLines(rejects).map((r) => [path.basename(r.source.file), r.reason]), [['000-empty.txt', 'empty file']], 'reopened, truncated to the checkpoint and written again: one line');
  });

  test('a corrupt archive member and a member named ../x are rejected alone; the other members are imported', async () => {
    await wipe(db);
    const zip = path.join(scratch, 'cables.zip');
    writeFileSync(
      zip,
      buildZip([
        { name: 'c/07LONDON3923.txt', data: london },
        { name: '../x.txt', data: london },
        { name: 'c/broken.html', data: '<html>…</html>', corrupt: true },
        { name: '/etc/07LONDON3175.txt', data: london },
        { name: 'c/07LONDON3175.txt', data: readFileSync(path.join(sampleCorpus, '07LONDON3175.txt')), deflate: true },
        { name: 'c/09CAIRO79.txt', data: readFileSync(path.join(sampleCorpus, '09CAIRO79.txt')) },
      ]),
    );
    const rejects = path.join(scratch, 'zip-rejects.jsonl');
    const summary = await importPaths(db, [zip], { rejectsFile: rejects });
    assert.equal(summary.imported, 3);
    assert.equal(summary.rejected, 3);
    assert.deepEqual((await graphStats(db)).nodes.Cable - (await graphStats(db)).stubs, 3);
    for (const id of ['07LONDON3923', '07LONDON3175', '09CAIRO79']) assert.equal((await getCable(db, id))?.inCorpus, true, id);
    const lines = rejectLines(rejects);
    assert.deepEqual(
      lines.map((l) => [l.source.file, l.source.member, l.source.format]),
      [
        [zip, '../x.txt', 'text'],
        [zip, 'c/broken.html', 'html'],
        [zip, '/etc/07LONDON3175.txt', 'text'],
      ],
    );
    assert.match(lines[0]!.reason, /unsafe archive member name.*'\.\.'/);
    assert.match(lines[1]!.reason, /unreadable zip member/);
    assert.match(lines[2]!.reason, /unsafe archive member name.*absolute path/);
  });

  test('an empty folder or an empty cables.csv says so and exits non-zero', async () => {
    const empty = path.join(scratch, 'empty');
    mkdirSync(empty);
    writeFileSync(path.join(empty, '.hidden'), 'not an input');
    await assert.rejects(importPaths(db, [empty], { rejectsFile: null }), NothingToImport);
    const folder = await runCli([empty]);
    assert.equal(folder.code, 1);
    assert.match(folder.stderr, /nothing to import: no input files in .*empty/);

    const csv = path.join(scratch, 'cables.csv');
    writeFileSync(csv, '');
    const rejects = path.join(scratch, 'csv-rejects.jsonl');
    const emptyCsv = await runCli(['--rejects', rejects, csv]);
    assert.equal(emptyCsv.code, 2, emptyCsv.stderr);
    assert.match(emptyCsv.stderr, /No cable imported: all 1 records were rejected \(see .*csv-rejects\.jsonl\)/);
    assert.deepEqual(rejectLines(rejects).map((r) => [r.source.file, r.source.format, r.reason]), [[csv, 'csv', 'empty file']]);

    const blank = path.join(scratch, 'blank.csv');
    writeFileSync(blank, '\n\n\n');
    const blankCsv = await runCli(['--rejects', path.join(scratch, 'blank-rejects.jsonl'), blank]);
    assert.equal(blankCsv.code, 1, blankCsv.stderr);
    assert.match(blankCsv.stderr, /Nothing found to import: .*blank\.csv hold no cable record/);
    assert.equal(existsSync(path.join(scratch, 'blank-rejects.jsonl')), false, 'no empty rejects file is left behind');
  });

  test('a failed --summary-json write is a warning: the finished import keeps its exit code', async () => {
    await wipe(db);
    const out = path.join(scratch, 'no-such-folder', 'summary.json');
    const result = await runCli(['--summary-json', out, '--rejects', path.join(scratch, 'summary-rejects.jsonl'), path.join(sampleCorpus, '07LONDON3923.txt')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /warning: the import finished, but the --summary-json file could not be written: cannot write .*summary\.json: ENOENT/);
    assert.match(result.stdout, /Cables written\s+1/);
  });

  test('a longer record without body text never replaces a cable\'s text, across runs and in one batch', async () => {
    const at = london.indexOf('C O N F');
    const extra = Array.from({ length: 40 }, (_, i) => `RUEHXX/AMEMBASSY PLACE${i} 0${100 + i}`).join('\n');
    const headerOnly = `${london.slice(0, at).replace('RUCNDT/USMISSION USUN NEW YORK 1024', `${extra}\nRUCNDT/USMISSION USUN NEW YORK 1024`)}\n`;
    const shortBody = `${london.slice(0, at + 400)}\n`;
    const dir = path.join(scratch, 'dups');
    mkdirSync(dir);
    const a = path.join(dir, 'a-header-only.txt');
    const b = path.join(dir, 'b-short-body.txt');
    writeFileSync(a, headerOnly);
    writeFileSync(b, shortBody);
    for (const runs of [[[a], [b]], [[b], [a]], [[dir]]]) {
      await wipe(db);
      for (const paths of runs) await importPaths(db, paths, { rejectsFile: null });
      const cable = await getCable(db, '07LONDON3923');
      assert.ok(cable);
      assert.ok((cable.body ?? '').length > 300, `the body text is kept (${runs.map((r) => r.map((p) => path.basename(p)).join('+')).join(' then ')})`);
    }
  });
});
