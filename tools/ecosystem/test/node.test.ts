// The packed tarballs installed with plain npm into fresh projects (not workspace links), run by the lowest Node
// that `engines` claims (22.19.0) and the newest (24.21.0), as ES modules and as CommonJS, against the emulator.
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_DEVICE, startEmulator, type Emulator } from '@tagokit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs module without declarations
import { installTarballs, newestNode, packPublished } from '../../scripts/tarballs.mjs';

const here = join(import.meta.dirname, '..');
const NODES = [
  { version: 'v22.19.0', bin: join(here, 'node_modules', 'node-lowest', 'bin', 'node') },
  { version: 'v24.21.0', bin: newestNode as string },
];
const CONSUMERS = [
  { kind: 'ESM', file: 'node-esm.mjs', variable: 'temperature', value: 21.5, unit: 'C' },
  { kind: 'CommonJS', file: 'node-cjs.cjs', variable: 'humidity', value: 40, unit: '%' },
];

let work: string;
let project: string;
let emulator: Emulator;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tagokit-ecosystem-'));
  project = join(work, 'node-consumer');
  installTarballs(project, packPublished(join(work, 'tarballs')));
  for (const { file } of CONSUMERS) copyFileSync(join(here, 'consumers', file), join(project, file));
  emulator = await startEmulator({ host: '127.0.0.1', rateLimits: false });
});

afterAll(async () => {
  await emulator?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(NODES)('Node $version', ({ version, bin }) => {
  it('is the version the test claims', () => {
    expect(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(version);
  });

  it.each(CONSUMERS)('$kind: sends a record, reads it back, gets a typed AuthenticationError', async (consumer) => {
    const env = { ...process.env, TAGO_API_URL: emulator.url, TAGO_DEVICE_TOKEN: DEFAULT_DEVICE.token };
    // Asynchronous: the emulator answers from this process, so it must not be blocked while the consumer runs.
    const result = await promisify(execFile)(bin, [consumer.file], { cwd: project, encoding: 'utf8', env });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      read: { variable: consumer.variable, value: consumer.value, unit: consumer.unit },
      error: { typed: true, name: 'AuthenticationError', status: 401 },
      helpers: { storedRecords: 1 },
      analysis: {
        environment: [{ key: 'site', value: 'north' }],
        error: { typed: true, message: 'T_ANALYSIS_ENV is not JSON' },
      },
    });
  });
});
