import { startEmulator, type Emulator } from '@tagokit/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnvironment, runAnalysis, type AnalysisContext } from '../src/index.js';

const TOKEN = 'a-65f00000-0000-4000-8000-0000000000b1';
const ANALYSIS_ID = '65f0000000000000000000b1';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) };
}

describe('cloud mode (T_ANALYSIS_CONTEXT set)', () => {
  it('reads the variables, gives the environment as list and map, awaits the handler', async () => {
    const io = capture();
    const seen: { context?: AnalysisContext; scope?: unknown[] } = {};
    const env = {
      T_ANALYSIS_CONTEXT: 'tago-io',
      T_ANALYSIS_TOKEN: TOKEN,
      T_ANALYSIS_ID: ANALYSIS_ID,
      T_ANALYSIS_ENV: JSON.stringify([
        { key: 'limit', value: '30' },
        { key: 'email', value: 'a@b.c' },
      ]),
      T_ANALYSIS_DATA: JSON.stringify([{ variable: 'temperature', value: 31 }]),
    };
    const outcome = await runAnalysis(
      async (context, scope) => {
        await new Promise((r) => setTimeout(r, 10));
        seen.context = context;
        seen.scope = scope;
        context.log('limit is', Number(context.env['limit']), { ok: true });
      },
      { env, ...io },
    );
    expect(outcome).toEqual({ mode: 'cloud', exitCode: 0, runs: 1 });
    expect(seen.context).toMatchObject({
      token: TOKEN,
      analysisId: ANALYSIS_ID,
      environment: [
        { key: 'limit', value: '30' },
        { key: 'email', value: 'a@b.c' },
      ],
    });
    expect({ ...seen.context!.env }).toEqual({ limit: '30', email: 'a@b.c' });
    expect(seen.scope).toEqual([{ variable: 'temperature', value: 31 }]);
    expect(io.out).toEqual(['limit is 30 {"ok":true}']);
    expect(seen.context!.client.core.region.api).toBe('https://api.us-e1.tago.io');
  });

  it('takes the region from TAGOIO_API, and the object form of T_ANALYSIS_ENV the docs show', async () => {
    let context: AnalysisContext | undefined;
    const env = {
      T_ANALYSIS_CONTEXT: 'tago-io',
      T_ANALYSIS_TOKEN: TOKEN,
      T_ANALYSIS_ENV: '{"limit":30}',
      TAGOIO_API: 'https://api.eu-w1.tago.io',
    };
    await runAnalysis(
      (c) => {
        context = c;
      },
      { env, ...capture() },
    );
    expect(context!.environment).toEqual([{ key: 'limit', value: '30' }]);
    expect(context!.client.core.region).toEqual({
      api: 'https://api.eu-w1.tago.io',
      sse: 'https://sse.eu-w1.tago.io/events',
      insecure: false,
    });
  });

  it('reports a rejection or a bad variable on stderr with exit code 1', async () => {
    const io = capture();
    const env = { T_ANALYSIS_CONTEXT: 'tago-io', T_ANALYSIS_TOKEN: TOKEN };
    const failed = await runAnalysis(async () => Promise.reject(new Error('sensor offline')), { env, ...io });
    expect(failed.exitCode).toBe(1);
    expect(io.err[0]).toMatch(/^Analysis failed: Error: sensor offline\n/);
    const noToken = capture();
    expect((await runAnalysis(() => undefined, { env: { T_ANALYSIS_CONTEXT: 'tago-io' }, ...noToken })).exitCode).toBe(
      1,
    );
    expect(noToken.err[0]).toMatch(/^Analysis failed: AnalysisSetupError: T_ANALYSIS_TOKEN is missing or empty/);
    process.exitCode = 0;
    expect(() => parseEnvironment('[{"value":1}]')).toThrow('T_ANALYSIS_ENV[0] must be an object with a string "key"');
    expect(() => parseEnvironment('nope')).toThrow('T_ANALYSIS_ENV is not JSON');
    expect(() => parseEnvironment('3')).toThrow('T_ANALYSIS_ENV must be a list of {key, value} (or an object)');
  });
});

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

describe('external mode against the emulator', () => {
  it('runs every trigger once across a drop, logs to the console in order, stops on its signal', async () => {
    emu = await startEmulator({ rateLimits: false });
    emu.addAnalysis({ id: ANALYSIS_ID, token: TOKEN, variables: [{ key: 'limit', value: '30' }] });
    const env = { T_ANALYSIS_TOKEN: TOKEN, TAGOIO_API: emu.url };
    const stop = new AbortController();
    const runs: unknown[] = [];
    const io = capture();
    const done = runAnalysis(
      async (context, scope) => {
        runs.push(scope[0]);
        context.log(`run ${runs.length} limit ${context.env['limit']}`);
        if (runs.length === 2) throw new Error('bad scope');
      },
      {
        env,
        client: { allowInsecureHttp: true },
        concurrency: 1,
        realtime: { reconnect: { initialDelayMs: 10, jitter: 0 } },
        signal: stop.signal,
        handleSignals: false,
        ...io,
      },
    );
    const fire = (n: number) =>
      emu!.realtime.publish('analysis_trigger', {
        analysis_id: ANALYSIS_ID,
        token: TOKEN,
        environment: [{ key: 'limit', value: '30' }],
        data: [{ n }],
      });
    const until = async (check: () => boolean) => {
      while (!check()) await new Promise((r) => setTimeout(r, 5));
    };
    await until(() => emu!.realtime.streams.size === 1);
    fire(1);
    await until(() => runs.length === 1);
    emu.realtime.drop();
    fire(2); // while disconnected: replayed after Last-Event-ID
    await until(() => emu!.realtime.streams.size === 1);
    fire(3);
    await until(() => emu!.realtime.console.length === 4);
    stop.abort();
    const outcome = await done;
    expect(runs).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(outcome).toEqual({ mode: 'external', exitCode: 1, runs: 3 });
    expect(emu.realtime.connections.map((c) => c.lastEventId)).toEqual([undefined, '1']);
    expect(emu.realtime.console.map((l) => l.message.split('\n')[0])).toEqual([
      'run 1 limit 30',
      'run 2 limit 30',
      'Analysis failed: Error: bad scope',
      'run 3 limit 30',
    ]);
    process.exitCode = 0;
  });

  it('refuses an analysis that is not set to run externally', async () => {
    emu = await startEmulator({ rateLimits: false });
    emu.addAnalysis({ id: ANALYSIS_ID, token: TOKEN, run_on: 'tago' });
    const attempt = runAnalysis(() => undefined, {
      env: { T_ANALYSIS_TOKEN: TOKEN, TAGOIO_API: emu.url },
      client: { allowInsecureHttp: true },
      handleSignals: false,
    });
    await expect(attempt).rejects.toMatchObject({
      name: 'AnalysisSetupError',
      code: 'analysis_not_external',
      message: 'The analysis "Emulated analysis" runs on tago; set it to run externally',
    });
  });
});
