/**
 * Cable bodies are hard-wrapped at ~70 columns. In a narrow panel that wraps twice, so the
 * reader reflows them: inside a paragraph, a line break is joined with a space when the line
 * before it is long (a wrap), and kept when it is short (headers, lists, signatures).
 * Blank lines, indentation-led lines and numbered paragraphs keep their breaks.
 */
const WRAP_MIN = 48;

export function reflow(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    const joinable =
      prev !== undefined &&
      prev.trim() !== '' &&
      line.trim() !== '' &&
      prev.trimEnd().length >= WRAP_MIN &&
      !/^\s/.test(line) &&
      !/^(?:¶?\d+\.|[A-Z]\.|-|\*|•|\(\w\))\s/.test(line);
    if (joinable) out[out.length - 1] = `${prev.trimEnd()} ${line.trimStart()}`;
    else out.push(line);
  }
  return out.join('\n');
}
