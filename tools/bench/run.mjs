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

// The goals of the issue, judged from this run's figures.
const find = (g, subject, metric) =>
  groups[g].figures?.find((f) => f.subject.startsWith(subject) && f.metric === metric);
const ratioTo = (f, base) => f?.baselines.find((b) => b.subject.startsWith(base))?.ratio ?? null;
const verdict = (ok) => (ok === null ? 'not measured' : ok ? 'met' : 'missed');
const goals = [];
for (const op of ['POST /data', 'GET /data']) {
  const f = find('throughput', '@tagokit/node', `${op} throughput`);
  const vsUndici = ratioTo(f, 'undici Pool');
  const vsSdk = ratioTo(f, '@tago-io/sdk');
  goals.push({
    goal: `node ${op} throughput >= 0.9x raw undici Pool`,
    ratio: vsUndici,
    result: verdict(vsUndici === null ? null : vsUndici >= 0.9),
  });
  goals.push({
    goal: `node ${op} throughput >= 3x @tago-io/sdk`,
    ratio: vsSdk,
    result: verdict(vsSdk === null ? null : vsSdk >= 3),
  });
}
const edge = find('bundles', '@tagokit/edge', 'bundle size (raw)');
const edgeRatio = edge?.value === null ? null : ratioTo(edge, '@tago-io/sdk');
goals.push({
  goal: 'edge send-data bundle <= 1/20 of @tago-io/sdk (raw)',
  ratio: edgeRatio,
  result: verdict(edgeRatio === null ? null : edgeRatio <= 0.05),
});
const regen = find('generation', 'tagokit generateAll', 'full regeneration time');
goals.push({
  goal: 'TagoIO full regeneration < 2 s',
  value: regen?.value ?? null,
  unit: 'ms',
  result: verdict(typeof regen?.value === 'number' ? regen.value < 2000 : null),
});
const gh = find('generation', 'tagokit foreign mode', 'generation time');
const ghRatio = gh?.value === null ? null : ratioTo(gh, 'openapi-typescript');
goals.push({
  goal: 'GitHub spec generation <= 1.5x openapi-typescript alone',
  ratio: ghRatio,
  result: verdict(ghRatio === null ? null : ghRatio <= 1.5),
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
    `  ${g.result.padEnd(12)} ${g.goal}${g.ratio !== undefined ? ` (${g.ratio ?? '—'}x)` : ` (${g.value ?? '—'} ${g.unit})`}`,
  );
console.log(`\nwrote ${outFile} in ${(results.durationMs / 1000).toFixed(1)} s`);
