import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateCorpus } from '../../../scripts/corpus/generate.ts';
import { loadTables } from '../../../scripts/corpus/tables.ts';
import { parseCsvInParallel, type ChunkItem, type ChunkResult } from '../../../scripts/import/parallel-csv.ts';
import { readCables } from '../../../scripts/import/read/index.ts';
import { toCableRow } from '../../../scripts/import/rows.ts';

describe('the corpus generator', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cablescope-corpus-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('is deterministic from its seed', async () => {
    await generateCorpus({ cables: 300, format: 'csv', out: path.join(dir, 'a.csv'), seed: 7 });
    await generateCorpus({ cables: 300, format: 'csv', out: path.join(dir, 'b.csv'), seed: 7 });
    await generateCorpus({ cables: 300, format: 'csv', out: path.join(dir, 'c.csv'), seed: 8 });
    assert.ok(readFileSync(path.join(dir, 'a.csv')).equals(readFileSync(path.join(dir, 'b.csv'))));
    assert.ok(!readFileSync(path.join(dir, 'a.csv')).equals(readFileSync(path.join(dir, 'c.csv'))));
  });

  for (const format of ['csv', 'text'] as const) {
    test(`writes ${format} the project's readers parse, with the tables' shape`, async () => {
      const out = path.join(dir, format === 'csv' ? 'corpus.csv' : 'corpus');
      const result = await generateCorpus({ cables: 800, format, out, seed: 11, duplicateShare: 0.01, rejectShare: 0.005 });
      let ok = 0;
      let rejected = 0;
      let refs = 0;
      let routed = 0;
      let hub = 0;
      let tags = 0;
      const ids = new Set<string>();
      for await (const outcome of readCables([out])) {
        if (!outcome.ok) {
          rejected += 1;
          assert.match(outcome.rejected.reason, /UNKNOWN-/);
          continue;
        }
        ok += 1;
        const row = toCableRow(outcome.record);
        ids.add(row.id);
        refs += row.references.length;
        tags += row.tags.length;
        if (row.recipients.length > 0) routed += 1;
        if (row.recipients.some((r) => r.post.key === 'STATE' || /SECSTATE/.test(r.post.name))) hub += 1;
      }
      assert.equal(ok + rejected, result.records);
      assert.equal(rejected, result.unreadable);
      assert.equal(ids.size, result.cables, 'duplicates share the canonical id of their original');
      assert.equal(ok - ids.size, result.duplicates);
      assert.ok(refs >= result.citations * 0.95, `REF citations parsed: ${refs} of ${result.citations}`);
      const t = loadTables();
      assert.ok(Math.abs(routed / ok - (1 - t.partialShare)) < 0.08, `routed share ${routed / ok}`);
      assert.ok(hub / routed > t.hubShare - 0.1, `hub share ${hub / routed}`);
      assert.ok(tags / ok > 3 && tags / ok < 8, `tags per cable ${tags / ok}`);
    });
  }
});

describe('cables.csv on worker threads', () => {
  test('chunks come back in file order, and a resumed read gives exactly the remaining records', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cablescope-resume-'));
    try {
      const file = path.join(dir, 'cables.csv');
      await generateCorpus({ cables: 400, format: 'csv', out: file, seed: 3, rejectShare: 0.01 });
      const key = (item: ChunkItem) => (item.row ? `${item.row.id}:${item.row.textHash}` : `reject:${item.rejected!.source.line}`);
      const sequential: string[] = [];
      for await (const outcome of readCables([file])) {
        sequential.push(outcome.ok ? `${toCableRow(outcome.record).id}:${toCableRow(outcome.record).textHash}` : `reject:${outcome.rejected.source.line}`);
      }
      const chunks: ChunkResult[] = [];
      for await (const chunk of parseCsvInParallel(file, { offset: 0, line: 1 }, 2, 256 * 1024)) chunks.push(chunk);
      assert.ok(chunks.length > 5, `several chunks (${chunks.length})`);
      const all = chunks.flatMap((c) => c.items.map(key));
      assert.deepEqual(all, sequential, 'same records, same order, same line numbers as the sequential reader');
      for (const [c, skip] of [[1, 0], [3, 2], [chunks.length - 1, 1]] as const) {
        const chunk = chunks[c]!;
        const rest: string[] = [];
        for await (const resumed of parseCsvInParallel(file, { offset: chunk.offset, line: chunk.line }, 1, 256 * 1024)) rest.push(...resumed.items.map(key));
        const before = chunks.slice(0, c).reduce((a, x) => a + x.items.length, 0);
        assert.deepEqual(rest.slice(skip), all.slice(before + skip), `resuming in chunk ${c} after ${skip} records`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
