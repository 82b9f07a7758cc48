import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ReadBatcher } from '../../../server/src/db/read-batcher.ts';

/**
 * A batch runner whose queries the test answers (or fails) by hand, recording what it was asked.
 * Inputs are `group:n`; the answer to each is `group:n×10`.
 */
function controlledRunner() {
  const calls: { group: string; inputs: number[]; answer: () => void; fail: (error: Error) => void }[] = [];
  const run = (inputs: readonly string[]) =>
    new Promise<string[]>((resolve, reject) => {
      const group = inputs[0]!.split(':')[0]!;
      const numbers = inputs.map((input) => Number(input.split(':')[1]));
      calls.push({ group, inputs: numbers, answer: () => resolve(numbers.map((n) => `${group}:${n * 10}`)), fail: reject });
    });
  return { calls, run };
}

/** Loads input `n` of `group` (ReadBatcher takes the group and the input separately). */
const load = (batcher: ReadBatcher<string, string>, group: string, n: number) => batcher.load(group, `${group}:${n}`);

/** Lets answered promises settle and scheduled batches go out (they leave on setImmediate). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('ReadBatcher: concurrent requests share queries', () => {
  test('a request that finds a free slot goes out alone; later ones gather while the slots are busy', async () => {
    const { calls, run } = controlledRunner();
    const batcher = new ReadBatcher(run, { maxInFlight: 1, maxBatchSize: 3 });
    const first = load(batcher, 'g', 1);
    await settle();
    assert.deepEqual(calls.map((c) => c.inputs), [[1]]);

    const waiting = [2, 3, 4, 5, 6].map((n) => load(batcher, 'g', n));
    await settle();
    assert.equal(calls.length, 1, 'nothing more is sent while the only slot is busy');

    calls[0]!.answer();
    assert.equal(await first, 'g:10');
    await settle();
    assert.deepEqual(calls.map((c) => c.inputs), [[1], [2, 3, 4]], 'the next batch holds at most maxBatchSize requests');
    calls[1]!.answer();
    await settle();
    assert.deepEqual(calls.map((c) => c.inputs), [[1], [2, 3, 4], [5, 6]]);
    calls[2]!.answer();
    assert.deepEqual(await Promise.all(waiting), ['g:20', 'g:30', 'g:40', 'g:50', 'g:60'], 'each request gets its own answer');
  });

  test('requests of different groups never share a query, and the slots bound all groups together', async () => {
    const { calls, run } = controlledRunner();
    const batcher = new ReadBatcher(run, { maxInFlight: 2, maxBatchSize: 8 });
    const answers = [load(batcher, 'a', 1), load(batcher, 'b', 2), load(batcher, 'a', 3), load(batcher, 'c', 4)];
    await settle();
    assert.deepEqual(calls.map((c) => [c.group, c.inputs]), [['a', [1, 3]], ['b', [2]]]);
    calls[0]!.answer();
    await settle();
    assert.deepEqual(calls.map((c) => [c.group, c.inputs]).at(-1), ['c', [4]]);
    calls[1]!.answer();
    calls[2]!.answer();
    assert.deepEqual(await Promise.all(answers), ['a:10', 'b:20', 'a:30', 'c:40']);
  });

  test('a failed query fails only the requests it carried, and frees its slot', async () => {
    const { calls, run } = controlledRunner();
    const batcher = new ReadBatcher(run, { maxInFlight: 1, maxBatchSize: 2 });
    const failing = [load(batcher, 'g', 1), load(batcher, 'g', 2)];
    const later = load(batcher, 'g', 3);
    await settle();
    calls[0]!.fail(new Error('Neo4j went away'));
    for (const request of failing) await assert.rejects(request, /Neo4j went away/);
    await settle();
    assert.deepEqual(calls.map((c) => c.inputs), [[1, 2], [3]]);
    calls[1]!.answer();
    assert.equal(await later, 'g:30');
  });

  test('rejects settings that would never send anything', () => {
    const { run } = controlledRunner();
    assert.throws(() => new ReadBatcher(run, { maxInFlight: 0, maxBatchSize: 8 }), RangeError);
    assert.throws(() => new ReadBatcher(run, { maxInFlight: 2, maxBatchSize: 0 }), RangeError);
  });
});
