/**
 * The `E.O. 12958: DECL: 10/12/2017` line: the date until which the cable stays classified.
 * Month/day/year is usual; year/month/day occurs too.
 */
const DECL = /E\.?\s?O\.?\s*1\d{3,4}\s*:?\s*(?:AS\s+AMENDED\s*:?\s*)?DECL\s*:?\s*(\d{1,2})\/(\d{1,2})\/(\d{2,4})/i;
const DECL_YMD = /E\.?\s?O\.?\s*1\d{3,4}\s*:?\s*(?:AS\s+AMENDED\s*:?\s*)?DECL\s*:?\s*(\d{4})\/(\d{1,2})\/(\d{1,2})/i;
const BARE_YMD = /\b(\d{4})\/(\d{2})\/(\d{2})\b/;

const pad = (n: string): string => n.padStart(2, '0');

function valid(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 1900 && year <= 2200;
}

export function parseDeclassificationDate(fullText: string): string | null {
  // the E.O. line sits in the opening lines; a long body need not be searched
  const text = fullText.length > 8000 ? fullText.slice(0, 8000) : fullText;
  const ymd = DECL_YMD.exec(text);
  if (ymd) {
    const [y, m, d] = [ymd[1]!, ymd[2]!, ymd[3]!];
    return valid(+y, +m, +d) ? `${y}-${pad(m)}-${pad(d)}` : null;
  }
  const mdy = DECL.exec(text);
  if (mdy) {
    const [m, d, yRaw] = [mdy[1]!, mdy[2]!, mdy[3]!];
    const y = yRaw.length === 4 ? yRaw : String(2000 + Number(yRaw.slice(-2)));
    return valid(+y, +m, +d) ? `${y}-${pad(m)}-${pad(d)}` : null;
  }
  if (/E\.?\s?O\.?\s*1\d{3,4}/i.test(text)) {
    const bare = BARE_YMD.exec(text);
    if (bare && valid(+bare[1]!, +bare[2]!, +bare[3]!)) return `${bare[1]}-${bare[2]}-${bare[3]}`;
  }
  return null;
}
