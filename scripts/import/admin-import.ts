/**
 * The fast path for a FIRST load into the empty bundled `app` instance: the records are parsed by
 * the same readers and mapped by the same row builder (rows.ts) as the Bolt path, the duplicate
 * rule is applied in Node, and the result goes to node/relationship CSV files in the instance's
 * import folder; the server is stopped, `neo4j-admin database import full` builds the store, the
 * server is started again and the schema (writer.ts's statements, full-text indexes included) is
 * created and awaited. The graph is the one the Bolt path builds from the same input.
 *
 * Two passes, bounded memory: pass 1 parses every record, writes its row as one JSON line to a
 * spill file and keeps, per canonical id, the winner of the duplicate rule (most text, then the
 * greater content hash) and how many records carry the id; pass 2 reads the spill file and writes
 * the winners' node rows and every record's links (deduplicated per cable, so a duplicated cable
 * gets the union of its records' links, the first record's relationship properties winning as in
 * the Bolt path's ON CREATE). Posts, tags and cited ids are deduplicated in memory (small).
 */
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
import {
  CABLE_BOOKKEEPING_COLUMNS,
  CABLE_COLUMNS,
  listProperties,
  LINK_COLUMNS,
  LINK_TYPES,
  LINKS,
  NODES,
  POST_COLUMNS,
  TAG_COLUMNS,
  type ColumnKind,
  type LinkType,
  type NodeKind,
} from '../../server/src/graph/schema.ts';
import { graphStats } from '../db/graph-stats.ts';
import { externalConnection, instancePaths, neo4jAdmin, startLocal, stopLocal } from '../neo4j/local.ts';
import { NothingToImport, type ImportSummary } from './import.ts';
import { listInputs, totalBytes, type InputEntry } from './inputs.ts';
import { checkFreeSpace, describeWriteError, loadEstimate } from './disk-space.ts';
import { prefers, ruleInput, type RuleInput } from './duplicate-rule.ts';
import { FIRST_RECORD, RecordStream } from './records.ts';
import { RejectsFile } from './rejects.ts';
import { finishedCheckpoint } from './resume.ts';
import { silentProgress, type ProgressReporter } from './progress.ts';
import { PostSet, type CableRow } from './rows.ts';
import { awaitIndexes, ensureSchema, saveCheckpointOnly } from './writer.ts';

export interface FastImportOptions {
  rejectsFile?: string | null;
  workers?: number;
  progress?: ProgressReporter;
  /** The rejects file is the default name, not the user's: take a free variant rather than refuse. */
  rejectsFileIsDefault?: boolean;
  /** false skips the free-space check (disk-space.ts) before the load. */
  spaceCheck?: boolean;
  /** Lines from starting/stopping Neo4j and from neo4j-admin. */
  log?: (line: string) => void;
}

export class FastImportRefused extends Error {}

/** Separates array elements inside a CSV field (a control character no cable text uses). */
const ARRAY_DELIMITER = '\u001f';

type Kind = ColumnKind;

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function field(value: unknown, kind: Kind, column: string): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw new Error(`column ${column}: expected a string, got ${typeof value}`);
      return quote(value);
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`column ${column}: expected an integer`);
      return String(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw new Error(`column ${column}: expected a boolean`);
      return String(value);
    case 'string[]':
      if (!Array.isArray(value)) throw new Error(`column ${column}: expected a list`);
      for (const v of value) if (typeof v !== 'string' || v.includes(ARRAY_DELIMITER)) throw new Error(`column ${column}: unexpected list element`);
      return quote(value.join(ARRAY_DELIMITER));
  }
}

function header(columns: readonly (readonly [string, Kind])[], first: string[] = []): string {
  return [...first, ...columns.map(([name, kind]) => (kind === 'string' ? name : `${name}:${kind}`))].join(',');
}

/**
 * An output file with backpressure whose stream errors (a full disk, say) never go unhandled:
 * the first one is kept and thrown, with a clear message, by the next write or by close().
 */
class OutFile {
  private readonly stream: WriteStream;
  private error: Error | null = null;
  constructor(readonly file: string) {
    this.stream = createWriteStream(file);
    this.stream.on('error', (error) => {
      this.error ??= error;
    });
  }
  private fail(): never {
    throw new LoadWriteFailed(describeWriteError(this.error!, this.file));
  }
  async write(text: string): Promise<void> {
    if (this.error) this.fail();
    if (!this.stream.write(text)) await this.settled('drain');
  }
  async close(): Promise<void> {
    if (this.error) this.fail();
    if (this.stream.writableFinished) return;
    this.stream.end();
    await this.settled('finish');
  }
  /** Closes without waiting, after a failure elsewhere. */
  destroy(): void {
    this.stream.destroy();
  }
  /** Waits for `event`, or throws the stream's error. */
  private async settled(event: 'drain' | 'finish'): Promise<void> {
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off(event, done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on(event, done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
    if (this.error) this.fail();
  }
}

/** A write of the load's temporary files failed (disk full, …). */
export class LoadWriteFailed extends Error {}

/** A CSV output file for neo4j-admin. */
class CsvOut extends OutFile {
  rows = 0;
  constructor(file: string, head: string) {
    super(file);
    void this.write(`${head}\n`).catch(() => undefined);
  }
  async line(cells: string[]): Promise<void> {
    this.rows += 1;
    await this.write(`${cells.join(',')}\n`);
  }
}

/** neo4j-admin reads an empty array field as "no property"; the Bolt path stores empty lists. */
const emptyLists = (match: string, v: string, lists: readonly string[]) => `
${match} AND (${lists.map((p) => `${v}.${p} IS NULL`).join(' OR ')})
CALL { WITH ${v} SET ${lists.map((p) => `${v}.${p} = coalesce(${v}.${p}, [])`).join(', ')} } IN TRANSACTIONS OF 10000 ROWS`;
const emptyCableLists = emptyLists('MATCH (c:Cable) WHERE c.inCorpus = true', 'c', listProperties(CABLE_COLUMNS));
const emptyPostLists = emptyLists('MATCH (p:Post) WHERE true', 'p', listProperties(POST_COLUMNS));

async function refuseUnlessEmpty(db: Database): Promise<void> {
  const rows = await db.read<{ any: boolean }>('RETURN EXISTS { MATCH (n) } AS any');
  if (rows[0]?.any === true) {
    throw new FastImportRefused(
      'the database is not empty: --fast is for a first load only (neo4j-admin rebuilds the whole database). ' +
        'Use `npm run import` without --fast to add to it, or empty it first (`npm run db:reset`).',
    );
  }
}

interface Winner extends RuleInput {
  seq: number;
  /** Records carrying this canonical id. */
  count: number;
}

/**
 * Writes the load's files into `dir` (removed again on failure, by fastImport, and on Ctrl-C): the spill file,
 * then the node and relationship CSV files. Returns the neo4j-admin arguments naming them and the
 * run's counters. A failed write (disk full) throws LoadWriteFailed with a clear message.
 */
export async function writeLoadFiles(dir: string, files: InputEntry[], rejects: RejectsFile, options: FastImportOptions = {}) {
  const outputs: OutFile[] = [];
  try {
    return await writeCsvFiles(dir, files, rejects, options, outputs);
  } catch (error) {
    // no spill or CSV file outlives a failed load (fastImport also removes the whole folder)
    for (const o of outputs) {
      o.destroy();
      rmSync(o.file, { force: true });
    }
    throw error;
  }
}

async function writeCsvFiles(dir: string, files: InputEntry[], rejects: RejectsFile, options: FastImportOptions, opened: OutFile[]) {
  const progress = options.progress ?? silentProgress;
  const spillFile = path.join(dir, 'cables.spill.jsonl');
  const spill = new OutFile(spillFile);
  opened.push(spill);
  const winners = new Map<string, Winner>();
  let read = 0;
  let rejected = 0;
  let imported = 0;
  let headerNoiseRecords = 0;
  const records = new RecordStream(files, FIRST_RECORD, options.workers);

  // Pass 1: parse, spill, duplicate rule.
  progress.start(totalBytes(files), 0, 0);
  try {
    for await (const item of records.items()) {
      read += 1;
      if (item.row) {
        const row = item.row;
        if (row.headerNoise.length > 0) headerNoiseRecords += 1;
        const seq = imported++;
        const w = winners.get(row.id);
        if (!w) winners.set(row.id, { seq, ...ruleInput(row), count: 1 });
        else {
          w.count += 1;
          if (prefers(ruleInput(row), w)) Object.assign(w, { seq, ...ruleInput(row) });
        }
        await spill.write(`${JSON.stringify(row)}\n`);
      } else if (item.rejected) {
        rejected += 1;
        rejects.write(item.rejected);
      }
      progress.update(records.bytes, read, rejected);
    }
  } finally {
    progress.stop();
  }
  await spill.close();
  if (imported === 0) return { adminArgs: [], read, imported, rejected, headerNoiseRecords, rejectsBytes: rejects.bytes, csvFiles: [] as string[] };

  // Pass 2: the spill file → node and relationship CSV files.
  // neo4j-admin ID groups are named after the labels; every key is a string (--id-type=string).
  const idColumn = (kind: NodeKind) => `${NODES[kind].key}:ID(${NODES[kind].label})`;
  const nodes = {
    cables: new CsvOut(path.join(dir, 'cables.csv'), header([...CABLE_COLUMNS, ...CABLE_BOOKKEEPING_COLUMNS], [idColumn('cable')])),
    stubs: new CsvOut(path.join(dir, 'stubs.csv'), header([CABLE_BOOKKEEPING_COLUMNS[0]], [idColumn('cable')])),
    posts: new CsvOut(path.join(dir, 'posts.csv'), header(POST_COLUMNS, [idColumn('post')])),
    tags: new CsvOut(path.join(dir, 'tags.csv'), header(TAG_COLUMNS, [idColumn('tag')])),
  };
  const links = Object.fromEntries(
    LINK_TYPES.map((type) => [
      type,
      new CsvOut(
        path.join(dir, `${type.toLowerCase()}.csv`),
        header(LINK_COLUMNS[type], [`:START_ID(${NODES[LINKS[type].from].label})`, `:END_ID(${NODES[LINKS[type].to].label})`]),
      ),
    ]),
  ) as Record<LinkType, CsvOut>;
  opened.push(...Object.values(nodes), ...Object.values(links));
  const cells = (columns: readonly (readonly [string, Kind])[], props: object) =>
    columns.map(([name, kind]) => field((props as Record<string, unknown>)[name], kind, name));
  const linkLine = (type: LinkType, from: string, to: string, props: object = {}) =>
    links[type].line([quote(from), quote(to), ...cells(LINK_COLUMNS[type], props)]);
  const posts = new PostSet();
  const tags = new Map<string, { kind: string; name: string | null }>();
  const cited = new Set<string>();
  // Links already written for cables that more than one record carries (the union rule).
  const shared = new Map<string, { seen: Set<string>; left: number }>();
  const spillInput = createReadStream(spillFile);
  let readError: Error | null = null;
  const lines = createInterface({ input: spillInput, crlfDelay: Infinity });
  spillInput.on('error', (error) => {
    readError = error;
    lines.close();
  });
  let seq = 0;
  for await (const text of lines) {
    const row = JSON.parse(text) as CableRow;
    const mySeq = seq++;
    const w = winners.get(row.id)!;
    if (w.seq === mySeq) {
      await nodes.cables.line([
        quote(row.id),
        ...cells(CABLE_COLUMNS, row.props),
        ...cells(CABLE_BOOKKEEPING_COLUMNS, { inCorpus: true, textLength: row.textLength, textHash: row.textHash }),
      ]);
    }
    let seen: Set<string>;
    if (w.count > 1) {
      let s = shared.get(row.id);
      if (!s) shared.set(row.id, (s = { seen: new Set(), left: w.count }));
      seen = s.seen;
      if (--s.left === 0) shared.delete(row.id);
    } else seen = new Set();
    const first = (key: string) => !seen.has(key) && (seen.add(key), true);
    posts.addPostsOf(row);
    if (row.sender) {
      if (first(`FROM\u0000${row.sender.key}`)) await linkLine('FROM', row.id, row.sender.key);
    }
    for (const r of row.recipients) {
      if (first(`${r.type}\u0000${r.post.key}`)) await linkLine(r.type, row.id, r.post.key, r);
    }
    for (const t of row.tags) {
      if (!tags.has(t.code)) tags.set(t.code, { kind: t.kind, name: t.name });
      if (first(`TAGGED\u0000${t.code}`)) await linkLine('TAGGED', row.id, t.code);
    }
    for (const ref of row.references) {
      if (!winners.has(ref.id)) cited.add(ref.id);
      if (first(`REFERENCES\u0000${ref.id}`)) await linkLine('REFERENCES', row.id, ref.id, ref);
    }
  }
  if (readError) throw new LoadWriteFailed(`cannot read back ${spillFile}: ${(readError as Error).message}`);
  rmSync(spillFile, { force: true });
  for (const stub of cited) await nodes.stubs.line([quote(stub), ...cells([CABLE_BOOKKEEPING_COLUMNS[0]], { inCorpus: false })]);
  for (const post of posts.list()) await nodes.posts.line([quote(post.key), ...cells(POST_COLUMNS, post)]);
  for (const [code, t] of tags) await nodes.tags.line([quote(code), ...cells(TAG_COLUMNS, t)]);
  const outputs = [...Object.values(nodes), ...Object.values(links)];
  for (const o of outputs) await o.close();

  const adminArgs = [
    `--nodes=${NODES.cable.label}=${nodes.cables.file}`,
    `--nodes=${NODES.cable.label}=${nodes.stubs.file}`,
    `--nodes=${NODES.post.label}=${nodes.posts.file}`,
    `--nodes=${NODES.tag.label}=${nodes.tags.file}`,
    ...LINK_TYPES.map((type) => `--relationships=${type}=${links[type].file}`),
  ];
  return { adminArgs, read, imported, rejected, headerNoiseRecords, rejectsBytes: rejects.bytes, csvFiles: outputs.map((o) => o.file) };
}

/**
 * Runs `cleanup` and exits 130 on SIGINT or SIGTERM (Ctrl-C during a load); returns the
 * function that removes the handlers again. `exit` is for tests.
 */
export function cleanupOnSignals(cleanup: () => void, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  const handler = () => {
    try {
      cleanup();
    } finally {
      exit(130);
    }
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/**
 * `npm run import -- --fast PATH…`: a first load of the bundled `app` instance through
 * neo4j-admin. Refuses (FastImportRefused) when NEO4J_URI is set or the database is not empty.
 */
export async function fastImport(paths: string[], options: FastImportOptions = {}): Promise<ImportSummary> {
  const log = options.log ?? ((line: string) => console.error(line));
  if (externalConnection('app')) {
    throw new FastImportRefused('--fast works only with the bundled local Neo4j (NEO4J_URI is set): use `npm run import` without --fast.');
  }
  const started = Date.now();
  const files = await listInputs(paths);
  if (files.length === 0) throw new NothingToImport(`nothing to import: no input files in ${paths.join(', ')} (hidden files are skipped)`);
  // Refuses an existing rejects file before Neo4j is touched (rejects.ts).
  const rejects = RejectsFile.open(options.rejectsFile ?? null, paths, null, { defaultName: options.rejectsFileIsDefault === true });
  const dir = path.join(instancePaths('app').import, 'cablescope-fast');
  // The load's temporary files go on failure and on Ctrl-C too.
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const uninstall = cleanupOnSignals(() => {
    cleanup();
    rejects.close();
    log(`fast import interrupted: temporary files in ${dir} removed`);
  });
  try {
    return await load(paths, files, rejects, dir, options, log, started);
  } finally {
    uninstall();
    cleanup();
    rejects.close();
  }
}

async function load(
  paths: string[],
  files: InputEntry[],
  rejects: RejectsFile,
  dir: string,
  options: FastImportOptions,
  log: (line: string) => void,
  started: number,
): Promise<ImportSummary> {
  await startLocal('app', log);
  let db = new Database(resolveConnection(), { maxRetryTimeMs: 30_000, connectionTimeoutMs: 15_000 });
  let before;
  try {
    await refuseUnlessEmpty(db);
    before = await graphStats(db);
  } finally {
    await db.close();
  }
  if (options.spaceCheck !== false) checkFreeSpace(instancePaths('app').import, loadEstimate(files, 'fast'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const written = await writeLoadFiles(dir, files, rejects, options);
  if (written.read === 0) throw new NothingToImport(`nothing to import: no cable record found in ${paths.join(', ')}`);
  if (written.imported === 0) {
    // every record rejected: nothing to load, the (empty) database stays as it is
    return { read: written.read, imported: 0, rejected: written.rejected, rejectsFile: rejects.path, bytes: totalBytes(files), seconds: (Date.now() - started) / 1000, resumedAt: 0, relinkedPosts: 0, headerNoiseRecords: 0, removedNoiseNodes: 0, before, after: before };
  }
  const csvBytes = written.csvFiles.reduce((a, f) => a + statSync(f).size, 0);
  log(`fast import: ${written.imported} cables written to ${dir} (${(csvBytes / 1024 / 1024).toFixed(1)} MB of CSV) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  await stopLocal('app', log);
  const t0 = Date.now();
  const result = await neo4jAdmin('app', [
    'database',
    'import',
    'full',
    'neo4j',
    '--overwrite-destination=true',
    '--multiline-fields=true',
    `--array-delimiter=U+001F`,
    '--id-type=string',
    `--report-file=${path.join(dir, 'import.report')}`,
    ...written.adminArgs,
  ]);
  if (result.code !== 0) {
    await startLocal('app', log).catch(() => undefined);
    throw new Error(`neo4j-admin database import failed (exit ${result.code}):\n${(result.stderr || result.stdout).trim().split('\n').slice(-20).join('\n')}`);
  }
  log(`fast import: neo4j-admin database import full took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await startLocal('app', log);
  db = new Database(resolveConnection(), { maxRetryTimeMs: 30_000, connectionTimeoutMs: 15_000 });
  try {
    // neo4j-admin reads an empty array field as "no property"; the Bolt path stores empty lists.
    const t1 = Date.now();
    await db.autoCommit(emptyCableLists);
    await db.autoCommit(emptyPostLists);
    const t2 = Date.now();
    await ensureSchema(db);
    await awaitIndexes(db);
    log(`fast import: empty lists set in ${((t2 - t1) / 1000).toFixed(1)} s; constraints and indexes (full-text included) online in ${((Date.now() - t2) / 1000).toFixed(1)} s`);
    // A finished checkpoint like the Bolt path's, so both paths leave the same graph.
    const { read, imported, rejected, rejectsBytes } = written;
    const finished = finishedCheckpoint(paths, files, { read, imported, rejected, rejectsBytes, bytes: 0 });
    await saveCheckpointOnly(db, finished.key, finished.state);
    const after = await graphStats(db);
    return {
      read: written.read,
      imported: written.imported,
      rejected: written.rejected,
      rejectsFile: written.rejected > 0 ? rejects.path : null,
      bytes: totalBytes(files),
      seconds: (Date.now() - started) / 1000,
      resumedAt: 0,
      relinkedPosts: 0,
      headerNoiseRecords: written.headerNoiseRecords,
      removedNoiseNodes: 0,
      before,
      after,
    };
  } finally {
    await db.close();
  }
}
