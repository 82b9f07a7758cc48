/**
 * The one client of the Cablescope HTTP API (same origin): one fetch helper (`getJson`) and one
 * response cache. The database does not change while the app runs, so every answer but search
 * suggestions is cached by its URL, in flight included (two panels asking for the same timeline
 * share one request); a failed request is forgotten so that it can be retried.
 */
import type {
  ApiError,
  CableDetail,
  CitationResponse,
  ExpandDirection,
  ExpandOrder,
  ExpandResponse,
  GraphResponse,
  HealthResponse,
  LinkType,
  NeighbourhoodResponse,
  NodeKind,
  OverviewResponse,
  PathResponse,
  PostTagRole,
  PostTagsResponse,
  RelatedResponse,
  RankBy,
  RankResponse,
  SearchResponse,
  TagDetail,
  TimelineResponse,
  TrafficResponse,
} from '../../server/src/api/types.ts';
import { decodeSpec } from './model/expand-spec.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

export type { CitationResponse, ExpandDirection, ExpandOrder, ExpandResponse, OverviewResponse, PathResponse, RankResponse, TimelineResponse, TrafficResponse };

/** The corpus-wide scope of the analysis endpoints: the cable filter plus a post and a tag. */
export interface ScopeParams extends CableFilterParams {
  post?: string | null;
  tag?: string | null;
}

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

export function queryString(params: QueryParams): string {
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
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
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

const filterParams = (f: CableFilterParams): QueryParams => ({ from: f.from ?? null, to: f.to ?? null, classification: f.classification ?? null });
const scopeParams = (s: ScopeParams): QueryParams => ({ ...filterParams(s), post: s.post ?? null, tag: s.tag ?? null });

interface CacheEntry {
  promise: Promise<unknown>;
  value?: unknown;
}

export class Api {
  /** URL → answer (or the request in flight), least recently used first. */
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly base = '',
    private readonly maxEntries = DEFAULT_SETTINGS.data.apiCacheEntries,
  ) {}

  private url(path: string, params: QueryParams): string {
    return `${this.base}${path}${queryString(params)}`;
  }

  /** A cached GET: one request per URL, shared by every caller; failures are not kept. */
  private cached<T>(path: string, params: QueryParams): Promise<T> {
    const url = this.url(path, params);
    const hit = this.cache.get(url);
    if (hit) {
      this.cache.delete(url);
      this.cache.set(url, hit);
      return hit.promise as Promise<T>;
    }
    const entry: CacheEntry = { promise: getJson<T>(url) };
    entry.promise.then(
      (value) => {
        entry.value = value;
      },
      () => {
        if (this.cache.get(url) === entry) this.cache.delete(url);
      },
    );
    this.cache.set(url, entry);
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return entry.promise as Promise<T>;
  }

  /** A cached answer that has arrived, without asking the server (undefined otherwise). */
  private peek<T>(path: string, params: QueryParams): T | undefined {
    return this.cache.get(this.url(path, params))?.value as T | undefined;
  }

  health(signal?: AbortSignal): Promise<HealthResponse> {
    return getJson(this.url('/api/health', {}), signal);
  }

  /** Search suggestions (not cached: each keystroke aborts the previous one). */
  search(q: string, limit = DEFAULT_SETTINGS.data.searchLimit, signal?: AbortSignal): Promise<SearchResponse> {
    return getJson(this.url('/api/search', { q, limit }), signal);
  }

  cable(key: string): Promise<CableDetail> {
    return this.cached(`/api/cables/${encodeURIComponent(key)}`, {});
  }

  /** A cable's detail when it has arrived. */
  peekCable(key: string): CableDetail | undefined {
    return this.peek(`/api/cables/${encodeURIComponent(key)}`, {});
  }

  /**
   * A cable's related cables by co-citation and bibliographic coupling (the analysis's lists);
   * 503 `analysis_not_run` while the analysis has never run on the database.
   */
  related(key: string): Promise<RelatedResponse> {
    return this.cached(`/api/cables/${encodeURIComponent(key)}/related`, {});
  }

  /** `related` when it has arrived. */
  peekRelated(key: string): RelatedResponse | undefined {
    return this.peek(`/api/cables/${encodeURIComponent(key)}/related`, {});
  }

  /** What a TAGS code stands for: its kind, name and number of cables. */
  tag(code: string): Promise<TagDetail> {
    return this.cached(`/api/tags/${encodeURIComponent(code)}`, {});
  }

  /** The server's settings decide how many nodes it may add and which groups it summarises. */
  neighbourhood(id: string): Promise<NeighbourhoodResponse> {
    return this.cached('/api/graph/neighborhood', { id });
  }

  /** Neighbours by relationship type and direction, ordered and paged; aggregates for supernodes. */
  expand(p: ExpandParams): Promise<ExpandResponse> {
    return this.cached('/api/graph/expand', expandParams(p));
  }

  /** REF ancestors (`out`: what it cites) and descendants (`in`: what cites it) to `depth` hops. */
  citations(key: string, opts: { depth: number; direction?: ExpandDirection; limit?: number }): Promise<CitationResponse> {
    return this.cached(`/api/cables/${encodeURIComponent(key)}/citations`, citationParams(opts));
  }

  peekCitations(key: string, opts: { depth: number; direction?: ExpandDirection; limit?: number }): CitationResponse | undefined {
    return this.peek(`/api/cables/${encodeURIComponent(key)}/citations`, citationParams(opts));
  }

  /** Cables per month for a node (a post by role, a tag, a cable's citers). */
  timeline(id: string, opts: CableFilterParams & { role?: 'sent' | 'received' | 'any' } = {}): Promise<TimelineResponse> {
    return this.cached('/api/timeline', timelineParams(id, opts));
  }

  /** The timeline when it has arrived (a panel draws it on its next render). */
  peekTimeline(id: string, opts: CableFilterParams & { role?: 'sent' | 'received' | 'any' } = {}): TimelineResponse | undefined {
    return this.peek('/api/timeline', timelineParams(id, opts));
  }

  /** Who a post writes to and hears from, per period. */
  traffic(postKey: string, opts: CableFilterParams & { period?: 'year' | 'month'; limit?: number } = {}): Promise<TrafficResponse> {
    return this.cached(`/api/posts/${encodeURIComponent(postKey)}/traffic`, { period: opts.period ?? null, limit: opts.limit ?? null, ...filterParams(opts) });
  }

  /** The tags a post's cables carry (sent by default), most used first, with exact counts. */
  postTags(postKey: string, opts: CableFilterParams & { role?: PostTagRole; limit?: number } = {}): Promise<PostTagsResponse> {
    return this.cached(`/api/posts/${encodeURIComponent(postKey)}/tags`, { role: opts.role ?? null, limit: opts.limit ?? null, ...filterParams(opts) });
  }

  /** The corpus at a glance (the front page): counts, months by classification, ranked lists. */
  overview(scope: ScopeParams = {}): Promise<OverviewResponse> {
    return this.cached('/api/overview', scopeParams(scope));
  }

  peekOverview(scope: ScopeParams = {}): OverviewResponse | undefined {
    return this.peek('/api/overview', scopeParams(scope));
  }

  /** Cables ranked by PageRank, citations or HITS authority; `thread` keeps one REF thread's. */
  rank(p: ScopeParams & { by: RankBy; thread?: string | null; offset?: number; limit?: number }): Promise<RankResponse> {
    return this.cached('/api/rank', { by: p.by, thread: p.thread ?? null, offset: p.offset ?? null, limit: p.limit ?? null, ...scopeParams(p) });
  }

  shortestPath(from: string, to: string, opts: { types?: readonly LinkType[]; maxHops?: number } = {}): Promise<PathResponse> {
    return this.cached('/api/paths/shortest', { from, to, types: opts.types ?? null, maxHops: opts.maxHops ?? null });
  }

  /**
   * The graph answer behind an operation of the view document (model/view.ts `responseKey`):
   * a node's neighbourhood, or a selective expansion `<id>~<spec>`.
   */
  graphResponse(key: string): Promise<GraphResponse> {
    const spec = specOf(key);
    if (!spec) return this.neighbourhood(key);
    return this.expand(spec).then((r) => ({ nodes: r.nodes, links: r.links, center: r.center, total: r.total, truncated: r.truncated }));
  }

  /** `graphResponse` when it has arrived. */
  peekGraphResponse(key: string): GraphResponse | undefined {
    let spec: ExpandParams | null;
    try {
      spec = specOf(key);
    } catch {
      return undefined; // a malformed link: load() reports it
    }
    if (!spec) return this.peek('/api/graph/neighborhood', { id: key });
    return this.peek<ExpandResponse>('/api/graph/expand', expandParams(spec));
  }
}

/** The expand request of a selective expansion key; null for a plain node id. Throws on a malformed spec. */
function specOf(key: string): ExpandParams | null {
  const i = key.indexOf('~');
  if (i < 0) return null;
  const spec = decodeSpec(key.slice(i + 1));
  if (!spec) throw new Error('malformed expansion in the link');
  return { id: key.slice(0, i), types: spec.types, direction: spec.direction, order: spec.order, limit: spec.limit, from: spec.from ?? null, to: spec.to ?? null, sender: spec.sender ?? null, offset: spec.offset ?? 0, mode: 'nodes' };
}

function expandParams(p: ExpandParams): QueryParams {
  return {
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
  };
}

const citationParams = (opts: { depth: number; direction?: ExpandDirection; limit?: number }): QueryParams => ({ depth: opts.depth, direction: opts.direction ?? 'both', limit: opts.limit ?? 300 });

const timelineParams = (id: string, opts: CableFilterParams & { role?: string }): QueryParams => ({ id, role: opts.role ?? null, ...filterParams(opts) });
