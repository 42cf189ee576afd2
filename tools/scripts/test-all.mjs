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
// exactly what the sources produce. Then the linter and the formatter (Biome, biome.jsonc; the ES5 MCU runtime
// keeps its own Espruino ESLint rules in its package's tests).
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
const staticChecks = {
  drift: [
    ['specs/dist matches specs/tagoio', [join(root, 'specs', 'scripts', 'bundle.mjs'), '--check']],
    ['generated files match the spec (generate --check)', [tsx, join(root, 'generator', 'src', 'cli.ts'), '--check']],
  ],
  lint: [
    ['biome lint: no errors', [biome, 'lint', '--diagnostic-level=error', '.']],
    ['biome format: every file formatted at 120 columns', [biome, 'format', '.']],
  ],
};
for (const [suite, checks] of Object.entries(staticChecks)) {
  let passed = 0;
  let failed = 0;
  for (const [label, args] of checks) {
    const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (run.status === 0) passed++;
    else {
      failed++;
      console.error(`${suite}: ${label} FAILED\n${run.stdout}${run.stderr}`);
    }
  }
  writeFileSync(join(resultsDir, `${suite}.json`), `${JSON.stringify({ suite, passed, failed })}\n`);
}

const nx = spawnSync(
  join(root, 'node_modules', '.bin', 'nx'),
  ['run-many', '-t', 'test', '--outputStyle=static', '--skipNxCache', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TAGOKIT_RESULTS_DIR: resultsDir, NX_DAEMON: 'false', NX_TUI: 'false' },
  },
);

const rows = [];
for (const file of readdirSync(resultsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const report = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
  if (typeof report.numPassedTests === 'number') {
    rows.push({
      suite: file.replace(/^vitest-|\.json$/g, ''),
      passed: report.numPassedTests,
      failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
    });
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
for (const r of rows)
  console.log(`${r.suite.padEnd(36)}${String(r.passed).padStart(6)}${String(r.failed).padStart(8)}`);
console.log(`wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && nx.status === 0 ? 0 : 1);
