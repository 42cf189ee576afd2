// The published form of the package: bundled (scripts/bundle.mjs), packed as `pnpm publish` would pack it, installed
// with plain npm into a fresh project outside the workspace (no dependencies to fetch), then started as
// `npx @tagokit/emulator` and imported as a library there.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE } from '../src/index.mjs';
import { printedUrl } from './helpers.js';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'tagokit-emulator-package-'));
const project = join(work, 'consumer');
let tarball = '';
let packedFiles: string[] = [];

function run(cmd: string, args: string[], cwd: string) {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  run(process.execPath, ['scripts/bundle.mjs'], here);
  const packed = run('npx', ['--yes', 'pnpm@12.4.2', 'pack', '--json', '--pack-destination', work], here);
  const info = JSON.parse(packed.slice(packed.indexOf('{'))) as { filename: string; files: { path: string }[] };
  tarball = info.filename;
  packedFiles = info.files.map((f) => f.path).sort();
  mkdirSync(project);
  const manifest = { name: 'emulator-consumer', version: '1.0.0', private: true, type: 'module' };
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], project);
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed @tagokit/emulator', () => {
  it('holds the bundle, the spec and the types, and depends on nothing', () => {
    expect(packedFiles.filter((f) => !/^dist\/chunk-\w+\.mjs$/.test(f))).toEqual([
      'LICENSE',
      'README.md',
      'dist/index.d.mts',
      'dist/index.mjs',
      'dist/tagoio.openapi.json',
      'dist/tagokit-emulator.mjs',
      'package.json',
    ]);
    const manifest = JSON.parse(run('tar', ['-xOzf', tarball, 'package/package.json'], work));
    expect(manifest).toMatchObject({
      name: '@tagokit/emulator',
      bin: { 'tagokit-emulator': './dist/tagokit-emulator.mjs' },
      exports: { '.': { types: './dist/index.d.mts', default: './dist/index.mjs' } },
    });
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.private).toBeUndefined();
  });

  it('starts with `npx @tagokit/emulator` in a fresh project and serves the seeded device', async () => {
    // Its own process group: npx runs the emulator as a child that a signal to npx alone leaves running.
    const child = spawn('npx', ['--offline', '@tagokit/emulator', '--port', '0'], { cwd: project, detached: true });
    try {
      const url = await printedUrl(child);
      const info = await fetch(`${url}/info`, { headers: { token: DEFAULT_DEVICE.token } });
      expect(info.status).toBe(200);
      expect(((await info.json()) as { result: unknown }).result).toMatchObject({
        id: DEFAULT_DEVICE.id,
        name: DEFAULT_DEVICE.name,
      });
    } finally {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
    }
  }, 60_000);

  it('is imported as a library there: startEmulator validates requests against the packed spec', () => {
    const script = `
      import { startEmulator } from '@tagokit/emulator';
      const emu = await startEmulator({ rateLimits: false });
      const send = (body) => fetch(emu.url + '/data', {
        method: 'POST',
        headers: { token: '${DEFAULT_DEVICE.token}', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => [r.status, (await r.json()).message ?? null]);
      const good = await send([{ variable: 'level', value: 3 }]);
      const bad = await send([{ value: 3 }]);
      const stored = emu.state.devices.get('${DEFAULT_DEVICE.id}').data.map((r) => r.variable);
      await emu.stop();
      console.log(JSON.stringify({ good: good[0], bad, stored, resolved: import.meta.resolve('@tagokit/emulator') }));
    `;
    const out = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], project));
    expect(out.good).toBe(200);
    expect(out.bad[0]).toBe(400);
    expect(out.bad[1]).toMatch(/^Error on Body parameters/);
    expect(out.stored).toEqual(['level']);
    expect(out.resolved).toBe(`file://${join(project, 'node_modules', '@tagokit', 'emulator', 'dist', 'index.mjs')}`);
  }, 60_000);
});
