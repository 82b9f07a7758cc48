/**
 * Properties of every parsed field (fast-check): the parser never throws on any text, and what
 * a field names survives the ways it is written in real cables (the id of a cited cable, a TAGS
 * code, the classifying person, the summary text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseReferences } from '../../../server/src/cables/references.ts';
import { parseSummary } from '../../../server/src/cables/summary.ts';
import { parseClassifiedBy } from '../../../server/src/cables/classified-by.ts';
import { parseTagCodes } from '../../../server/src/cables/tags.ts';
import { parseCableText } from '../../../server/src/cables/parse.ts';

/**
 * A fixed seed by default, so that the default test run gives the same answer every time (it
 * once failed on a case found by chance: `90 1940 STATE`, a serial that looks like a year);
 * FC_SEED=random explores new cases, FC_SEED=<n> replays one (a failure prints its seed).
 */
const SEED = process.env.FC_SEED === 'random' ? undefined : Number(process.env.FC_SEED ?? 20261208);
const RUNS = { numRuns: 300, ...(SEED === undefined ? {} : { seed: SEED }) };

const cableLike = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.constantFrom('REF:', 'A.', '(B)', 'C -', 'STATE', '12O4', '#', '(04)', 'SUMMARY:', 'END SUMMARY', 'TAGS:', 'PAGE 02', 'Classified By:', 'for reasons 1.4', '\n', ' ', ',', ';'), { maxLength: 60 }).map((w) => w.join(' ')),
);

test('no field parser throws, whatever the text', () => {
  fc.assert(
    fc.property(cableLike, fc.integer({ min: 1966, max: 2010 }), (text, year) => {
      parseReferences(text, year, null);
      parseSummary(text);
      parseClassifiedBy(text, true);
      parseTagCodes(text);
      parseCableText(`06ROME1\n\nMon Jan 02 00:00:00 +0100 2006\nSECRET\nEmbassy Rome\n${text}`, { file: 'x', format: 'text' });
    }),
    RUNS,
  );
});

const STATIONS = ['STATE', 'PARIS', 'LONDON', 'BUENOS AIRES', 'SAN JOSE', 'KABUL', 'NEW DELHI', 'RIYADH', 'THE HAGUE', 'USUN NEW YORK'];
const CANONICAL: Record<string, string> = { 'THE HAGUE': 'THEHAGUE', 'USUN NEW YORK': 'USUNNEWYORK' };
/** OCR misreadings of some digits; a number read with no digit left (`OO`) is not recognisable as one. */
const ocr = (digits: string, flips: boolean[]): string => {
  const read = [...digits].map((d, i) => (flips[i] && d === '0' ? 'O' : flips[i] && d === '1' ? 'l' : d)).join('');
  return /\d/.test(read) ? read : digits.slice(0, -1).replace(/0/g, 'O').replace(/1/g, 'l') + digits.slice(-1);
};

test('references: the cited id survives every way of writing it', () => {
  const styles = ['plain', 'year-first', 'paren-year', 'year-after', 'colon', 'hash', 'serial-first', 'ocr', 'bullet-dash', 'with-email'] as const;
  fc.assert(
    fc.property(
      fc.constantFrom(...STATIONS),
      fc.integer({ min: 100, max: 399999 }),
      fc.integer({ min: 1990, max: 2009 }),
      fc.constantFrom(...styles),
      fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      (station, serialNumber, year, style, flips) => {
        const citing = year + 1;
        const yy = String(year).slice(2);
        const serial = String(serialNumber).padStart(6, '0');
        const line = {
          plain: `REF: ${yy} ${station} ${serial}`,
          'year-first': `REF: A. ${yy} ${station} ${serialNumber}`,
          'paren-year': `REF: ${station} (${yy}) ${serialNumber}`,
          'year-after': `REF: ${station} ${serial} ${yy}`,
          colon: `REF: ${yy} ${station}: ${serialNumber}`,
          hash: `REF: ${yy} ${station} #${serialNumber}`,
          'serial-first': `REF: ${yy} ${serialNumber} ${station}`,
          ocr: `REF: ${ocr(yy, flips)} ${station} ${ocr(serial, flips.slice(2))}`,
          'bullet-dash': `REF: A - ${yy} ${station} ${serialNumber}\nB - SMITH EMAIL 3/4/${yy}\n`,
          'with-email': `REF: ${yy} ${station} ${serialNumber} AND JONES E-MAIL OF 5/6/${yy}`,
        }[style];
        const expected = `${yy}${CANONICAL[station] ?? station.replace(/ /g, '')}${serialNumber}`;
        const found = parseReferences(line, citing, null).cableIds;
        assert.ok(found.includes(expected), `${JSON.stringify(line)} → ${JSON.stringify(found)}, expected ${expected}`);
        if (style === 'bullet-dash' || style === 'with-email') {
          assert.ok(parseReferences(line, citing, null).typed.some((r) => r.kind === 'email'), `the e-mail of ${JSON.stringify(line)} is kept`);
        }
      },
    ),
    RUNS,
  );
});

/** Surnames shaped like real ones; some are also title words (`Line`, `General`) or begin like a word of the reason clause (`Forrest`, `Reardon`). */
const SURNAME = fc.stringMatching(/^[BFGHKLMNPRTVW][aeiou][bdfgklmnprstvz][a-z]{1,6}$/)
  // NARA is the National Archives in a Classified-By line (`NARA REVIEW`), not a person
  .filter((s) => s.toUpperCase() !== 'NARA');
const NAMES = fc.tuple(
  fc.constantFrom('John', 'Mary', 'Ahmed', 'Li', 'Carmen', 'Robert', 'Ann', 'Kurt', 'Damian', 'JoAnne'),
  fc.option(fc.constantFrom('A.', 'J.', 'T.'), { nil: undefined }),
  fc.oneof(
    { weight: 6, arbitrary: SURNAME },
    // `McKelvey`, `FitzGibbon`, `Smith-Jones`
    fc.tuple(fc.constantFrom('Mc', 'Fitz', 'O\''), SURNAME).map(([prefix, s]) => prefix + s),
    fc.tuple(SURNAME, SURNAME).map(([a, b]) => `${a}-${b}`),
  ),
);
const TITLES = ['Ambassador', 'Ambasador', 'DCM', 'Charge d\'Affaires', 'Political Counselor', 'Poltical Counslor', 'Econ Officer', 'COM', 'Deputy Chief of Mission', 'A/DCM', 'CDA', 'Under Secretary', 'Acting PolCouns'];
const ENDINGS = [' for reasons 1.4 (b) and (d)', ', reasons 1.4(b)', '. Reason: 1.5 (d)', ' FR reasons 1.4 (b)', ' F0R REASONS 1.4 (D)', ' DUE TO 1.4 (b)', '; reason 1.4 (c)', ' per 1.4 (b,d)', ' under Section 1.4 (b)', ', resons 1.4 (b)', ' REA SONS 1.4 (d)', ' based on 1.4 (b)'];

test('classified-by: the person survives titles (also misspelt) and stray words before the reasons', () => {
  fc.assert(
    fc.property(NAMES, fc.constantFrom(...TITLES), fc.constantFrom(...ENDINGS), fc.constantFrom('as typed', 'upper', 'lower'), ([given, initial, surname], title, ending, casing) => {
      const name = [given, initial, surname].filter(Boolean).join(' ');
      const typed = `Classified By: ${title} ${name}${ending}`;
      const line = casing === 'upper' ? typed.toUpperCase() : casing === 'lower' ? typed.toLowerCase() : typed;
      const expected = casing === 'upper' ? name.toUpperCase() : casing === 'lower' ? name.toLowerCase() : name;
      assert.deepEqual(parseClassifiedBy(line).persons, [expected], line);
    }),
    RUNS,
  );
});

const CODES = ['PREL', 'PGOV', 'KDEM', 'ECON', 'ETRD', 'PHUM', 'IZ', 'AF', 'FR', 'KNNP', 'MARR', 'EFIN'];

test('tags: every code survives separators and a page break inside the field', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.constantFrom(...CODES), { minLength: 2, maxLength: 7 }),
      fc.constantFrom(', ', ' '),
      fc.integer({ min: 1, max: 6 }),
      fc.constantFrom('CONFIDENTIAL', 'SECRET//NOFORN', 'UNCLASSIFIED', 'C O N F I D E N T I A L'),
      fc.constantFrom('PAGE 02 ROME 01234 01 OF 02 121212Z', 'ROME 00001234 002 OF 003', 'SECTION 02 OF 03 ROME 001234'),
      (codes, sep, cut, banner, header) => {
        const at = Math.min(cut, codes.length - 1);
        const first = codes.slice(0, at).join(', ');
        const rest = codes.slice(at).join(sep.trim() === ',' ? ', ' : ', ');
        const text = `TAGS: ${first},\n${banner}\n${header}\n${rest}\nSUBJECT: TEST`;
        assert.deepEqual(parseTagCodes(text), codes, text);
      },
    ),
    RUNS,
  );
});

test('summary: the text survives every opening and closing of a summary', () => {
  const sentence = fc.stringMatching(/^[A-Z][a-z]{2,8}( [a-z]{2,8}){2,8}\.$/);
  fc.assert(
    fc.property(
      fc.array(sentence, { minLength: 1, maxLength: 3 }),
      fc.constantFrom('1. (C) Summary: ', '1.(C) Summary: ', 'SUMMARY: ', '¶1. (SBU) SUMMARY - ', 'CONFIDENTIAL\nSUMMARY: ', 'Begin Summary. '),
      fc.constantFrom(' End Summary.\n\n2. (C) Next.', '\nEND SUMMARY\n', '\n\nBACKGROUND\n----------\n\n2. Next.', '\n\nComment:\n\n2. Next.'),
      (sentences, open, close) => {
        const text = sentences.join(' ');
        assert.equal(parseSummary(`${open}${text}${close}`), text);
      },
    ),
    RUNS,
  );
});
