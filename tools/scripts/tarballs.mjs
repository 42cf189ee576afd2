// The published npm packages as a user gets them: packed by pnpm exactly as `pnpm publish` would (workspace:
// versions replaced), checked for what every tarball must carry, and installed with plain npm into a fresh
// project outside the workspace. Shared by `release:dry` and the ecosystem suite (tools/ecosystem).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PNPM = 'pnpm@12.4.2';
// Dependency order: a package comes after what it depends on.
export const PUBLISHED = [
  'packages/core',
  'packages/api',
  'packages/node',
  'packages/edge',
  'packages/mcu',
  'packages/helpers',
  'packages/analysis',
];
// Tools released to npm beside the clients (bundled, no dependencies): release:dry packs and checks them too.
export const RELEASED_TOOLS = ['tools/emulator'];
// Node from the npm registry (root optional dependency): @tagokit/node needs >= 22.19, the system node may be older.
export const newestNode = join(root, 'node_modules', 'node', 'bin', 'node');

export function run(cmd, args, cwd = root, env = {}) {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false', ...env } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}`;
  return { status: result.error ? 1 : result.status, output };
}

const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];
/** What a registry page shows besides the code: every published manifest must say it. */
const METADATA_FIELDS = ['license', 'repository', 'homepage', 'bugs', 'keywords'];

/** What is wrong with a packed tarball's contents and manifest; empty when it can be published. */
export function tarballProblems(files, manifest) {
  const problems = [];
  for (const required of ['package.json', 'README.md', 'LICENSE']) {
    if (!files.includes(required)) problems.push(`${required} is missing`);
  }
  for (const field of METADATA_FIELDS) {
    const value = manifest[field];
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) problems.push(`package.json has no ${field}`);
  }
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (!/^(workspace|link|file):/.test(range)) continue;
      problems.push(`${field}.${name} is "${range}", which npm cannot install`);
    }
  }
  return problems;
}

function tarEntries(tarball) {
  const list = run('tar', ['-tzf', tarball]);
  if (list.status !== 0) throw new Error(`cannot list ${tarball}: ${list.output}`);
  return list.output
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ''));
}

function tarManifest(tarball) {
  const read = run('tar', ['-xOzf', tarball, 'package/package.json']);
  if (read.status !== 0) throw new Error(`cannot read package.json of ${tarball}: ${read.output}`);
  return JSON.parse(read.output);
}

/**
 * Packs every published package into `destination` with pnpm. Returns, per package, its name, version, tarball
 * path, files and packed manifest; throws naming the package when pnpm fails or a tarball is not publishable.
 */
export function packPublished(destination, dirs = PUBLISHED) {
  mkdirSync(destination, { recursive: true });
  return dirs.map((dir) => {
    const { name, version } = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const pack = run('npx', ['--yes', PNPM, 'pack', '--json', '--pack-destination', destination], join(root, dir));
    if (pack.status !== 0) throw new Error(`pnpm pack of ${name} failed:\n${pack.output}`);
    const tarball = JSON.parse(pack.output.slice(pack.output.indexOf('{'))).filename;
    const files = tarEntries(tarball);
    const manifest = tarManifest(tarball);
    const problems = tarballProblems(files, manifest);
    if (problems.length) throw new Error(`${name} tarball ${basename(tarball)}: ${problems.join('; ')}`);
    return { dir, name, version, tarball, files, manifest };
  });
}

// Registry dependencies of the published packages (undici for @tagokit/node), packed from the workspace's own
// installed copy, so that a consumer project installs with `npm --offline` and no test touches the network.
function packThirdParty(packed, destination) {
  const names = new Set(packed.flatMap((p) => Object.keys(p.manifest.dependencies ?? {})));
  for (const p of packed) names.delete(p.name);
  const overrides = {};
  for (const name of names) {
    const from = join(root, 'node_modules', '.pnpm', 'node_modules', name);
    if (!existsSync(from)) throw new Error(`${name}, a dependency of a published package, is not in the workspace`);
    const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination, from]);
    if (pack.status !== 0) throw new Error(`npm pack of ${name} failed:\n${pack.output}`);
    const [tarball] = JSON.parse(pack.output.slice(pack.output.indexOf('[')));
    overrides[name] = `file:${join(destination, tarball.filename)}`;
  }
  return overrides;
}

/**
 * Creates `projectDir` as a fresh npm project (its own package.json, `type` as given) and installs every tarball
 * in `packed` with plain npm, offline. Extra `dependencies` (name -> spec) are added as they are.
 */
export function installTarballs(projectDir, packed, { type = 'module', dependencies = {} } = {}) {
  mkdirSync(projectDir, { recursive: true });
  const overrides = packThirdParty(packed, projectDir);
  const deps = { ...Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`])), ...dependencies };
  // The tarballs depend on each other by version ("0.1.0"): overrides point those at the local tarballs too.
  for (const p of packed) overrides[p.name] = `file:${p.tarball}`;
  const manifest = { name: 'tagokit-consumer', version: '1.0.0', private: true, type, dependencies: deps, overrides };
  writeFileSync(join(projectDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], projectDir);
  if (install.status !== 0) throw new Error(`npm install of the tarballs in ${projectDir} failed:\n${install.output}`);
}

/** The import specifiers a package exports (`name`, `name/sub`), or its `main` for a package without exports. */
export function entryPoints(manifest) {
  if (!manifest.exports) return [manifest.name];
  return Object.keys(manifest.exports)
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}
