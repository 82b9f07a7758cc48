/**
 * `npm run conformance -- [--cases DIR] [--cables DIR] [--verbose]`: runs every case file in
 * DIR (default: the vendored test/conformance/cases) and prints `file: P passed, F failed`
 * per file, then the total. `*.by_cable_id.json` cases read `<cables DIR>/<id>.txt`.
 */
import { Command } from 'commander';
import { DEFAULT_CABLES_DIR, DEFAULT_CASES_DIR, runConformance } from './run.ts';

const program = new Command()
  .name('conformance')
  .option('--cases <dir>', 'directory of case files', DEFAULT_CASES_DIR)
  .option('--cables <dir>', 'directory of <id>.txt cables for *.by_cable_id.json cases', DEFAULT_CABLES_DIR)
  .option('--verbose', 'print every failing case')
  .parse(process.argv.filter((a) => a !== '--'));

const options = program.opts<{ cases: string; cables: string; verbose?: boolean }>();
const reports = runConformance({ casesDir: options.cases, cablesDir: options.cables });
let passed = 0;
let failed = 0;
for (const r of reports) {
  if (r.skipped) {
    console.log(`${r.file}: skipped (${r.skipped})`);
    continue;
  }
  passed += r.passed;
  failed += r.failed;
  console.log(`${r.file}: ${r.passed} passed, ${r.failed} failed`);
  if (options.verbose) {
    for (const f of r.failures) {
      console.log(`  ✗ ${f.id}${f.note ? ` (${f.note})` : ''}\n    input:    ${JSON.stringify(f.input).slice(0, 300)}\n    expected: ${JSON.stringify(f.expected)}\n    actual:   ${JSON.stringify(f.actual)}`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
