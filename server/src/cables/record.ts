/**
 * The typed record the parser produces for one cable, whatever format it came from.
 * Every consumer (importer, `npm run parse`, tests) speaks this shape; it is documented
 * field by field in docs/parser.md.
 */

/** Where a record came from, so that a rejected or odd record can be found again. */
export interface SourceLocation {
  /** File path as given on the command line (or archive path). */
  file: string;
  /** Member inside an archive (tar/zip), when the cable came from one. */
  member?: string;
  /** 1-based line (text) or row (CSV) where the record starts. */
  line?: number;
  /**
   * Which reader produced the record; rejects only: `archive` (the archive itself is unreadable)
   * and `unknown` (a file or archive member of no supported format).
   */
  format: 'text' | 'csv' | 'html' | 'archive' | 'unknown';
}

/** A TO or INFO addressee as written in the routing header. */
export interface Recipient {
  /** Routing indicator (`RUEHC`), or null when the line has none. */
  route: string | null;
  /** Addressee as written (`SECSTATE WASHDC`). */
  name: string;
  /** `IMMEDIATE`, `PRIORITY`, `ROUTINE`, `FLASH`, or null. */
  precedence: string | null;
  /** Message control number at the end of the line (`5861`), or null. */
  mcn: string | null;
  /** True when the line excludes the addressee (`... ONLY`/`EXCLUDE`). */
  excluded: boolean;
}

/** The sender from the `FM` line. */
export interface Sender {
  route: string | null;
  name: string;
}

export type TagKind = 'country' | 'subject' | 'program' | 'organisation' | 'person' | 'other';

export interface Tag {
  /** Canonical upper-case code (`PREL`, `IR`, `CLINTON, HILLARY`). */
  code: string;
  kind: TagKind;
}

export type ReferenceKind = 'cable' | 'email' | 'report' | 'book' | 'tel' | 'other';

export interface Reference {
  kind: ReferenceKind;
  /** Bullet letter of the REF line (`A`, `B`, …), or null. */
  bullet: string | null;
  /** The reference as written (for non-cable kinds the raw text). */
  value: string;
  /** Canonical cable id (`07LONDON3175`) when kind is `cable`, else null. */
  cableId: string | null;
}

export interface CableRecord {
  /** Canonical cable id: `YY` + station + serial without leading zeros. */
  id: string;
  /** The id as written in the source, when it differs from `id`; else null. */
  idAsWritten: string | null;
  /**
   * ISO 8601: a UTC date-time (`2007-10-12T16:04:00Z`) when the source gives the time, a
   * calendar date (`2007-10-12`) when it gives only the day (the seed text format); null if
   * unreadable. Both forms sort correctly as strings.
   */
  date: string | null;
  /** `CONFIDENTIAL`, `SECRET//NOFORN`, … as written on the metadata line, or null. */
  classification: string | null;
  /** Handling caveats found in the classification or header (`NOFORN`, `SIPDIS`, …). */
  caveats: string[];
  /** Origin post as written on the metadata line (`Embassy London`), or null. */
  origin: string | null;
  /** Transmission id from the header (`VZCZCXRO8374`), or null. */
  transmissionId: string | null;
  /** True when the record is a partial extract without the routing header. */
  partial: boolean;
  /** The `FM` line, or null when absent. */
  sender: Sender | null;
  to: Recipient[];
  info: Recipient[];
  /** Subject, cleaned (`(C)`-style markings removed); `""` when none. */
  subject: string;
  tags: Tag[];
  references: Reference[];
  summary: string | null;
  signers: string[];
  classifiedBy: string[];
  /** Reasons from the `Classified By:` line (`1.4 (B)`, `1.4 (D)`). */
  classificationReasons: string[];
  /** `E.O. 12958: DECL:` date as `YYYY-MM-DD`, or null. */
  declassificationDate: string | null;
  /** Routing header (everything before the body). */
  header: string;
  /** Body text. */
  body: string;
  source: SourceLocation;
}

/** A record that could not be read, with where it came from and why. */
export interface RejectedRecord {
  source: SourceLocation;
  reason: string;
  /** The raw text (truncated to a sane size) so nothing is lost. */
  raw: string;
}

export type ParseOutcome =
  | { ok: true; record: CableRecord }
  | { ok: false; rejected: RejectedRecord };
