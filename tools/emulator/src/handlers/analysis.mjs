// @ts-check
// Analyses: a manual run (`POST /analysis/{id}/run`) fires `analysis_trigger` with the analysis's token and
// environment, and what an analysis sends to its console is recorded and published on `analysis_console.<id>`.
import { ok } from './answers.mjs';
import { realtimeOf } from './events.mjs';
import { refuseUnknownKeys, SettingsError } from '../settings.mjs';

/** @type {import('./answers.mjs').HandlerMap} */
export const ANALYSIS_HANDLERS = {
  runAnalysis(ctx) {
    const hub = realtimeOf(ctx.store);
    const analysis = hub.analyses.get(ctx.pathParams['analysisID'] ?? '');
    // An analysis not added to the emulator answers the spec's example, as before analyses were stateful.
    if (!analysis) return undefined;
    const scope = ctx.body && Array.isArray(ctx.body.scope) ? ctx.body.scope : [];
    hub.publish('analysis_trigger', {
      analysis_id: analysis.id,
      token: analysis.token,
      environment: analysis.variables,
      data: scope,
    });
    return ok(ctx.op, 'Analysis triggered');
  },
  sendAnalysisConsoleMessage(ctx) {
    const hub = realtimeOf(ctx.store);
    const token = ctx.caller?.token;
    const analysis = [...hub.analyses.values()].find((a) => a.token === token);
    const line = {
      analysis_id: analysis?.id ?? '',
      message: String(ctx.body.message),
      timestamp: Number(ctx.body.timestamp ?? Date.now()),
    };
    hub.console.push(line);
    if (analysis) hub.publish(`analysis_console.${analysis.id}`, { message: line.message, timestamp: line.timestamp });
    return ok(ctx.op, 'Console sent');
  },
};

/** The fields of an added analysis (`addAnalysis`, `POST /__emulator/analyses`). */
export const ANALYSIS_KEYS = Object.freeze(['id', 'name', 'token', 'active', 'run_on', 'variables']);

/**
 * Adds an analysis (and registers its token as an analysis token); fields left out get defaults.
 * @param {import('../store.mjs').Store} store
 * @param {Partial<import('./events.mjs').EmulatedAnalysis>} input
 * @returns {import('./events.mjs').EmulatedAnalysis}
 */
export function addAnalysis(store, input = {}) {
  if (input === null || typeof input !== 'object') throw new SettingsError('the analysis must be an object');
  refuseUnknownKeys(input, ANALYSIS_KEYS, 'the analysis');
  const variables = input.variables ?? [];
  if (!Array.isArray(variables) || !variables.every((v) => typeof v?.key === 'string' && typeof v.value === 'string')) {
    throw new SettingsError('the analysis variables must be a list of { key, value } strings');
  }
  if (input.run_on !== undefined && input.run_on !== 'tago' && input.run_on !== 'external') {
    throw new SettingsError('the analysis run_on must be "tago" or "external"');
  }
  const analysis = {
    id: input.id ?? store.nextId(),
    name: input.name ?? 'Emulated analysis',
    token: input.token ?? `a-${store.newToken()}`,
    active: input.active ?? true,
    run_on: input.run_on ?? 'external',
    variables,
  };
  if (!store.tokens.has(analysis.token)) store.registerToken(analysis.token, { kind: 'analysis' });
  realtimeOf(store).analyses.set(analysis.id, analysis);
  return analysis;
}
