// What a consumer pays in the type checker for a 5-call file (tsc --extendedDiagnostics: check time,
// instantiations, memory retained after a full GC, and the declaration files and bytes it loads): ours vs the official SDK vs openapi-fetch on the TagoIO spec, and ours (a foreign-mode
// client generated into .work) vs openapi-fetch on GitHub's spec. Ours is checked through its emitted declarations,
// as a consumer of the published package would see it; every project has the same compiler options.
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BENCH, ROOT, WORK, figure, lastJson, median, round, run, tagoOpenapiTypes, workDir } from './util.mjs';

const TSC = join(BENCH, 'node_modules', 'typescript', 'bin', 'tsc');

const CONSUMER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
};

function writeProject(dir, files, extraOptions = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { ...CONSUMER_OPTIONS, ...extraOptions }, files: ['consumer.ts'] }, null, 2),
  );
  return dir;
}

/** Declarations of a client and the core, emitted from their sources into .work (the packages' dist may be stale). */
async function emitDeclarations(name, entry) {
  const dir = workDir('tc', `decl-${name}`);
  const out = join(dir, 'out');
  rmSync(out, { recursive: true, force: true });
  const config = {
    extends: join(ROOT, 'tsconfig.base.json'),
    compilerOptions: {
      rootDir: ROOT,
      outDir: out,
      declaration: true,
      emitDeclarationOnly: true,
      declarationMap: false,
      sourceMap: false,
      types: ['node'],
      skipLibCheck: true,
      paths: {
        '@tagokit/core': [join(ROOT, 'packages', 'core', 'src', 'index.ts')],
        '@tagokit/core/internal': [join(ROOT, 'packages', 'core', 'src', 'internal', 'index.ts')],
        '@tagokit/api/*': [join(ROOT, 'packages', 'api', 'src', '*.ts')],
      },
    },
    files: [entry],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const r = await run(process.execPath, [TSC, '-p', dir], { timeoutMs: 600_000 });
  if (r.code !== 0) throw new Error(`declaration emit for ${name} failed: ${(r.stdout + r.stderr).slice(0, 1500)}`);
  return {
    core: join(out, 'packages', 'core', 'src', 'index.d.ts'),
    coreInternal: join(out, 'packages', 'core', 'src', 'internal', 'index.d.ts'),
    // `@tagokit/api/<module>` as the consumers map it: the emitted declarations of packages/api/src.
    api: join(out, 'packages', 'api', 'src', '*.d.ts'),
    entry: join(out, relative(ROOT, entry).replace(/\.ts$/, '.d.ts')),
  };
}

function parseDiagnostics(text) {
  const num = (label) => {
    const m = text.match(new RegExp(`^${label}:\\s+([\\d.]+)([sK]?)`, 'm'));
    return m ? Number(m[1]) : null;
  };
  return {
    checkMs: num('Check time') * 1000,
    totalMs: num('Total time') * 1000,
    instantiations: num('Instantiations'),
    types: num('Types'),
    memoryMb: num('Memory used') / 1024,
  };
}

/**
 * What the project loads besides TypeScript's lib and @types/node (the same for every subject): the files listed by
 * `--listFiles`, their count and bytes (the declarations a consumer's checker parses and binds).
 */
function declarationsLoaded(stdout) {
  const files = stdout
    .split('\n')
    .filter((l) => l.startsWith('/') && !/\/typescript\/lib\/|\/@types\/node\//.test(l) && existsSync(l));
  return { files: files.length, bytes: files.reduce((n, f) => n + statSync(f).size, 0) };
}

async function check(dir) {
  // --expose-gc: tsc then collects garbage before reading the heap, so `Memory used` is what the program retains
  // (the same from run to run) rather than that plus whatever garbage the last collection left.
  const r = await run(process.execPath, ['--expose-gc', TSC, '-p', dir, '--extendedDiagnostics', '--listFiles'], {
    timeoutMs: 600_000,
  });
  const errors = r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
  return {
    ...parseDiagnostics(r.stdout),
    loaded: declarationsLoaded(r.stdout),
    errors: errors.slice(0, 5),
    exitCode: r.code,
  };
}

/** The checker's time on one project to 0.1 ms, in a fresh process (lib/check-time.mjs). */
async function checkTime(dir) {
  const r = await run(process.execPath, [join(BENCH, 'lib', 'check-time.mjs'), dir], { timeoutMs: 600_000 });
  const out = lastJson(r.stdout);
  if (!out) throw new Error(`check-time failed for ${dir}: ${(r.stdout + r.stderr).slice(0, 1500)}`);
  return out.checkMs;
}

async function measureAll(projects, reps, parallel = false, checkReps = reps) {
  const runs = Object.fromEntries(Object.keys(projects).map((k) => [k, []]));
  const checkRuns = Object.fromEntries(Object.keys(projects).map((k) => [k, []]));
  const keys = Object.keys(projects);
  if (parallel) {
    // Smoke: all at once to stay quick; the figures only prove the path works.
    const results = await Promise.all(keys.map((k) => check(projects[k])));
    keys.forEach((k, i) => {
      runs[k].push(results[i]);
    });
    reps = 0;
  }
  for (let i = 0; i < reps; i++) {
    const order = keys.map((_, j) => keys[(j + i) % keys.length]);
    for (const k of order) runs[k].push(await check(projects[k]));
  }
  // Check time again, precisely and more often (a few ms decide the goal and the machine is noisy), interleaved.
  for (let i = 0; i < checkReps; i++) {
    const order = keys.map((_, j) => keys[(j + i) % keys.length]);
    for (const k of order) checkRuns[k].push(await checkTime(projects[k]));
  }
  const out = {};
  for (const [k, rs] of Object.entries(runs)) {
    const med = (f) => median(rs.map(f));
    out[k] = {
      checkMs: checkRuns[k].length ? median(checkRuns[k]) : med((r) => r.checkMs),
      checkMsRuns: checkRuns[k].map((ms) => round(ms, 1)),
      tscCheckMs: med((r) => r.checkMs),
      totalMs: med((r) => r.totalMs),
      instantiations: rs[0].instantiations,
      types: rs[0].types,
      memoryMb: Math.max(...rs.map((r) => r.memoryMb)),
      declarationFiles: rs[0].loaded.files,
      declarationBytes: rs[0].loaded.bytes,
      errors: rs[0].errors,
      runs: rs.map((r) => ({ checkMs: round(r.checkMs, 0), memoryMb: round(r.memoryMb, 1) })),
    };
  }
  return out;
}

const TAGO_CALLS = {
  ours: (decl) => `import { createClient } from '@tagokit/node';

const client = createClient({ token: 'a-device-token', tokenKind: 'device' });

export async function main() {
  const sent = await client.deviceData.sendData({ body: [{ variable: 'temperature', value: 21.5, unit: 'C' }] });
  const rows = await client.deviceData.getData({ variables: ['temperature'], qty: 10 });
  const first = Array.isArray(rows) ? rows[0] : undefined;
  const edited = await client.deviceData.editData({ body: [{ id: first && 'id' in first ? first.id : '', value: 22 }] });
  const removed = await client.deviceData.deleteData({ variables: ['temperature'], qty: 1 });
  const info = await client.info.getTokenInfo();
  return { sent, rows, edited, removed, info, decl: ${JSON.stringify(decl)} };
}
`,
  sdk: () => `import { Device } from '@tago-io/sdk';

const device = new Device({ token: 'a-device-token' });

export async function main() {
  const sent = await device.sendData([{ variable: 'temperature', value: 21.5, unit: 'C' }]);
  const rows = await device.getData({ variables: ['temperature'], qty: 10 });
  const first = Array.isArray(rows) ? rows[0] : undefined;
  const edited = await device.editData([{ id: first && 'id' in first ? first.id : '', value: 22 }]);
  const removed = await device.deleteData({ variables: ['temperature'], qty: 1 });
  const info = await device.info();
  return { sent, rows, edited, removed, info };
}
`,
  openapiFetch: (types) => `import createClient from 'openapi-fetch';
import type { paths } from '${types}';

const client = createClient<paths>({ baseUrl: 'https://api.tago.io', headers: { token: 'a-device-token' } });

export async function main() {
  const sent = await client.POST('/data', { body: [{ variable: 'temperature', value: 21.5, unit: 'C' }] });
  const rows = await client.GET('/data', { params: { query: { variables: ['temperature'], qty: 10 } } });
  const first = Array.isArray(rows.data?.result) ? rows.data.result[0] : undefined;
  const edited = await client.PUT('/data', { body: [{ id: first && 'id' in first ? first.id : '', value: 22 }] });
  const removed = await client.DELETE('/data', { params: { query: { variables: ['temperature'], qty: 1 } } });
  const info = await client.GET('/info');
  return { sent, rows, edited, removed, info };
}
`,
};

const GITHUB_CALLS = {
  ours: () => `import { createGithubClient } from './client-index.js';

const gh = createGithubClient();

export async function main() {
  const repo = await gh.repos.reposGet({ owner: 'nodejs', repo: 'node' });
  const issues = await gh.issues.issuesListForRepo({ owner: 'nodejs', repo: 'node', state: 'open', per_page: 10 });
  const pull = await gh.pulls.pullsGet({ owner: 'nodejs', repo: 'node', pull_number: 1 });
  const user = await gh.users.usersGetByUsername({ username: 'octocat' });
  const created = await gh.issues.issuesCreate({ owner: 'nodejs', repo: 'node', body: { title: 'hello' } });
  return { stars: repo.stargazers_count, n: issues.length, merged: pull.merged, login: user.login, number: created.number };
}
`,
  openapiFetch: (types) => `import createClient from 'openapi-fetch';
import type { paths } from '${types}';

const gh = createClient<paths>({ baseUrl: 'https://api.github.com' });

export async function main() {
  const repo = await gh.GET('/repos/{owner}/{repo}', { params: { path: { owner: 'nodejs', repo: 'node' } } });
  const issues = await gh.GET('/repos/{owner}/{repo}/issues', { params: { path: { owner: 'nodejs', repo: 'node' }, query: { state: 'open', per_page: 10 } } });
  const pull = await gh.GET('/repos/{owner}/{repo}/pulls/{pull_number}', { params: { path: { owner: 'nodejs', repo: 'node', pull_number: 1 } } });
  const user = await gh.GET('/users/{username}', { params: { path: { username: 'octocat' } } });
  const created = await gh.POST('/repos/{owner}/{repo}/issues', { params: { path: { owner: 'nodejs', repo: 'node' } }, body: { title: 'hello' } });
  return { stars: repo.data?.stargazers_count, n: issues.data?.length, merged: pull.data?.merged, login: user.data?.login, number: created.data?.number };
}
`,
};

const NAMES = { ours: '@tagokit/node', sdk: '@tago-io/sdk', openapiFetch: 'openapi-fetch + openapi-typescript' };

function toFigures(results, label, goalKey) {
  const figures = [];
  const baseKeys = Object.keys(results).filter((k) => k !== 'ours');
  for (const k of Object.keys(results)) {
    const r = results[k];
    const subject = `${k === 'ours' && label === 'GitHub spec' ? 'tagokit foreign-mode client' : NAMES[k]} (${label})`;
    const bases = (m) =>
      (k === 'ours' ? baseKeys : []).map((b) => ({
        subject: `${NAMES[b]} (${label})`,
        value: round(results[b][m], 1),
      }));
    const note = r.errors.length ? `type errors in the consumer file: ${r.errors.join(' | ')}` : undefined;
    const extra = note ? { note } : {};
    figures.push(figure('typecheck', subject, 'check time', 'ms', round(r.checkMs, 1), bases('checkMs'), extra));
    figures.push(
      figure('typecheck', subject, 'instantiations', 'count', r.instantiations, bases('instantiations'), extra),
    );
    figures.push(figure('typecheck', subject, 'memory used', 'MB', round(r.memoryMb, 1), bases('memoryMb'), extra));
    figures.push(
      figure('typecheck', subject, 'declarations loaded', 'bytes', r.declarationBytes, bases('declarationBytes'), {
        ...extra,
        note: `${r.declarationFiles} files besides TypeScript's lib and @types/node${note ? `; ${note}` : ''}`,
      }),
    );
  }
  return figures;
}

export async function benchTypecheck({ smoke, githubOurs, githubTypes }) {
  const reps = smoke ? 1 : 3;
  const nodeEntry = join(ROOT, 'packages', 'node', 'src', 'index.ts');
  const [decl, tagoTypes] = await Promise.all([emitDeclarations('node', nodeEntry), tagoOpenapiTypes()]);
  const importPath = (from, file) => {
    const rel = relative(from, file).replace(/\.d\.ts$/, '.js');
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  const base = workDir('tc');
  const projects = {
    ours: writeProject(
      join(base, 'tagoio-ours'),
      { 'consumer.ts': TAGO_CALLS.ours(relative(ROOT, decl.entry)) },
      {
        paths: {
          '@tagokit/node': [decl.entry],
          '@tagokit/core': [decl.core],
          '@tagokit/core/internal': [decl.coreInternal],
          '@tagokit/api/*': [decl.api],
        },
      },
    ),
    sdk: writeProject(join(base, 'tagoio-sdk'), { 'consumer.ts': TAGO_CALLS.sdk() }),
    openapiFetch: writeProject(join(base, 'tagoio-openapi-fetch'), {
      'consumer.ts': TAGO_CALLS.openapiFetch(importPath(join(base, 'tagoio-openapi-fetch'), tagoTypes)),
    }),
  };
  const tago = await measureAll(projects, reps, smoke, smoke ? 1 : 11);
  const figures = toFigures(tago, 'TagoIO spec');
  const raw = { tagoio: tago };

  if (smoke || !githubOurs || !githubTypes || !existsSync(join(githubOurs, 'client.ts')) || !existsSync(githubTypes)) {
    for (const s of ['tagokit foreign-mode client', NAMES.openapiFetch]) {
      for (const [m, u] of [
        ['check time', 'ms'],
        ['instantiations', 'count'],
        ['memory used', 'MB'],
        ['declarations loaded', 'bytes'],
      ]) {
        figures.push(
          figure('typecheck', `${s} (GitHub spec)`, m, u, null, [], {
            status: smoke ? 'skipped' : 'not available',
            note: smoke ? 'skipped in smoke mode' : 'the GitHub generation outputs are missing',
          }),
        );
      }
    }
    return {
      settings: { compilerOptions: CONSUMER_OPTIONS, reps, typescript: 'tools/bench/node_modules/typescript' },
      raw,
      figures,
    };
  }
  // Our GitHub client: the generated files plus the few lines a package's index adds.
  writeFileSync(
    join(githubOurs, 'client-index.ts'),
    `import { TagoCore, type ClientOptions } from '@tagokit/core';
import { createGroups, type ApiGroups } from './client.js';

/** A client of GitHub's API made of the foreign-mode output (benchmark only). */
export function createGithubClient(options: ClientOptions = {}): ApiGroups {
  return createGroups({ core: new TagoCore({ region: { api: 'https://api.github.com', sse: 'https://api.github.com' }, ...options }) });
}
`,
  );
  const ghDecl = await emitDeclarations('github', join(githubOurs, 'client-index.ts'));
  const ghProjects = {
    ours: writeProject(
      join(base, 'github-ours'),
      {
        'consumer.ts': GITHUB_CALLS.ours().replace(
          "'./client-index.js'",
          `'${importPath(join(base, 'github-ours'), ghDecl.entry)}'`,
        ),
      },
      { paths: { '@tagokit/core': [ghDecl.core], '@tagokit/core/internal': [ghDecl.coreInternal] } },
    ),
    openapiFetch: writeProject(join(base, 'github-openapi-fetch'), {
      'consumer.ts': GITHUB_CALLS.openapiFetch(importPath(join(base, 'github-openapi-fetch'), githubTypes)),
    }),
  };
  raw.github = await measureAll(ghProjects, smoke ? 1 : 2, false, smoke ? 1 : 5);
  figures.push(...toFigures(raw.github, 'GitHub spec'));
  return {
    settings: { compilerOptions: CONSUMER_OPTIONS, reps, typescript: 'tools/bench/node_modules/typescript' },
    raw,
    figures,
  };
}
export { WORK };
