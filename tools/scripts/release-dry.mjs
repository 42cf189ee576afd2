#!/usr/bin/env node
// `pnpm release:dry`: everything a release would do, without publishing. Builds every published package, checks
// each with publint (and attw for the typed ESM packages), runs `npm pack --dry-run` and Deno's JSR dry run, then
// prints exactly what would be published and the bumps the pending changesets call for. Exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (pkgDir, name) => join(root, pkgDir, 'node_modules', '.bin', name);
// npm packages; attw needs type declarations, which the ES5 device client does not ship.
const NPM = [
  { dir: 'packages/core', attw: true },
  { dir: 'packages/api', attw: true },
  { dir: 'packages/node', attw: true },
  { dir: 'packages/edge', attw: true },
  { dir: 'packages/mcu', attw: false },
];
const failures = [];
const run = (cmd, args, cwd = root) => spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } });
const step = (label, result) => {
  const ok = result.status === 0;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok) failures.push(`${label}\n${(result.stdout ?? '') + (result.stderr ?? '')}`.slice(0, 4000));
  return ok;
};

console.log('build');
step('nx run-many -t build', run(join(root, 'node_modules', '.bin', 'nx'), ['run-many', '-t', 'build', '--outputStyle=static']));

const table = [];
const packDir = mkdtempSync(join(tmpdir(), 'tagokit-release-'));
for (const { dir, attw } of NPM) {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  console.log(`${pkg.name}@${pkg.version}`);
  const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], join(root, dir));
  if (!step('npm pack', pack)) continue;
  const [info] = JSON.parse(pack.stdout);
  const tarball = join(packDir, info.filename);
  step('publint --strict', run(bin('packages/edge', 'publint'), ['run', '--strict', tarball]));
  if (attw) step('attw --profile esm-only', run(bin('packages/edge', 'attw'), [tarball, '--profile', 'esm-only']));
  step('npm publish --dry-run', run('npm', ['publish', '--dry-run', '--ignore-scripts', '--tag', 'dry-run', tarball], join(root, dir)));
  table.push({ name: pkg.name, version: pkg.version, registry: 'npm', files: info.entryCount, size: `${info.size} B packed, ${info.unpackedSize} B unpacked`, list: info.files.map((f) => f.path) });
}
rmSync(packDir, { recursive: true, force: true });

// JSR: the root Deno workspace (deno.json) publishes @tagokit/core, @tagokit/api and @tagokit/deno from their sources.
const JSR = ['packages/core', 'packages/api', 'packages/deno'];
console.log('JSR workspace');
// deno.mjs runs Deno in packages/deno; --config names the workspace root so that all three members are published.
const denoArgs = ['publish', '--dry-run', '--allow-dirty', '--config', join(root, 'deno.json')];
const deno = run(process.execPath, [join(root, 'packages/deno/scripts/deno.mjs'), ...denoArgs], root);
if (step('deno publish --dry-run', deno)) {
  const output = `${deno.stdout}${deno.stderr}`;
  for (const dir of JSR) {
    const { name, version } = JSON.parse(readFileSync(join(root, dir, 'deno.json'), 'utf8'));
    const files = [...output.matchAll(/file:\/\/\S+?\/(packages\/\w+)\/(\S+) \(([^)]+)\)/g)].filter((m) => m[1] === dir).map((m) => `${m[2]} (${m[3]})`);
    table.push({ name, version, registry: 'jsr', files: files.length, size: '', list: files });
  }
}

console.log('\nwould publish');
for (const p of table) {
  console.log(`  ${p.registry.padEnd(4)} ${`${p.name}@${p.version}`.padEnd(26)} ${String(p.files).padStart(3)} files  ${p.size}`);
  for (const f of p.list) console.log(`         ${f}`);
}
const status = run(join(root, 'node_modules', '.bin', 'changeset'), ['status']);
console.log(`\npending changesets\n${(status.stdout + status.stderr).replace(/^🦋\s*/gm, '  ').trim()}`);
if (failures.length) {
  console.error(`\n${failures.length} check(s) failed:\n${failures.join('\n\n')}`);
  process.exit(1);
}
console.log('\nrelease dry run passed');
