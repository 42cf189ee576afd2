import { createClient } from '@tagokit/node';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKENS, startEmulator, type Emulator } from '../src/index.mjs';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

const PROFILE = DEFAULT_TOKENS.profile as string;
const ANALYSIS = {
  id: '65f0000000000000000000b1',
  token: 'a-65f00000-0000-4000-8000-0000000000b1',
  variables: [{ key: 'limit', value: '30' }],
};

describe('emulator realtime host and analyses', () => {
  it('fires analysis_trigger on a run and replays what a dropped stream missed (Last-Event-ID)', async () => {
    emu = await startEmulator({ rateLimits: false });
    emu.addAnalysis(ANALYSIS);
    const region = { api: emu.url };
    const profile = createClient({ token: PROFILE, region, allowInsecureHttp: true });
    const analysis = createClient({ token: ANALYSIS.token, region, allowInsecureHttp: true });
    const runs: unknown[] = [];
    const sub = analysis.realtime.subscribe(['analysis_trigger'], { reconnect: { initialDelayMs: 20, jitter: 0 } });
    const reading = (async () => {
      for await (const message of sub) {
        runs.push(message.payload?.data);
        if (runs.length === 1) {
          // Dropped right after the first trigger; the second is fired while the client is away.
          emu!.realtime.drop();
          await profile.analyses.run({ analysisID: ANALYSIS.id, body: { scope: [{ run: 2 }] } } as never);
        }
        if (runs.length === 3) break;
      }
    })();
    while (sub.state !== 'open') await new Promise((r) => setTimeout(r, 5));
    await profile.analyses.run({ analysisID: ANALYSIS.id, body: { scope: [{ run: 1 }] } } as never);
    while (runs.length < 2) await new Promise((r) => setTimeout(r, 5));
    await profile.analyses.run({ analysisID: ANALYSIS.id, body: { scope: [{ run: 3 }] } } as never);
    await reading;
    expect(runs).toEqual([[{ run: 1 }], [{ run: 2 }], [{ run: 3 }]]);
    expect(emu.realtime.connections).toEqual([
      { channels: ['analysis_trigger'], lastEventId: undefined },
      { channels: ['analysis_trigger'], lastEventId: '1' },
    ]);
    expect(emu.realtime.events[0]).toEqual({
      id: 1,
      channel: 'analysis_trigger',
      payload: { analysis_id: ANALYSIS.id, token: ANALYSIS.token, environment: ANALYSIS.variables, data: [{ run: 1 }] },
    });
    await profile.close();
    await analysis.close();
  });

  it('records console messages and publishes them on analysis_console.<id>; refuses unknown tokens', async () => {
    emu = await startEmulator({ rateLimits: false });
    emu.addAnalysis(ANALYSIS);
    const analysis = createClient({ token: ANALYSIS.token, region: { api: emu.url }, allowInsecureHttp: true });
    await analysis.analysisServices.sendConsole({ body: { message: 'hello', timestamp: 1700000000000 } } as never);
    expect(emu.realtime.console).toEqual([{ analysis_id: ANALYSIS.id, message: 'hello', timestamp: 1700000000000 }]);
    expect(emu.realtime.events).toEqual([
      { id: 1, channel: `analysis_console.${ANALYSIS.id}`, payload: { message: 'hello', timestamp: 1700000000000 } },
    ]);
    expect(await analysis.info.getTokenInfo()).toEqual({
      id: ANALYSIS.id,
      name: 'Emulated analysis',
      active: true,
      run_on: 'external',
    });
    const stranger = analysis.realtime.subscribe(['analysis_trigger'], { token: 'a-unknown' });
    await expect(stranger[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      name: 'AuthenticationError',
      status: 401,
    });
    await analysis.close();
  });
});
