#!/usr/bin/env node
// `npm run release:dry`: everything a release would do, without publishing. Builds every published package, packs
// each with pnpm exactly as `pnpm publish` would (workspace: versions replaced; README and LICENSE checked), checks
// the tarballs with publint and attw, installs them with plain npm into a fresh project outside the workspace and
// loads every entry point there with import() and require(), runs Deno's JSR dry run, then prints exactly what
// would be published and the bumps the pending changesets call for. Exits 1 on any failure.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  entryPoints,
  installTarballs,
  newestNode,
  packPublished,
  PNPM,
  PUBLISHED,
  RELEASED_TOOLS,
  root,
  run,
} from './tarballs.mjs';

const bin = (pkgDir, name) => join(root, pkgDir, 'node_modules', '.bin', name);
const failures = [];
const step = (label, result) => {
  const ok = result.status === 0;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok) failures.push(`${label}\n${result.output}`.slice(0, 4000));
  return ok;
};
const attempt = (label, action) => {
  try {
    const value = action();
    step(label, { status: 0 });
    return value ?? true;
  } catch (error) {
    step(label, { status: 1, output: error.message });
    return undefined;
  }
};

console.log('build');
// Through npx's pnpm: nx runs each package's script with the workspace's package manager, which must be on PATH.
const nxBuild = ['--yes', PNPM, 'exec', 'nx', 'run-many', '-t', 'build', '--outputStyle=static'];
step('nx run-many -t build', run('npx', nxBuild));

const work = mkdtempSync(join(tmpdir(), 'tagokit-release-'));
const table = [];
console.log('pack (pnpm pack: workspace versions replaced, README and LICENSE present)');
const released = [...PUBLISHED, ...RELEASED_TOOLS];
const packed =
  attempt('pnpm pack of every published package', () => packPublished(join(work, 'tarballs'), released)) ?? [];
for (const p of packed) {
  console.log(`${p.name}@${p.version}`);
  step('publint --strict', run(bin('packages/edge', 'publint'), ['run', '--strict', p.tarball]));
  // attw needs type declarations, which the ES5 device client does not ship. node10 resolution knows no subpath
  // exports: every entry point is checked under node16 and bundler, and the `main` entry under node10 as well.
  // Entry points without a `require` condition (the bundled emulator, the analysis CLI) are checked as ES-module-only.
  const attw = (args) => run(bin('packages/edge', 'attw'), [p.tarball, ...args]);
  const exportsMap = p.manifest.exports ?? {};
  const esmOnly = Object.keys(exportsMap).filter(
    (entry) => entry !== './package.json' && !JSON.stringify(exportsMap[entry]).includes('"require"'),
  );
  const dual = Object.keys(exportsMap).filter((entry) => !esmOnly.includes(entry));
  if (esmOnly.length) step('attw (esm-only entries)', attw(['--profile', 'esm-only', '--entrypoints', ...esmOnly]));
  if (dual.length > 1 || (dual.length === 1 && dual[0] !== './package.json')) {
    step('attw (node16, bundler)', attw(['--profile', 'node16', '--entrypoints', ...dual]));
    if (p.manifest.main) step('attw (node10: main)', attw(['--entrypoints', '.']));
  }
  const publish = ['publish', '--dry-run', '--ignore-scripts', '--tag', 'dry-run', p.tarball];
  step('npm publish --dry-run', run('npm', publish));
  const size = `${readFileSync(p.tarball).length} B packed`;
  table.push({ name: p.name, version: p.version, registry: 'npm', files: p.files.length, size, list: p.files });
}

if (packed.length) {
  console.log('install the tarballs with npm into a fresh project and load every entry point');
  const project = join(work, 'consumer');
  if (attempt('npm install --offline <tarballs>', () => installTarballs(project, packed))) {
    for (const p of packed) {
      for (const specifier of entryPoints(p.manifest)) {
        // Both module systems must load the entry point and see the same exports (a types-only entry has none).
        const names = (m) =>
          Object.keys(m)
            .filter((k) => k !== 'default' && k !== 'module.exports')
            .sort()
            .join();
        const compare = `import { createRequire } from 'node:module';
          const names = ${names};
          const esm = names(await import(${JSON.stringify(specifier)}));
          const cjs = names(createRequire(process.cwd() + '/')(${JSON.stringify(specifier)}));
          if (esm !== cjs) throw new Error('import() gives [' + esm + '], require() gives [' + cjs + ']');`;
        const loaded = run(newestNode, ['--input-type=module', '-e', compare], project);
        step(`import() and require() of ${specifier}`, loaded);
      }
    }
  }
}
rmSync(work, { recursive: true, force: true });

// JSR: the root Deno workspace (deno.json) publishes @tagokit/core, @tagokit/api, @tagokit/helpers and
// @tagokit/deno from their sources.
const JSR = ['packages/core', 'packages/api', 'packages/helpers', 'packages/deno'];
console.log('JSR workspace');
// deno.mjs runs Deno in packages/deno; --config names the workspace root so that all three members are published.
const denoArgs = ['publish', '--dry-run', '--allow-dirty', '--config', join(root, 'deno.json')];
const deno = run(process.execPath, [join(root, 'packages/deno/scripts/deno.mjs'), ...denoArgs], root);
if (step('deno publish --dry-run', deno)) {
  for (const dir of JSR) {
    const { name, version } = JSON.parse(readFileSync(join(root, dir, 'deno.json'), 'utf8'));
    const files = [...deno.output.matchAll(/file:\/\/\S+?\/(packages\/\w+)\/(\S+) \(([^)]+)\)/g)]
      .filter((m) => m[1] === dir)
      .map((m) => `${m[2]} (${m[3]})`);
    table.push({ name, version, registry: 'jsr', files: files.length, size: '', list: files });
  }
}

console.log('\nwould publish');
for (const p of table) {
  const id = `${p.name}@${p.version}`.padEnd(26);
  console.log(`  ${p.registry.padEnd(4)} ${id} ${String(p.files).padStart(3)} files  ${p.size}`);
  for (const f of p.list) console.log(`         ${f}`);
}
const status = run(join(root, 'node_modules', '.bin', 'changeset'), ['status']);
console.log(`\npending changesets\n${status.output.replace(/^🦋\s*/gm, '  ').trim()}`);
if (failures.length) {
  console.error(`\n${failures.length} check(s) failed:\n${failures.join('\n\n')}`);
  process.exit(1);
}
console.log('\nrelease dry run passed');
