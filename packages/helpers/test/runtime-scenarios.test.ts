// The shared runtime scenarios (scenarios/runtime-scenarios.ts) in Node, through createEdgeClient over fetch; Deno
// and workerd run the same module (packages/deno/test/helpers-scenarios.test.ts, packages/edge/test/helpers.test.ts).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createEdgeClient } from '@tagokit/edge';
import { startEmulator, type Emulator } from '../../../tools/emulator/src/index.mjs';
import { RECORDER_ROUTES, SCENARIOS, type ScenarioEnv } from './scenarios/runtime-scenarios.ts';
import { startRecordingServer, type RecordingServer } from './support/recording-server.ts';

describe('runtime scenarios in Node', () => {
  let emulator: Emulator;
  let recorders: RecordingServer[] = [];
  let env: ScenarioEnv;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false });
    recorders = await Promise.all([
      startRecordingServer(RECORDER_ROUTES.api),
      startRecordingServer(RECORDER_ROUTES.offApi),
    ]);
    env = {
      emulatorUrl: emulator.url,
      apiRecorderUrl: recorders[0]!.url,
      offApiRecorderUrl: recorders[1]!.url,
      vectors: JSON.parse(readFileSync(new URL('./vectors/dictionary.json', import.meta.url), 'utf8')),
      createClient: (options) => createEdgeClient(options as Parameters<typeof createEdgeClient>[0]),
    };
  });
  afterAll(async () => {
    await Promise.all(recorders.map((r) => r.stop()));
    await emulator?.stop();
  });
  for (const [name, scenario] of Object.entries(SCENARIOS)) it(name, () => scenario(env), 60_000);
});
