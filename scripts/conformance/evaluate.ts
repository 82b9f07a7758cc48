/**
 * Checks one conformance case (the heuer/cablemap-derived schema, see
 * test/conformance/README.md) against this parser. Pure: the caller supplies the cable
 * text for `input_kind: cable_id` cases.
 */
import type { CableRecord, Recipient } from '../../server/src/cables/record.ts';
import { canonicalCableId } from '../../server/src/cables/canonical-id.ts';
import { parseTagCodes, parseTagsAsWritten } from '../../server/src/cables/tags.ts';
import { tagKind } from '../../server/src/cables/tag-kind.ts';
import { parseSubject } from '../../server/src/cables/subject.ts';
import { parseDeclassificationDate } from '../../server/src/cables/declassification.ts';
import { parseRouting } from '../../server/src/cables/routing.ts';
import { parseReferences } from '../../server/src/cables/references.ts';
import { parseSummary } from '../../server/src/cables/summary.ts';
import { parseSigners } from '../../server/src/cables/signers.ts';
import { parseClassifiedBy } from '../../server/src/cables/classified-by.ts';
import { titlefy } from '../../server/src/cables/titlefy.ts';
import { cleanContent } from '../../server/src/cables/clean-content.ts';

export interface ConformanceCase {
  id: string;
  source_cable?: string | null;
  input_kind: 'text' | 'cable_id' | 'tag';
  input: string;
  context?: Record<string, unknown> | null;
  expected: unknown;
  assertion: 'equals' | 'contains' | 'set-equals' | 'canonical-equivalent';
  cablemap_head?: string;
}

export type CaseResult = { status: 'pass' } | { status: 'fail'; actual: unknown; note?: string };

/** The field a case file tests, from its name (`references.by_cable_id.json` → `references`). */
export function fieldOfFile(fileName: string): string {
  return fileName.replace(/\.json$/, '').replace(/\.by_cable_id$/, '');
}

export const KNOWN_FIELDS = new Set([
  'canonical_id', 'tags', 'tag_kind', 'subject', 'subject_titlefy', 'summary', 'signers', 'classified_by',
  'recipients_to', 'recipients_info', 'nondisclosure_deadline', 'references', 'references_typed',
  'transmission_id', 'clean_content',
]);

/** Looks up and parses the cable a `cable_id` case names. */
export type CableLookup = (id: string) => CableRecord | null;

function ctx<T>(c: ConformanceCase, key: string, fallback: T): T {
  const value = c.context?.[key];
  return value === undefined || value === null ? fallback : (value as T);
}

/** cablemap spells recipients with the excluded addressees attached to the collective before them. */
function cablemapRecipients(list: Recipient[]): Array<Record<string, unknown>> {
  const out: Array<{ route: string | null; name: string; precedence: string | null; mcn: string | null; excluded: string[] }> = [];
  for (const r of list) {
    if (r.excluded) {
      out.at(-1)?.excluded.push(r.name);
      continue;
    }
    out.push({ route: r.route, name: r.name, precedence: r.precedence, mcn: r.mcn, excluded: [] });
  }
  return out;
}

const TAG_KIND_NAMES: Record<string, string> = { country: 'geo', organisation: 'org', other: 'unknown' };

function canonicalList(values: unknown): unknown {
  return Array.isArray(values) ? values.map((v) => (typeof v === 'string' ? canonicalCableId(v) ?? v : v)) : values;
}

function canonicalTyped(values: unknown): unknown {
  if (!Array.isArray(values)) return values;
  return values.map((v: { value: string; kind: string; bullet: string | null }) => ({
    value: v.kind === 'cable' ? canonicalCableId(v.value) ?? v.value : v.value,
    kind: v.kind,
    bullet: v.bullet,
  }));
}

/** The parser's answer for one case, in the case's own shape. */
function actualFor(field: string, c: ConformanceCase, cable: CableLookup): { value: unknown; expected: unknown } | null {
  const byId = c.input_kind === 'cable_id' && field !== 'canonical_id';
  const record = byId ? cable(c.input) : null;
  if (byId && record === null) return { value: undefined, expected: c.expected };
  const text = c.input;
  const year = ctx<number | null>(c, 'year', null);
  const self = ctx<string | null>(c, 'reference_id', null);
  switch (field) {
    case 'canonical_id': {
      const actual = canonicalCableId(text);
      if (c.assertion === 'canonical-equivalent') {
        return { value: actual, expected: canonicalCableId(String(ctx(c, 'equivalent_to', ''))) };
      }
      return { value: actual, expected: c.expected };
    }
    case 'tags':
      if (record) return { value: record.tags.map((t) => t.code), expected: c.expected };
      return { value: ctx(c, 'canonicalize', true) ? parseTagCodes(text) : parseTagsAsWritten(text), expected: c.expected };
    case 'tag_kind': {
      const kind = tagKind(text);
      return { value: TAG_KIND_NAMES[kind] ?? kind, expected: c.expected };
    }
    case 'subject':
      if (record) return { value: record.subject, expected: c.expected };
      return { value: parseSubject(text, ctx(c, 'clean', true)), expected: c.expected };
    case 'subject_titlefy':
      return { value: titlefy(text), expected: c.expected };
    case 'clean_content':
      return { value: cleanContent(text), expected: c.expected };
    case 'summary':
      return { value: record ? record.summary : parseSummary(text), expected: c.expected };
    case 'signers':
      return { value: parseSigners(record ? record.body : text, ctx(c, 'canonicalize', false)), expected: c.expected };
    case 'classified_by':
      return { value: parseClassifiedBy(record ? record.body : text, ctx(c, 'normalize', false)).persons, expected: c.expected };
    case 'recipients_to':
      return { value: cablemapRecipients(record ? record.to : parseRouting(text).to), expected: c.expected };
    case 'recipients_info':
      return { value: cablemapRecipients(record ? record.info : parseRouting(text).info), expected: c.expected };
    case 'nondisclosure_deadline':
      return { value: record ? record.declassificationDate : parseDeclassificationDate(text), expected: c.expected };
    case 'references': {
      const ids = record ? record.references.filter((r) => r.cableId).map((r) => r.cableId) : parseReferences(text, year, self).cableIds;
      return { value: canonicalList(ids), expected: canonicalList(c.expected) };
    }
    case 'references_typed': {
      // cablemap's typed references list only kinds it recognises; `other` is this parser's extra
      const typed = (record ? record.references : parseReferences(text, year, self).typed).filter((r) => r.kind !== 'other');
      return { value: canonicalTyped(typed.map((r) => ({ value: r.value, kind: r.kind, bullet: r.bullet }))), expected: canonicalTyped(c.expected) };
    }
    case 'transmission_id':
      return { value: record ? record.transmissionId : null, expected: c.expected };
    default:
      return null;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function holds(assertion: ConformanceCase['assertion'], actual: unknown, expected: unknown): boolean {
  if (assertion === 'contains' || assertion === 'set-equals') {
    if (!Array.isArray(actual) || !Array.isArray(expected)) return false;
    const has = (list: unknown[], x: unknown) => list.some((y) => deepEqual(x, y));
    const contained = expected.every((x) => has(actual, x));
    return assertion === 'contains' ? contained : contained && actual.every((x) => has(expected, x));
  }
  return deepEqual(actual, expected);
}

/** Null when the field is unknown to this parser (the runner reports it as skipped). */
export function evaluateCase(field: string, c: ConformanceCase, cable: CableLookup): CaseResult | null {
  if (!KNOWN_FIELDS.has(field)) return null;
  let answer: { value: unknown; expected: unknown } | null;
  try {
    answer = actualFor(field, c, cable);
  } catch (error) {
    return { status: 'fail', actual: undefined, note: `threw: ${(error as Error).message}` };
  }
  if (answer === null) return null;
  if (c.input_kind === 'cable_id' && field !== 'canonical_id' && answer.value === undefined) {
    return { status: 'fail', actual: undefined, note: `cable text ${c.input}.txt not found or not parseable` };
  }
  return holds(c.assertion, answer.value, answer.expected) ? { status: 'pass' } : { status: 'fail', actual: answer.value };
}
