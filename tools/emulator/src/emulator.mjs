// @ts-check
// startEmulator: reads the spec, checks the handlers against it, builds the state, the fault settings and the rate
// limiter, and serves the control API and the API pipeline over HTTP.
import { createControl } from './control.mjs';
import { FaultSettings } from './faults.mjs';
import { addAnalysis } from './handlers/analysis.mjs';
import { realtimeOf, serveEvents } from './handlers/events.mjs';
import { checkedHandlers, HANDLER_AREAS } from './handlers/index.mjs';
import { normalizeLimits } from './http/body.mjs';
import { normalizeCorsOrigins } from './http/cors.mjs';
import { startHttpServer } from './http/server.mjs';
import { parseQuery } from '@tagokit/core/internal';
import { createApiPipeline } from './pipeline/api-request.mjs';
import { RateLimiter } from './pipeline/rate-limit.mjs';
import { loadSpec } from './spec.mjs';
import { RequestStats } from './stats.mjs';
import { refuseUnknownKeys } from './settings.mjs';
import { Store } from './store.mjs';
import { normalizeUploadFaults } from './upload-faults.mjs';

/** The keys of EmulatorOptions (index.d.mts); any other is refused by name. */
export const EMULATOR_OPTION_KEYS = Object.freeze([
  'port',
  'host',
  'seed',
  'faults',
  'devices',
  'tokens',
  'fixture',
  'rateLimits',
  'specPath',
  'maxBodyBytes',
  'maxFormBodyBytes',
  'uploadFaults',
  'bodyTimeoutMs',
  'headersTimeoutMs',
  'log',
  'corsOrigins',
]);
const RATE_LIMIT_KEYS = ['plan', 'rpm', 'now'];

/**
 * Starts an emulator (on 127.0.0.1 unless `host` says otherwise).
 * @param {import('./index.mjs').EmulatorOptions} [options]
 * @param {Readonly<Record<string, import('./handlers/answers.mjs').HandlerMap>>} [handlerAreas]  the stateful
 *   operations, by area; every key must be an operation id of the spec, or the start throws naming it
 * @returns {Promise<import('./index.mjs').Emulator>}
 */
export async function startEmulator(options = {}, handlerAreas = HANDLER_AREAS) {
  refuseUnknownKeys(options, EMULATOR_OPTION_KEYS, 'the emulator options');
  refuseUnknownKeys(options.rateLimits, RATE_LIMIT_KEYS, 'rateLimits');
  const spec = loadSpec(options.specPath);
  const handlers = checkedHandlers(spec, handlerAreas);
  const limits = normalizeLimits(options);
  const bodyLimits = {
    maxBytes: limits.maxBodyBytes,
    maxFormBytes: Math.max(limits.maxBodyBytes, limits.maxFormBodyBytes),
    timeoutMs: limits.bodyTimeoutMs,
  };
  const uploadFaults = { settings: normalizeUploadFaults(options.uploadFaults ?? {}), seed: options.seed ?? 1 };
  const store = new Store({ devices: options.devices, tokens: options.tokens });
  // A fixture is a whole state (a snapshot): it replaces the seeded devices and tokens.
  if (options.fixture !== undefined) store.importState(options.fixture);
  const faults = new FaultSettings(options.faults, options.seed ?? 1);
  const limiter = new RateLimiter(options.rateLimits === undefined ? {} : options.rateLimits);
  const stats = new RequestStats();
  const log = options.log;
  const cors = { origins: normalizeCorsOrigins(options.corsOrigins) };

  const http = await startHttpServer(
    { limits, port: options.port, host: options.host, log, cors },
    {
      api: createApiPipeline({ spec, store, limiter, stats, handlers, faults, bodyLimits, log, uploadFaults }),
      control: createControl({ store, stats, faults, bodyLimits, uploadFaults, cors }),
      events: (req, res, search) => serveEvents(store, req, res, parseQuery(search)),
      refused: (status) => {
        stats.requests++;
        stats.count(status);
      },
    },
  );

  return {
    url: http.url,
    port: http.port,
    state: store,
    spec,
    stats: () => ({ ...stats.snapshot(), faults: faults.plan.stats() }),
    faultSequence: () => [...faults.plan.sequence],
    setFaults: (newFaults, seed) => faults.replace(newFaults, seed),
    getFaults: () => faults.plan.config,
    setUploadFaults: (newFaults, seed) => {
      uploadFaults.settings = normalizeUploadFaults(newFaults ?? {});
      if (seed !== undefined) uploadFaults.seed = seed;
    },
    setCorsOrigins: (origins) => {
      cors.origins = normalizeCorsOrigins(origins);
      return cors.origins;
    },
    getCorsOrigins: () => cors.origins,
    saveState: () => store.exportState(),
    restoreState: (state) => store.importState(state),
    realtime: realtimeOf(store),
    addAnalysis: (input) => addAnalysis(store, input),
    stop: async () => {
      // Open event streams would keep the server from closing.
      realtimeOf(store).drop();
      await http.stop();
    },
  };
}
