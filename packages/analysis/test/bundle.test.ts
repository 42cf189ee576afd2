// The node-rt2025 recipe (TagoIO's Node runtime installs no dependencies): bundle the analysis into one ESM file
// with esbuild, then run that file with the cloud variables set, in Node and in Deno (deno-rt2025 loads ESM too).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const example = join(here, '..', 'examples', 'temperature-alert.ts');
const deno = join(here, '..', 'node_modules', '.bin', 'deno');
const dir = mkdtempSync(join(tmpdir(), 'tagokit-analysis-'));
const bundle = join(dir, 'analysis.mjs');

const cloud = (data: unknown) => ({
  PATH: process.env['PATH'] ?? '',
  T_ANALYSIS_CONTEXT: 'tago-io',
  T_ANALYSIS_TOKEN: 'a-65f00000-0000-4000-8000-0000000000b1',
  T_ANALYSIS_ID: '65f0000000000000000000b1',
  T_ANALYSIS_ENV: JSON.stringify([{ key: 'limit', value: '30' }]),
  T_ANALYSIS_DATA: JSON.stringify(data),
});
const SCOPE = [
  { variable: 'temperature', value: 31.5, device: 'boiler' },
  { variable: 'temperature', value: 22, device: 'hall' },
];

beforeAll(async () => {
  // The recipe of the README: one file, every import inlined, Node's format and target.
  await build({
    entryPoints: [example],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile: bundle,
    logLevel: 'silent',
  });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the single-file bundle of an example analysis', () => {
  it('imports nothing at run time', () => {
    expect(readFileSync(bundle, 'utf8')).not.toMatch(/^\s*import\s.*from\s/m);
  });

  it.each([
    ['node', [process.execPath, bundle]],
    ['deno', [deno, 'run', '--allow-env', '--no-config', bundle]],
  ])(
    'runs in %s with the cloud variables: logs, exit 0; a bad scope exits 1 with the reason on stderr',
    (_, [bin, ...args]) => {
      const env = { ...cloud(SCOPE), DENO_DIR: join(dir, 'deno-cache'), NO_COLOR: '1' };
      const good = spawnSync(bin!, args, { env, encoding: 'utf8', timeout: 60_000 });
      expect([good.status, good.stdout, good.stderr]).toEqual([
        0,
        'ALERT boiler: 31.5 > 30\nchecked 2 record(s) against 30\n',
        '',
      ]);
      const bad = spawnSync(bin!, args, { env: { ...env, T_ANALYSIS_DATA: '[]' }, encoding: 'utf8', timeout: 60_000 });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/^Analysis failed: Error: the scope holds no temperature record\n/);
    },
    90_000,
  );
});
