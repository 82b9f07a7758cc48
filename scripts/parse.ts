/**
 * `npm run parse -- PATH...`: one CableRecord per line (JSON) on stdout for every cable in
 * the inputs (seed text, cables.csv, HTML pages, directories, archives); rejects go to
 * stderr as JSON lines. Exit code 0 even with rejects: bad cables are data, not failures.
 */
import { readCables } from './import/read/index.ts';

// `npm run parse -- … | head`: a closed pipe ends the run quietly
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function main(): Promise<number> {
  const paths = process.argv.slice(2).filter((a) => a !== '--');
  if (paths.length === 0) {
    process.stderr.write('usage: npm run parse -- PATH...   (files, directories, .csv, .html, .tar[.gz|.xz], .zip)\n');
    return 2;
  }
  let ok = 0;
  let rejected = 0;
  for await (const outcome of readCables(paths)) {
    if (outcome.ok) {
      ok++;
      if (!process.stdout.write(JSON.stringify(outcome.record) + '\n')) await new Promise((r) => process.stdout.once('drain', r));
    } else {
      rejected++;
      process.stderr.write(JSON.stringify(outcome.rejected) + '\n');
    }
  }
  process.stderr.write(`parsed ${ok} cables, ${rejected} rejected\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  },
);
