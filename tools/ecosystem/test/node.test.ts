// examples/node on the packed tarballs installed with plain npm (not workspace links), run by the lowest Node that
// `engines` claims (22.19.0) and the newest (24.21.0), as ES modules and as CommonJS, against the emulator.
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_DEVICE } from '@tagokit/emulator';
import { describe, expect, inject, it } from 'vitest';
// @ts-expect-error plain .mjs module without declarations
import { newestNode } from '../../scripts/tarballs.mjs';
import { emulatorPerFile } from './support/emulator.js';

const here = join(import.meta.dirname, '..');
const NODES = [
  { version: 'v22.19.0', bin: join(here, 'node_modules', 'node-lowest', 'bin', 'node') },
  { version: 'v24.21.0', bin: newestNode as string },
];
const CONSUMERS = [
  {
    kind: 'ESM',
    file: 'index.mjs',
    read: { variable: 'temperature', value: 21.5, unit: 'C' },
    helpers: { storedRecords: 1 },
    analysis: { environment: [{ key: 'site', value: 'north' }] },
  },
  {
    kind: 'CommonJS',
    file: 'index.cjs',
    read: { variable: 'humidity', value: 40, unit: '%' },
    helpers: { storedRecords: 2 },
    analysis: { site: 'north' },
  },
];
const example = join(inject('project'), 'node');

const emulator = emulatorPerFile();

describe.each(NODES)('Node $version', ({ version, bin }) => {
  it('is the version the test claims', () => {
    expect(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(version);
  });

  it.each(CONSUMERS)('$kind: sends a record, reads it back, gets a typed AuthenticationError', async (consumer) => {
    const env = { ...process.env, TAGOIO_API: emulator().url, TAGOIO_DEVICE_TOKEN: DEFAULT_DEVICE.token };
    // Asynchronous: the emulator answers from this process, so it must not be blocked while the example runs.
    const result = await promisify(execFile)(bin, [consumer.file], { cwd: example, encoding: 'utf8', env });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      read: consumer.read,
      error: { typed: true, name: 'AuthenticationError', status: 401 },
      helpers: consumer.helpers,
      analysis: { ...consumer.analysis, error: { typed: true, message: 'T_ANALYSIS_ENV is not JSON' } },
    });
  });
});
