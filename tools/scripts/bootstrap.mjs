#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a machine that has only Node and npm: fetches the pinned pnpm
// through npx, installs the workspace (which brings its own Node 24 for every tool), then hands over to pnpm.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM = 'pnpm@12.4.2';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const task = process.argv[2];
const scripts = { start: 'start:workspace', test: 'test:all' };
if (!(task in scripts)) {
  console.error(`usage: bootstrap.mjs ${Object.keys(scripts).join('|')}`);
  process.exit(2);
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (probe.status === 0 && probe.stdout.trim() === PNPM.split('@')[1]) return ['pnpm', []];
  return ['npx', ['--yes', PNPM]];
}

let pnpm;

function run(args) {
  // Probed once: install and the task then run through the same pnpm.
  const [cmd, prefix] = (pnpm ??= pnpmCommand());
  const result = spawnSync(cmd, [...prefix, ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const started = Date.now();
const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
const installed = run(['install', ...frozen]);
if (installed !== 0) {
  console.error('pnpm install failed');
  process.exit(installed);
}
console.log(`[tagokit] workspace installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(run(['run', scripts[task]]));
