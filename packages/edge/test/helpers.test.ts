// The shared helper scenarios (packages/helpers/test/scenarios: pages, follow mode, 429s, the dictionary vectors,
// downlink and PDF requests on the wire) inside workerd (miniflare, no nodejs_compat), edge-runtime (Vercel Edge) and
// headless Chromium (a page on its own origin, calling cross-origin), each against the emulator and two recording
// servers the Node host started on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../tools/emulator/src/index.mjs';
import { RECORDER_ROUTES, SCENARIOS } from '../../helpers/test/scenarios/runtime-scenarios.ts';
import { startRecordingServer, type RecordingServer } from '../../helpers/test/support/recording-server.ts';
import { WORKERS_DIR } from './support/paths.js';
import type { RuntimeHost } from './support/runtimes.js';
import { workerRuntimes } from './support/worker-runtimes.js';
import type { HelperScenarioAnswer, HelperScenarioRequest } from './workers/helpers.js';

// The emulator and the recorders allow any origin, so the Chromium page may call them.
const RUNTIMES: Record<string, () => Promise<RuntimeHost>> = workerRuntimes(join(WORKERS_DIR, 'helpers.ts'), ['/run']);

describe.each(Object.keys(RUNTIMES))('helper scenarios in %s', (runtime) => {
  let emulator: Emulator;
  let recorders: RecordingServer[] = [];
  let host: RuntimeHost;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false, corsOrigins: '*' });
    recorders = await Promise.all([
      startRecordingServer(RECORDER_ROUTES.api),
      startRecordingServer(RECORDER_ROUTES.offApi),
    ]);
    host = await RUNTIMES[runtime]!();
  }, 60_000);
  afterAll(async () => {
    await host?.dispose();
    await Promise.all(recorders.map((r) => r.stop()));
    await emulator?.stop();
  });

  for (const name of Object.keys(SCENARIOS)) {
    it(name, async () => {
      const body: HelperScenarioRequest = {
        name,
        env: {
          emulatorUrl: emulator.url,
          apiRecorderUrl: recorders[0]!.url,
          offApiRecorderUrl: recorders[1]!.url,
          vectors: JSON.parse(
            readFileSync(new URL('../../helpers/test/vectors/dictionary.json', import.meta.url), 'utf8'),
          ),
        },
      };
      const res = await host.fetch('/run', { method: 'POST', body: JSON.stringify(body) });
      expect(res.status, res.text.slice(0, 500)).toBe(200);
      expect(JSON.parse(res.text) as HelperScenarioAnswer).toEqual({ passed: true });
    }, 60_000);
  }
});
