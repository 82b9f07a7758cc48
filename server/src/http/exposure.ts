/**
 * Who may talk to the server: the Host names it answers to and, when it listens beyond
 * loopback, the access token every API call must carry. One settings object, read from the
 * environment once (`HOST`, `PORT`, `PUBLIC_URL`, `CABLESCOPE_TOKEN`).
 *
 * Host allow-list: a web page on any site can make a browser send requests to
 * `127.0.0.1:3000` under its own host name (DNS rebinding) and read the answers, since to the
 * browser they are same-origin. Such a request carries the attacker's name in `Host`, so the
 * server answers only to loopback names, the configured `HOST` and `PUBLIC_URL`, and (when it
 * listens on every interface) this machine's own names and addresses.
 *
 * Token: on a newsroom server anyone on the network could read the API. When `HOST` is not
 * loopback, every `/api` call needs the token, as `Authorization: Bearer …` or as the
 * `cablescope_token` cookie, which opening `PUBLIC_URL/?token=…` (printed at start) sets.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { hostname, networkInterfaces } from 'node:os';
import { HttpError, sendHttpError } from './errors.ts';

export interface ExposureSettings {
  /** Address the server listens on. */
  host: string;
  port: number;
  /** The address users open, when it is not `http://<HOST>:<PORT>` (a proxy, a DNS name). */
  publicUrl: URL | null;
  /** Host names (lower case, IPv6 without brackets) the server answers to. */
  allowedHosts: ReadonlySet<string>;
  /** Required on every API call when set. */
  token: string | null;
  /** True when the token was generated at this start (it is printed once, never stored). */
  tokenGenerated: boolean;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);
export const TOKEN_COOKIE = 'cablescope_token';

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return LOOPBACK_NAMES.includes(h) || /^127(?:\.\d{1,3}){3}$/.test(h) || h.endsWith('.localhost');
}

function machineNames(): string[] {
  const names = [hostname()];
  for (const list of Object.values(networkInterfaces())) for (const info of list ?? []) names.push(info.address.replace(/%.*$/, ''));
  return names;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`PORT=${value} is not a TCP port (0–65535)`);
  return port;
}

export function resolveExposure(env: NodeJS.ProcessEnv = process.env, overrides: { host?: string; port?: number } = {}): ExposureSettings {
  const host = overrides.host ?? (env.HOST?.trim() || '127.0.0.1');
  const port = overrides.port ?? parsePort(env.PORT?.trim() || '3000');
  let publicUrl: URL | null = null;
  if (env.PUBLIC_URL?.trim()) {
    try {
      publicUrl = new URL(env.PUBLIC_URL.trim());
    } catch {
      throw new Error(`PUBLIC_URL=${env.PUBLIC_URL} is not a URL (example: http://cables.newsroom.example:3000)`);
    }
    if (!/^https?:$/.test(publicUrl.protocol)) throw new Error(`PUBLIC_URL must start with http:// or https://`);
  }
  const allowed = new Set(LOOPBACK_NAMES);
  if (!WILDCARD_HOSTS.has(host)) allowed.add(host.toLowerCase());
  else machineNames().forEach((n) => allowed.add(n.toLowerCase()));
  if (publicUrl) allowed.add(publicUrl.hostname.toLowerCase().replace(/^\[|\]$/g, ''));
  const configured = env.CABLESCOPE_TOKEN?.trim() || null;
  if (configured !== null && configured.length < 16) throw new Error('CABLESCOPE_TOKEN must have at least 16 characters');
  const needsToken = !isLoopback(host);
  const token = configured ?? (needsToken ? randomBytes(24).toString('base64url') : null);
  return { host, port, publicUrl, allowedHosts: allowed, token, tokenGenerated: configured === null && token !== null };
}

/** The settings of a server on loopback: what tests get by default. */
export const loopbackExposure: ExposureSettings = {
  host: '127.0.0.1',
  port: 0,
  publicUrl: null,
  allowedHosts: new Set(LOOPBACK_NAMES),
  token: null,
  tokenGenerated: false,
};

/** The host name of a `Host` header (`[::1]:3000` → `::1`), lower case; null when absent or malformed. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]\s]+))(?::\d{1,5})?$/i.exec(header.trim());
  const name = m?.[1] ?? m?.[2];
  return name ? name.toLowerCase().replace(/\.$/, '') : null;
}

export function hostGuard(settings: ExposureSettings): RequestHandler {
  return (req, res, next) => {
    const name = hostName(req.headers.host);
    if (name !== null && settings.allowedHosts.has(name)) return next();
    sendHttpError(
      res,
      new HttpError(
        421,
        'host_not_allowed',
        'This server does not answer to that host name. If you opened it under another name on purpose, ' +
          'start it with PUBLIC_URL set to that address.',
      ),
    );
  };
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * `?token=…` on a page URL: a right token sets the cookie and redirects to the same URL without
 * it (so it leaves the address bar and the history); a wrong one is a 401.
 */
export function tokenLogin(settings: ExposureSettings): RequestHandler {
  return (req, res, next) => {
    const given = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (!settings.token || given === undefined || req.path.startsWith('/api/')) return next();
    if (!sameToken(given, settings.token)) {
      sendHttpError(res, new HttpError(401, 'token_invalid', 'That access token is not this server’s; use the link printed when it started.'));
      return;
    }
    const secure = settings.publicUrl?.protocol === 'https:' ? '; Secure' : '';
    res.set('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(settings.token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000${secure}`);
    const rest = new URLSearchParams(req.query as Record<string, string>);
    rest.delete('token');
    const query = rest.toString();
    res.redirect(303, `${req.path}${query ? `?${query}` : ''}`);
  };
}

/** Every API call carries the token (header or cookie) when the server has one. */
export function tokenGuard(settings: ExposureSettings): RequestHandler {
  return (req, res, next) => {
    if (!settings.token) return next();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (sameToken(bearer, settings.token) || sameToken(cookieValue(req.headers.cookie, TOKEN_COOKIE), settings.token)) return next();
    sendHttpError(
      res,
      new HttpError(401, 'token_required', 'This server needs its access token: open the link it printed when it started, or send Authorization: Bearer <token>.'),
    );
  };
}

/** The address to print, with the token when one is needed. */
export function signInUrl(settings: ExposureSettings, actualPort: number): string {
  const name = isLoopback(settings.host) ? 'localhost' : WILDCARD_HOSTS.has(settings.host) ? hostname() : settings.host;
  const base = settings.publicUrl ? settings.publicUrl.href.replace(/\/$/, '') : `http://${name.includes(':') ? `[${name}]` : name}:${actualPort}`;
  return settings.token ? `${base}/?token=${encodeURIComponent(settings.token)}` : base;
}
