/** Signer surnames as one spelling: upper case, known misspellings fixed. */
import { readFileSync } from 'node:fs';

let fixes: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (fixes) return fixes;
  fixes = new Map();
  for (const line of readFileSync(new URL('./data/surname-fixes.tsv', import.meta.url), 'utf8').split('\n')) {
    if (line.startsWith('#') || !line.includes('\t')) continue;
    const [wrong, right] = line.split('\t') as [string, string];
    fixes.set(wrong.trim(), right.trim());
  }
  return fixes;
}

export function canonicalSurname(name: string): string {
  const upper = name.toUpperCase().trim();
  return table().get(upper) ?? upper;
}
