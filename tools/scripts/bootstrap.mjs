#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a machine that has only Node and npm: fetches the pinned pnpm
// through npx, installs the workspace (which brings its own Node 24 for every tool), then hands over to pnpm.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
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

// What the test suites run outside Node, by Debian package: the microcontroller suites run the ES5 client in
// duktape (/usr/bin/duk) and mujs (/usr/bin/mujs) and build the Moddable XS engine with a C compiler and make; the
// ecosystem suite drives headless Chromium (/usr/bin/chromium) with puppeteer-core.
const DEBIAN_FOR_TESTS = [
  { pkg: 'duktape', path: '/usr/bin/duk' },
  { pkg: 'mujs', path: '/usr/bin/mujs' },
  { pkg: 'make', command: 'make' },
  { pkg: 'gcc', command: 'gcc' },
  { pkg: 'chromium', path: '/usr/bin/chromium' },
];

const onPath = (command) => (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, command)));

/** Installs the missing Debian packages when it can (root with apt-get); otherwise names them and exits 1. */
function ensureSystemPackages(needed) {
  const missing = needed.filter((n) => !(n.path ? existsSync(n.path) : onPath(n.command))).map((n) => n.pkg);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && onPath('apt-get')) {
    console.log(`[tagokit] installing Debian packages the test suites need: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = () => spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
    if (update.status === 0 && install().status === 0) return;
  }
  const hint = `Debian/Ubuntu: sudo apt-get install ${missing.join(' ')}`;
  console.error(`[tagokit] npm test needs ${missing.join(', ')}: install them first (${hint})`);
  process.exit(1);
}

if (task === 'test') ensureSystemPackages(DEBIAN_FOR_TESTS);

let pnpm;

function run(args) {
  // Probed once: install and the task then run through the same pnpm.
  pnpm ??= pnpmCommand();
  const [cmd, prefix] = pnpm;
  const result = spawnSync(cmd, [...prefix, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
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
