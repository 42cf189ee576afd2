#!/usr/bin/env node
// tagokit benchmarks: `pnpm bench` (full; writes tools/bench/results.json) or `node tools/bench/run.mjs --smoke`
// (tiny counts, GitHub spec and hey-api skipped; writes tools/bench/results.smoke.json). Every figure is stored
// with the baselines measured in the same run and the ratio value / baseline.
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchThroughput } from './lib/throughput.mjs';
import { benchGeneration } from './lib/generation.mjs';
import { benchBundles } from './lib/bundles.mjs';
import { benchTypecheck } from './lib/typecheck.mjs';
import { benchMcu } from './lib/mcu.mjs';
import { BENCH, figure, round, workDir } from './lib/util.mjs';

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const outIndex = argv.indexOf('--out');
// `--only throughput,bundles` runs those groups alone (quick checks while working); such a run never writes
// results.json, whose table must show one full run.
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(argv[onlyIndex + 1].split(',')) : undefined;
const outFile =
  outIndex >= 0
    ? argv[outIndex + 1]
    : join(BENCH, smoke ? 'results.smoke.json' : only ? 'results.partial.json' : 'results.json');
const started = performance.now();
const log = (m) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${m}`);

async function group(name, fn) {
  if (only && !only.has(name)) return { figures: [], skipped: true };
  log(`${name} ...`);
  const t = performance.now();
  try {
    const result = await fn();
    return { ...result, durationMs: round(performance.now() - t, 0) };
  } catch (error) {
    log(`${name} failed: ${error?.stack ?? error}`);
    return {
      error: String(error?.message ?? error),
      figures: [
        figure(name, name, 'run', '', null, [], {
          status: 'error',
          note: String(error?.message ?? error).slice(0, 500),
        }),
      ],
      durationMs: round(performance.now() - t, 0),
    };
  }
}

workDir();
const groups = {};
groups.throughput = await group('throughput', () => benchThroughput({ smoke }));
groups.generation = await group('generation', () => benchGeneration({ smoke }));
groups.bundles = await group('bundles', () => benchBundles());
groups.typecheck = await group('typecheck', () =>
  benchTypecheck({
    smoke,
    githubOurs: join(BENCH, '.work', 'github', 'ours'),
    githubTypes: join(BENCH, '.work', 'github', 'openapi-typescript', 'schema.d.ts'),
  }),
);
groups.mcu = await group('mcu', async () => benchMcu({ sdkBundleRaw: groups.bundles.raw?.sdk?.raw, smoke }));

// The goals of issue #20, judged from this run's figures (each names its figure, value and baseline).
const find = (g, subject, metric) =>
  groups[g].figures?.find((f) => f.subject.startsWith(subject) && f.metric === metric && f.status === 'ok');
const ratioTo = (f, base) => f?.baselines.find((b) => b.subject.startsWith(base))?.ratio ?? null;
const verdict = (ok) => (ok === null ? 'not measured' : ok ? 'met' : 'missed');
const goals = [];
// `point`: the numbered point of the issue the goal belongs to (none for the goals kept from earlier rounds).
const ratioGoal = (point, goal, f, base, ok) => {
  const ratio = ratioTo(f, base);
  goals.push({ point, goal, ratio, result: verdict(ratio === null ? null : ok(ratio)) });
};
const valueGoal = (point, goal, f, unit, ok) => {
  const value = typeof f?.value === 'number' ? f.value : null;
  goals.push({ point, goal, value, unit, result: verdict(value === null ? null : ok(value)) });
};
for (const op of ['POST /data', 'GET /data']) {
  const throughput = find('throughput', '@tagokit/node', `${op} throughput`);
  ratioGoal(1, `node ${op} throughput >= 0.95x raw undici Pool`, throughput, 'undici Pool', (r) => r >= 0.95);
  ratioGoal(null, `node ${op} throughput >= 3x @tago-io/sdk`, throughput, '@tago-io/sdk', (r) => r >= 3);
  const p99 = find('throughput', '@tagokit/node', `${op} p99 latency`);
  ratioGoal(2, `node ${op} p99 latency <= 1.3x raw undici Pool`, p99, 'undici Pool', (r) => r <= 1.3);
}
const lean = find('bundles', '@tagokit/edge lean worker', 'bundle size (gzip)');
valueGoal(3, 'edge lean send-data worker <= 3072 B gzip', lean, 'bytes', (v) => v <= 3072);
const regen = find('generation', 'tagokit generateAll', 'full regeneration time');
valueGoal(4, 'TagoIO full regeneration < 1000 ms', regen, 'ms', (v) => v < 1000);
ratioGoal(4, 'TagoIO full regeneration <= 1.3x openapi-typescript alone', regen, 'openapi-typescript', (r) => r <= 1.3);
const gh = find('generation', 'tagokit foreign mode', 'generation time');
ratioGoal(null, 'GitHub spec generation <= 1.5x openapi-typescript alone', gh, 'openapi-typescript', (r) => r <= 1.5);
// Issue #18 point 6: the consumer type-check of the 5-call file, check time and memory against the official SDK,
// check time against openapi-fetch.
const typecheck = (metric) => find('typecheck', '@tagokit/node (TagoIO spec)', metric);
for (const metric of ['check time', 'memory used'])
  ratioGoal(
    null,
    `#18.6 consumer type-check ${metric} <= 1.0x @tago-io/sdk`,
    typecheck(metric),
    '@tago-io/sdk',
    (r) => r <= 1,
  );
ratioGoal(
  null,
  '#18.6 consumer type-check time < 0.5x openapi-fetch',
  typecheck('check time'),
  'openapi-fetch',
  (r) => r < 0.5,
);
// Figures the goals are read beside (no goal of their own).
const reports = [];
const report = (point, what, f) => {
  if (f) reports.push({ point, what, value: f.value, unit: f.unit, baselines: f.baselines });
};
report(
  3,
  'edge full-client send-data worker (gzip)',
  find('bundles', '@tagokit/edge full-client', 'bundle size (gzip)'),
);
report(4, 'TagoIO full regeneration peak memory', find('generation', 'tagokit generateAll', 'peak memory (maxRSS)'));
// CPU time beside the wall time: on a busy machine the wall time also holds the waits for a core.
const regenCpu = groups.generation.raw?.tagoio;
if (regenCpu?.ours?.cpuMs)
  reports.push({
    point: 4,
    what: 'TagoIO full regeneration CPU time',
    value: round(regenCpu.ours.cpuMs, 1),
    unit: 'ms',
    baselines: [
      {
        subject: 'openapi-typescript alone',
        value: round(regenCpu.openapiTypescript.cpuMs, 1),
        ratio: round(regenCpu.ours.cpuMs / regenCpu.openapiTypescript.cpuMs, 3),
      },
    ],
  });

const results = {
  tool: '@tagokit/bench',
  mode: smoke ? 'smoke' : 'full',
  date: new Date().toISOString(),
  environment: {
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: availableParallelism(),
    memoryGb: round(totalmem() / 2 ** 30, 1),
  },
  note: 'Every figure lists the baselines measured in the same run; ratio = value / baseline. status: ok | skipped (smoke mode) | not available (subject missing) | error.',
  goals,
  reports,
  groups,
  durationMs: round(performance.now() - started, 0),
};
writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

// The table: one line per figure, its first baseline and ratio, then the others.
const fmt = (v, unit) =>
  v === null || v === undefined
    ? '—'
    : `${typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : v} ${unit}`.trim();
const rows = [['group', 'subject', 'metric', 'value', 'baseline', 'ratio', 'other baselines (ratio)']];
for (const [name, g] of Object.entries(groups)) {
  for (const f of g.figures ?? []) {
    const [b0, ...rest] = f.baselines;
    rows.push([
      name,
      f.subject,
      f.metric,
      f.status === 'ok' ? fmt(f.value, f.unit) : f.status,
      b0 ? `${b0.subject}: ${fmt(b0.value, f.unit)}` : '',
      b0?.ratio === null || b0?.ratio === undefined ? '' : `${b0.ratio}x`,
      rest.map((b) => `${b.subject} ${b.ratio === null ? '—' : `${b.ratio}x`}`).join('; '),
    ]);
  }
}
const widths = rows[0].map((_, i) => Math.min(60, Math.max(...rows.map((r) => String(r[i]).length))));
const cut = (s, w) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
for (const [i, r] of rows.entries()) {
  console.log(r.map((c, j) => (j === r.length - 1 ? c : cut(String(c), widths[j]))).join(' | '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
}
console.log('\ngoals:');
for (const g of goals)
  console.log(
    `  ${g.result.padEnd(12)} ${g.point ? `#${g.point}` : '  '} ${g.goal}${g.ratio !== undefined ? ` (${g.ratio ?? '—'}x)` : ` (${g.value ?? '—'} ${g.unit})`}`,
  );
for (const r of reports) {
  const beside = r.baselines
    .map((b) => `${b.subject} ${b.value}${b.ratio === null || b.ratio === undefined ? '' : `, ${b.ratio}x`}`)
    .join('; ');
  console.log(`  (report)     #${r.point} ${r.what}: ${r.value} ${r.unit}${beside ? ` (${beside})` : ''}`);
}
console.log(`\nwrote ${outFile} in ${(results.durationMs / 1000).toFixed(1)} s`);
