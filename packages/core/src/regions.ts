import { TagoValidationError } from './errors.ts';
import { NAMED_REGIONS } from './facts.ts';
import { printable } from './internal/printable.ts';

/** A region id, TagoDeploy project, explicit URLs, or `env` to read TAGOIO_API / TAGOIO_SSE. */
export type RegionInput = 'us-e1' | 'eu-w1' | 'usa-1' | 'env' | { tdeploy: string } | { api: string; sse?: string };

export interface ResolvedRegion {
  /** Base URL of the REST API, without a trailing slash. */
  api: string;
  /** URL of the server-sent events endpoint. */
  sse: string;
  /** True when the API is reached over plain HTTP; the core then sends `_ssl: false`. */
  insecure: boolean;
}

export interface RegionOptions {
  /** Allow `http://` URLs. Without it they are refused. */
  allowInsecureHttp?: boolean;
  /** Variables for region `env`; when absent, the process environment is read at call time (never at import). */
  env?: Record<string, string | undefined>;
}

/** The public regions by id. */
export type KnownRegion = 'us-e1' | 'eu-w1';

export const REGIONS: Readonly<Record<KnownRegion, { api: string; sse: string }>> = NAMED_REGIONS;

const TDEPLOY_ID = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Turns a region input into the URLs to call, refusing anything unknown or unsafe. */
export function resolveRegion(input: RegionInput | undefined, options: RegionOptions = {}): ResolvedRegion {
  const region = input ?? 'us-e1';
  if (typeof region === 'string') {
    if (region === 'env') return fromEnv(options);
    return regionById(region);
  }
  if (region === null || typeof region !== 'object') {
    throw new TagoValidationError('The region must be a string or an object', 'region_unknown', 'region');
  }
  // Own properties only: a polluted Object.prototype must not turn a region into another host.
  if (Object.hasOwn(region, 'tdeploy')) {
    const id = (region as { tdeploy: unknown }).tdeploy;
    if (typeof id !== 'string' || !TDEPLOY_ID.test(id)) {
      throw new TagoValidationError(
        `The TagoDeploy id "${printable(String(id))}" is not a valid host label`,
        'region_tdeploy_invalid',
        'region.tdeploy',
      );
    }
    return { api: `https://api.${id}.tagoio.net`, sse: `https://sse.${id}.tagoio.net/events`, insecure: false };
  }
  if (Object.hasOwn(region, 'api')) {
    const { api: rawApi, sse: rawSse } = region as { api: unknown; sse?: unknown };
    const api = checkBaseUrl(rawApi, 'region.api', options, false);
    const sse =
      !Object.hasOwn(region, 'sse') || rawSse === undefined
        ? deriveSse(api.url)
        : checkBaseUrl(rawSse, 'region.sse', options, true).url;
    return { api: api.url, sse, insecure: api.insecure };
  }
  throw new TagoValidationError('The region object needs either "tdeploy" or "api"', 'region_unknown', 'region');
}

/**
 * A named region only (`us-e1`, `eu-w1`, or the legacy `usa-1`): the small part of resolveRegion a worker that
 * talks to a public region needs, without the URL checks, TagoDeploy ids and `env` reading.
 */
export function regionById(id: KnownRegion | 'usa-1'): ResolvedRegion {
  const known = (REGIONS as Record<string, { api: string; sse: string }>)[id === 'usa-1' ? 'us-e1' : id];
  if (!known) {
    throw new TagoValidationError(
      `Unknown region "${printable(String(id))}"; use us-e1, eu-w1, env, { tdeploy: id } or { api, sse }`,
      'region_unknown',
      'region',
    );
  }
  return { ...known, insecure: false };
}

function fromEnv(options: RegionOptions): ResolvedRegion {
  // A caller's object is read by own properties only; the process environment is no ordinary object (Deno's is a
  // proxy), so it is read as it is.
  const given = options.env;
  const processEnv = given === undefined ? readProcessEnv() : undefined;
  const read = (name: string): string | undefined => (given === undefined ? processEnv?.[name] : ownValue(given, name));
  const api = read('TAGOIO_API');
  if (!api) {
    throw new TagoValidationError('Region "env" needs the TAGOIO_API variable', 'region_env_missing', 'TAGOIO_API');
  }
  const sse = read('TAGOIO_SSE');
  return resolveRegion(sse ? { api, sse } : { api }, options);
}

function ownValue(env: Record<string, string | undefined>, name: string): string | undefined {
  return env !== null && typeof env === 'object' && Object.hasOwn(env, name) ? env[name] : undefined;
}

function readProcessEnv(): Record<string, string | undefined> | undefined {
  // Looked up lazily so that importing the core never touches `process` (absent in workers and Deno without --allow-env).
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env;
}

/** A base URL must be http(s), carry no credentials, path, query or fragment, and no spaces. */
function checkBaseUrl(
  raw: unknown,
  field: string,
  options: RegionOptions,
  allowPath: boolean,
): { url: string; insecure: boolean } {
  if (typeof raw !== 'string' || raw.length === 0) {
    throw new TagoValidationError(`${field} must be a non-empty URL string`, 'host_unsafe', field);
  }
  if (/[\s\0]/.test(raw) || /[^\x21-\x7e]/.test(raw)) {
    throw new TagoValidationError(`${field} contains white space or non-printable characters`, 'host_unsafe', field);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TagoValidationError(`${field} is not a valid URL`, 'host_unsafe', field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TagoValidationError(
      `${field} must use https (or http with allowInsecureHttp), not ${url.protocol.replace(':', '')}`,
      'host_unsafe',
      field,
    );
  }
  if (url.username || url.password || raw.includes('@')) {
    throw new TagoValidationError(`${field} must not carry credentials`, 'host_unsafe', field);
  }
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) {
    throw new TagoValidationError(`${field} must not carry a query or fragment`, 'host_unsafe', field);
  }
  if (!allowPath && url.pathname !== '/') {
    throw new TagoValidationError(`${field} must be an origin without a path`, 'host_unsafe', field);
  }
  const insecure = url.protocol === 'http:';
  if (insecure && !options.allowInsecureHttp) {
    throw new TagoValidationError(
      `${field} uses plain http; pass allowInsecureHttp: true to accept it (the client then sends _ssl: false)`,
      'insecure_http_refused',
      field,
    );
  }
  const path = allowPath && url.pathname !== '/' ? url.pathname.replace(/\/+$/, '') : '';
  return { url: `${url.protocol}//${url.host}${path}`, insecure };
}

function deriveSse(api: string): string {
  const url = new URL(api);
  if (url.hostname.startsWith('api.')) url.hostname = `sse.${url.hostname.slice(4)}`;
  return `${url.protocol}//${url.host}/events`;
}
