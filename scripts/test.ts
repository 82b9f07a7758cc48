/**
 * `npm test`: type-checks, brings up the test Neo4j (a separate local instance on port 7688,
 * or NEO4J_TEST_URI), builds the client, runs every test file one at a time (they share the
 * test database), and stops the test Neo4j again if this run started it.
 *
 *   npm test                      everything
 *   npm test -- test/unit         only the files under the given paths
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { externalConnection, startLocal, statusLocal, stopLocal } from './neo4j/local.ts';

function testFiles(roots: string[]): string[] {
  const files: string[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) readdirSync(p).sort().forEach((entry) => walk(path.join(p, entry)));
    else if (p.endsWith('.test.ts')) files.push(p);
  };
  roots.forEach(walk);
  return files;
}

function step(title: string, command: string, args: string[]): void {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${title} failed (exit ${result.status ?? result.signal})`);
  }
}

async function main(): Promise<number> {
  const roots = process.argv.slice(2);
  const files = testFiles(roots.length > 0 ? roots : ['test']);
  if (files.length === 0) throw new Error(`No *.test.ts files under ${roots.join(', ')}`);

  step('type-check', 'npx', ['tsc', '-p', 'tsconfig.json']);
  step('type-check client', 'npx', ['tsc', '-p', 'client/tsconfig.json']);
  step('build client', 'npx', ['tsx', 'scripts/build-client.ts']);

  const needsDatabase = files.some((f) => !f.includes(`${path.sep}unit${path.sep}`));
  const external = externalConnection('test') !== null;
  const wasRunning = external || !needsDatabase ? true : (await statusLocal('test')).running;
  if (needsDatabase) {
    console.log('\n▶ test database');
    await startLocal('test', (line) => console.log(`  ${line}`));
  }
  try {
    console.log(`\n▶ ${files.length} test files`);
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=600000', ...files],
      { stdio: 'inherit', env: { ...process.env, CABLESCOPE_TEST: '1' } },
    );
    return result.status ?? 1;
  } finally {
    if (!wasRunning) {
      console.log('\n▶ stopping the test database');
      await stopLocal('test', (line) => console.log(`  ${line}`));
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`\n✖ ${error.message}`);
    process.exit(1);
  },
);
