// Deno as its README documents it (`import ... from 'jsr:@tagokit/deno'`), on what JSR would publish: the JSR dry run
// of the workspace must pass, and the exact files it lists are copied into a fresh Deno workspace beside
// examples/deno, so that `jsr:@tagokit/deno` resolves to those files (a member of the same name) and nothing else.
// The example then runs, type-checked, against the emulator: send, read back, a typed 401. Deno also runs the Node
// example on the npm tarballs (`@tagokit/node`, helpers, analysis from node_modules).
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_DEVICE } from '@tagokit/emulator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-expect-error plain .mjs module without declarations
import { root } from '../../scripts/tarballs.mjs';
import { emulatorPerFile } from './support/emulator.js';

const DENO = join(import.meta.dirname, '..', 'node_modules', '.bin', 'deno');
const emulator = emulatorPerFile();
let work: string;
let dryRun: { code: number; output: string };
let published: Map<string, string[]>;

const deno = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  promisify(execFile)(DENO, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DENO_DIR: join(work, 'deno-dir'), DENO_NO_PACKAGE_JSON: '1', NO_COLOR: '1', ...env },
  }).then(
    (r) => ({ code: 0, output: `${r.stdout}${r.stderr}`, stdout: r.stdout }),
    (e) => ({ code: (e.code as number) ?? 1, output: `${e.stdout}${e.stderr}`, stdout: String(e.stdout) }),
  );

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tagokit-ecosystem-jsr-'));
  dryRun = await deno(['publish', '--dry-run', '--allow-dirty', '--config', join(root, 'deno.json')], root);
  // "   file:///.../packages/core/src/index.ts (2.1KB)": every file each member would upload.
  published = new Map();
  for (const m of dryRun.output.matchAll(/file:\/\/(\S+?)\/packages\/([\w-]+)\/(\S+) \(/g)) {
    const files = published.get(m[2] as string) ?? [];
    published.set(m[2] as string, [...files, m[3] as string]);
  }
  for (const [member, files] of published) {
    for (const file of files) {
      const to = join(work, 'jsr', member, file);
      mkdirSync(dirname(to), { recursive: true });
      cpSync(join(root, 'packages', member, file), to);
    }
  }
  cpSync(join(inject('project'), 'deno'), join(work, 'jsr', 'app'), { recursive: true });
  const workspace = [...[...published.keys()].map((member) => `./${member}`), './app'];
  writeFileSync(join(work, 'jsr', 'deno.json'), JSON.stringify({ workspace, nodeModulesDir: 'none' }));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('Deno', () => {
  it('deno publish --dry-run of the JSR workspace passes and lists every member', () => {
    expect(dryRun.code, dryRun.output).toBe(0);
    expect([...published.keys()].sort()).toEqual(['api', 'core', 'deno', 'helpers']);
    expect(published.get('deno')).toContain('mod.ts');
  });

  it('runs examples/node/index.mjs on the npm tarballs too (node_modules as npm installed it)', async () => {
    // Here Deno must read the consumer's package.json: it names the npm packages installed in node_modules.
    const env = { TAGOIO_API: emulator().url, TAGOIO_DEVICE_TOKEN: DEFAULT_DEVICE.token, DENO_NO_PACKAGE_JSON: '' };
    const dir = join(inject('project'), 'node');
    const run = await deno(['run', '--node-modules-dir=manual', '--allow-all', 'index.mjs'], dir, env);
    expect(run.code, run.output).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      read: { variable: 'temperature', value: 21.5, unit: 'C' },
      error: { typed: true, name: 'AuthenticationError', status: 401 },
      helpers: { storedRecords: 1 },
    });
  });

  it('runs examples/deno on the published files: send, read back, a typed 401', async () => {
    const env = { TAGOIO_API: emulator().url, TAGOIO_DEVICE_TOKEN: DEFAULT_DEVICE.token };
    const allow = ['--allow-net=127.0.0.1', '--allow-env=TAGOIO_API,TAGOIO_SSE,TAGOIO_DEVICE_TOKEN'];
    const run = await deno(['run', '--check', ...allow, 'main.ts'], join(work, 'jsr', 'app'), env);
    expect(run.code, run.output).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      runtime: 'deno 2.9.6',
      read: { variable: 'level', value: 72, unit: '%' },
      error: { typed: true, status: 401 },
    });
  });
});
