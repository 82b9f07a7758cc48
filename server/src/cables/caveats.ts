/** Handling caveats written in the classification or near the top of the text. */
const CAVEATS = ['NOFORN', 'SIPDIS', 'NODIS', 'EXDIS', 'LIMDIS', 'STADIS', 'ORCON', 'PROPIN', 'REL', 'FOUO', 'SBU', 'EFTO', 'NOCONTRACT', 'CHEROKEE'] as const;
const PATTERNS = CAVEATS.map((c) => [c, new RegExp(`(?<![A-Z])${c === 'REL' ? 'REL(?:\\s+TO)?(?=\\s+[A-Z]{2,3}\\b)' : c}(?![A-Z])`)] as const);

export function parseCaveats(classification: string | null, headOfText: string): string[] {
  const found: string[] = [];
  const sources = [classification ?? '', headOfText.slice(0, 2500)];
  for (const [name, pattern] of PATTERNS) {
    if (sources.some((s) => pattern.test(s))) found.push(name);
  }
  if (/SENSITIVE\s+BUT\s+UNCLASSIFIED/i.test(sources[1]!) && !found.includes('SBU')) found.push('SBU');
  return found;
}
