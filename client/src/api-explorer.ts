/**
 * Typed fetchers for the explorer endpoints (citation chains, typed/ordered expansion with
 * supernode aggregates, timelines, post-to-post traffic). Same error handling as `Api`.
 */
import type {
  CitationResponse,
  ExpandDirection,
  ExpandOrder,
  ExpandResponse,
  LinkType,
  NodeKind,
  PathResponse,
  TimelineResponse,
  TrafficResponse,
} from '../../server/src/api/types.ts';
import { ApiRequestError } from './api.ts';

export type { CitationResponse, ExpandDirection, ExpandOrder, ExpandResponse, PathResponse, TimelineResponse, TrafficResponse };

/** The cable filter shared by the explorer endpoints: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `to` inclusive. */
export interface CableFilterParams {
  from?: string | null;
  to?: string | null;
  classification?: readonly string[] | null;
}

export interface ExpandParams extends CableFilterParams {
  id: string;
  types?: readonly LinkType[];
  direction?: ExpandDirection;
  order?: ExpandOrder;
  kinds?: readonly NodeKind[];
  sender?: string | null;
  mode?: 'auto' | 'nodes' | 'aggregate';
  threshold?: number;
  offset?: number;
  limit?: number;
}

type Params = Record<string, string | number | readonly string[] | null | undefined>;

function query(params: Params): string {
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

function filterParams(f: CableFilterParams): Params {
  return { from: f.from ?? null, to: f.to ?? null, classification: f.classification ?? null };
}

export class ExplorerApi {
  constructor(private readonly base = '') {}

  private async get<T>(path: string, params: Params, signal?: AbortSignal): Promise<T> {
    const res = await fetch(`${this.base}${path}${query(params)}`, { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (!res.ok) {
      const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      if (err && typeof err.message === 'string') throw new ApiRequestError(res.status, String(err.code ?? 'error'), err.message);
      throw new ApiRequestError(res.status, 'http_error', `${res.status} ${res.statusText}`);
    }
    return body as T;
  }

  /** REF ancestors (`out`: what it cites) and descendants (`in`: what cites it) to `depth` hops. */
  citations(key: string, opts: { depth: number; direction?: ExpandDirection; limit?: number }, signal?: AbortSignal): Promise<CitationResponse> {
    return this.get(`/api/cables/${encodeURIComponent(key)}/citations`, { depth: opts.depth, direction: opts.direction ?? 'both', limit: opts.limit ?? 300 }, signal);
  }

  /** Neighbours by relationship type and direction, ordered and paged; aggregates for supernodes. */
  expand(p: ExpandParams, signal?: AbortSignal): Promise<ExpandResponse> {
    return this.get(
      '/api/graph/expand',
      {
        id: p.id,
        types: p.types ?? null,
        direction: p.direction ?? null,
        order: p.order ?? null,
        kinds: p.kinds ?? null,
        sender: p.sender ?? null,
        mode: p.mode ?? null,
        threshold: p.threshold ?? null,
        offset: p.offset ?? null,
        limit: p.limit ?? null,
        ...filterParams(p),
      },
      signal,
    );
  }

  /** Cables per month for a node (a post by role, a tag, a cable's citers). */
  timeline(id: string, opts: CableFilterParams & { role?: 'sent' | 'received' | 'any' } = {}, signal?: AbortSignal): Promise<TimelineResponse> {
    return this.get('/api/timeline', { id, role: opts.role ?? null, ...filterParams(opts) }, signal);
  }

  /** Who a post writes to and hears from, per period. */
  traffic(postKey: string, opts: CableFilterParams & { period?: 'year' | 'month'; limit?: number } = {}, signal?: AbortSignal): Promise<TrafficResponse> {
    return this.get(`/api/posts/${encodeURIComponent(postKey)}/traffic`, { period: opts.period ?? null, limit: opts.limit ?? null, ...filterParams(opts) }, signal);
  }

  shortestPath(from: string, to: string, opts: { types?: readonly LinkType[]; maxHops?: number } = {}, signal?: AbortSignal): Promise<PathResponse> {
    return this.get('/api/paths/shortest', { from, to, types: opts.types ?? null, maxHops: opts.maxHops ?? null }, signal);
  }
}
