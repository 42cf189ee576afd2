// @ts-check
// The control API, outside the spec and without tokens (the server listens on 127.0.0.1 only): fault settings,
// counters, a summary of the state, devices added at run time, snapshots and restores of the whole state, and a
// reset. The README's "Control endpoint" table lists the routes.
import { FAULT_SETTING_KEYS } from './faults.mjs';
import { addAnalysis } from './handlers/analysis.mjs';
import { normalizeCorsOrigins } from './http/cors.mjs';
import { readBody } from './http/body.mjs';
import { fileContent } from './handlers/file-store.mjs';
import { refuse, send } from './http/respond.mjs';
import { refuseUnknownKeys, SettingsError } from './settings.mjs';
import { ConflictError } from './store.mjs';
import { normalizeUploadFaults } from './upload-faults.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * The handler of `/__emulator/...` requests.
 * @param {{ store: import('./store.mjs').Store, stats: import('./stats.mjs').RequestStats,
 *   faults: import('./faults.mjs').FaultSettings, bodyLimits: { maxBytes: number, timeoutMs: number },
 *   uploadFaults: import('./handlers/answers.mjs').UploadFaultContext,
 *   cors: { origins: import('./http/cors.mjs').CorsOrigins } }} emulator
 * @returns {(req: IncomingMessage, res: ServerResponse, method: string, segments: string[]) => Promise<void>}
 */
export function createControl({ store, stats, faults, bodyLimits, uploadFaults, cors }) {
  return async function control(req, res, method, segments) {
    // `/__emulator/files/<profile>/<path>`: what getFile's signed URL downloads, without a token (as S3's does).
    if (method === 'GET' && segments[1] === 'files' && segments.length > 3) {
      const content = fileContent({ store }, `/${segments.slice(3).join('/')}`);
      if (!content) return send(res, 404, { status: false, message: 'File not found' });
      res.writeHead(200, { 'content-type': content.contentType, 'content-length': String(content.bytes.length) });
      res.end(content.bytes);
      return undefined;
    }
    const read = await readBody(req, bodyLimits);
    if (read.status !== undefined) {
      return read.status === 0 ? undefined : refuse(req, res, read.status, read.message, true);
    }
    /** @type {any} */
    let body = {};
    if (read.text) {
      try {
        body = JSON.parse(read.text);
      } catch {
        return send(res, 400, { status: false, message: 'Body is not valid JSON' });
      }
    }
    const path = `/${segments.filter((s) => s !== '').join('/')}`;
    try {
      const answer = route(path, method, body);
      if (answer) return send(res, answer.status, answer.body);
    } catch (error) {
      const status = error instanceof ConflictError ? 409 : 400;
      return send(res, status, { status: false, message: String(/** @type {any} */ (error)?.message ?? error) });
    }
    return send(res, 404, { status: false, message: 'Unknown control route' });
  };

  /**
   * The answer of a control route, or undefined when there is no such route; throws on a bad body.
   * @param {string} path
   * @param {string} method
   * @param {any} body
   * @returns {{ status: number, body: unknown } | undefined}
   */
  function route(path, method, body) {
    /** @param {unknown} result */
    const ok = (result, status = 200) => ({ status, body: { status: true, result } });
    if (path === '/__emulator/faults') {
      if (method === 'GET') return ok({ config: faults.plan.config, stats: faults.plan.stats() });
      if (method === 'POST' || method === 'PUT') {
        // Either `{faults, seed}` or the settings themselves with an optional `seed` beside them.
        const wrapped = body !== null && typeof body === 'object' && 'faults' in body;
        refuseUnknownKeys(body, wrapped ? ['faults', 'seed'] : [...FAULT_SETTING_KEYS, 'seed'], 'the fault settings');
        const { seed, ...settings } = body ?? {};
        if (seed !== undefined && !Number.isInteger(seed)) throw new SettingsError('seed must be an integer');
        const config = faults.replace(wrapped ? body.faults : settings, seed);
        return ok({ config, seed: faults.seed });
      }
      if (method === 'DELETE') return ok({ config: faults.replace({ rate: 0 }) });
    }
    if (path === '/__emulator/upload-faults' && (method === 'POST' || method === 'PUT')) {
      refuseUnknownKeys(body, ['faults', 'seed'], 'the upload fault settings');
      if (body.seed !== undefined && !Number.isInteger(body.seed)) throw new SettingsError('seed must be an integer');
      uploadFaults.settings = normalizeUploadFaults(body.faults ?? {});
      if (body.seed !== undefined) uploadFaults.seed = body.seed;
      return ok({ config: uploadFaults.settings, seed: uploadFaults.seed });
    }
    if (path === '/__emulator/cors') {
      if (method === 'GET') return ok({ origins: cors.origins });
      if (method === 'POST' || method === 'PUT') {
        refuseUnknownKeys(body, ['origins'], 'the CORS settings');
        if (body?.origins === undefined) throw new SettingsError('the CORS settings need "origins"');
        cors.origins = normalizeCorsOrigins(body.origins);
        return ok({ origins: cors.origins });
      }
    }
    if (path === '/__emulator/stats' && method === 'GET') {
      return ok({ ...stats.snapshot(), faults: faults.plan.stats() });
    }
    if (path === '/__emulator/state' && method === 'GET') {
      const devices = [...store.devices.values()].map((d) => ({
        id: d.id,
        name: d.name,
        tokens: d.tokens.length,
        params: d.params.length,
        records: d.data.length,
      }));
      return ok({ devices });
    }
    if (path === '/__emulator/snapshot' && method === 'GET') return ok(store.exportState());
    if (path === '/__emulator/restore' && method === 'POST') {
      store.importState(body);
      return ok('State restored');
    }
    if (path === '/__emulator/devices' && method === 'POST') {
      const d = store.createDevice(body);
      return ok({ id: d.id, token: d.tokens[0]?.token }, 201);
    }
    if (path === '/__emulator/analyses' && method === 'POST') {
      const analysis = addAnalysis(store, body ?? {});
      return ok({ id: analysis.id, token: analysis.token }, 201);
    }
    if (path === '/__emulator/reset' && method === 'POST') {
      for (const d of store.devices.values()) d.data = [];
      stats.reset();
      faults.replace(faults.plan.config);
      return ok('Emulator reset');
    }
    return undefined;
  }
}
