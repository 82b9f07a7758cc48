/**
 * Where the routing header ends and the body begins, for text where the two were
 * concatenated (the seed format). HTML pages glue the last addressee to the body
 * (`…USUN NEW YORK 1024C O N F I D E N T I A L SECTION 01 OF 05`).
 */
export const PARTIAL_NOTE = 'This record is a partial extract of the original cable. The full text of the original cable is not available.';

const BANNER =
  /(C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|S\s?E\s?C\s?R\s?E\s?T|U\s?N\s?C\s?L\s?A\s?S\s?S?\s?I?\s?F?\s?I?\s?E?\s?D?|UNCLAS|LIMITED OFFICIAL USE|L\s?I\s?M\s?I\s?T\s?E\s?D|S\s?E\s?N\s?S\s?I\s?T\s?I\s?V\s?E|E\s?F\s?T\s?O|TOP SECRET|CORRECTED COPY)/;
const SPACED_BANNER = /(C O N F I D E N T I A L|S E C R E T|U N C L A S|L I M I T E D|S E N S I T I V E|E F T O)/i;
const BODY_START_LINE = new RegExp(`^\\s*${BANNER.source}(?:\\s|$|/)`, 'i');
const HEADER_LINE = /^(?:VZCZC|[A-Z]{1,2}\s+R[A-Z]{4}|DE\s+R[A-Z]+|Z[A-Z]{2}\s|[OPRZ](?:\s+[OPRZ])*\s+\d{6}Z|FM\s|TO\s|INFO\s|XMT\s|BT$|R[A-Z]{3,7}\/|ACTION\s|PAGE\s|NNNN)/;

export interface HeaderBody {
  header: string;
  body: string;
  partial: boolean;
}

const BANNER_AT = new RegExp(BANNER.source, 'y');
const BANNER_AT_ANY_CASE = new RegExp(BANNER.source, 'iy');
/** Cheap first letters of a banner, to visit only plausible positions. */
const BANNER_CANDIDATE = /C\s?O\s?N\s?F|S\s?E\s?C\s?R|U\s?N\s?C\s?L|L\s?I\s?M\s?I\s?T|S\s?E\s?N\s?S|E\s?F\s?T\s?O|TOP SECRET|CORRECTED COPY/gi;
/** After a banner: `[//NOFORN] [SECTION 01 OF 05] STATION SERIAL`. */
const STATION_SERIAL_AFTER = /(?:[ \t]*\/+[ \t]*[A-Z ]{2,30})?[ \t]+(?:SECTION[ \t]+\d+[ \t]+OF[ \t]+\d+[ \t]+)?[A-Z][A-Z' .-]{1,30}?[ \t]+(\d+)(?![0-9])/y;
const TEXT_MARKER = /(?:^|\n)\s*(?:TAGS|SUBJECT|E\.\s?O\.)\b/;
const sameSerial = (digits: string, serial: string): boolean => digits.replace(/^0+(?=\d)/, '') === serial;

/** Whether the cable's serial is one of the numbers in the rest of the banner's line. */
function serialOnLine(content: string, from: number, serial: string): boolean {
  const newline = content.indexOf('\n', from);
  const line = content.slice(from, Math.min(newline === -1 ? content.length : newline, from + 110));
  for (const run of line.match(/\d+/g) ?? []) if (sameSerial(run, serial)) return true;
  return false;
}

/**
 * The first classification banner followed on its line by the cable's own serial
 * (`UNCLAS SECTION 01 OF 05 BEIJING 003662`): convincing even when glued to the last
 * addressee; a looser line with the serial somewhere counts after a space, digit or dot.
 */
function bannerWithSerial(content: string, serial: string, limit: number): number | null {
  BANNER_CANDIDATE.lastIndex = 0;
  for (let c = BANNER_CANDIDATE.exec(content); c && c.index < limit; c = BANNER_CANDIDATE.exec(content)) {
    const at = c.index;
    BANNER_AT.lastIndex = at;
    const strict = BANNER_AT.exec(content);
    if (strict) {
      STATION_SERIAL_AFTER.lastIndex = at + strict[0].length;
      const tail = STATION_SERIAL_AFTER.exec(content);
      if (tail && sameSerial(tail[1]!, serial)) return at;
    }
    BANNER_AT_ANY_CASE.lastIndex = at;
    const loose = BANNER_AT_ANY_CASE.exec(content);
    if (loose && serialOnLine(content, at + loose[0].length, serial)) {
      const before = at === 0 ? '' : content[at - 1]!;
      if (before === '' || /[\s\d.]/.test(before) || SPACED_BANNER.test(loose[0])) return at;
    }
    BANNER_CANDIDATE.lastIndex = at + 1;
  }
  return null;
}

/** Lines of the opening of `content`, with their offsets, without splitting the whole text. */
function* openingLines(content: string, max: number): Generator<{ line: string; start: number; index: number }> {
  let start = 0;
  for (let index = 0; index < max && start <= content.length; index++) {
    const newline = content.indexOf('\n', start);
    const end = newline === -1 ? content.length : newline;
    yield { line: content.slice(start, end), start, index };
    if (newline === -1) return;
    start = newline + 1;
  }
}

export function splitHeaderBody(content: string, cableId?: string): HeaderBody {
  const partial = content.includes(PARTIAL_NOTE);
  const serial = cableId ? /(\d+)$/.exec(cableId)?.[1]?.replace(/^0+(?=\d)/, '') : undefined;
  if (serial) {
    const marker = TEXT_MARKER.exec(content.slice(0, 40000));
    const at = bannerWithSerial(content, serial, Math.min(content.length, marker ? marker.index + 1 : 20000));
    if (at !== null) return { header: content.slice(0, at), body: content.slice(at), partial };
  }
  let sawRouting = false;
  let inAddressees = false;
  for (const { line, start: lineStart, index: i } of openingLines(content, 400)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (/^(?:FM|TO|INFO)\s/.test(trimmed)) {
      sawRouting = true;
      inAddressees = /^(?:TO|INFO)\s/.test(trimmed);
    }
    if (inAddressees) {
      const glued = SPACED_BANNER.exec(line);
      if (glued && glued.index > 0 && /[A-Z0-9]$/i.test(line.slice(0, glued.index).trim())) {
        const at = lineStart + glued.index;
        return { header: content.slice(0, at), body: content.slice(at), partial };
      }
      const tail = /(\d)(UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\b/.exec(line);
      if (tail) {
        const at = lineStart + tail.index + 1;
        return { header: content.slice(0, at), body: content.slice(at), partial };
      }
    }
    if (BODY_START_LINE.test(line) && (sawRouting || partial || i > 0 || !HEADER_LINE.test(trimmed))) {
      if (!sawRouting && !partial && i === 0) return { header: '', body: content, partial };
      return { header: content.slice(0, lineStart), body: content.slice(lineStart), partial };
    }
    if (/^(?:E\.\s?O\.|TAGS|SUBJECT)\b/i.test(trimmed)) {
      return { header: content.slice(0, lineStart), body: content.slice(lineStart), partial };
    }
    if (partial && trimmed === PARTIAL_NOTE) continue;
    if (!sawRouting && !partial && !HEADER_LINE.test(trimmed) && i > 0) break;
  }
  if (partial) {
    const at = content.indexOf(PARTIAL_NOTE) + PARTIAL_NOTE.length;
    return { header: content.slice(0, at), body: content.slice(at).replace(/^\n+/, ''), partial };
  }
  return sawRouting ? { header: content, body: '', partial } : { header: '', body: content, partial };
}
