// examples/bun on the installed tarballs, in the real Bun (@oven/bun-linux-x64 from npm) against the emulator:
// @tagokit/node sends over Bun's fetch there (Bun's `undici` module cannot dispatch), the ES-module and CommonJS
// Node examples run unchanged, and the pool options Bun cannot honour are refused by name.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_DEVICE } from '@tagokit/emulator';
import { describe, expect, inject, it } from 'vitest';
import { emulatorPerFile } from './support/emulator.js';

const here = join(import.meta.dirname, '..');
const BUN = join(here, 'node_modules', '@oven', 'bun-linux-x64', 'bin', 'bun');
const project = inject('project');
const emulator = emulatorPerFile();

const bun = async (dir: string, file: string) => {
  const env = { ...process.env, TAGOIO_API: emulator().url, TAGOIO_DEVICE_TOKEN: DEFAULT_DEVICE.token };
  const run = await promisify(execFile)(BUN, [file], { cwd: join(project, dir), encoding: 'utf8', env });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
};

describe('Bun', () => {
  it('runs examples/bun: send, read back, a typed 401, pool options refused, a closed client refuses', async () => {
    expect(await bun('bun', 'index.ts')).toEqual({
      runtime: 'bun 1.4.4',
      read: { variable: 'voltage', value: 3.3, unit: 'V' },
      error: { typed: true, status: 401 },
      poolOption: 'option_unsupported',
      afterClose: 'client_closed',
    });
  });

  it.each(['index.mjs', 'index.cjs'])('runs examples/node/%s unchanged', async (file) => {
    const result = await bun('node', file);
    expect(result.error).toEqual({ typed: true, name: 'AuthenticationError', status: 401 });
    expect(result.helpers).toEqual({ storedRecords: file === 'index.mjs' ? 1 : 2 });
    expect(result.read.value).toBe(file === 'index.mjs' ? 21.5 : 40);
  });
});
