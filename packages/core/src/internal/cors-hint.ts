/**
 * Browsers hide why a cross-origin fetch failed (CORS refused, server down, blocked by an extension): the page
 * only sees a bare TypeError ("Failed to fetch", "Load failed", "NetworkError when attempting to fetch resource.").
 * When that happens in a page or browser worker calling another origin, the likeliest cause is the server's CORS
 * policy, and the error message says so instead of a bare "Connection lost".
 */
import { networkErrorCode } from './transport-support.ts';

/** The hint to append to a connection error's message, or '' when the failure does not look like a CORS refusal. */
export function corsHint(error: unknown, url: string): string {
  // Node, Deno, Bun and workers have no `location` (Deno: unless --location), or give the failure a code.
  const page = (globalThis as { location?: { origin?: unknown } }).location?.origin;
  if (typeof page !== 'string' || !(error instanceof TypeError) || networkErrorCode(error) !== undefined) return '';
  // Same origin: CORS does not apply. (url is the absolute URL the core built, page an origin without a slash.)
  if (`${url}/`.startsWith(`${page}/`)) return '';
  return `: the browser gave no reason ("${error.message}"); likely CORS refused origin ${page} (see the browser console), or the server is unreachable`;
}
