// @ts-check
// Seeded fault injection. Every request the faults apply to draws, in arrival order, from one PRNG seeded by
// the run's seed: the n-th request gets the same fault in every run with the same seed and settings.
import { refuseUnknownKeys, SettingsError } from './settings.mjs';

/** @typedef {import('./index.mjs').FaultKind} FaultKind */
/** @typedef {import('./index.mjs').FaultOptions} FaultOptions */
/** @typedef {import('./index.mjs').NormalizedFaults} NormalizedFaults */
/**
 * A fault as FaultPlan.next draws it: its kind and the parameter that kind takes.
 * @typedef {{ kind: FaultKind, status?: number, retryAfterSeconds?: number, delayMs?: number, chunkBytes?: number,
 *   intervalMs?: number }} Fault
 */

/**
 * Every kind of fault, in the order used to pick among them.
 * @type {FaultKind[]}
 */
export const FAULT_KINDS = [
  'latency',
  'http5xx',
  'rateLimit',
  'resetBefore',
  'resetAfter',
  'truncated',
  'html',
  'trickle',
];

/**
 * Whether the server acts on the request under each fault (the write is stored).
 * @type {Record<FaultKind, boolean>}
 */
export const FAULT_PROCESSES = {
  latency: true,
  http5xx: false,
  rateLimit: false,
  resetBefore: false,
  resetAfter: true,
  truncated: true,
  html: false,
  trickle: true,
};

/** @type {Readonly<NormalizedFaults>} */
export const DEFAULT_FAULTS = Object.freeze({
  rate: 0,
  kinds: Object.fromEntries(FAULT_KINDS.map((k) => [k, 1])),
  /** Once a 5xx or 429 fault starts, this many requests in a row (inclusive) get it. */
  burst: { min: 1, max: 4 },
  latencyMs: { min: 5, max: 50 },
  trickle: { chunkBytes: 8, intervalMs: 5 },
  retryAfterSeconds: 1,
  /** Only these routes (`POST /data`, or `*`); every route when absent. */
  routes: undefined,
});

/**
 * sfc32 seeded through splitmix32: small, fast and the same on every platform.
 * @param {unknown} seed
 * @returns {() => number}
 */
export function prng(seed) {
  let s = Number(seed) >>> 0 || 0x9e3779b9;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(),
    b = split(),
    c = split(),
    d = split();
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/** The keys of the fault settings (FaultOptions), and of their `trickle` part. */
export const FAULT_SETTING_KEYS = Object.freeze([
  'rate',
  'kinds',
  'burst',
  'latencyMs',
  'trickle',
  'retryAfterSeconds',
  'routes',
]);
const TRICKLE_KEYS = Object.freeze(['chunkBytes', 'intervalMs']);

/**
 * Reads a fault setting from the API, the CLI or the control endpoint. `kinds` may be a list (equal weights),
 * `"all"`, or `{kind: weight}`; unknown kinds are refused.
 * @param {FaultOptions | null | false} [input]
 * @returns {NormalizedFaults}
 */
export function normalizeFaults(input = {}) {
  /** @type {NormalizedFaults} */
  const out = structuredClone({ ...DEFAULT_FAULTS, kinds: { ...DEFAULT_FAULTS.kinds } });
  if (input === null || input === false) return { ...out, rate: 0 };
  if (typeof input !== 'object') throw new SettingsError('faults must be an object');
  refuseUnknownKeys(input, FAULT_SETTING_KEYS, 'faults');
  refuseUnknownKeys(input.trickle, TRICKLE_KEYS, 'faults.trickle');
  if (input.rate !== undefined) {
    const r = Number(input.rate);
    if (!(r >= 0 && r <= 1)) throw new SettingsError('faults.rate must be between 0 and 1');
    out.rate = r;
  }
  if (input.kinds !== undefined) {
    /** @type {unknown} */
    let kinds = input.kinds;
    if (kinds === 'all') kinds = FAULT_KINDS;
    if (typeof kinds === 'string')
      kinds = kinds
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
    if (Array.isArray(kinds)) kinds = Object.fromEntries(kinds.map((k) => [k, 1]));
    /** @type {NormalizedFaults['kinds']} */
    const weights = {};
    for (const [k, w] of Object.entries(/** @type {object} */ (kinds))) {
      if (!isFaultKind(k)) throw new SettingsError(`unknown fault kind "${k}" (known: ${FAULT_KINDS.join(', ')})`);
      const n = Number(w);
      if (!(n >= 0)) throw new SettingsError(`weight of fault kind "${k}" must be >= 0`);
      weights[k] = n;
    }
    out.kinds = weights;
  }
  if (input.burst !== undefined) out.burst = range(input.burst, 'burst');
  if (input.latencyMs !== undefined) out.latencyMs = range(input.latencyMs, 'latencyMs');
  if (input.trickle !== undefined) out.trickle = { ...out.trickle, ...input.trickle };
  if (input.retryAfterSeconds !== undefined)
    out.retryAfterSeconds = Math.max(0, Math.floor(Number(input.retryAfterSeconds)));
  if (input.routes !== undefined) {
    out.routes = input.routes === null ? undefined : /** @type {unknown[]} */ ([]).concat(input.routes).map(String);
  }
  return out;
}

/**
 * @param {unknown} kind
 * @returns {kind is FaultKind}
 */
function isFaultKind(kind) {
  return FAULT_KINDS.includes(/** @type {FaultKind} */ (kind));
}

/**
 * A `{min, max}` range from a number, a `"min-max"` string or an object; throws naming the setting.
 * @param {any} v
 * @param {string} name
 * @returns {{ min: number, max: number }}
 */
function range(v, name) {
  if (typeof v === 'number') return { min: v, max: v };
  if (typeof v === 'string') {
    const [a, b = a] = v.split('-').map(Number);
    return range({ min: a, max: b }, name);
  }
  const min = Number(v?.min);
  const max = Number(v?.max ?? v?.min);
  if (!(min >= 0 && max >= min)) throw new SettingsError(`${name} must be {min, max} with 0 <= min <= max`);
  return { min, max };
}

/** The running fault sequence: decides per request, counts what it did. */
export class FaultPlan {
  /**
   * @param {NormalizedFaults} config
   * @param {number} seed
   */
  constructor(config, seed) {
    this.config = config;
    this.seed = seed;
    this.random = prng(seed);
    /** @type {{ kind: FaultKind | undefined, left: number }} */
    this.burst = { kind: undefined, left: 0 };
    this.decisions = 0;
    this.counts = /** @type {Record<FaultKind, number>} */ (Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])));
    /**
     * Kind per decision (undefined = no fault), in arrival order; capped to keep memory flat.
     * @type {(FaultKind | undefined)[]}
     */
    this.sequence = [];
  }

  /** @param {string} routeKey */
  applies(routeKey) {
    const routes = this.config.routes;
    return !routes || routes.includes('*') || routes.includes(routeKey);
  }

  /**
   * The fault for the next request on `routeKey`, or undefined; always draws the same numbers per request.
   * @param {string} routeKey
   * @returns {Fault | undefined}
   */
  next(routeKey) {
    if (this.config.rate <= 0 || !this.applies(routeKey)) return undefined;
    this.decisions++;
    const roll = this.random();
    const pickRoll = this.random();
    const paramRoll = this.random();
    let kind;
    if (this.burst.left > 0) {
      kind = this.burst.kind;
      this.burst.left--;
    } else if (roll < this.config.rate) {
      kind = pickWeighted(this.config.kinds, pickRoll);
      if (kind === 'http5xx' || kind === 'rateLimit') {
        const { min, max } = this.config.burst;
        const length = min + Math.floor(paramRoll * (max - min + 1));
        this.burst = { kind, left: Math.max(0, length - 1) };
      }
    }
    if (this.sequence.length < 100_000) this.sequence.push(kind);
    if (!kind) return undefined;
    this.counts[kind]++;
    /** @type {Fault} */
    const fault = { kind };
    if (kind === 'latency') {
      const { min, max } = this.config.latencyMs;
      fault.delayMs = Math.round(min + paramRoll * (max - min));
    } else if (kind === 'http5xx') {
      fault.status = [500, 502, 503][Math.floor(paramRoll * 3) % 3];
    } else if (kind === 'rateLimit') {
      fault.retryAfterSeconds = this.config.retryAfterSeconds;
    } else if (kind === 'trickle') {
      fault.chunkBytes = Math.max(1, Number(this.config.trickle.chunkBytes) || 1);
      fault.intervalMs = Math.max(0, Number(this.config.trickle.intervalMs) || 0);
    } else if (kind === 'html') {
      fault.status = paramRoll < 0.5 ? 502 : 503;
    }
    return fault;
  }

  stats() {
    const faulted = Object.values(this.counts).reduce((a, b) => a + b, 0);
    return { seed: this.seed, decisions: this.decisions, faulted, byKind: { ...this.counts } };
  }
}

/**
 * @param {NormalizedFaults['kinds']} weights
 * @param {number} roll  in [0, 1)
 * @returns {FaultKind | undefined}
 */
function pickWeighted(weights, roll) {
  /** @type {[FaultKind, number][]} */
  const entries = FAULT_KINDS.filter((k) => (weights[k] ?? 0) > 0).map((k) => [k, weights[k] ?? 0]);
  const total = entries.reduce((a, [, w]) => a + w, 0);
  if (total <= 0) return undefined;
  let x = roll * total;
  for (const [k, w] of entries) {
    if (x < w) return k;
    x -= w;
  }
  return entries[entries.length - 1]?.[0];
}

/** The fault settings of a running emulator: the plan in force and the seed it restarts from. */
export class FaultSettings {
  /**
   * @param {import('./index.mjs').FaultOptions | null | undefined} faults
   * @param {number} seed
   */
  constructor(faults, seed) {
    this.seed = seed;
    this.plan = new FaultPlan(normalizeFaults(faults ?? {}), seed);
  }

  /**
   * Replaces the settings and restarts the sequence, from `seed` when given; answers the settings in force.
   * @param {import('./index.mjs').FaultOptions | null | undefined} faults
   * @param {number} [seed]
   */
  replace(faults, seed) {
    if (seed !== undefined) this.seed = seed;
    this.plan = new FaultPlan(normalizeFaults(faults ?? {}), this.seed);
    return this.plan.config;
  }
}
