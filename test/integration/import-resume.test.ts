/**
 * The importer at (small) scale on generated corpora: exactly-once under re-runs, SIGKILL and
 * resume, overlapping corpora and duplicate records; every reject accounted for.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveConnection } from '../../server/src/db/connection.ts';
import type { Database } from '../../server/src/db/driver.ts';
import { getCable } from '../../server/src/queries/cables.ts';
import { graphStats, type GraphStats } from '../../scripts/db/graph-stats.ts';
import { generateCorpus } from '../../scripts/corpus/generate.ts';
import { importPaths } from '../../scripts/import/import.ts';
import { loadCheckpoint } from '../../scripts/import/writer.ts';
import { connectTestDatabase, repoRoot, wipe } from '../support/neo4j.ts';

const CABLES = 1500;

function runCli(args: string[]): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; signal: string | null; stdout: string }> } {
  const connection = resolveConnection(process.env, 'test');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/import/cli.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, NEO4J_URI: connection.uri, NEO4J_USER: connection.user, NEO4J_PASSWORD: connection.password, NEO4J_DATABASE: connection.database },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr!.on('data', () => undefined);
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
  return { child, done };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('importing generated corpora exactly once', () => {
  let db: Database;
  let scratch: string;
  let csv: string;
  let reference: GraphStats;
  let referenceRejects: string[];

  before(async () => {
    db = await connectTestDatabase();
    scratch = mkdtempSync(path.join(tmpdir(), 'cablescope-import-scale-'));
    csv = path.join(scratch, 'cables.csv');
    await generateCorpus({ cables: CABLES, format: 'csv', out: csv, seed: 42, duplicateShare: 0.01, rejectShare: 0.004 });
  });
  after(async () => {
    try {
      await db?.close();
    } finally {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  });

  test('a fresh import writes every cable once and every reject to the rejects file', async () => {
    await wipe(db);
    const rejects = path.join(scratch, 'rejects.jsonl');
    const summary = await importPaths(db, [csv], { rejectsFile: rejects, batchSize: 200 });
    reference = await graphStats(db);
    assert.equal(summary.read, CABLES);
    assert.ok(summary.rejected > 0, 'the generated corpus has unreadable records');
    assert.equal(summary.imported + summary.rejected, CABLES);
    assert.ok(reference.stubs > 100, `cited stubs: ${reference.stubs}`);
    assert.ok(reference.nodes.Cable - reference.stubs < summary.imported, 'duplicate records share a node');
    assert.equal(reference.relationships.FROM, reference.nodes.Cable - reference.stubs);
    assert.ok(reference.people > 50);
    referenceRejects = readFileSync(rejects, 'utf8').trim().split('\n');
    assert.equal(referenceRejects.length, summary.rejected);
    for (const line of referenceRejects) {
      const r = JSON.parse(line) as { source: { file: string }; position: number; reason: string; raw: string };
      assert.equal(r.source.file, csv);
      assert.ok(r.position > 0 && r.reason.length > 0 && typeof r.raw === 'string');
    }
    const checkpoint = await loadCheckpoint(db, (await import('../../scripts/import/inputs.ts')).inputKey(await (await import('../../scripts/import/inputs.ts')).listInputs([csv])));
    assert.equal(checkpoint?.done, true);
  });

  test('a re-run of the same input changes no counts and rewrites no cable', async () => {
    const summary = await importPaths(db, [csv], { rejectsFile: null, batchSize: 500 });
    assert.deepEqual(summary.before, reference);
    assert.deepEqual(summary.after, reference);
  });

  test('a run killed with SIGKILL mid-way and started again ends with the counts of an uninterrupted run', async () => {
    await wipe(db);
    const rejects = path.join(scratch, 'rejects-killed.jsonl');
    const first = runCli([csv, '--batch-size', '50', '--rejects', rejects]);
    const target = 300 + Math.floor(Math.random() * 700);
    const key = (await import('../../scripts/import/inputs.ts')).inputKey(await (await import('../../scripts/import/inputs.ts')).listInputs([csv]));
    let killedAt = -1;
    for (let i = 0; i < 1200; i++) {
      const checkpoint = await loadCheckpoint(db, key).catch(() => null);
      if (checkpoint && checkpoint.read >= target) {
        first.child.kill('SIGKILL');
        killedAt = checkpoint.read;
        break;
      }
      await sleep(50);
    }
    const killed = await first.done;
    assert.ok(killedAt > 0, 'the importer was killed mid-run');
    assert.equal(killed.signal, 'SIGKILL');
    const partial = await graphStats(db);
    assert.ok(partial.nodes.Cable - partial.stubs < reference.nodes.Cable - reference.stubs, 'the first run did not finish');

    const second = await runCli([csv, '--batch-size', '50', '--rejects', rejects]).done;
    assert.equal(second.code, 2, 'exit code 2: some records were rejected');
    const resumedAt = /resumed after (\d+)/.exec(second.stdout);
    assert.ok(resumedAt && Number(resumedAt[1]) >= killedAt, `the second run resumed (${second.stdout})`);
    assert.deepEqual(await graphStats(db), reference);
    assert.equal(Number(/Cables written\s+(\d+)/.exec(second.stdout)?.[1]), CABLES - referenceRejects.length, 'the summary counts the whole run');
    assert.equal(Number(/Records read\s+(\d+)/.exec(second.stdout)?.[1]), CABLES);
    assert.deepEqual(readFileSync(rejects, 'utf8').trim().split('\n'), referenceRejects.map((l) => l.replace(path.join(scratch, 'rejects.jsonl'), rejects)));
  });

  test('overlapping corpora merge: a cited stub becomes a full cable, posts and tags keep one node', async () => {
    const text = path.join(scratch, 'text');
    await generateCorpus({ cables: 600, format: 'text', out: text, seed: 5, duplicateShare: 0, rejectShare: 0 });
    const files = readdirSync(text).sort();
    const a = path.join(scratch, 'a');
    const b = path.join(scratch, 'b');
    mkdirSync(a);
    mkdirSync(b);
    files.forEach((f, i) => {
      if (i % 3 !== 0) cpSync(path.join(text, f), path.join(a, f));
      if (i % 3 !== 1) cpSync(path.join(text, f), path.join(b, f));
    });
    await wipe(db);
    await importPaths(db, [text], { rejectsFile: null });
    const whole = await graphStats(db);

    await wipe(db);
    await importPaths(db, [a], { rejectsFile: null });
    const stubsAfterA = (await db.read<{ id: string }>('MATCH (c:Cable {inCorpus: false}) RETURN c.id AS id')).map((r) => r.id);
    await importPaths(db, [b], { rejectsFile: null });
    assert.deepEqual(await graphStats(db), whole);
    const [filled] = await db.read<{ n: number }>('MATCH (c:Cable) WHERE c.id IN $ids AND c.inCorpus = true RETURN count(c) AS n', { ids: stubsAfterA });
    assert.ok((filled?.n ?? 0) > 0, 'some cables cited in the first corpus only arrived with the second: their stubs became full cables');
  });

  test('duplicate records: one node, the record with the most text wins whatever the order', async () => {
    const dir = path.join(scratch, 'dups');
    mkdirSync(dir);
    const original = readFileSync(path.join(repoRoot, 'data/sample/07LONDON3923.txt'), 'utf8');
    const lines = original.split('\n');
    const garbled = ['07LONDON003923', ...lines.slice(1)].join('\n');
    const shorter = `${garbled.slice(0, Math.floor(garbled.length * 0.6))}\n`;
    writeFileSync(path.join(dir, '07LONDON3923.txt'), original);
    writeFileSync(path.join(dir, '07LONDON003923.txt'), shorter);
    for (const order of [[dir], [path.join(dir, '07LONDON003923.txt'), path.join(dir, '07LONDON3923.txt')]]) {
      await wipe(db);
      const summary = await importPaths(db, order, { rejectsFile: null });
      assert.equal(summary.imported, 2);
      const stats = await graphStats(db);
      assert.equal(stats.nodes.Cable - stats.stubs, 1);
      const cable = await getCable(db, '07LONDON3923');
      assert.ok(cable);
      assert.match(cable.body ?? '', /Tuttle\s*$/, 'the complete text won');
    }
  });
});
