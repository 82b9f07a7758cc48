/** Typed fetch client for the Cablescope HTTP API (same origin). */
import type {
  ApiError,
  CableDetail,
  GraphResponse,
  HealthResponse,
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

export class Api {
  constructor(private readonly base = '') {}

  private async get<T>(path: string, params: Record<string, string | number>, signal?: AbortSignal): Promise<T> {
    const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    const res = await fetch(`${this.base}${path}${qs ? `?${qs}` : ''}`, {
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

  health(signal?: AbortSignal): Promise<HealthResponse> {
    return this.get('/api/health', {}, signal);
  }

  search(q: string, limit = 12, signal?: AbortSignal): Promise<SearchResponse> {
    return this.get('/api/search', { q, limit }, signal);
  }

  cable(key: string, signal?: AbortSignal): Promise<CableDetail> {
    return this.get(`/api/cables/${encodeURIComponent(key)}`, {}, signal);
  }

  neighbourhood(id: string, limit = 150, signal?: AbortSignal): Promise<GraphResponse> {
    return this.get('/api/graph/neighborhood', { id, limit }, signal);
  }
}
