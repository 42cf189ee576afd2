// What arrives on the wire, read defensively: the request target, split into path segments without resolving
// anything.

/**
 * Splits a request target into its decoded path segments and its raw query (`?…`, or '').
 *
 * `new URL()` resolves dot segments, `%2e` and `%2E%2e` included, and reads `\` as `/`: through it,
 * `DELETE /device/X/params/..` became `DELETE /device/X` and deleted the device. Nothing is resolved here;
 * a target that would need it is refused instead, so a path can only ever reach the route it spells:
 * a `.` or `..` segment (raw or percent-encoded), an encoded `/` inside a segment, a `\` (raw or encoded), or
 * broken percent-encoding. Returns `{ segments, search }` or `{ error }` (a message without the path in it).
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
