/** The explorer's pure helpers (no database): date ranges, Lucene text, month filling. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { filterFields, linkTypesParam, rangeIsOrdered, toCableFilter } from '../../../server/src/routes/explorer-params.ts';
import { cablePredicates } from '../../../server/src/queries/filters.ts';
import { peopleLucene } from '../../../server/src/queries/people.ts';
import { toPrefixLuceneQuery } from '../../../server/src/queries/search.ts';
import { fillMonths } from '../../../server/src/queries/timeline.ts';

const filters = z.object(filterFields);

describe('explorer parameters', () => {
  test('`to` is inclusive of the whole period and becomes an exclusive bound', () => {
    assert.deepEqual(toCableFilter(filters.parse({ from: '2008-02', to: '2008-02' })), {
      from: '2008-02',
      toExclusive: '2008-03',
      classifications: null,
    });
    assert.equal(toCableFilter(filters.parse({ to: '2008-12' })).toExclusive, '2009-01');
    assert.equal(toCableFilter(filters.parse({ to: '2008' })).toExclusive, '2009');
    assert.equal(toCableFilter(filters.parse({ to: '2008-02-29' })).toExclusive, '2008-03-01');
    assert.equal(toCableFilter(filters.parse({ to: '2007-12-31' })).toExclusive, '2008-01-01');
  });

  test('invalid dates and empty ranges are refused', () => {
    for (const bad of ['2008-13', '2007-02-29', '08-01', '2008/01', '2008-1', "2008' OR 1=1"]) {
      assert.equal(filters.safeParse({ from: bad }).success, false, bad);
    }
    assert.equal(rangeIsOrdered({ from: '2009', to: '2008-12' }), false);
    assert.equal(rangeIsOrdered({ from: '2008-12-31', to: '2008-12' }), true);
    assert.equal(rangeIsOrdered({ from: '2009-01-01', to: '2008-12-31' }), false);
  });

  test('classifications and relationship types are whitelisted shapes', () => {
    assert.deepEqual(filters.parse({ classification: 'secret, Confidential//NOFORN,secret' }).classification, [
      'SECRET',
      'CONFIDENTIAL//NOFORN',
    ]);
    assert.equal(filters.safeParse({ classification: "SECRET'}) RETURN 1 //" }).success, false);
    assert.deepEqual(linkTypesParam.parse('to,Info'), ['TO', 'INFO']);
    assert.equal(linkTypesParam.safeParse('TO|INFO').success, false);
    assert.equal(linkTypesParam.safeParse('').success, false);
  });

  test('filter predicates reference parameters only', () => {
    const text = cablePredicates('m', { from: "x' OR true", toExclusive: 'y', classifications: ['Z'] }).join(' AND ');
    assert.equal(text, 'm.date >= $filterFrom AND m.date < $filterTo AND m.classification IN $filterClassifications');
    assert.deepEqual(cablePredicates('m', { from: null, toExclusive: null, classifications: null }), []);
  });
});

describe('explorer text helpers', () => {
  test('suggestions complete the last word only, with Lucene syntax escaped', () => {
    assert.equal(toPrefixLuceneQuery('iran nucl'), 'subject:(iran AND nucl*) OR (iran AND nucl)');
    assert.equal(toPrefixLuceneQuery('Iran Nu'), 'Iran AND Nu');
    assert.equal(toPrefixLuceneQuery('a*b'), 'a\\*b');
    assert.equal(toPrefixLuceneQuery('subject:x'), 'subject\\:x');
    assert.equal(toPrefixLuceneQuery('(*:*)'), '\\(\\*\\:\\*\\)');
    assert.equal(toPrefixLuceneQuery('AND OR'), null);
  });

  test('people queries lower-case words and prefix the last', () => {
    assert.deepEqual(peopleLucene('Glyn T. Dav'), { lucene: 'glyn AND t AND dav*', words: ['glyn', 't', 'dav'] });
    assert.deepEqual(peopleLucene("o'brien"), { lucene: "o'brien*", words: ["o'brien"] });
    assert.equal(peopleLucene(' , . '), null);
    assert.equal(peopleLucene('ab c'), null, 'waits for a third letter');
  });

  test('months are filled between the first and the last', () => {
    assert.deepEqual(fillMonths([{ month: '2008-12', count: 2 }, { month: '2008-11', count: 1 }, { month: '2009-02', count: 3 }]), [
      { month: '2008-11', count: 1 },
      { month: '2008-12', count: 2 },
      { month: '2009-01', count: 0 },
      { month: '2009-02', count: 3 },
    ]);
    assert.deepEqual(fillMonths([]), []);
  });
});
