/** The summary paragraph(s): `SUMMARY: …  END SUMMARY`, or a `Summary` heading. */
const START = /(?:\bBEGIN\s+SUMMARY\b|\bSUMMARY\s*(?::|-{2,}|\.)|(?:^|\n)[ \t-]*SUMMARY[ \t-]*\n|\bSUMMARY\s+AND\s+COMMENT\s*[:.])/i;
const END = /\bEND\s+(?:OF\s+)?SUMMARY\b|\bEND\s+SUMMARY\s+AND\s+COMMENT\b/i;

export function parseSummary(body: string): string | null {
  const start = START.exec(body);
  if (!start) return null;
  const rest = body.slice(start.index + start[0].length);
  const end = END.exec(rest);
  if (!end) return null;
  const text = rest
    .slice(0, end.index)
    .replace(/^[\s-]+/, '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\s*¶?\s*\d+\s*\.\s*(?:\([^)]{1,10}\)\s*)?/, '').replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n')
    .replace(/[\s.]*$/, (s) => (s.includes('.') ? '.' : ''));
  return text === '' ? null : text;
}
