// @ts-check
// What arrives on the wire, read defensively: the request target, split into path segments without resolving
// anything, its media types, and its query made dense. (The body is read by http/body.mjs.)

/**
 * Splits a request target into its decoded path segments and its raw query (`?…`, or '').
 *
 * `new URL()` resolves dot segments, `%2e` and `%2E%2e` included, and reads `\` as `/`: through it,
 * `DELETE /device/X/params/..` became `DELETE /device/X` and deleted the device. Nothing is resolved here;
 * a target that would need it is refused instead, so a path can only ever reach the route it spells:
 * a `.` or `..` segment (raw or percent-encoded), an encoded `/` inside a segment, a `\` (raw or encoded), or
 * broken percent-encoding. Returns `{ segments, search }` or `{ error }` (a message without the path in it).
 * @param {string | undefined} raw
 * @returns {{ segments: string[], search: string, error?: undefined } | { error: string }}
 */
export function parseTarget(raw) {
  let target = String(raw ?? '/');
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  if (!target.startsWith('/')) {
    // The absolute form (`GET http://host/path`, RFC 9112 3.2.2) names the same path after its authority.
    const lower = target.slice(0, 8).toLowerCase();
    const from = lower.startsWith('http://') ? 7 : lower.startsWith('https://') ? 8 : -1;
    if (from < 0) return { error: 'the request target must be a path starting with /' };
    const rest = target.slice(from);
    const cut = [rest.indexOf('/'), rest.indexOf('?')].filter((i) => i >= 0);
    const start = cut.length ? Math.min(...cut) : rest.length;
    target = rest[start] === '/' ? rest.slice(start) : `/${rest.slice(start)}`;
  }
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const search = q < 0 ? '' : target.slice(q);
  const parts = path.split('/').slice(1);
  // A trailing slash names the same resource: the route table always accepted one.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 1 && parts[0] === '') parts.pop();
  /** @type {string[]} */
  const segments = [];
  for (const part of parts) {
    let segment;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return { error: 'the path has malformed percent-encoding' };
    }
    if (segment === '.' || segment === '..') {
      return { error: "the path has a '.' or '..' segment (raw or percent-encoded); dot segments are not resolved" };
    }
    if (segment.includes('/')) return { error: "the path has an encoded '/' (%2F) inside a segment" };
    if (segment.includes('\\')) return { error: "the path has a '\\' (raw or %5C); URL parsers read it as '/'" };
    segments.push(segment);
  }
  return { segments, search };
}

/**
 * The media type of a `content-type` value, lower-cased and without parameters (`charset=…`); '' when absent.
 * @param {unknown} contentType
 */
export function mediaTypeOf(contentType) {
  const value = String(contentType ?? '');
  const semicolon = value.indexOf(';');
  return (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}

/**
 * Whether a media type (from mediaTypeOf) is JSON: `application/json` or a `+json` suffix (RFC 6839).
 * @param {string} media
 */
export function isJsonMediaType(media) {
  if (media === 'application/json') return true;
  return media.startsWith('application/') && media.endsWith('+json') && media.length > 'application/+json'.length;
}

/**
 * The parsed query with every array made dense, values kept in index order. Core's `parseQuery` turns
 * `variables[40000000]=x` into a sparse array of length 40 000 001, and walking that (`map`, the validator's item
 * loop) ran the emulator out of memory. Own properties are defined, never assigned, as parseQuery does, so a
 * `__proto__` key stays a plain key.
 * @param {unknown} value
 * @returns {unknown}
 */
export function compactQuery(value) {
  if (Array.isArray(value)) return Object.keys(value).map((index) => compactQuery(value[Number(index)]));
  if (value === null || typeof value !== 'object') return value;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, key, {
      value: compactQuery(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
