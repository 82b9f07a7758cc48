/**
 * The summary: the text between a `SUMMARY:` (or `Summary` heading, `SUMMARY AND COMMENT:`…)
 * and `END SUMMARY`. Paragraphs are joined with `\n`; paragraph numbers and `(C)`-style
 * markings are dropped. No `END SUMMARY`, no summary: without it the extent is a guess.
 */
const END = /\bEND\s+(?:OF\s+)?SUMMARY\b/i;
const START =
  /(?<![A-Za-z])(?:BEGIN\s+)?SUMMARY(?:\s*(?:AND|&|\/)\s*(?:COMMENTS?|ACTION\s+REQUESTS?|INTRODUCTION|TABLE\s+OF\s+CONTENTS|RECOMMENDATIONS?|CONCLUSIONS?|ANALYSIS|BACKGROUND))?[ \t]*(?::|\.|-{2,}|={2,}|‐{2,}|\r?\n|$)/gi;
const FIRST_PARAGRAPH = /(?:^|\n)[ \t]*¶?1[ \t]*\.[ \t]*/;
const MARKING = /^\((?:[A-Z]{1,4}(?:\s*\/+\s*[A-Z]{1,4})*|[A-Z]{1,4}\s*-\s*ENTIRE TEXT)\)\s*/i;

export function parseSummary(body: string): string | null {
  const end = END.exec(body);
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
      out = out.replace(/^SUMMARY\s*[:.]\s*/i, '');
      return out.replace(MARKING, '').trim();
    })
    .filter((p) => p !== '');
  const result = paragraphs.join('\n').trim();
  return result === '' ? null : result;
}
