/**
 * Runs every case file of a directory (`*.json`, the cablemap conformance schema) and
 * reports pass/fail per file. Shared by `npm run conformance` and the unit test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CableRecord } from '../../server/src/cables/record.ts';
import { parseCableText } from '../../server/src/cables/parse.ts';
import { evaluateCase, fieldOfFile, type CaseResult, type ConformanceCase } from './evaluate.ts';

export interface Failure {
  id: string;
  input: string;
  expected: unknown;
  actual: unknown;
  note?: string;
}

export interface FileReport {
  file: string;
  field: string;
  passed: number;
  failed: number;
  /** Set when the file was not run (unknown field or unreadable JSON). */
  skipped?: string;
  failures: Failure[];
}

export interface ConformanceOptions {
  casesDir: string;
  cablesDir: string;
}

const REPO_ROOT = new URL('../../', import.meta.url);
export const DEFAULT_CASES_DIR = new URL('test/conformance/cases/', REPO_ROOT).pathname;
export const DEFAULT_CABLES_DIR = new URL('test/conformance/cables/', REPO_ROOT).pathname;

function cableLookup(cablesDir: string): (id: string) => CableRecord | null {
  const cache = new Map<string, CableRecord | null>();
  return (id) => {
    if (cache.has(id)) return cache.get(id)!;
    const file = path.join(cablesDir, `${id}.txt`);
    let record: CableRecord | null = null;
    if (existsSync(file)) {
      const outcome = parseCableText(readFileSync(file, 'utf8'), { file, format: 'text' });
      record = outcome.ok ? outcome.record : null;
    }
    cache.set(id, record);
    return record;
  };
}

export function runConformanceFile(file: string, cablesDir: string): FileReport {
  const name = path.basename(file);
  const field = fieldOfFile(name);
  const report: FileReport = { file: name, field, passed: 0, failed: 0, failures: [] };
  let cases: ConformanceCase[];
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(parsed)) throw new Error('not a JSON array of cases');
    cases = parsed as ConformanceCase[];
  } catch (error) {
    report.skipped = `unreadable case file: ${(error as Error).message}`;
    return report;
  }
  const lookup = cableLookup(cablesDir);
  for (const c of cases) {
    let result: CaseResult | null;
    try {
      result = evaluateCase(field, c, lookup);
    } catch (error) {
      result = { status: 'fail', actual: undefined, note: (error as Error).message };
    }
    if (result === null) {
      report.skipped = `unknown field "${field}"`;
      report.passed = 0;
      report.failed = 0;
      report.failures = [];
      return report;
    }
    if (result.status === 'pass') report.passed++;
    else {
      report.failed++;
      report.failures.push({ id: String(c.id), input: String(c.input), expected: c.expected, actual: result.actual, ...(result.note ? { note: result.note } : {}) });
    }
  }
  return report;
}

export function runConformance(options: ConformanceOptions): FileReport[] {
  const files = readdirSync(options.casesDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((f) => runConformanceFile(path.join(options.casesDir, f), options.cablesDir));
}
