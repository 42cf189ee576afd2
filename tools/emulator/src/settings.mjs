// @ts-check
// Checks of what users hand the emulator (start options, the config or fixture file, the control API's bodies):
// an unknown key is refused by name, with the known key it most likely meant, instead of being silently ignored
// (`retryAfter` used to do nothing where `retryAfterSeconds` was meant).

/** A setting the emulator cannot use: an unknown key or a value of the wrong type. The control API answers 400. */
export class SettingsError extends Error {
  /**
   * @param {string} message
   * @param {{ key?: string, suggestion?: string }} [details]
   */
  constructor(message, { key, suggestion } = {}) {
    super(message);
    this.name = 'SettingsError';
    /** @type {400} */
    this.status = 400;
    this.key = key;
    this.suggestion = suggestion;
  }
}

/**
 * Edit distance between two short strings (case-insensitive), a swap of two neighbours counting as one edit
 * (`prot` is one edit from `port`).
 * @param {string} a
 * @param {string} b
 */
function distance(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  /** @type {number[][]} */
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i ? (j ? 0 : i) : j)),
  );
  for (let i = 1; i <= x.length; i++) {
    const row = /** @type {number[]} */ (d[i]);
    const above = /** @type {number[]} */ (d[i - 1]);
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row[j] = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        row[j] = Math.min(row[j] ?? 0, (d[i - 2]?.[j - 2] ?? 0) + 1);
      }
    }
  }
  return d[x.length]?.[y.length] ?? 0;
}

/**
 * The known key an unknown one most likely meant: one that starts with it or it starts with (`retryAfter` ->
 * `retryAfterSeconds`), else the nearest within a third of its length; undefined when none is close.
 * @param {string} key
 * @param {readonly string[]} known
 */
export function closestKey(key, known) {
  const lower = key.toLowerCase();
  const prefix = known.find((k) => k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase()));
  if (prefix && key.length >= 3) return prefix;
  let best;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    const d = distance(key, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/**
 * Throws a SettingsError naming the first key of `value` that is not in `known` (and the likely meant one).
 * @param {unknown} value  an object (anything else is the caller's to refuse)
 * @param {readonly string[]} known
 * @param {string} where  what the object is, for the message (`faults`, `faults.trickle`, `emulator options`)
 */
export function refuseUnknownKeys(value, known, where) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const suggestion = closestKey(key, known);
    const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
    throw new SettingsError(`unknown key "${key}" in ${where}${hint}; known keys: ${known.join(', ')}`, {
      key,
      suggestion,
    });
  }
}
