/** Query parameters that carry credentials (network data routes, SSE); never printed. */
const SECRET_QUERY_KEYS = /^(token|authorization|authorization_token|authorized)$/i;

/** Hides credential-bearing query values in a URL meant for logs (debug lines print the URL of every attempt). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      return SECRET_QUERY_KEYS.test(key) ? `${pair.slice(0, eq < 0 ? pair.length : eq)}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}
