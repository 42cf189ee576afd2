// @tagokit/helpers under Deno: the shared runtime scenarios (packages/helpers/test/scenarios) through a Deno client,
// against the emulator (EMULATOR_URL, started by scripts/test.mjs) and two recording servers started here; and the
// batch splitter.
import { deepStrictEqual } from 'node:assert/strict';
import { splitIntoChunks } from '@tagokit/helpers';
import { createClient, type DenoClientOptions } from '../mod.ts';
import type { DictionaryVectors } from '../../helpers/test/dictionary-vectors.ts';
import { RECORDER_ROUTES, SCENARIOS, type ScenarioEnv } from '../../helpers/test/scenarios/runtime-scenarios.ts';
import { startRecordingServer } from '../../helpers/test/support/recording-server.ts';

const EMULATOR = Deno.env.get('EMULATOR_URL');
const vectors: DictionaryVectors = JSON.parse(
  await Deno.readTextFile(new URL('../../helpers/test/vectors/dictionary.json', import.meta.url)),
);

for (const [name, scenario] of Object.entries(SCENARIOS)) {
  Deno.test({
    name: `helpers: ${name}`,
    ignore: EMULATOR === undefined,
    async fn() {
      const [api, offApi] = await Promise.all([
        startRecordingServer(RECORDER_ROUTES.api),
        startRecordingServer(RECORDER_ROUTES.offApi),
      ]);
      const env: ScenarioEnv = {
        emulatorUrl: EMULATOR!,
        apiRecorderUrl: api.url,
        offApiRecorderUrl: offApi.url,
        vectors,
        createClient: (options) => createClient(options as DenoClientOptions & { token: string }),
      };
      try {
        await scenario(env);
      } finally {
        await Promise.all([api.stop(), offApi.stop()]);
      }
    },
  });
}

Deno.test('helpers: records are split by count and by JSON bytes', () => {
  const records = Array.from({ length: 25 }, (_, i) => ({ variable: 'v', value: i }));
  deepStrictEqual(
    splitIntoChunks(records, 10, 190_000).map((c) => c.records.length),
    [10, 10, 5],
  );
});
