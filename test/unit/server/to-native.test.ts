import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import neo4j from 'neo4j-driver';
import { toDriverParams, toNative } from '../../../server/src/db/to-native.ts';

describe('toNative: driver values become plain JSON', () => {
  test('integers, temporals, nodes and nested maps', () => {
    const node = new neo4j.types.Node(neo4j.int(7), ['Cable'], { id: '07LONDON3923', year: neo4j.int(2007) }, 'e7');
    const value = {
      count: neo4j.int(42),
      huge: neo4j.int('9007199254740993'),
      date: new neo4j.types.Date(2007, 10, 12),
      at: new neo4j.types.DateTime(2007, 10, 12, 16, 4, 0, 0, 0),
      node,
      list: [neo4j.int(1), 'two', null, [neo4j.int(3)]],
      nested: { deeper: { n: neo4j.int(5), flag: true } },
      big: 12n,
      missing: undefined,
    };
    assert.deepEqual(toNative(value), {
      count: 42,
      huge: '9007199254740993',
      date: '2007-10-12',
      at: '2007-10-12T16:04:00Z',
      node: { id: '07LONDON3923', year: 2007 },
      list: [1, 'two', null, [3]],
      nested: { deeper: { n: 5, flag: true } },
      big: 12,
      missing: null,
    });
  });

  test('parameters: whole numbers become driver integers, fractions stay floats', () => {
    const params = toDriverParams({ limit: 50, ratio: 0.5, ids: [1, 2], filter: { from: 2001 }, text: 'x' });
    assert.ok(neo4j.isInt(params.limit));
    assert.equal(params.ratio, 0.5);
    assert.ok((params.ids as unknown[]).every((v) => neo4j.isInt(v)));
    assert.ok(neo4j.isInt((params.filter as Record<string, unknown>).from));
    assert.equal(params.text, 'x');
  });
});
