// Generation time and peak memory, each measurement in its own child process: the full TagoIO regeneration, and
// a scale test on GitHub's spec (1,200+ operations): ours (the spec rewritten by foreign-spec.ts into the form the
// model reads) vs openapi-typescript alone vs @hey-api/openapi-ts, interleaved.
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { BENCH, GITHUB_SPEC, TAGO_SPEC, figure, lastJson, median, round, run, workDir } from './util.mjs';

async function measure(mode, spec, outDir) {
  const r = await run(
    process.execPath,
    ['--import', 'tsx', join(BENCH, 'lib', 'gen-child.ts'), mode, spec, ...(outDir ? [outDir] : [])],
    { timeoutMs: 300_000 },
  );
  const out = lastJson(r.stdout);
  if (r.code !== 0 || !out) throw new Error(`generation child ${mode} failed (${r.code}): ${r.stderr.slice(-800)}`);
  return { ...out, wallMs: r.wallMs };
}

function summarize(runs) {
  return {
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    wallMs: median(runs.map((r) => r.wallMs)),
    maxRssMb: Math.max(...runs.map((r) => r.maxRssKb)) / 1024,
    runs: runs.map((r) => ({
      ms: round(r.ms, 1),
      cpuMs: round(r.cpuMs, 1),
      wallMs: round(r.wallMs, 1),
      maxRssMb: round(r.maxRssKb / 1024, 1),
    })),
    info: Object.fromEntries(
      Object.entries(runs[0]).filter(([k]) => !['ms', 'cpuMs', 'wallMs', 'maxRssKb', 'mode'].includes(k)),
    ),
  };
}

export async function benchGeneration({ smoke }) {
  const figures = [];
  const raw = {};
  // Seven interleaved pairs: one regeneration takes under a second and a single run on a shared 2-core machine
  // moves by ±15%, so the medians of three pairs swung the ratio by 0.2 from run to run.
  const reps = smoke ? 1 : 7;
  const tago = { ours: [], oats: [] };
  const tagoRun = (who) => measure(who === 'ours' ? 'ours-full' : 'openapi-typescript', TAGO_SPEC);
  if (smoke) {
    // Smoke: both at once to stay quick; the figures only prove the path works.
    const [a, b] = await Promise.all([tagoRun('ours'), tagoRun('oats')]);
    tago.ours.push(a);
    tago.oats.push(b);
  }
  for (let i = 0; i < (smoke ? 0 : reps); i++) {
    const first = i % 2 ? ['oats', 'ours'] : ['ours', 'oats'];
    for (const who of first) tago[who].push(await tagoRun(who));
  }
  raw.tagoio = { ours: summarize(tago.ours), openapiTypescript: summarize(tago.oats) };
  const t = raw.tagoio;
  figures.push(
    figure(
      'generation',
      'tagokit generateAll (TagoIO spec, every target)',
      'full regeneration time',
      'ms',
      round(t.ours.ms, 1),
      [{ subject: 'openapi-typescript alone (TagoIO spec)', value: round(t.openapiTypescript.ms, 1) }],
      {
        goal: '< 1000 ms and <= 1.3x openapi-typescript alone',
        note: `load + model + all targets, in-process after module import; CPU time ${round(t.ours.cpuMs, 0)} ms vs ${round(t.openapiTypescript.cpuMs, 0)} ms; child wall time ${round(t.ours.wallMs, 0)} ms (includes tsx start-up)`,
      },
    ),
  );
  figures.push(
    figure(
      'generation',
      'tagokit generateAll (TagoIO spec, every target)',
      'peak memory (maxRSS)',
      'MB',
      round(t.ours.maxRssMb, 1),
      [{ subject: 'openapi-typescript alone (TagoIO spec)', value: round(t.openapiTypescript.maxRssMb, 1) }],
    ),
  );

  const subjects = [
    [
      'ours',
      'tagokit foreign mode (load+model+schema types+descriptors+client)',
      'ours-foreign',
      workDir('github', 'ours'),
    ],
    ['oats', 'openapi-typescript alone', 'openapi-typescript', workDir('github', 'openapi-typescript')],
    ['hey', '@hey-api/openapi-ts', 'hey-api', join(workDir('github'), 'hey-api')],
  ];
  if (smoke) {
    for (const [, subject] of subjects) {
      figures.push(
        figure('generation', `${subject} (GitHub spec)`, 'generation time', 'ms', null, [], {
          status: 'skipped',
          note: 'skipped in smoke mode',
        }),
      );
      figures.push(
        figure('generation', `${subject} (GitHub spec)`, 'peak memory (maxRSS)', 'MB', null, [], {
          status: 'skipped',
          note: 'skipped in smoke mode',
        }),
      );
    }
    return { raw, figures };
  }
  const gh = { ours: [], oats: [], hey: [] };
  const ghReps = 2;
  for (let i = 0; i < ghReps; i++) {
    const order = i % 2 ? [...subjects].reverse() : subjects;
    for (const [key, , mode, out] of order) {
      if (key === 'hey') rmSync(out, { recursive: true, force: true });
      gh[key].push(await measure(mode, GITHUB_SPEC, out));
    }
  }
  raw.github = { ours: summarize(gh.ours), openapiTypescript: summarize(gh.oats), heyApi: summarize(gh.hey) };
  const g = raw.github;
  const [oursName, oatsName, heyName] = subjects.map(([, s]) => `${s} (GitHub spec)`);
  figures.push(
    figure(
      'generation',
      oursName,
      'generation time',
      'ms',
      round(g.ours.ms, 1),
      [
        { subject: oatsName, value: round(g.openapiTypescript.ms, 1) },
        { subject: heyName, value: round(g.heyApi.ms, 1) },
      ],
      { goal: '<= 1.5x openapi-typescript alone', note: `${g.ours.info.operations} operations` },
    ),
  );
  figures.push(
    figure('generation', heyName, 'generation time', 'ms', round(g.heyApi.ms, 1), [
      { subject: oatsName, value: round(g.openapiTypescript.ms, 1) },
    ]),
  );
  figures.push(
    figure('generation', oursName, 'peak memory (maxRSS)', 'MB', round(g.ours.maxRssMb, 1), [
      { subject: oatsName, value: round(g.openapiTypescript.maxRssMb, 1) },
      { subject: heyName, value: round(g.heyApi.maxRssMb, 1) },
    ]),
  );
  figures.push(
    figure('generation', heyName, 'peak memory (maxRSS)', 'MB', round(g.heyApi.maxRssMb, 1), [
      { subject: oatsName, value: round(g.openapiTypescript.maxRssMb, 1) },
    ]),
  );
  return { raw, figures };
}
