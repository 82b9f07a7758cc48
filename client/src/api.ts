/** Typed fetch client for the Cablescope HTTP API (same origin). */
import type {
  ApiError,
  CableDetail,
  HealthResponse,
  NeighbourhoodResponse,
  SearchResponse,
} from '../../server/src/api/types.ts';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

function isApiError(x: unknown): x is ApiError {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const e = (x as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';
}

/** Query parameters: null/undefined are left out, lists are sent comma-separated. */
export type QueryParams = Record<string, string | number | readonly string[] | null | undefined>;

function queryString(params: QueryParams): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length) qs.set(k, v.join(','));
    } else qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** GET a JSON endpoint; a non-2xx answer becomes an ApiRequestError with the server's message. */
export async function getJson<T>(base: string, path: string, params: QueryParams, signal?: AbortSignal): Promise<T> {
  const res = await fetch(`${base}${path}${queryString(params)}`, {
    headers: { accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    if (isApiError(body)) throw new ApiRequestError(res.status, body.error.code, body.error.message);
    throw new ApiRequestError(res.status, 'http_error', `${res.status} ${res.statusText}`);
  }
  return body as T;
}

export class Api {
  constructor(private readonly base = '') {}

  private get<T>(path: string, params: QueryParams, signal?: AbortSignal): Promise<T> {
    return getJson<T>(this.base, path, params, signal);
  }

  health(signal?: AbortSignal): Promise<HealthResponse> {
    return this.get('/api/health', {}, signal);
  }

  search(q: string, limit = 12, signal?: AbortSignal): Promise<SearchResponse> {
    return this.get('/api/search', { q, limit }, signal);
  }

  cable(key: string, signal?: AbortSignal): Promise<CableDetail> {
    return this.get(`/api/cables/${encodeURIComponent(key)}`, {}, signal);
  }

  /** The server's settings decide how many nodes it may add and which groups it summarises. */
  neighbourhood(id: string, signal?: AbortSignal): Promise<NeighbourhoodResponse> {
    return this.get('/api/graph/neighborhood', { id }, signal);
  }
}
