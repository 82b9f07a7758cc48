/**
 * npm run corpus:generate -- --cables N --format csv|text --out PATH [--seed S]
 *
 * Writes a synthetic corpus with the real release's distributions (scripts/corpus/tables.json)
 * in the release's own formats: one cables.csv file, or a directory of seed text files.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_SEED, generateCorpus, type CorpusFormat } from './generate.ts';

function wholeNumber(value: string): number {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function share(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

const program = new Command()
  .name('npm run corpus:generate --')
  .description('Generate a realistic synthetic cable corpus (deterministic from --seed).')
  .requiredOption('--cables <n>', 'records to write (251287 = the full release)', wholeNumber)
  .addOption(new Option('--format <format>', 'cables.csv rows or seed text files').choices(['csv', 'text']).default('csv'))
  .requiredOption('--out <path>', 'output file (csv) or directory (text)')
  .option('--seed <n>', 'random seed', wholeNumber, DEFAULT_SEED)
  .option('--duplicates <share>', 'share of records repeating a cable under a garbled id', share, 0.001)
  .option('--unreadable <share>', 'share of records with an unreadable id (rejected by the importer)', share, 0.0002)
  .action(async (o: { cables: number; format: CorpusFormat; out: string; seed: number; duplicates: number; unreadable: number }) => {
    const started = Date.now();
    const result = await generateCorpus({
      cables: o.cables,
      format: o.format,
      out: o.out,
      seed: o.seed,
      duplicateShare: o.duplicates,
      rejectShare: o.unreadable,
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${result.records} records (${result.cables} cables, ${result.duplicates} duplicates, ${result.unreadable} unreadable), ` +
        `${result.citations} citations (${result.citationsToMissing} to cables not in the corpus), ` +
        `${(result.bytes / 1024 / 1024).toFixed(1)} MB → ${o.out} in ${seconds.toFixed(1)} s`,
    );
  });

program.parseAsync().catch((error: Error) => {
  console.error(`corpus:generate failed: ${error.message}`);
  process.exit(1);
});
