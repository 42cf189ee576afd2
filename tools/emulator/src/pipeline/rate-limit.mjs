// @ts-check
// TagoIO's hard limits: requests per minute per route and token, counted in calendar-minute windows (a limit hit
// at 12:45:09 lifts at 12:46:00). Figures from the rate-limit page (Free / Starter / Scale).

/** @typedef {{ plan?: string, rpm?: Record<string, number>, now?: () => number }} RateLimitConfig */

export const PLANS = /** @type {const} */ (['free', 'starter', 'scale']);

/**
 * First match wins. `route` is `METHOD template`, or a regex on it; `rpm` by plan, in the order of PLANS.
 * @type {{ route: string | RegExp, rpm: [number, number, number] }[]}
 */
export const RPM_TABLE = [
  { route: 'GET /data?query=aggregate', rpm: [5, 10, 100] },
  { route: 'GET /device/{deviceID}/data?query=aggregate', rpm: [5, 10, 100] },
  { route: 'POST /device', rpm: [10, 250, 5000] },
  { route: 'DELETE /device/{deviceID}', rpm: [10, 250, 5000] },
  { route: 'GET /device', rpm: [50, 100, 500] },
  {
    route: /^GET \/device\/(\{deviceID\}|token\/\{deviceID\}|\{deviceID\}\/data_amount|params)$/,
    rpm: [100, 1000, 5000],
  },
  { route: 'GET /device/{deviceID}/chunk', rpm: [100, 1000, 15000] },
  {
    route:
      /^(PUT \/device\/\{deviceID\}|POST \/device\/token|DELETE \/device\/token\/\{token\}|POST \/device\/\{deviceID\}\/(convert|empty|chunk\/copy)|DELETE \/device\/\{deviceID\}\/chunk\/\{chunkID\})$/,
    rpm: [50, 250, 2000],
  },
  { route: /^(GET|POST) \/(data|device\/\{deviceID\}\/data)$/, rpm: [250, 5000, 15000] },
  { route: /^(PUT|DELETE) \/(data|device\/\{deviceID\}\/data)$/, rpm: [60, 250, 1000] },
  { route: /^(GET|PUT) \/account$/, rpm: [50, 100, 500] },
  { route: 'GET /analysis', rpm: [60, 1000, 2000] },
  { route: /^(POST|PUT|DELETE) \/analysis/, rpm: [60, 100, 1000] },
  { route: /^(POST|PUT|DELETE) \/(action|dashboard)/, rpm: [60, 100, 1000] },
  { route: /^(POST|PUT|DELETE) \/files?/, rpm: [60, 100, 200] },
  { route: /^(POST|PUT|DELETE) \/profile/, rpm: [60, 100, 200] },
  { route: /^[A-Z]+ \/(notification|run\/\{runURL\}\/notification)/, rpm: [60, 100, 1000] },
  { route: /^[A-Z]+ \/run\/users/, rpm: [60, 100, 1000] },
  { route: /^[A-Z]+ \/am/, rpm: [60, 100, 200] },
  { route: 'GET /tags/keys/{type}', rpm: [60, 100, 1000] },
  { route: 'GET /info', rpm: [60, 5000, 10000] },
  { route: 'POST /integration/network', rpm: [60, 100, 500] },
  { route: 'POST /serviceauth', rpm: [60, 100, 200] },
  { route: 'POST /dictionary', rpm: [60, 100, 200] },
  { route: 'POST /template', rpm: [60, 100, 100] },
  { route: 'POST /tcore/instance', rpm: [60, 100, 100] },
];

/**
 * The RPM of a route under a plan and overrides; undefined when the route has no documented limit.
 * @param {string} routeKey
 * @param {RateLimitConfig} [config]
 * @returns {number | undefined}
 */
export function rpmFor(routeKey, { plan = 'scale', rpm = {} } = {}) {
  if (rpm[routeKey] !== undefined) return Number(rpm[routeKey]);
  const base = routeKey.split('?')[0] ?? routeKey;
  if (routeKey !== base && rpm[base] !== undefined) return Number(rpm[base]);
  const idx = /** @type {readonly string[]} */ (PLANS).indexOf(plan);
  for (const row of RPM_TABLE) {
    const hit = typeof row.route === 'string' ? row.route === routeKey : row.route.test(routeKey);
    if (hit) return row.rpm[idx < 0 ? 2 : idx];
  }
  return undefined;
}

export class RateLimiter {
  /** @param {RateLimitConfig | false} [config] */
  constructor(config = {}) {
    this.enabled = config !== false;
    this.config = config || {};
    this.now = this.config.now ?? Date.now;
    /** @type {Map<string, number>} */
    this.windows = new Map();
    this.minute = -1;
    // The table and the plan are fixed for a limiter: each route's limit is looked up once.
    /** @type {Map<string, number | undefined>} */
    this.limits = new Map();
  }

  /**
   * Counts a request; answers `{retryAfterSeconds, limit}` when it is over the limit, else undefined.
   * @param {string} routeKey
   * @param {string | undefined} token
   * @returns {{ retryAfterSeconds: number, limit: number } | undefined}
   */
  hit(routeKey, token) {
    if (!this.enabled) return undefined;
    let limit = this.limits.get(routeKey);
    if (limit === undefined && !this.limits.has(routeKey)) {
      limit = rpmFor(routeKey, this.config);
      this.limits.set(routeKey, limit);
    }
    if (limit === undefined) return undefined;
    const now = this.now();
    const minute = Math.floor(now / 60_000);
    if (minute !== this.minute) {
      this.windows.clear();
      this.minute = minute;
    }
    const key = `${routeKey}\u0000${token ?? ''}`;
    const used = (this.windows.get(key) ?? 0) + 1;
    this.windows.set(key, used);
    if (used <= limit) return undefined;
    return { retryAfterSeconds: Math.max(1, Math.ceil(((minute + 1) * 60_000 - now) / 1000)), limit };
  }
}
