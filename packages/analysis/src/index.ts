import { createGroups, type AnalysisScope } from '@tagokit/api/client';
import {
  createRealtime,
  TagoCore,
  TagoError,
  type ClientOptions,
  type Realtime,
  type RealtimeOptions,
  type RegionInput,
} from '@tagokit/core';
import type { AnalysisTriggerPayload, EnvironmentVariable } from '@tagokit/core/internal';

/** A client scoped to the analysis token kind, with reconnecting realtime. */
export type AnalysisClient = AnalysisScope & {
  readonly core: TagoCore;
  readonly realtime: Realtime;
};

/** What a handler receives besides its scope. */
export interface AnalysisContext {
  /** The analysis token of this run. */
  token: string;
  /** The analysis id (T_ANALYSIS_ID in cloud mode, the trigger's `analysis_id` in external mode). */
  analysisId: string;
  /** The environment as TagoIO delivers it: a list of `{key, value}`. */
  environment: EnvironmentVariable[];
  /** The same environment as a key -> value map (what `Utils.envToJson` gave). */
  env: Record<string, string>;
  /** Prints the line (cloud mode: the runtime captures it) or sends it to the analysis console (external mode). */
  log: (...values: unknown[]) => void;
  /** A client with this run's token, scoped to the analysis token kind. */
  client: AnalysisClient;
}

export type AnalysisHandler = (context: AnalysisContext, scope: unknown[]) => unknown;

export interface RunAnalysisOptions {
  /** The variables to read; the process's (Node) or Deno.env (Deno, needs --allow-env) by default. */
  env?: Record<string, string | undefined>;
  /** The region; else `env` when TAGOIO_API is set, else us-e1. */
  region?: RegionInput;
  /** External mode: the analysis token (else T_ANALYSIS_TOKEN). */
  token?: string;
  /** Options of the clients (timeouts, retries, fetch, transport ...). */
  client?: Omit<ClientOptions, 'token' | 'region' | 'env'>;
  /** External mode: runs at once (default 4); further triggers wait in order. */
  concurrency?: number;
  /** External mode: stops the loop (as SIGINT/SIGTERM do). */
  signal?: AbortSignal;
  /** External mode: options of the analysis_trigger subscription (reconnect policy, idle watchdog). */
  realtime?: Omit<RealtimeOptions, 'token' | 'signal'>;
  /** Where lines go: stdout and stderr by default. */
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  /** Listen to SIGINT/SIGTERM (Node) or Deno's signal listener in external mode (default true). */
  handleSignals?: boolean;
}

/** A variable missing or malformed, or an analysis that cannot run externally. */
export class AnalysisSetupError extends TagoError {
  override readonly name: string = 'AnalysisSetupError';
  constructor(message: string, code: string) {
    super(message, code);
  }
}

/** How a run (cloud) or the trigger loop (external) ended. */
export interface AnalysisOutcome {
  mode: 'cloud' | 'external';
  /** 0, or 1 when the handler (cloud) or any run (external) failed. */
  exitCode: number;
  /** External mode: triggers run. */
  runs: number;
}

type Reader = (name: string) => string | undefined;

/** Reads variables lazily, one name at a time (Deno asks permission per name with --allow-env=...). */
function envReader(given: Record<string, string | undefined> | undefined): Reader {
  if (given) return (name) => (Object.hasOwn(given, name) ? given[name] : undefined);
  const deno = (globalThis as { Deno?: { env: { get(name: string): string | undefined } } }).Deno;
  if (deno) return (name) => deno.env.get(name);
  const proc = (globalThis as { process?: { env: Record<string, string | undefined> } }).process;
  return (name) => proc?.env[name];
}

/**
 * Parses T_ANALYSIS_ENV. TagoIO and TagoCore deliver a JSON list of `{key, value}`; TagoIO's docs show an object
 * (`environment.MY_TOKEN`) and a published snippet defaults to `{}`: both are accepted, anything else is refused.
 */
export function parseEnvironment(text: string | undefined, name = 'T_ANALYSIS_ENV'): EnvironmentVariable[] {
  if (text === undefined || text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AnalysisSetupError(`${name} is not JSON`, 'analysis_env_invalid');
  }
  if (Array.isArray(parsed)) {
    return parsed.map((item, i) => {
      const entry = item as { key?: unknown; value?: unknown } | null;
      if (entry === null || typeof entry !== 'object' || typeof entry.key !== 'string') {
        throw new AnalysisSetupError(`${name}[${i}] must be an object with a string "key"`, 'analysis_env_invalid');
      }
      return { key: entry.key, value: entry.value === undefined || entry.value === null ? '' : String(entry.value) };
    });
  }
  if (parsed !== null && typeof parsed === 'object') {
    return Object.entries(parsed).map(([key, value]) => ({ key, value: String(value) }));
  }
  throw new AnalysisSetupError(`${name} must be a list of {key, value} (or an object)`, 'analysis_env_invalid');
}

/** The environment as a key -> value map; on a repeated key the last one wins, as envToJson does. */
export function environmentMap(environment: readonly EnvironmentVariable[]): Record<string, string> {
  const map: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const { key, value } of environment) map[key] = value;
  return map;
}

function parseScope(text: string | undefined): unknown[] {
  if (text === undefined || text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AnalysisSetupError('T_ANALYSIS_DATA is not JSON', 'analysis_data_invalid');
  }
  return Array.isArray(parsed) ? parsed : [parsed];
}

/**
 * Set to `1` by `tagokit analysis run`: an analysis written for the cloud (no `allowInsecureHttp` in its code) may
 * then reach a local emulator over plain http, but only on a loopback address, so a token never crosses a network
 * unencrypted.
 */
export const LOOPBACK_HTTP_VARIABLE = 'TAGOKIT_ALLOW_LOOPBACK_HTTP';

function isLoopbackHttp(api: string | undefined): boolean {
  if (!api) return false;
  try {
    const url = new URL(api);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** A client for an analysis token: region explicit, else `env` when TAGOIO_API is set, else us-e1. */
export function createAnalysisClient(
  token: string,
  options: RunAnalysisOptions = {},
  read: Reader = envReader(options.env),
): AnalysisClient {
  const api = read('TAGOIO_API');
  const region = options.region ?? (api ? 'env' : 'us-e1');
  const env = region === 'env' ? { TAGOIO_API: api, TAGOIO_SSE: read('TAGOIO_SSE') } : undefined;
  const local = region === 'env' && read(LOOPBACK_HTTP_VARIABLE) === '1' && isLoopbackHttp(api);
  const clientOptions = local ? { allowInsecureHttp: true, ...options.client } : options.client;
  const core = new TagoCore({ ...clientOptions, token, region, ...(env ? { env } : {}) });
  const groups = createGroups({ core, tokenKind: 'analysis' });
  return {
    ...groups,
    core,
    realtime: createRealtime(core, { token, oneShot: groups.realtime }),
  } as unknown as AnalysisClient;
}

function format(values: unknown[]): string {
  return values
    .map((v) => (typeof v === 'string' ? v : v instanceof Error ? (v.stack ?? v.message) : safeJson(v)))
    .join(' ');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/**
 * Runs an analysis where TagoIO runs it. With T_ANALYSIS_CONTEXT set (the TagoIO runtime), once: the variables
 * are read and checked, the handler awaited, a rejection printed on stderr with exit code 1. Without it (an
 * external analysis), it checks `/info`, subscribes to `analysis_trigger` and runs each trigger with its own
 * token and environment until stopped. The exit code is set on the process (Node) when one exists.
 */
export async function runAnalysis(
  handler: AnalysisHandler,
  options: RunAnalysisOptions = {},
): Promise<AnalysisOutcome> {
  const read = envReader(options.env);
  const stdout = options.stdout ?? ((line: string) => console.log(line));
  const stderr = options.stderr ?? ((line: string) => console.error(line));
  const setup = { handler, options, read, stdout, stderr };
  const outcome = read('T_ANALYSIS_CONTEXT') ? await runCloud(setup) : await runExternal(setup);
  const proc = (globalThis as { process?: { exitCode?: number | string | undefined } }).process;
  if (proc && outcome.exitCode !== 0) proc.exitCode = outcome.exitCode;
  return outcome;
}

/** What both modes work with: the handler, the options, the variables and the output lines. */
interface RunSetup {
  handler: AnalysisHandler;
  options: RunAnalysisOptions;
  read: Reader;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

async function runCloud({ handler, options, read, stdout, stderr }: RunSetup): Promise<AnalysisOutcome> {
  try {
    const token = read('T_ANALYSIS_TOKEN');
    if (!token)
      throw new AnalysisSetupError(
        'T_ANALYSIS_TOKEN is missing or empty (set by the TagoIO runtime)',
        'analysis_token_missing',
      );
    const environment = parseEnvironment(read('T_ANALYSIS_ENV'));
    const scope = parseScope(read('T_ANALYSIS_DATA'));
    const client = createAnalysisClient(token, options, read);
    const context: AnalysisContext = {
      token,
      analysisId: read('T_ANALYSIS_ID') ?? '',
      environment,
      env: environmentMap(environment),
      log: (...values) => stdout(format(values)),
      client,
    };
    await handler(context, scope);
    return { mode: 'cloud', exitCode: 0, runs: 1 };
  } catch (error) {
    stderr(`Analysis failed: ${describeFailure(error)}`);
    return { mode: 'cloud', exitCode: 1, runs: 1 };
  }
}

/** Console lines of one run, sent in order, one request at a time; failures are printed, never thrown. */
class ConsoleBuffer {
  #queue: string[] = [];
  #sending: Promise<void> | undefined;
  constructor(
    readonly client: AnalysisClient,
    readonly stderr: (line: string) => void,
  ) {}
  push(line: string): void {
    this.#queue.push(line);
    this.#sending ??= this.#drain();
  }
  async #drain(): Promise<void> {
    for (let line = this.#queue.shift(); line !== undefined; line = this.#queue.shift()) {
      try {
        // The core waits out a 429's Retry-After before resending (see its retry policy).
        await this.client.analysisServices.sendConsole({ body: { message: line, timestamp: Date.now() } } as never);
      } catch (error) {
        this.stderr(`Could not send a console line: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.#sending = undefined;
  }
  async flush(): Promise<void> {
    while (this.#sending) await this.#sending;
  }
}

async function runExternal({ handler, options, read, stdout, stderr }: RunSetup): Promise<AnalysisOutcome> {
  const token = options.token ?? read('T_ANALYSIS_TOKEN');
  if (!token) {
    throw new AnalysisSetupError(
      'An external analysis needs its token: options.token or T_ANALYSIS_TOKEN',
      'analysis_token_missing',
    );
  }
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new AnalysisSetupError('concurrency must be a whole number >= 1', 'option_invalid');
  const main = createAnalysisClient(token, options, read);
  const info = (await main.info.getTokenInfo()) as { name?: string; active?: boolean; run_on?: string };
  if (info.active === false)
    throw new AnalysisSetupError(`The analysis "${info.name ?? ''}" is not active`, 'analysis_inactive');
  if (info.run_on !== 'external') {
    throw new AnalysisSetupError(
      `The analysis "${info.name ?? ''}" runs on ${String(info.run_on)}; set it to run externally`,
      'analysis_not_external',
    );
  }
  const stop = new AbortController();
  const onOuterAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const removeSignals = options.handleSignals === false ? () => undefined : listenToSignals(() => stop.abort());
  const subscription = main.realtime.subscribe(['analysis_trigger'], { ...options.realtime, signal: stop.signal });
  let running = 0;
  let runs = 0;
  let failed = false;
  const waiting: (() => void)[] = [];
  const inFlight = new Set<Promise<void>>();
  const runOne = async (payload: AnalysisTriggerPayload): Promise<void> => {
    const client = payload.token === token ? main : createAnalysisClient(payload.token, options, read);
    const consoleLines = new ConsoleBuffer(client, stderr);
    const environment = parseEnvironment(JSON.stringify(payload.environment ?? []), 'environment');
    const context: AnalysisContext = {
      token: payload.token,
      analysisId: payload.analysis_id,
      environment,
      env: environmentMap(environment),
      log: (...values) => {
        const line = format(values);
        stdout(line);
        consoleLines.push(line);
      },
      client,
    };
    try {
      await handler(context, Array.isArray(payload.data) ? payload.data : []);
    } catch (error) {
      failed = true;
      context.log(`Analysis failed: ${describeFailure(error)}`);
      stderr(`Analysis failed: ${describeFailure(error)}`);
    } finally {
      await consoleLines.flush();
    }
  };
  try {
    for await (const message of subscription) {
      const payload = message.payload;
      if (!payload || typeof payload.token !== 'string') continue;
      if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      runs++;
      const run = runOne(payload).finally(() => {
        running--;
        inFlight.delete(run);
        waiting.shift()?.();
      });
      inFlight.add(run);
    }
  } finally {
    await Promise.all(inFlight);
    removeSignals();
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
  return { mode: 'external', exitCode: failed ? 1 : 0, runs };
}

/** SIGINT and SIGTERM stop the loop: Node's process events, or Deno.addSignalListener. */
function listenToSignals(onSignal: () => void): () => void {
  const deno = (
    globalThis as {
      Deno?: {
        addSignalListener(s: string, f: () => void): void;
        removeSignalListener(s: string, f: () => void): void;
      };
    }
  ).Deno;
  const proc = (globalThis as { process?: { on(s: string, f: () => void): void; off(s: string, f: () => void): void } })
    .process;
  const signals = ['SIGINT', 'SIGTERM'];
  if (deno) {
    for (const s of signals) deno.addSignalListener(s, onSignal);
    return () => {
      for (const s of signals) deno.removeSignalListener(s, onSignal);
    };
  }
  if (proc) {
    for (const s of signals) proc.on(s, onSignal);
    return () => {
      for (const s of signals) proc.off(s, onSignal);
    };
  }
  return () => undefined;
}
export * from './router.ts';
