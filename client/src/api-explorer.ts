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
  PostTagRole,
  PostTagsResponse,
  TimelineResponse,
  TrafficResponse,
} from '../../server/src/api/types.ts';
import { getJson, type QueryParams } from './api.ts';

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

type Params = QueryParams;

function filterParams(f: CableFilterParams): Params {
  return { from: f.from ?? null, to: f.to ?? null, classification: f.classification ?? null };
}

export class ExplorerApi {
  constructor(private readonly base = '') {}

  private get<T>(path: string, params: Params, signal?: AbortSignal): Promise<T> {
    return getJson<T>(this.base, path, params, signal);
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

  /** The tags a post's cables carry (sent by default), most used first, with exact counts. */
  postTags(postKey: string, opts: CableFilterParams & { role?: PostTagRole; limit?: number } = {}, signal?: AbortSignal): Promise<PostTagsResponse> {
    return this.get(`/api/posts/${encodeURIComponent(postKey)}/tags`, { role: opts.role ?? null, limit: opts.limit ?? null, ...filterParams(opts) }, signal);
  }

  shortestPath(from: string, to: string, opts: { types?: readonly LinkType[]; maxHops?: number } = {}, signal?: AbortSignal): Promise<PathResponse> {
    return this.get('/api/paths/shortest', { from, to, types: opts.types ?? null, maxHops: opts.maxHops ?? null }, signal);
  }
}
