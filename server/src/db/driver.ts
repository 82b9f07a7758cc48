import { AsyncLocalStorage } from 'node:async_hooks';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { DATABASE_TIMING, type ConnectionSettings } from './connection.ts';
import { recordToRow, recordsToRows, toDriverParams } from './to-native.ts';

export interface DatabaseOptions {
  /** How long a managed transaction is retried on transient errors (ms). */
  maxRetryTimeMs?: number;
  /** Time to open a connection before giving up (ms). */
  connectionTimeoutMs?: number;
  /**
   * Most time one read may take on the server (ms); Neo4j stops it after that. Bounds what a
   * request can hold (a connection, heap) while the database is slow or shutting down.
   */
  readTimeoutMs?: number;
  /**
   * Run once whenever Neo4j answers again after it was lost, and by `warmUp()` at start: the
   * server passes its warm-up (queries/warm-up.ts), which plans the API's queries one after the
   * other. Until it is done (at most DATABASE_TIMING.warmUpGateMs) reads are admitted query by
   * query (see `admit`) instead of all planning cold at the same time (docs/architecture.md,
   * "Driver settings").
   */
  onReconnect?: (db: Database) => Promise<unknown>;
  /** Reads from requests that may plan a cold query at once while warming (default DATABASE_TIMING.coldPlanLanes). */
  coldPlanLanes?: number;
  /** While warming, the longest a request waits for a plan before it answers 503 (default DATABASE_TIMING.warmingAnswerMs). */
  warmingAnswerMs?: number;
}

/** API reads: the slowest measured on the full-size database take well under a second (docs/benchmarks.md). */
export const DEFAULT_READ_TIMEOUT_MS = DATABASE_TIMING.readTimeoutMs;
/** Opening a connection to a loopback or LAN Neo4j takes milliseconds; a refused one fails at once. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = DATABASE_TIMING.connectionTimeoutMs;

/**
 * A read refused at the gate: while another read checks whether Neo4j is back (`probing`, the
 * same 503 as an unreachable database) or, while the warm-up runs, a read of a query not yet
 * planned when every cold-plan lane is taken (`warming`). Either is a 503 with Retry-After,
 * answered at once.
 */
export class DatabaseNotReady extends Error {
  constructor(readonly phase: 'probing' | 'warming') {
    super(phase === 'probing' ? 'Neo4j was not reachable; another request is checking whether it is back' : 'Neo4j is answering again; the server is warming it up');
  }
}

/** Marks the warm-up's own reads: they pass the gate and may run DATABASE_TIMING.warmUpReadTimeoutMs. */
const warmingUp = new AsyncLocalStorage<true>();

export type QueryParams = Record<string, unknown>;
export type TransactionRunner = <Row = Record<string, unknown>>(cypher: string, params?: QueryParams) => Promise<Row[]>;

/**
 * Owns the Neo4j driver's lifecycle: one driver per process, every query parameterised, every
 * result mapped to plain JSON through toNative. Query modules receive a Database, never a driver.
 */
export class Database {
  readonly driver: Driver;
  readonly database: string;
  readonly uri: string;
  private readonly readTimeoutMs: number;
  private readonly onReconnect: ((db: Database) => Promise<unknown>) | undefined;
  /**
   * The gate in front of reads: `open`; `lost` after a read found Neo4j unreachable (the next
   * read probes it); `probing` or `warming` while one read checks it is back or the warm-up runs
   * (other reads answer 503 at once).
   */
  private gate: 'open' | 'lost' | 'probing' | 'warming' = 'open';
  /**
   * While warming: each query text planned since Neo4j came back (it runs as on a warm server),
   * and each being planned now, by the warm-up or a request, with the promise of that first read.
   */
  private readonly planned = new Set<string>();
  private readonly planning = new Map<string, Promise<unknown>>();
  /** Cold plans that requests (not the warm-up) run now, at most `coldPlanLanes`. */
  private coldPlansOfRequests = 0;
  /** The warm-up's reads waiting for requests' cold plans to end: the warm-up yields to visitors. */
  private warmUpWaiting: (() => void)[] = [];
  private readonly coldPlanLanes: number;
  private readonly warmingAnswerMs: number;

  constructor(settings: ConnectionSettings, options: DatabaseOptions = {}) {
    this.database = settings.database;
    this.uri = settings.uri;
    this.readTimeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    this.onReconnect = options.onReconnect;
    this.coldPlanLanes = options.coldPlanLanes ?? DATABASE_TIMING.coldPlanLanes;
    this.warmingAnswerMs = options.warmingAnswerMs ?? DATABASE_TIMING.warmingAnswerMs;
    const connectionTimeout = options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
    this.driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
      disableLosslessIntegers: true,
      maxTransactionRetryTime: options.maxRetryTimeMs ?? 3_000,
      connectionTimeout,
      connectionAcquisitionTimeout: Math.max(DATABASE_TIMING.acquisitionTimeoutMs, connectionTimeout + 2_000),
      // A connection idle for a while is checked before reuse, so the first requests after a
      // restart do not land on sockets the old server closed.
      connectionLivenessCheckTimeout: DATABASE_TIMING.livenessCheckIdleMs,
      userAgent: 'cablescope/0.1',
      logging: { level: 'error', logger: () => {} },
    });
  }

  /**
   * Runs the reconnect hook (the warm-up) with reads that may run longer; meanwhile requests'
   * reads are admitted query by query (`admit`), for at most DATABASE_TIMING.warmUpGateMs. The
   * server calls it once at start; after an outage the first read that finds Neo4j back does.
   */
  async warmUp(maxMs: number = DATABASE_TIMING.warmUpGateMs): Promise<void> {
    if (!this.onReconnect) {
      this.gate = 'open';
      return;
    }
    this.gate = 'warming';
    this.planned.clear();
    const run = warmingUp.run(true, () => this.onReconnect!(this)).then(
      () => 'done' as const,
      () => 'failed' as const,
    );
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([run, new Promise<'capped'>((resolve) => (timer = setTimeout(() => resolve('capped'), maxMs)))]);
    clearTimeout(timer);
    // A warm-up that failed found Neo4j not ready after all (a database still starting or
    // stopping behind a Bolt port that accepts): the next read probes again. One that ran past
    // the cap opens the gate; it goes on behind the requests.
    if (this.gate === 'warming') this.gate = outcome === 'failed' ? 'lost' : 'open';
    if (this.gate === 'open') this.planned.clear();
  }

  /**
   * Lets a read through, or throws the 503 of a database that is not ready; resolves to whether
   * the read is the first of its query since Neo4j came back (a cold plan, which may run
   * DATABASE_TIMING.warmUpReadTimeoutMs). After an outage the first read probes Neo4j (bounded
   * by the connection timeouts); once it answers, the warm-up starts and reads are admitted
   * query by query until it is done: a query already planned since the restart runs at once; one
   * being planned waits for that first read and then runs warm; a cold one is planned by the
   * request if a lane is free (DATABASE_TIMING.coldPlanLanes), else answers 503 at once. So what
   * visitors ask for is planned first, at most a few plans at a time: measured, 16 cold reads
   * at once each ran into the 15 s timeout and left nothing planned (docs/benchmarks.md).
   */
  private async admit(cypher: string, deadline: number): Promise<boolean> {
    for (;;) {
      if (this.gate === 'open') return false;
      if (this.gate === 'lost') {
        await this.probe();
        continue;
      }
      if (this.gate === 'probing') throw new DatabaseNotReady('probing');
      if (this.planned.has(cypher)) return false;
      const firstRead = this.planning.get(cypher);
      if (firstRead) {
        await this.byDeadline(firstRead.catch(() => {}), deadline);
        continue;
      }
      if (!warmingUp.getStore()) {
        if (this.coldPlansOfRequests >= this.coldPlanLanes) throw new DatabaseNotReady('warming');
        return true;
      }
      // The warm-up plans what nobody has asked for yet; it waits while requests plan what they
      // need, so that on a loaded machine their plans get the cores.
      if (this.coldPlansOfRequests === 0) return true;
      await new Promise<void>((resolve) => this.warmUpWaiting.push(resolve));
    }
  }

  /** Checks whether Neo4j answers again; if it does, starts the warm-up (or opens the gate without one). */
  private async probe(): Promise<void> {
    this.gate = 'probing';
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (error) {
      this.gate = 'lost';
      throw error;
    }
    if (this.onReconnect) void this.warmUp();
    else this.gate = 'open';
  }

  /** Runs a read that plans its query cold while warming, so that reads of the same query wait for it. */
  private async planCold<T>(cypher: string, read: () => Promise<T>): Promise<T> {
    const ofRequest = !warmingUp.getStore();
    if (ofRequest) this.coldPlansOfRequests++;
    const run = read();
    this.planning.set(cypher, run);
    try {
      const result = await run;
      if (this.gate === 'warming') this.planned.add(cypher);
      return result;
    } finally {
      this.planning.delete(cypher);
      if (ofRequest && --this.coldPlansOfRequests === 0) for (const resume of this.warmUpWaiting.splice(0)) resume();
    }
  }

  /** Notes an error that says Neo4j is gone, so that the next read probes before going on. */
  private noteFailure(error: unknown): void {
    if (databaseErrorKind(error) === 'unavailable' && !(error instanceof DatabaseNotReady) && this.gate === 'open') this.gate = 'lost';
  }

  /**
   * One read as an auto-commit query: RUN and PULL go out in one write, where a managed
   * transaction adds BEGIN and a COMMIT round trip (measured: +15–50 % API throughput under
   * load). Reads are not retried; a database that cannot be reached surfaces as a 503.
   * Sessions here use no bookmarks: the API's reads never depend on a write made through
   * this driver. `timeoutMs` is for the admin scripts' corpus-wide reads, never for a request.
   */
  async read<Row>(cypher: string, params: QueryParams = {}, timeoutMs?: number): Promise<Row[]> {
    const deadline = Date.now() + this.warmingAnswerMs;
    const cold = await this.admit(cypher, deadline);
    if (!cold) return this.runRead<Row>(cypher, params, timeoutMs ?? this.readTimeoutMs);
    const planning = this.planCold(cypher, () => this.runRead<Row>(cypher, params, Math.max(timeoutMs ?? 0, DATABASE_TIMING.warmUpReadTimeoutMs)));
    if (warmingUp.getStore()) return planning;
    // the request answers 503 past its deadline; the read goes on, so the plan is not lost
    planning.catch(() => {});
    return this.byDeadline(planning, deadline);
  }

  /** `work`, or the 503 of a warming database once `deadline` has passed. The warm-up's reads have no deadline. */
  private async byDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
    if (warmingUp.getStore()) return work;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new DatabaseNotReady('warming')), Math.max(0, deadline - Date.now()))));
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async runRead<Row>(cypher: string, params: QueryParams, timeout: number): Promise<Row[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(cypher, toDriverParams(params), { timeout });
      return recordsToRows<Row>(result.records);
    } catch (error) {
      this.noteFailure(error);
      throw error;
    } finally {
      await session.close();
    }
  }

  /**
   * A long read whose rows reach `onRow` as they arrive, in pulls of `fetchSize` records: the
   * analysis reads the whole graph this way, in one query with no array of every row and no
   * read timeout (it takes seconds at full size, not the milliseconds of an API read).
   */
  async stream<Row>(cypher: string, params: QueryParams, onRow: (row: Row) => void, fetchSize = 20_000): Promise<number> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ, fetchSize });
    let rows = 0;
    try {
      for await (const record of session.run(cypher, toDriverParams(params))) {
        onRow(recordToRow<Row>(record));
        rows++;
      }
      return rows;
    } finally {
      await session.close();
    }
  }

  /** Statements that must run outside an explicit transaction (schema, `CALL … IN TRANSACTIONS`). */
  async autoCommit(cypher: string, params: QueryParams = {}): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      await session.run(cypher, toDriverParams(params));
    } finally {
      await session.close();
    }
  }

  /**
   * Several statements in one managed write transaction (retried as a whole on transient
   * errors, so `work` must be idempotent). Parameters go through toDriverParams first.
   */
  async writeTransaction<T>(work: (run: TransactionRunner) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database });
    try {
      return await session.executeWrite((tx: ManagedTransaction) =>
        work(async (cypher, params = {}) => {
          const result = await tx.run(cypher, toDriverParams(params));
          return recordsToRows(result.records);
        }),
      );
    } finally {
      await session.close();
    }
  }

  async serverInfo(): Promise<{ address: string; version: string }> {
    const info = await this.driver.getServerInfo({ database: this.database });
    return { address: info.address ?? this.uri, version: info.agent ?? 'unknown' };
  }

  /** Whether Neo4j answers with these credentials: what /api/health reports (details stay in the server log). */
  async state(): Promise<{ state: DatabaseState; error?: unknown }> {
    try {
      // Resolves false (no error) when Neo4j refuses the credentials.
      if (await this.driver.verifyAuthentication({ database: this.database })) return { state: 'up' };
      return { state: 'auth_failed', error: new Error(`Neo4j at ${this.uri} refused the credentials of user in the connection settings`) };
    } catch (error) {
      this.noteFailure(error);
      return { state: databaseErrorKind(error) === 'auth_failed' ? 'auth_failed' : 'down', error };
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

export type DatabaseState = 'up' | 'down' | 'auth_failed';

const unavailableCodes = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
  'Neo.TransientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

const authCodes = new Set([
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.ClientError.Security.CredentialsExpired',
]);

const timeoutCodes = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.MaxTransactionRetryTime',
]);

/**
 * What a driver error means for a client, or null for a bug: Neo4j cannot be reached now
 * (`unavailable`), refuses the configured credentials (`auth_failed`), a read ran out of time
 * (`timeout`, e.g. behind a full-text index still being built), a full-text index does not
 * exist (`index_missing`, a database not yet imported), or Neo4j has just come back and the
 * warm-up runs (`warming_up`). Every one of them is a 503.
 */
export function databaseErrorKind(error: unknown): 'unavailable' | 'warming_up' | 'auth_failed' | 'timeout' | 'index_missing' | null {
  if (error instanceof DatabaseNotReady) return error.phase === 'warming' ? 'warming_up' : 'unavailable';
  if (!error || typeof error !== 'object') return null;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = String((error as { message?: unknown }).message ?? '');
  if (authCodes.has(code)) return 'auth_failed';
  if (timeoutCodes.has(code) || (code.startsWith('Neo.') && /transaction has been terminated|timed out/i.test(message))) return 'timeout';
  if (/There is no such fulltext schema index/i.test(message)) return 'index_missing';
  if (unavailableCodes.has(code)) return 'unavailable';
  return /ECONNREFUSED|ECONNRESET|Could not perform discovery|Failed to connect|Connection acquisition timed out|socket hang up|Pool is closed/i.test(message)
    ? 'unavailable'
    : null;
}
