/** Handling caveats written in the classification or near the top of the text. */
const CAVEATS = ['NOFORN', 'SIPDIS', 'NODIS', 'EXDIS', 'LIMDIS', 'STADIS', 'ORCON', 'PROPIN', 'REL', 'FOUO', 'SBU', 'EFTO', 'NOCONTRACT', 'CHEROKEE'];
/** One pass over the text for all caveats; `REL` counts only as `REL [TO] XX`. */
const ANY_CAVEAT = /(?<![A-Z])(NOFORN|SIPDIS|NODIS|EXDIS|LIMDIS|STADIS|ORCON|PROPIN|FOUO|SBU|EFTO|NOCONTRACT|CHEROKEE|REL(?=(?:\s+TO)?\s+[A-Z]{2,3}\b))(?![A-Z])/g;

export function parseCaveats(classification: string | null, headOfText: string): string[] {
  const found = new Set<string>();
  const head = headOfText.length > 2500 ? headOfText.slice(0, 2500) : headOfText;
  for (const source of [classification ?? '', head]) {
    for (const m of source.matchAll(ANY_CAVEAT)) found.add(m[1]!);
  }
  if (!found.has('SBU') && /SENSITIVE\s+BUT\s+UNCLASSIFIED/i.test(head)) found.add('SBU');
  // a stable order, whatever the order in the text
  return [...CAVEATS.filter((c) => found.has(c)), ...(found.has('SBU') && !CAVEATS.includes('SBU') ? ['SBU'] : [])];
}
