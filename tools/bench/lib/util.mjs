import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(BENCH, '..', '..');
export const WORK = join(BENCH, '.work');
export const TAGO_SPEC = join(ROOT, 'specs', 'dist', 'tagoio.openapi.json');
export const GITHUB_SPEC = join(BENCH, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');

export function workDir(...parts) {
  const dir = join(WORK, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const ratio = (value, baseline) =>
  typeof value === 'number' && typeof baseline === 'number' && baseline !== 0 ? round(value / baseline, 3) : null;
export const round = (n, digits = 2) => (typeof n === 'number' ? Math.round(n * 10 ** digits) / 10 ** digits : n);

/**
 * One figure of the results: what was measured, its value, and the baselines measured in the same run, each with
 * `ratio = value / baseline`. `status` is `ok`, `skipped` (smoke mode) or `not available` (the subject is missing).
 */
export function figure(group, subject, metric, unit, value, baselines = [], extra = {}) {
  return {
    group,
    subject,
    metric,
    unit,
    value: value ?? null,
    status: extra.status ?? (value === null || value === undefined ? 'not available' : 'ok'),
    baselines: baselines.map((b) => ({ subject: b.subject, value: b.value ?? null, ratio: ratio(value, b.value) })),
    ...(extra.goal ? { goal: extra.goal } : {}),
    ...(extra.note ? { note: extra.note } : {}),
  };
}

/** The median (the mean of the two middle values for an even count), used for every repeated measurement. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function percentile(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Runs a child process and resolves with its exit code, stdout, stderr and wall time. */
export function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(cmd, args, {
      cwd: options.cwd ?? BENCH,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, wallMs: performance.now() - started });
    });
  });
}

/** The last line of a child's stdout that parses as JSON (children print their result there). */
export function lastJson(stdout) {
  const lines = stdout.trim().split('\n').reverse();
  for (const line of lines) {
    try {
      return JSON.parse(line);
    } catch {
      // not the result line
    }
  }
  return undefined;
}

/** The esbuild aliases that point the workspace packages at their sources (dist may be missing or stale). */
export const SOURCE_ALIASES = {
  '@tagokit/core': join(ROOT, 'packages', 'core', 'src', 'index.ts'),
  '@tagokit/core/internal': join(ROOT, 'packages', 'core', 'src', 'internal', 'index.ts'),
};

let tagoTypes;
/** `paths` of the TagoIO spec as openapi-typescript writes them (once per run): the openapi-fetch baselines use it. */
export async function tagoOpenapiTypes() {
  if (!tagoTypes) {
    const { default: openapiTS, astToString } = await import('openapi-typescript');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const file = join(workDir('types'), 'tagoio.d.ts');
    writeFileSync(file, astToString(await openapiTS(JSON.parse(readFileSync(TAGO_SPEC, 'utf8')), { silent: true })));
    tagoTypes = file;
  }
  return tagoTypes;
}
