/**
 * The `E.O. 12958: DECL: 10/12/2017` line: the date until which the cable stays classified.
 * Month/day/year is usual; year/month/day occurs too.
 */
const DECL_CANDIDATE = /DECL/gi;
/** `E.O. 12958: DECL:` ending right where a DECL candidate starts. */
const EO_BEFORE = /E\.?\s?O\.?\s*1\d{3,4}\s*:?\s*(?:AS\s+AMENDED\s*:?\s*)?$/i;
const MDY_AFTER = /DECL\s*:?\s*(\d{1,2})\/(\d{1,2})\/(\d{2,4})/iy;
const YMD_AFTER = /DECL\s*:?\s*(\d{4})\/(\d{1,2})\/(\d{1,2})/iy;
const BARE_YMD = /\b(\d{4})\/(\d{2})\/(\d{2})\b/;

const pad = (n: string): string => n.padStart(2, '0');

function valid(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 1900 && year <= 2200;
}

export function parseDeclassificationDate(fullText: string): string | null {
  // the E.O. line sits in the opening lines; a long body need not be searched
  const text = fullText.length > 8000 ? fullText.slice(0, 8000) : fullText;
  DECL_CANDIDATE.lastIndex = 0;
  let sawEo = false;
  for (let c = DECL_CANDIDATE.exec(text); c; c = DECL_CANDIDATE.exec(text)) {
    const at = c.index;
    if (!EO_BEFORE.test(text.slice(Math.max(0, at - 40), at))) continue;
    sawEo = true;
    YMD_AFTER.lastIndex = at;
    const ymd = YMD_AFTER.exec(text);
    if (ymd) {
      const [y, m, d] = [ymd[1]!, ymd[2]!, ymd[3]!];
      return valid(+y, +m, +d) ? `${y}-${pad(m)}-${pad(d)}` : null;
    }
    MDY_AFTER.lastIndex = at;
    const mdy = MDY_AFTER.exec(text);
    if (mdy) {
      const [m, d, yRaw] = [mdy[1]!, mdy[2]!, mdy[3]!];
      const y = yRaw.length === 4 ? yRaw : String(2000 + Number(yRaw.slice(-2)));
      return valid(+y, +m, +d) ? `${y}-${pad(m)}-${pad(d)}` : null;
    }
  }
  if (sawEo || /E\.?\s?O\.?\s*1\d{3,4}/i.test(text.slice(0, 3000))) {
    const bare = BARE_YMD.exec(text.slice(0, 3000));
    if (bare && valid(+bare[1]!, +bare[2]!, +bare[3]!)) return `${bare[1]}-${bare[2]}-${bare[3]}`;
  }
  return null;
}
