import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { ApiError } from '../api/types.ts';
import { isDatabaseUnavailable } from '../db/driver.ts';

/** An error whose status and message are meant for the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
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

/**
 * The last middleware: client errors keep their message, an unreachable database is a 503,
 * anything else is logged here and reaches the client as a bare 500 (never a stack trace).
 */
export function errorHandler(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof HttpError) {
      res.status(error.status).json(body(error.code, error.message, error.details));
      return;
    }
    if (isDatabaseUnavailable(error)) {
      res.status(503).json(body('database_unavailable', 'The graph database is not reachable right now; try again shortly.'));
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
