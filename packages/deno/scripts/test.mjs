// `pnpm test` of @tagokit/deno: starts the Prism mock (a Node program) through @tagokit/contract, runs `deno test`
// with PRISM_URL, reads the counts from Deno's JUnit report and, when TAGOKIT_RESULTS_DIR is set, writes
// `{ suite: "deno", passed, failed }` there for tools/scripts/test-all.mjs. An ignored test counts as failed: with
// the mock running, nothing should be skipped.
import { startPrism } from '@tagokit/contract';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { DENO_DIR, PACKAGE_DIR, runDeno } from './deno.mjs';

export function countJunit(xml) {
  let passed = 0;
  let failed = 0;
  for (const match of xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const inner = match[2] ?? '';
    if (/<(failure|error|skipped)\b/.test(inner)) failed++;
    else passed++;
  }
  return { passed, failed };
}

const report = join(DENO_DIR, 'junit.xml');
mkdirSync(DENO_DIR, { recursive: true });
rmSync(report, { force: true });

const started = Date.now();
const mock = await startPrism();
// The stateful emulator, for the suites that need state on the server (uploads joined from parts). Its own process:
// runDeno blocks this one's event loop while Deno runs.
const emulator = await startEmulatorProcess();
let status;
try {
  const result = runDeno(
    [
      'test',
      '--allow-read',
      '--allow-env',
      '--allow-net=127.0.0.1',
      `--junit-path=${report}`,
      ...process.argv.slice(2),
    ],
    {
      env: { PRISM_URL: mock.url, EMULATOR_URL: emulator.url },
    },
  );
  if (result.error) throw result.error;
  status = result.status ?? 1;
} finally {
  await mock.stop();
  await emulator.stop();
}

// No report means Deno stopped before running tests (a type error, a bad import): count that as one failure.
const counts = existsSync(report) ? countJunit(readFileSync(report, 'utf8')) : { passed: 0, failed: 1 };
if (status !== 0 && counts.failed === 0) counts.failed = 1;

// The package checks that gate a release, each counted as one test: type check, lint, and JSR's publish rules
// (no slow types), all offline. The publish dry run runs at the root of the Deno workspace (deno.json there), so
// @tagokit/core and @tagokit/api, which this package imports as workspace members, are held to JSR's rules too.
const WORKSPACE_ROOT = join(PACKAGE_DIR, '..', '..');
for (const [name, args, cwd] of [
  ['deno check', ['check', 'mod.ts', 'test/', 'examples/'], PACKAGE_DIR],
  ['deno lint', ['lint'], PACKAGE_DIR],
  ['deno publish --dry-run (core, api, deno)', ['publish', '--dry-run', '--allow-dirty'], WORKSPACE_ROOT],
]) {
  const run = runDeno(args, { cwd, stdio: 'pipe', encoding: 'utf8' });
  if (run.status === 0) counts.passed++;
  else {
    counts.failed++;
    console.error(`[deno] ${name} failed:\n${run.stdout ?? ''}${run.stderr ?? ''}`);
  }
}
console.log(
  `[deno] ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
if (process.env.TAGOKIT_RESULTS_DIR) {
  mkdirSync(process.env.TAGOKIT_RESULTS_DIR, { recursive: true });
  writeFileSync(
    join(process.env.TAGOKIT_RESULTS_DIR, 'deno.json'),
    `${JSON.stringify({ suite: 'deno', ...counts })}\n`,
  );
}
process.exit(counts.failed === 0 && status === 0 ? 0 : 1);

/** Starts `tagokit-emulator --no-rate-limit` and resolves its URL (the line it prints), with a stop function. */
function startEmulatorProcess() {
  const bin = join(PACKAGE_DIR, '..', '..', 'tools', 'emulator', 'bin', 'tagokit-emulator.mjs');
  const child = spawn(process.execPath, [bin, '--no-rate-limit'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the emulator printed no URL: ${out}`)), 20_000);
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code}): ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.resume();
      resolve({
        url: match[1],
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.kill();
          }),
      });
    });
  });
}
