/** The signer surname(s) at the end of the body (`SULLIVAN`, `Murphy`). */
const TRAILER = /^(?:CONFIDENTIAL|SECRET|UNCLASSIFIED|LIMITED OFFICIAL USE|NOFORN|SIPDIS|NNNN|BT|#?\d+|Declassified\/Released.*|Review \d.*|END\s+.*)$/i;

export function parseSigners(body: string, canonicalize = false): string[] {
  const lines = body.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 8); i--) {
    const line = lines[i]!;
    if (TRAILER.test(line)) continue;
    const m = /^([A-Z][A-Za-z'-]+(?:\s*[/,]\s*[A-Z][A-Za-z'-]+)*)\s*$/.exec(line);
    if (!m) return [];
    const names = m[1]!.split(/\s*[/,]\s*/).filter((n) => n.length > 1);
    return canonicalize ? names.map((n) => n.toUpperCase()) : names;
  }
  return [];
}
