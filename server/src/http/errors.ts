import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { ApiError } from '../api/types.ts';
import { databaseErrorKind } from '../db/driver.ts';

/** An error whose status and message are meant for the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds after which the same request may succeed (sent as `Retry-After`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Seconds a client should wait before retrying while the database or an index is not ready. */
export const RETRY_AFTER_SECONDS = 5;

/** A 503 that says what is not ready and when to try again. */
export function notReady(code: string, message: string): HttpError {
  return new HttpError(503, code, message, undefined, RETRY_AFTER_SECONDS);
}

/**
 * The 503 for an error the database driver raised, or null when the error is a bug. The
 * message says what the user can do; the driver's text goes to the server log only.
 */
export function databaseError(error: unknown): HttpError | null {
  switch (databaseErrorKind(error)) {
    case 'unavailable':
      return notReady('database_unavailable', 'The graph database is not reachable right now; try again shortly.');
    case 'warming_up':
      return notReady('database_warming_up', 'The graph database has just come back and the server is preparing its queries; try again in a few seconds.');
    case 'auth_failed':
      return notReady('database_auth_failed', 'The server cannot log in to the graph database: its Neo4j password is wrong (see the server log).');
    case 'timeout':
      return notReady('database_busy', 'The graph database did not answer in time (it may be building an index or under load); try again shortly.');
    case 'index_missing':
      return notReady('index_unavailable', 'The search index does not exist yet: import cables first (npm run import); it is created before the first cable is written.');
    case null:
      return null;
  }
}

export function notFound(what: string): HttpError {
  return new HttpError(404, 'not_found', `${what} not found`);
}

/** 503 for the endpoints that read the corpus analysis while it has never run on this database. */
export function analysisNotRun(): HttpError {
  return new HttpError(
    503,
    'analysis_not_run',
    'The corpus analysis has not run on this database yet. It runs after every import; to run it now: npm run analyse',
  );
}

/** Parses `input` with `schema` or throws a 400 that names every bad field. */
export function parseOr400<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = result.error.issues.map((issue) => ({ field: issue.path.join('.'), problem: issue.message }));
    const summary = details.map((d) => (d.field ? `${d.field}: ${d.problem}` : d.problem)).join('; ');
    throw new HttpError(400, 'invalid_request', summary, details);
  }
  return result.data;
}

function body(code: string, message: string, details?: unknown): ApiError {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

export const unknownApiRoute: RequestHandler = (req, res) => {
  res.status(404).json(body('not_found', `No API route ${req.method} ${req.path}`));
};

/** Sends `error` as the JSON body every API error has. */
export function sendHttpError(res: Parameters<RequestHandler>[1], error: HttpError): void {
  if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
  res.status(error.status).json(body(error.code, error.message, error.details));
}

/**
 * The last middleware: client errors keep their message, an unreachable database is a 503,
 * anything else is logged here and reaches the client as a bare 500 (never a stack trace).
 */
export function errorHandler(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof HttpError) {
      sendHttpError(res, error);
      return;
    }
    const fromDatabase = databaseError(error);
    if (fromDatabase) {
      if (fromDatabase.code !== 'database_unavailable' && fromDatabase.code !== 'database_warming_up') log(`database: ${fromDatabase.code}`, error);
      sendHttpError(res, fromDatabase);
      return;
    }
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status < 500) {
      res.status(status).json(body('bad_request', 'The request could not be read.'));
      return;
    }
    log('request failed', error);
    res.status(500).json(body('internal_error', 'Something went wrong on the server.'));
  };
}
