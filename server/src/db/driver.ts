import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { ConnectionSettings } from './connection.ts';
import { recordsToRows, toDriverParams } from './to-native.ts';

export interface DatabaseOptions {
  /** How long a managed transaction is retried on transient errors (ms). */
  maxRetryTimeMs?: number;
  /** Time to open a connection before giving up (ms). */
  connectionTimeoutMs?: number;
}

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

  constructor(settings: ConnectionSettings, options: DatabaseOptions = {}) {
    this.database = settings.database;
    this.uri = settings.uri;
    this.driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
      disableLosslessIntegers: true,
      maxTransactionRetryTime: options.maxRetryTimeMs ?? 3_000,
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
      connectionAcquisitionTimeout: (options.connectionTimeoutMs ?? 5_000) * 2,
      userAgent: 'cablescope/0.1',
    });
  }

  /**
   * One read as an auto-commit query: RUN and PULL go out in one write, where a managed
   * transaction adds BEGIN and a COMMIT round trip (measured: +15–50 % API throughput under
   * load). Reads are not retried; a database that cannot be reached surfaces as a 503.
   * Sessions here use no bookmarks: the API's reads never depend on a write made through
   * this driver.
   */
  async read<Row>(cypher: string, params: QueryParams = {}): Promise<Row[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(cypher, toDriverParams(params));
      return recordsToRows<Row>(result.records);
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

  async close(): Promise<void> {
    await this.driver.close();
  }
}

const unavailableCodes = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Security.AuthenticationRateLimit',
]);

/** True when the error means "the database cannot be reached right now" (HTTP 503), not a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && unavailableCodes.has(code)) return true;
  const message = String((error as { message?: unknown }).message ?? '');
  return /ECONNREFUSED|Could not perform discovery|Failed to connect|Connection acquisition timed out|socket hang up/i.test(
    message,
  );
}
