#!/usr/bin/env node
// @ts-check
// tagokit-emulator: runs the TagoIO API emulator on 127.0.0.1 until interrupted.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_TOKENS, FAULT_KINDS, SettingsError, startEmulator } from '../src/index.mjs';
import { refuseUnknownKeys } from '../src/settings.mjs';

/** The keys a config file may hold. */
const CONFIG_KEYS = [
  'devices',
  'tokens',
  'faults',
  'seed',
  'rateLimits',
  'maxBodyBytes',
  'bodyTimeoutMs',
  'headersTimeoutMs',
  'corsOrigins',
];

const HELP = `Usage: tagokit-emulator [options]

  --port N              port on 127.0.0.1 (0 = a free port; default 0)
  --config FILE         JSON file: { devices: [...], tokens: {...}, faults: {...}, seed, rateLimits }
  --fixture FILE        JSON state to start from (GET /__emulator/snapshot's result); replaces devices and tokens
  --seed N              seed of the fault sequence (default 1)
  --faults LIST         fault kinds, comma-separated, or "all": ${FAULT_KINDS.join(', ')}
  --fault-rate R        share of requests that start a fault, 0..1 (default 0.25 when --faults is given)
  --fault-routes LIST   only these routes, e.g. "POST /data,GET /data" (default: every route)
  --latency MIN-MAX     delay of latency faults, ms (default 5-50)
  --burst MIN-MAX       length of 5xx bursts and 429 storms (default 1-4)
  --retry-after N       Retry-After of injected 429s, seconds (default 1)
  --plan NAME           rate-limit column: free, starter, scale (default scale)
  --rpm ROUTE=N         override one route's limit, e.g. "POST /data=100" (repeatable)
  --no-rate-limit       turn rate limits off
  --max-body-bytes N    largest request body, bytes (default 1048576); larger answers 413
  --body-timeout MS     time a body may take after the headers (default 10000); then 408
  --headers-timeout MS  time the request line and headers may take (default 10000); then 408
  --cors-origins LIST   origins browser pages may call from: "*" (default), "none", or a comma list such as
                        "http://localhost:5173,http://127.0.0.1:8080"; other origins' preflights answer 403
  --verbose             print one line per injected fault
  --help                this text`;

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      config: { type: 'string' },
      fixture: { type: 'string' },
      seed: { type: 'string' },
      faults: { type: 'string' },
      'fault-rate': { type: 'string' },
      'fault-routes': { type: 'string' },
      latency: { type: 'string' },
      burst: { type: 'string' },
      'retry-after': { type: 'string' },
      plan: { type: 'string' },
      rpm: { type: 'string', multiple: true },
      'no-rate-limit': { type: 'boolean', default: false },
      'max-body-bytes': { type: 'string' },
      'body-timeout': { type: 'string' },
      'headers-timeout': { type: 'string' },
      'cors-origins': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

/**
 * A JSON file's content; exits naming the file when it cannot be read or parsed.
 * @param {string} file
 */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`${file}: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  }
}

const config = args.config ? readJson(args.config) : {};
try {
  refuseUnknownKeys(config, CONFIG_KEYS, args.config ?? 'the config');
} catch (error) {
  console.error(/** @type {Error} */ (error).message);
  process.exit(2);
}
const faults = { ...(config.faults ?? {}) };
if (args.faults) {
  faults.kinds = args.faults;
  faults.rate ??= 0.25;
}
if (args['fault-rate'] !== undefined) faults.rate = Number(args['fault-rate']);
if (args['fault-routes']) faults.routes = args['fault-routes'].split(',').map((s) => s.trim());
if (args.latency) faults.latencyMs = args.latency;
if (args.burst) faults.burst = args.burst;
if (args['retry-after'] !== undefined) faults.retryAfterSeconds = Number(args['retry-after']);

let rateLimits = config.rateLimits ?? {};
if (args['no-rate-limit']) rateLimits = false;
else {
  if (args.plan) rateLimits = { ...rateLimits, plan: args.plan };
  for (const item of args.rpm ?? []) {
    const eq = item.lastIndexOf('=');
    if (eq < 0) throw new Error(`--rpm needs ROUTE=N, got "${item}"`);
    rateLimits = {
      ...rateLimits,
      rpm: { ...(rateLimits.rpm ?? {}), [item.slice(0, eq).trim()]: Number(item.slice(eq + 1)) },
    };
  }
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('--port must be 0..65535');
  process.exit(2);
}

// Limits from flags win over the config file's; startEmulator refuses values that are not positive integers.
/**
 * @param {'max-body-bytes' | 'body-timeout' | 'headers-timeout'} flag
 * @param {'maxBodyBytes' | 'bodyTimeoutMs' | 'headersTimeoutMs'} key
 */
const limit = (flag, key) => (args[flag] !== undefined ? Number(args[flag]) : config[key]);

/** @type {import('../src/index.mjs').Emulator} */
let emulator;
try {
  emulator = await startEmulator({
    port,
    maxBodyBytes: limit('max-body-bytes', 'maxBodyBytes'),
    bodyTimeoutMs: limit('body-timeout', 'bodyTimeoutMs'),
    headersTimeoutMs: limit('headers-timeout', 'headersTimeoutMs'),
    seed: args.seed !== undefined ? Number(args.seed) : (config.seed ?? 1),
    faults,
    devices: config.devices,
    tokens: config.tokens,
    rateLimits,
    corsOrigins: args['cors-origins'] ?? config.corsOrigins,
    log: args.verbose ? (line) => console.log(`[emulator] ${line}`) : undefined,
    fixture: args.fixture ? readJson(args.fixture) : undefined,
  });
} catch (error) {
  // A setting the emulator cannot use (an unknown key, a bad fixture): say which, without a stack trace.
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const tokens = config.tokens ?? DEFAULT_TOKENS;
console.log(`tagokit emulator listening on ${emulator.url}`);
for (const d of emulator.state.devices.values())
  console.log(`  device ${d.id} "${d.name}" token ${d.tokens[0]?.token ?? '(none)'}`);
for (const [kind, t] of Object.entries(tokens)) console.log(`  ${kind} token ${[].concat(t).join(', ')}`);
const origins = emulator.getCorsOrigins();
console.log(`  CORS origins: ${origins === '*' ? 'any' : origins.join(', ') || 'none'}`);
const f = emulator.getFaults();
console.log(
  f.rate > 0
    ? `  faults: rate ${f.rate}, kinds ${Object.keys(f.kinds).join(', ')}, seed ${emulator.stats().faults.seed}`
    : '  faults: off (POST /__emulator/faults to turn them on)',
);

const shutdown = async () => {
  await emulator.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
