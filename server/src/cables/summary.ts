/**
 * The summary: the text between a `SUMMARY:` (or `Summary` heading, `SUMMARY AND COMMENT:`…)
 * and `END SUMMARY`. Paragraphs are joined with `\n`; paragraph numbers and `(C)`-style
 * markings are dropped. No `END SUMMARY`, no summary: without it the extent is a guess.
 */
const END = /\bEND\s+(?:OF\s+)?SUMMARY\b/i;
const START =
  /(?<![A-Za-z])(?:BEGIN\s+)?SUMMARY(?:\s*(?:AND|&|\/)\s*(?:COMMENTS?|ACTION\s+REQUESTS?|INTRODUCTION|TABLE\s+OF\s+CONTENTS|RECOMMENDATIONS?|CONCLUSIONS?|ANALYSIS|BACKGROUND))?[ \t]*(?::|\.|-{2,}|={2,}|‐{2,}|-[ \t]+|\r?\n|$)/gi;
const FIRST_PARAGRAPH = /(?:^|\n)[ \t]*¶?1[ \t]*\.[ \t]*/;
const MARKING = /^\((?:[A-Z]{1,4}(?:\s*\/+\s*[A-Z]{1,4})*|[A-Z]{1,4}\s*-\s*ENTIRE TEXT)\)\s*/i;

/**
 * A section heading: a short line standing alone (blank line or underline around it), with no
 * sentence punctuation at its end and no paragraph number: `BACKGROUND`, `Comment:`,
 * `The Ministry's View` over a `----` rule.
 */
const HEADING = /\n[ \t]*\n[ \t]*(?:[-=_]{3,}[ \t]*\n[ \t]*)?(?![¶\d(])([^\n.;,?!]{2,60}?):?[ \t]*\n(?:[ \t]*[-=_]{3,}[ \t]*\n|[ \t]*\n)/g;

/** Longest summary (characters) accepted without an `END SUMMARY`. */
const MAX_OPEN_SUMMARY = 2500;

function headingAfter(body: string, from: number): number | null {
  HEADING.lastIndex = from;
  for (let m = HEADING.exec(body); m; m = HEADING.exec(body)) {
    const words = m[1]!.trim().split(/\s+/);
    if (words.length <= 8 && /^[A-Z]/.test(m[1]!.trim()) && !/^(?:END|BEGIN)\b/i.test(m[1]!.trim())) return m.index;
    HEADING.lastIndex = m.index + 1;
  }
  return null;
}

export function parseSummary(body: string): string | null {
  const closed = END.exec(body);
  const end = closed ?? openSummaryEnd(body);
  if (!end) return null;
  let start: number | null = null;
  START.lastIndex = 0;
  for (let m = START.exec(body); m && m.index < end.index; m = START.exec(body)) {
    if (/END\s+$/i.test(body.slice(Math.max(0, m.index - 6), m.index))) continue;
    start = m.index + m[0].length;
    break;
  }
  if (start === null) {
    // `1. (C) German FM Westerwelle told [...]. END SUMMARY.`: the summary is the opening paragraph
    const first = FIRST_PARAGRAPH.exec(body.slice(0, end.index));
    if (!first) return null;
    start = first.index;
  }
  return cleanSummary(body.slice(start, end.index));
}

/** No `END SUMMARY`: a `SUMMARY:` opening ends at the next section heading, or there is none. */
function openSummaryEnd(body: string): { index: number } | null {
  START.lastIndex = 0;
  const open = START.exec(body);
  if (!open || /END\s+$/i.test(body.slice(Math.max(0, open.index - 6), open.index))) return null;
  const from = open.index + open[0].length;
  const at = headingAfter(body, from);
  // a heading pages later closes a section, not a summary
  return at === null || at - from > MAX_OPEN_SUMMARY ? null : { index: at };
}

function cleanSummary(text: string): string | null {
  const paragraphs = text
    .replace(/\r/g, '')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .filter((line) => line !== '' && !/^[-=‐_]{2,}$/.test(line))
        .join('\n'),
    )
    .map((p) => {
      let out = p.replace(/^¶?\d+[ \t]*\.[ \t]*/, '');
      out = out.replace(MARKING, '');
      out = out.replace(/^(?:BEGIN\s+)?SUMMARY\s*(?:[:.]|-+\s)\s*/i, '');
      return out.replace(MARKING, '').trim();
    })
    .filter((p) => p !== '');
  const result = paragraphs.join('\n').trim();
  return result === '' ? null : result;
}
