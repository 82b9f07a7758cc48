import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../server/src/db/driver.ts';
import { getCable } from '../../server/src/queries/cables.ts';
import { graphStats } from '../../scripts/db/graph-stats.ts';
import { importPaths } from '../../scripts/import/import.ts';
import { connectTestDatabase, sampleCorpus, wipe, wipeAndImport } from '../support/neo4j.ts';

const sampleSize = readFileSync(path.join(sampleCorpus, '..', 'sample-sources.tsv'), 'utf8').trim().split('\n').length - 1;

describe('importing the sample corpus into Neo4j', () => {
  let db: Database;
  let scratch: string;

  before(async () => {
    db = await connectTestDatabase();
    scratch = mkdtempSync(path.join(tmpdir(), 'cablescope-import-'));
  });
  after(async () => {
    try {
      await db?.close();
    } finally {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  });

  test('every sample cable becomes a full Cable node with its links', async () => {
    const summary = await wipeAndImport(db);
    assert.equal(summary.rejected, 0);
    assert.equal(summary.imported, sampleSize);
    const stats = await graphStats(db);
    assert.equal(stats.nodes.Cable - stats.stubs, sampleSize);
    assert.ok(stats.nodes.Post > 20, `expected many posts, got ${stats.nodes.Post}`);
    assert.ok(stats.nodes.Tag > 20, `expected many tags, got ${stats.nodes.Tag}`);
    assert.ok(stats.relationships.REFERENCES > 100, `expected REF links, got ${stats.relationships.REFERENCES}`);
    assert.equal(stats.relationships.FROM, sampleSize, 'every sample cable has a sender');

    const seed = await getCable(db, '07LONDON3923');
    assert.ok(seed);
    assert.equal(seed.inCorpus, true);
    assert.equal(seed.classification, 'CONFIDENTIAL');
    assert.equal(seed.sender?.key, 'LONDON');
    assert.deepEqual(seed.to.map((p) => p.key), ['STATE']);
    assert.equal(seed.info.length, 14);
    assert.deepEqual(seed.tags.map((t) => t.code).sort(), ['IR', 'KNNP', 'MNUC', 'PREL', 'UK']);
    assert.deepEqual(seed.references.map((r) => [r.id, r.inCorpus]), [['07LONDON3175', true]]);
    const cited = await getCable(db, '07LONDON3175');
    assert.deepEqual(cited?.citedBy.map((c) => c.id), ['07LONDON3923']);
  });

  test('a second run of the same input changes no counts', async () => {
    const before = await graphStats(db);
    const summary = await importPaths(db, [sampleCorpus], { rejectsFile: null });
    assert.deepEqual(summary.before, before);
    assert.deepEqual(summary.after, before);
  });

  test('a cited cable is a stub until its own text is imported, then becomes a full node', async () => {
    const partial = path.join(scratch, 'without-3175');
    cpSync(sampleCorpus, partial, { recursive: true });
    rmSync(path.join(partial, '07LONDON3175.txt'));
    await wipe(db);
    await importPaths(db, [partial], { rejectsFile: null });
    const stub = await getCable(db, '07LONDON3175');
    assert.ok(stub);
    assert.equal(stub.inCorpus, false);
    assert.equal(stub.subject, null);
    const withStub = await graphStats(db);

    await importPaths(db, [path.join(sampleCorpus, '07LONDON3175.txt')], { rejectsFile: null });
    const full = await getCable(db, '07LONDON3175');
    assert.equal(full?.inCorpus, true);
    assert.match(full?.subject ?? '', /SAFAVI/);
    const after = await graphStats(db);
    assert.equal(after.nodes.Cable, withStub.nodes.Cable, 'the stub turned into the full cable, no second node');
    assert.equal(after.stubs, withStub.stubs - 1);
  });

  test('a malformed file is reported with its path and the rest is imported', async () => {
    const mixed = path.join(scratch, 'mixed');
    mkdirSync(mixed, { recursive: true });
    cpSync(path.join(sampleCorpus, '07LONDON3923.txt'), path.join(mixed, '07LONDON3923.txt'));
    writeFileSync(path.join(mixed, 'empty.txt'), '');
    writeFileSync(path.join(mixed, 'binary.txt'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]));
    const rejects = path.join(scratch, 'rejects.jsonl');
    await wipe(db);
    const summary = await importPaths(db, [mixed], { rejectsFile: rejects });
    assert.equal(summary.imported, 1);
    assert.equal(summary.rejected, 2);
    const lines = readFileSync(rejects, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { source: { file: string }; reason: string });
    assert.deepEqual(lines.map((l) => path.basename(l.source.file)).sort(), ['binary.txt', 'empty.txt']);
    for (const line of lines) assert.ok(line.reason.length > 0);
  });
});
