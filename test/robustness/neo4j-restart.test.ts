/**
 * Fault test: Neo4j is stopped and started again under a bounded load (20 clients on a real
 * HTTP server). While it is down or starting every answer is a JSON 503 or a memoised 200, at
 * once (never a 500, never a hang past the connection bounds); after Neo4j accepts connections
 * again the server warms it up behind a gate (503 database_warming_up) and the answers are back
 * to normal within RECOVERY_BOUND_MS. Stops the test instance, so it runs alone (as every test
 * file does). On failure it prints a per-second timeline of the answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { serve, type RunningServer } from '../../server/src/main.ts';
import { measureRecovery, RECOVERY_PATHS, timelineLines } from '../../scripts/bench/recovery.ts';
import { externalConnection, startLocal, stopLocal } from '../../scripts/neo4j/local.ts';
import { connectTestDatabase, wipeAndImport } from '../support/neo4j.ts';

/**
 * Back to normal after Neo4j accepts connections. The goal is 5 s, met in the benchmark
 * (`npm run bench:recovery`: 3.0-3.3 s on a quiet machine, docs/benchmarks.md, "Hardening"); the test
 * allows three times that, because the first plans of a freshly started Neo4j slow down with the
 * machine's load (one cold query took 13.6 s at load ~25) and this test runs on whatever machine
 * runs `npm test`.
 */
const RECOVERY_BOUND_MS = 15_000;
/** A request sent during the outage is answered within the driver's connection bounds. */
const OUTAGE_ANSWER_BOUND_MS = 8_000;

describe('Neo4j stopped and started under load', { skip: externalConnection('test') ? 'stops the bundled test instance' : false }, () => {
  let running: RunningServer;

  before(async () => {
    const db = await connectTestDatabase();
    try {
      await wipeAndImport(db);
    } finally {
      await db.close();
    }
    running = await serve({ connection: resolveConnection(process.env, 'test'), port: 0 });
  });
  after(async () => {
    await running.close();
    await startLocal('test', () => {});
  });

  test('503s at once during the outage, normal answers within the warm-up bound after Neo4j comes back', async (t) => {
    let timeline: string[] = [];
    const report = await measureRecovery({
      base: running.url,
      paths: RECOVERY_PATHS,
      clients: 20,
      outageSeconds: 3,
      observeSeconds: RECOVERY_BOUND_MS / 1000 + 3,
      stop: () => stopLocal('test', () => {}),
      start: async () => void (await startLocal('test', () => {})),
      trace: (samples, marks) => (timeline = timelineLines(samples, marks)),
    });
    const summary = `${JSON.stringify(report)}\n${timeline.join('\n')}`;
    t.diagnostic(JSON.stringify(report));
    assert.ok((report.before[200] ?? 0) >= 5, `answers before the stop: ${summary}`);
    // while down: 503s, and 200s only for answers the server has memoised (a post's traffic)
    assert.ok((report.during[503] ?? 0) > 0, summary);
    for (const phase of [report.during, report.starting]) {
      assert.deepEqual(Object.keys(phase).filter((status) => status !== '503' && status !== '200'), [], `only 503 or 200 while down: ${summary}`);
    }
    for (const phase of [report.before, report.during, report.starting, report.after]) assert.equal(phase[500], undefined, summary);
    assert.ok(report.slowestDuringOutageMs < OUTAGE_ANSWER_BOUND_MS, summary);
    assert.ok(report.normalAfterMs !== null && report.normalAfterMs <= RECOVERY_BOUND_MS, summary);
    // and from some moment within the bound on, no request was refused or slow
    assert.ok(report.settledAfterMs !== null && report.settledAfterMs <= RECOVERY_BOUND_MS, summary);
  });
});
