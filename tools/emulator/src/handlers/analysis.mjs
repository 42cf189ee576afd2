// @ts-check
// Analyses, kept in the store (created, listed, read, edited, removed; a new token on request): a manual run
// (`POST /analysis/{id}/run`) fires `analysis_trigger` with the analysis's token and environment, and what an
// analysis sends to its console is recorded and published on `analysis_console.<id>`.
import { notFound, ok } from './answers.mjs';
import { ANALYSES, realtimeOf } from './events.mjs';
import { confirmation, resourceHandlers } from './resources.mjs';
import { refuseUnknownKeys, SettingsError } from '../settings.mjs';

/** @type {import('./resources.mjs').ResourceKind} */
export const ANALYSIS = {
  collection: ANALYSES,
  label: 'Analysis',
  idParam: 'analysisID',
  ops: {
    create: 'createAnalysis',
    list: 'listAnalyses',
    get: 'getAnalysis',
    update: 'updateAnalysis',
    remove: 'deleteAnalysis',
  },
};

const ANALYSIS_RESOURCE = resourceHandlers(ANALYSIS);

/**
 * The analysis a path names, or a 404 answer.
 * @param {import('./answers.mjs').HandlerContext} ctx
 */
function pathAnalysis(ctx) {
  const analysis = realtimeOf(ctx.store).analyses.get(ctx.pathParams['analysisID'] ?? '');
  return analysis ? { analysis } : { missing: notFound('Analysis not found') };
}

/**
 * Gives an analysis a new token (an analysis token from now on) and retires the previous one.
 * @param {import('../store.mjs').Store} store
 * @param {{ token?: unknown }} analysis
 */
function renewToken(store, analysis) {
  if (typeof analysis.token === 'string' && analysis.token !== '') store.tokens.delete(analysis.token);
  const token = `a-${store.newToken()}`;
  store.registerToken(token, { kind: 'analysis' });
  analysis.token = token;
  return token;
}

/** @type {import('./answers.mjs').HandlerMap} */
export const ANALYSIS_HANDLERS = {
  ...ANALYSIS_RESOURCE,
  createAnalysis(ctx) {
    const created = /** @type {import('./answers.mjs').Handler} */ (ANALYSIS_RESOURCE.createAnalysis)(ctx);
    const id = /** @type {any} */ (created)?.body?.result?.id;
    const analysis = realtimeOf(ctx.store).analyses.get(id);
    if (!analysis) return created;
    // The spec's example shape lacks these for a new record: a fresh analysis has its own token and variables.
    analysis.variables = ctx.body?.variables ?? [];
    analysis.run_on = ctx.body?.run_on ?? 'tago';
    analysis.active = ctx.body?.active ?? true;
    return ok(ctx.op, { id, token: renewToken(ctx.store, analysis) });
  },
  deleteAnalysis(ctx) {
    const { analysis, missing } = pathAnalysis(ctx);
    if (!analysis) return missing;
    ctx.store.tokens.delete(analysis.token);
    realtimeOf(ctx.store).analyses.delete(analysis.id);
    return ok(ctx.op, confirmation(ctx));
  },
  generateAnalysisToken(ctx) {
    const { analysis, missing } = pathAnalysis(ctx);
    if (!analysis) return missing;
    return ok(ctx.op, { analysis_token: renewToken(ctx.store, analysis) });
  },
  runAnalysis(ctx) {
    const { analysis, missing } = pathAnalysis(ctx);
    if (!analysis) return missing;
    const scope = ctx.body && Array.isArray(ctx.body.scope) ? ctx.body.scope : [];
    realtimeOf(ctx.store).publish('analysis_trigger', {
      analysis_id: analysis.id,
      token: analysis.token,
      environment: analysis.variables ?? [],
      data: scope,
    });
    return ok(ctx.op, { analysis_token: analysis.token });
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
