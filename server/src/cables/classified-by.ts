/**
 * The `Classified By: Ambassador Glyn T. Davies for reasons 1.4 (b) and (d)` line:
 * who classified the cable, and under which E.O. reasons.
 */
const LINE = /CLASSI\w*\s+BY\s*[:;.,]?\s*([^\n]*(?:\n(?![ \t]*\n)[^\n]*)?)/i;

const TITLES = [
  'AMBASSADOR', 'AMB', 'CHARGE D\'AFFAIRES', 'CHARGE D AFFAIRES', 'CHARGE', 'CDA', 'DCM', 'DEPUTY CHIEF OF MISSION',
  'ACTING DEPUTY CHIEF OF MISSION', 'POLITICAL COUNSELOR', 'POLITICAL MINISTER COUNSELOR', 'POLOFF', 'POL/ECON CHIEF',
  'CONSUL GENERAL', 'PRINCIPAL OFFICER', 'ACTING', 'A/DCM', 'POLCOUNS', 'ECONCOUNS',
];

export interface ClassifiedBy {
  persons: string[];
  reasons: string[];
}

export function parseClassifiedBy(text: string, normalize = false): ClassifiedBy {
  const m = LINE.exec(text.slice(0, 8000));
  if (!m) return { persons: [], reasons: [] };
  const line = m[1]!.replace(/\s+/g, ' ').trim();
  return { persons: personsIn(line, normalize), reasons: reasonsIn(line) };
}

function reasonsIn(line: string): string[] {
  const m = /(?:REASONS?|FOR)\b\s*:?\s*((?:1\.[4-6]|[1-9])[^\n]*)/i.exec(line);
  if (!m) return [];
  const base = /1\.([4-6])/.exec(m[1]!);
  const prefix = base ? `1.${base[1]}` : '1.4';
  const letters = [...m[1]!.matchAll(/\(?\b([A-H])\b\)?/gi)].map((x) => x[1]!.toUpperCase());
  const unique = [...new Set(letters)];
  return unique.map((l) => `${prefix} (${l})`);
}

function personsIn(line: string, normalize: boolean): string[] {
  let who = line.split(/\s*(?:,|;|\bfor\b|\bREASONS?\b|\bunder\b|\bper\b|\b1\.[4-6]\b|\bE\.?O\.?\b)/i)[0] ?? '';
  who = who.trim();
  for (const title of TITLES) {
    const re = new RegExp(`^(?:${title.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')})\\.?\\s+`, 'i');
    who = who.replace(re, '');
  }
  who = who.replace(/^(?:A\/|ACTING\s+)/i, '').trim();
  if (who === '' || !/[A-Za-z]/.test(who)) return [];
  const persons = who.split(/\s+and\s+/i).map((p) => p.trim()).filter((p) => p !== '');
  return normalize ? persons.map(normalizeName) : persons;
}

export function normalizeName(name: string): string {
  return name
    .replace(/0/g, 'O')
    .split(/\s+/)
    .map((w) => {
      if (/^(?:I|II|III|IV|V|VI)$/i.test(w)) return w.toUpperCase();
      return w.replace(/[A-Za-z][^\s-']*/g, (s) => s[0]!.toUpperCase() + s.slice(1).toLowerCase());
    })
    .join(' ');
}
