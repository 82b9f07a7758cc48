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

/** A classification banner followed on the same line by the cable's own serial. */
function bannerWithSerial(content: string, serial: string): number | null {
  const number = serial.replace(/^0+(?=\d)/, '');
  // `UNCLAS SECTION 01 OF 05 BEIJING 003662`: convincing even when glued to the last addressee
  const strict = new RegExp(`${BANNER.source}(?:\\s*/+\\s*[A-Z ]{2,30})?\\s+(?:SECTION\\s+\\d+\\s+OF\\s+\\d+\\s+)?[A-Z][A-Z' .-]{1,30}?\\s+0*${number}(?![0-9])`, 'g');
  const loose = new RegExp(`${BANNER.source}[^\\n]{0,90}?(?<![0-9])0*${number}(?![0-9])`, 'gi');
  const limit = Math.min(content.length, 20000);
  const first = (pattern: RegExp, accept: (at: number, text: string) => boolean): number | null => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(content); m && m.index < limit; m = pattern.exec(content)) {
      if (accept(m.index, m[0])) return m.index;
    }
    return null;
  };
  const strictAt = first(strict, () => true);
  const looseAt = first(loose, (at, text) => {
    const before = content.slice(Math.max(0, at - 1), at);
    return before === '' || /[\s\d.]/.test(before) || SPACED_BANNER.test(text.slice(0, 20));
  });
  if (strictAt === null) return looseAt;
  if (looseAt === null) return strictAt;
  return Math.min(strictAt, looseAt);
}

export function splitHeaderBody(content: string, cableId?: string): HeaderBody {
  const partial = content.includes(PARTIAL_NOTE);
  const serial = cableId ? /(\d+)$/.exec(cableId)?.[1] : undefined;
  if (serial) {
    const at = bannerWithSerial(content, serial);
    const marker = /(?:^|\n)\s*(?:TAGS|SUBJECT|E\.\s?O\.)\b/i.exec(content);
    if (at !== null && (marker === null || at <= marker.index)) {
      return { header: content.slice(0, at), body: content.slice(at), partial };
    }
  }
  const lines = content.split('\n');
  let offset = 0;
  let sawRouting = false;
  let inAddressees = false;
  for (let i = 0; i < lines.length && i < 400; i++) {
    const line = lines[i]!;
    const lineStart = offset;
    offset += line.length + 1;
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
