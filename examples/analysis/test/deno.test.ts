// The Deno side of the package: `deno test` on test/deno/, where the analysis package is imported as
// `npm:@tagokit/analysis`. `--no-check` as `deno run` (and deno-rt2025) does: the published .d.ts files still
// import their siblings as `./x.ts`, which tsc does not rewrite in declarations and Deno's checker cannot find.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = mkdtempSync(join(tmpdir(), 'tagokit-deno-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

it('imports npm:@tagokit/analysis in Deno and runs an analysis with it', () => {
  const deno = join(root, 'node_modules', '.bin', 'deno');
  const run = spawnSync(deno, ['test', '--quiet', '--no-check', '--allow-env', 'test/deno/npm-import.deno.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', DENO_DIR: join(cache, 'deno'), NO_COLOR: '1' },
    timeout: 90_000,
  });
  expect([run.status, run.stderr]).toEqual([0, '']);
  expect(run.stdout).toMatch(/npm:@tagokit\/analysis runs a cloud-mode analysis \.\.\. ok/);
  expect(run.stdout).toMatch(/ok \| 1 passed \| 0 failed/);
}, 120_000);
