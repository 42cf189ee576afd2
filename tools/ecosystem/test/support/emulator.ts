// One emulator on 127.0.0.1 per test file, started before its tests and stopped after them.
import { startEmulator, type Emulator, type EmulatorOptions } from '@tagokit/emulator';
import { afterAll, beforeAll } from 'vitest';

/** Starts an emulator (rate limits off) for the calling test file; the getter gives it once started. */
export function emulatorPerFile(options: EmulatorOptions = {}): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ host: '127.0.0.1', rateLimits: false, ...options });
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  return () => {
    if (!emulator) throw new Error('the emulator has not started yet');
    return emulator;
  };
}
