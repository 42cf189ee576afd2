#!/usr/bin/env node
// Runs every test suite of the workspace through nx and sums their results into one closing line,
// `N passed, N failed`, which CI reads. Each suite leaves a JSON report in TAGOKIT_RESULTS_DIR: vitest's own
// format (numPassedTests/numFailedTests) or `{ suite, passed, failed }` for the others.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const resultsDir = join(root, '.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const started = Date.now();

// Drift first, before any nx task regenerates or rebundles: the committed bundle and generated files must be
// exactly what the sources produce.
const drift = [
  ['specs/dist matches specs/tagoio', [join(root, 'specs', 'scripts', 'bundle.mjs'), '--check']],
  ['generated files match the spec (generate --check)', [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'generator', 'src', 'cli.ts'), '--check']],
];
let driftPassed = 0;
let driftFailed = 0;
for (const [label, args] of drift) {
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (run.status === 0) driftPassed++;
  else {
    driftFailed++;
    console.error(`drift: ${label} FAILED\n${run.stdout}${run.stderr}`);
  }
}
writeFileSync(join(resultsDir, 'drift.json'), `${JSON.stringify({ suite: 'drift', passed: driftPassed, failed: driftFailed })}\n`);

const nx = spawnSync(join(root, 'node_modules', '.bin', 'nx'), ['run-many', '-t', 'test', '--outputStyle=static', '--skipNxCache', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TAGOKIT_RESULTS_DIR: resultsDir, NX_DAEMON: 'false', NX_TUI: 'false' },
});

const rows = [];
for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('.json')).sort()) {
  const report = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
  if (typeof report.numPassedTests === 'number') {
    rows.push({ suite: file.replace(/^vitest-|\.json$/g, ''), passed: report.numPassedTests, failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0) });
  } else {
    rows.push({ suite: report.suite ?? file, passed: report.passed, failed: report.failed });
  }
}
let passed = rows.reduce((n, r) => n + r.passed, 0);
let failed = rows.reduce((n, r) => n + r.failed, 0);
if (nx.status !== 0 && failed === 0) {
  // A suite died before it could report: count it so the run cannot look green.
  rows.push({ suite: '(a suite crashed before reporting)', passed: 0, failed: 1 });
  failed += 1;
}

console.log('\nsuite                               passed  failed');
for (const r of rows) console.log(`${r.suite.padEnd(36)}${String(r.passed).padStart(6)}${String(r.failed).padStart(8)}`);
console.log(`wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && nx.status === 0 ? 0 : 1);
