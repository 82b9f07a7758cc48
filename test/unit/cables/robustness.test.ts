/**
 * Cable text is untrusted: no input may make the parser throw. Property-based (fast-check):
 * random text, random bytes, and real cables with random damage; a damaged cable keeps its id.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseCableText } from '../../../server/src/cables/parse.ts';
import { parseCableHtml } from '../../../server/src/cables/html.ts';
import { parseCsvRow } from '../../../server/src/cables/csv-row.ts';
import { canonicalCableId } from '../../../server/src/cables/canonical-id.ts';
import { parseReferences } from '../../../server/src/cables/references.ts';
import { parseTags } from '../../../server/src/cables/tags.ts';
import { resolvePost, resolveOriginPost } from '../../../server/src/cables/posts.ts';
import type { ParseOutcome } from '../../../server/src/cables/record.ts';

const fixtures = new URL('../../fixtures/formats/', import.meta.url);
const seed = readFileSync(new URL('text/07LONDON3923.txt', fixtures), 'utf8');
const page = readFileSync(new URL('html/cable/1990/08/90BAGHDAD4397.html', fixtures), 'utf8');
const source = { file: 'random.txt', format: 'text' as const };

function isOutcome(o: ParseOutcome): boolean {
  return o.ok ? typeof o.record.id === 'string' && o.record.id.length > 0 : typeof o.rejected.reason === 'string' && o.rejected.reason.length > 0;
}

/** Random damage to a text: delete, insert or replace a slice. */
const damage = (text: string) =>
  fc
    .array(
      fc.record({
        at: fc.nat({ max: Math.max(0, text.length - 1) }),
        length: fc.nat({ max: 400 }),
        insert: fc.string({ unit: fc.constantFrom('\n', ' ', 'A', 'Z', '0', '9', ':', '/', '(', ')', '¶', 'REF: ', 'TAGS: ', 'SUBJECT: ', 'C O N F ', 'é'), maxLength: 60 }),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .map((edits) => edits.reduce((t, e) => t.slice(0, e.at) + e.insert + t.slice(e.at + e.length), text));

test('random text never makes parseCableText throw', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 3000 }), (text) => isOutcome(parseCableText(text, source))),
    { numRuns: 500 },
  );
});

test('random lines shaped like a cable never make it throw', () => {
  const line = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :/.,()-¶\n'.split('')), maxLength: 120 });
  fc.assert(
    fc.property(fc.array(line, { maxLength: 60 }), (lines) => isOutcome(parseCableText(['07PARIS123', ...lines].join('\n'), source))),
    { numRuns: 300 },
  );
});

test('a damaged body never makes it throw, and the cable keeps its id', () => {
  const [metadata, body] = [seed.split('\n').slice(0, 5).join('\n'), seed.split('\n').slice(5).join('\n')];
  fc.assert(
    fc.property(damage(body), (broken) => {
      const outcome = parseCableText(`${metadata}\n${broken}`, source);
      return outcome.ok && outcome.record.id === '07LONDON3923';
    }),
    { numRuns: 200 },
  );
});

test('a damaged HTML page never makes parseCableHtml throw', () => {
  fc.assert(
    fc.property(damage(page), (broken) => isOutcome(parseCableHtml(broken, { file: 'x.html', format: 'html' }))),
    { numRuns: 100 },
  );
});

test('random csv fields never make parseCsvRow throw', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 300 }), { maxLength: 10 }), (fields) => isOutcome(parseCsvRow(fields, { file: 'x.csv', format: 'csv' }))),
    { numRuns: 300 },
  );
});

test('canonicalCableId is idempotent and never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (raw) => {
      const id = canonicalCableId(raw);
      return id === null || canonicalCableId(id) === id;
    }),
    { numRuns: 1000 },
  );
  const station = fc.constantFrom('LONDON', 'STATE', 'SECSTATE', 'RIO', 'PARISFR', 'TAIPEI', 'USUN', 'BAGHDAD');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 99 }), station, fc.integer({ min: 1, max: 9_999_999 }), fc.nat({ max: 3 }), (yy, st, serial, zeros) => {
      const raw = `${String(yy).padStart(2, '0')}${st}${'0'.repeat(zeros)}${serial}`;
      const id = canonicalCableId(raw);
      return id !== null && id.endsWith(String(serial)) && canonicalCableId(id) === id;
    }),
    { numRuns: 500 },
  );
});

test('REF, TAGS and post resolution never throw on random text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 800 }), fc.option(fc.integer({ min: 1960, max: 2010 })), (text, year) => {
      const refs = parseReferences(`REF: ${text}`, year ?? null, null);
      const tags = parseTags(`TAGS: ${text}`);
      const post = resolvePost(text.slice(0, 8) || null, text);
      const origin = resolveOriginPost(text);
      return Array.isArray(refs.cableIds) && Array.isArray(tags) && post.key.length > 0 && origin.key.length > 0;
    }),
    { numRuns: 500 },
  );
});

test('no pathological slowness: a 2 MB cable of repeated REF-like text parses in under 5 s', () => {
  const body = 'REF: A. STATE 1234 B. LONDON 5678 AND 9999, 12345 '.repeat(40_000);
  const started = performance.now();
  const outcome = parseCableText(`07PARIS123\n\nFri Oct 12 00:00:00 +0200 2007\nSECRET\nEmbassy Paris\n${body}`, source);
  assert.ok(isOutcome(outcome));
  assert.ok(performance.now() - started < 5000, `took ${performance.now() - started} ms`);
});
