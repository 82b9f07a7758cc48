/** Body text for indexing: paragraph numbers and `(C)`-style markings removed, SIPDIS dropped. */
export function cleanContent(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== 'SIPDIS')
    .map((line) => line.replace(/^\s*¶?\d+\s*\.\s*\(?(?:U|C|S|SBU|TS|SBU\/N|S\/NF|C\/NF)\)\s*/, ''))
    .map((line) => (/^-{3,}\s*$/.test(line) ? '' : line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
