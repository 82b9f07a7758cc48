/**
 * `npm run check:held-out [-- --half tune|held-out|both] [--verbose]`: runs the parser on cases
 * built from the real cables of /work/shared/data (CABLESCOPE_SHARED_DATA) and prints the pass rate
 * per field and half. How the cases and the split are made: scripts/held-out/cases.ts.
 * Figures go to docs/benchmarks.md (## Parser: held-out real cases).
 */
import { existsSync, readFileSync } from 'node:fs';
import { Command } from 'commander';
import { buildRealCases, REAL_FIELDS, SHARED_DATA, summaryContent, type ExpectedTyped, type Half, type RealCase } from './held-out/cases.ts';
import { parseCableText } from '../server/src/cables/parse.ts';
import { parseTagCodes } from '../server/src/cables/tags.ts';
import { parseReferences } from '../server/src/cables/references.ts';
import { parseSummary } from '../server/src/cables/summary.ts';
import { parseClassifiedBy } from '../server/src/cables/classified-by.ts';

const LABELLED = new URL('../test/held-out/classified_by.labelled.json', import.meta.url);

const knownWords = new WeakMap<ReadonlySet<string>, Set<string>>();

/** The words of the release's tag vocabulary, each code through the canonicaliser on its own. */
function knownTagWords(vocabulary: ReadonlySet<string>): Set<string> {
  let words = knownWords.get(vocabulary);
  if (!words) {
    words = new Set([...vocabulary].flatMap((t) => parseTagCodes(`TAGS: ${t}`)).flatMap((t) => t.split(/[\s,]+/)));
    knownWords.set(vocabulary, words);
  }
  return words;
}

export function passes(c: RealCase): { ok: boolean; actual: unknown } {
  switch (c.field) {
    case 'references': {
      const found = parseReferences(c.input, c.year, c.cableId).cableIds;
      return { ok: (c.expected as string[]).every((id) => found.includes(id)), actual: found };
    }
    case 'references_typed': {
      const typed = parseReferences(c.input, c.year, c.cableId).typed;
      const found = (e: ExpectedTyped): boolean =>
        typed.some((r) => r.bullet === e.bullet && (e.kind === 'cable' ? r.kind === 'cable' && r.cableId === e.value : r.kind !== 'cable'));
      return { ok: (c.expected as ExpectedTyped[]).every(found), actual: typed.map((r) => `${r.bullet ?? '-'}:${r.kind}:${r.value}`) };
    }
    case 'tags': {
      const outcome = parseCableText(c.input, { file: `${c.cableId}.txt`, format: 'text' });
      const mine = outcome.ok ? outcome.record.tags.map((t) => t.code) : [];
      // both lists through the one canonicaliser: what is compared is which words were read as tags
      const canonical = (codes: string[]): string[] => parseTagCodes(`TAGS: ${codes.join(' ')}`);
      const found = new Set(canonical(mine));
      const known = knownTagWords(c.vocabulary!);
      const words = new Set([...found].flatMap((t) => t.split(/[\s,]+/)));
      // `COUNTER TERRORISM` linked as two words is the one tag COUNTERTERRORISM
      const written = (word: string): boolean => words.has(word) || (word.length >= 5 && [...found].some((t) => t.includes(word)));
      const allFound = canonical(c.expected as string[]).flatMap((t) => t.split(/[\s,]+/)).every(written);
      const noneForeign = [...found].every((t) => t.split(/[\s,]+/).every((word) => known.has(word)));
      return { ok: allFound && noneForeign, actual: mine };
    }
    case 'summary': {
      const summary = parseSummary(c.input);
      return { ok: summary !== null && summaryContent(summary) === c.expected, actual: summary };
    }
    case 'classified_by': {
      const persons = parseClassifiedBy(c.input).persons;
      return { ok: JSON.stringify(persons) === JSON.stringify(c.expected), actual: persons };
    }
  }
}

function main(): void {
  const options = new Command()
    .option('--half <half>', 'tune, held-out or both', 'held-out')
    .option('--verbose', 'print every failing case')
    .parse(process.argv.filter((a) => a !== '--'))
    .opts<{ half: string; verbose?: boolean }>();
  if (!existsSync(SHARED_DATA)) throw new Error(`${SHARED_DATA} not found (set CABLESCOPE_SHARED_DATA)`);
  const labelled = JSON.parse(readFileSync(LABELLED, 'utf8')) as Array<{ cableId: string; input: string; expected: string[] }>;
  const halves: Half[] = options.half === 'both' ? ['tune', 'held-out'] : [options.half as Half];
  const cases = buildRealCases(SHARED_DATA, labelled).filter((c) => halves.includes(c.half));
  const fields = REAL_FIELDS;
  for (const half of halves) {
    for (const field of fields) {
      const mine = cases.filter((c) => c.half === half && c.field === field);
      let passed = 0;
      for (const c of mine) {
        const result = passes(c);
        if (result.ok) passed++;
        else if (options.verbose) console.log(`  ✗ ${c.cableId} ${field}\n    expected: ${JSON.stringify(c.expected).slice(0, 300)}\n    actual:   ${JSON.stringify(result.actual).slice(0, 300)}`);
      }
      const rate = mine.length === 0 ? 'n/a' : `${((100 * passed) / mine.length).toFixed(1)}%`;
      console.log(`${half.padEnd(9)} ${field.padEnd(14)} ${passed}/${mine.length} = ${rate}`);
    }
  }
}

main();
