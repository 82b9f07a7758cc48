/**
 * Turns the pieces every format provides (metadata + header + body) into a CableRecord.
 * All three readers end here, so one cable read from two formats gives one record.
 */
import type { CableRecord, ParseOutcome, SourceLocation } from './record.ts';
import { canonicalCableId } from './canonical-id.ts';
import { withHeaderTime, yearOf } from './dates.ts';
import { yearFromCableId } from './year-from-id.ts';
import { parseRouting } from './routing.ts';
import { knownSubject, parseSubject, subjectFromEmailHeader } from './subject.ts';
import { findTagsText, parseTags } from './tags.ts';
import { findReferenceBlocks, parseReferences } from './references.ts';
import { parseSummary } from './summary.ts';
import { parseSigners } from './signers.ts';
import { parseClassifiedBy } from './classified-by.ts';
import { parseDeclassificationDate } from './declassification.ts';
import { parseCaveats } from './caveats.ts';
import { PARTIAL_NOTE } from './split.ts';

export interface CableParts {
  /** Reference id as written in the source. */
  id: string;
  /** ISO date already converted by the reader, or null. */
  date: string | null;
  classification: string | null;
  origin: string | null;
  header: string;
  body: string;
  /** Subject from metadata (HTML title), used only when the body has no SUBJECT line. */
  fallbackSubject?: string | null;
  /** The source gives only a trustworthy day: take the time from the header's DTG if it has one. */
  preferHeaderTime?: boolean;
  /** Cable ids from the csv `references` column, merged after the REF line's. */
  extraReferences?: string[];
}

const MAX_RAW = 4000;

export function reject(source: SourceLocation, reason: string, raw: string): ParseOutcome {
  return { ok: false, rejected: { source, reason, raw: raw.length > MAX_RAW ? raw.slice(0, MAX_RAW) : raw } };
}

export function buildRecord(parts: CableParts, source: SourceLocation): ParseOutcome {
  try {
    return buildRecordUnsafe(parts, source);
  } catch (error) {
    // Cable text is untrusted; a bug on one odd cable must not stop an import.
    return reject(source, `parser error: ${(error as Error).message}`, `${parts.id}\n${parts.header}${parts.body}`);
  }
}

function buildRecordUnsafe(parts: CableParts, source: SourceLocation): ParseOutcome {
  const written = parts.id.trim();
  const id = canonicalCableId(written);
  if (id === null) return reject(source, `unreadable cable id ${JSON.stringify(written.slice(0, 80))}`, `${parts.header}${parts.body}`);
  const header = normalizeNewlines(parts.header);
  const body = normalizeNewlines(parts.body);
  const routing = parseRouting(header);
  const date = parts.preferHeaderTime ? withHeaderTime(parts.date, header) : parts.date;
  const year = yearOf(date) ?? yearFromCableId(id);
  // a header that runs past the SUBJECT line can hold the REF line; the body is searched first
  const refs = parseReferences(findReferenceBlocks(body).length > 0 ? body : `${header}\n${body}`, year, id);
  const references = [...refs.typed];
  for (const extra of parts.extraReferences ?? []) {
    const cid = canonicalCableId(extra);
    if (cid && cid !== id && !references.some((r) => r.cableId === cid)) {
      references.push({ kind: 'cable', bullet: null, value: cid, cableId: cid });
    }
  }
  const classification = parts.classification?.trim() || null;
  const classified = parseClassifiedBy(body, true);
  const subject =
    parseSubject(body) || subjectFromEmailHeader(header) || knownSubject(id) || cleanFallback(parts.fallbackSubject);
  const record: CableRecord = {
    id,
    idAsWritten: written === id ? null : written,
    date,
    classification,
    caveats: parseCaveats(classification, body),
    origin: parts.origin?.trim() || null,
    transmissionId: routing.transmissionId,
    partial: header.includes(PARTIAL_NOTE) || body.startsWith(PARTIAL_NOTE),
    sender: routing.sender,
    to: routing.to,
    info: routing.info,
    subject,
    // a header that runs on past the TAGS line (`… DOL FOR ILAB MMITTELHAUSER TAGS: PINR PGOV BR`) holds it
    tags: findTagsText(body) !== null ? parseTags(body) : parseTags(`${header}\n${body}`),
    references,
    summary: parseSummary(body),
    signers: parseSigners(body, true),
    classifiedBy: classified.persons,
    classificationReasons: classified.reasons,
    declassificationDate: parseDeclassificationDate(body),
    header,
    body,
    source,
  };
  return { ok: true, record };
}

/** The page-title subject of HTML (and seed) sources, used only when the text has none. */
function cleanFallback(subject: string | null | undefined): string {
  return (subject ?? '').replace(/\\/g, '').replace(/\s+/g, ' ').trim();
}

function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

