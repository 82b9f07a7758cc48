/**
 * The graph schema has one home (server/src/graph/schema.ts): every label and relationship type
 * that a Cypher text names is one of its own, and the importer's statements come from it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  ANALYSIS,
  ANALYSIS_CONSTRAINTS,
  ANALYSIS_RANGE_INDEXES,
  THREAD,
  MONTH_AGGREGATE,
  CHECKPOINT,
  CONSTRAINTS,
  FULLTEXT_INDEXES,
  LINK_TYPES,
  NODES,
  RANGE_INDEXES,
  kindOfLabels,
  matchNode,
  schemaStatements,
  fulltextIndexStatements,
  typeAlternatives,
} from '../../../server/src/graph/schema.ts';

const root = new URL('../../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');
const queryDir = 'server/src/queries/';
/** Every file that holds Cypher. */
const cypherFiles = [
  ...readdirSync(new URL(queryDir, root)).filter((f) => f.endsWith('.ts')).map((f) => `${queryDir}${f}`),
  'scripts/import/writer.ts',
  'scripts/import/admin-import.ts',
  'scripts/analyse/store.ts',
  'scripts/db/graph-stats.ts',
  'scripts/bench/fixtures.ts',
];

const labels = new Set<string>([...Object.values(NODES).map((n) => n.label), CHECKPOINT.label, ANALYSIS.label, THREAD.label, MONTH_AGGREGATE.label]);
const types = new Set<string>(LINK_TYPES);

test('every label a Cypher text names is a schema label', () => {
  const seen = new Set<string>();
  for (const file of cypherFiles) {
    const text = read(file);
    // `(c:Cable`, `(:Post`, `m:Tag` (a label predicate); property maps have a space after the
    // colon, and labels are CamelCase where node ids (`post:LONDON`) are upper-case.
    for (const m of text.matchAll(/(?:\(\s*\w*|(?<!\[\s*)\b[a-z]\w*):([A-Z][a-z][A-Za-z]*)\b/g)) {
      seen.add(m[1]!);
      assert.ok(labels.has(m[1]!), `${file}: unknown label ${m[1]} in "${m[0]}"`);
    }
  }
  assert.ok(seen.has('Cable') && seen.has('Post') && seen.has('Tag'), 'the scan finds labels at all');
});

test('every relationship type a Cypher text names is one of LINK_TYPES', () => {
  const seen = new Set<string>();
  for (const file of cypherFiles) {
    for (const m of read(file).matchAll(/\[\s*\w*\s*:\s*([A-Z_]+(?:\s*\|\s*[A-Z_]+)*)/g)) {
      for (const type of m[1]!.split('|').map((t) => t.trim())) {
        seen.add(type);
        assert.ok(types.has(type), `${file}: unknown relationship type ${type} in "${m[0]}"`);
      }
    }
  }
  assert.deepEqual([...seen].sort(), [...types].sort(), 'every type is used somewhere');
});

test('index names are written only in the schema module', () => {
  const names = [...CONSTRAINTS, ...RANGE_INDEXES, ...FULLTEXT_INDEXES, ...ANALYSIS_CONSTRAINTS, ...ANALYSIS_RANGE_INDEXES].map((i) => i.name);
  for (const file of cypherFiles) {
    const text = read(file);
    for (const name of names) assert.ok(!new RegExp(`['"]${name}['"]|INDEX ${name}\\b`).test(text), `${file} spells out the index name ${name}`);
  }
});

test('the schema statements create every constraint and index, idempotently', () => {
  const statements = [...schemaStatements(), ...fulltextIndexStatements()];
  assert.equal(statements.length, CONSTRAINTS.length + RANGE_INDEXES.length + FULLTEXT_INDEXES.length);
  for (const s of statements) assert.match(s, /^CREATE (CONSTRAINT|INDEX|FULLTEXT INDEX) \w+ IF NOT EXISTS FOR \(x:[A-Z]\w+\)/);
  assert.ok(schemaStatements().includes('CREATE CONSTRAINT cable_id IF NOT EXISTS FOR (x:Cable) REQUIRE x.id IS UNIQUE'));
});

test('node matching and type lists come from the tables, never from input', () => {
  assert.equal(matchNode('post'), 'MATCH (n:Post {key: $key})');
  assert.equal(matchNode('cable', 'a', 'fromKey'), 'MATCH (a:Cable {id: $fromKey})');
  assert.equal(kindOfLabels(['Tag']), 'tag');
  assert.equal(kindOfLabels(['ImportCheckpoint']), null);
  assert.equal(typeAlternatives(['INFO', 'TO']), 'TO|INFO');
  assert.equal(typeAlternatives(['TO]->() DETACH DELETE n //', 'FROM']), 'FROM');
  assert.equal(typeAlternatives([]), '');
});
