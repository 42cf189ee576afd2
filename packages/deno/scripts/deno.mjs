// Runs the workspace's Deno (the npm `deno` package) in this folder with the environment every task needs:
// Deno's cache inside the package (DENO_DIR=node_modules/.cache/deno) and no package.json discovery. Usage: node scripts/deno.mjs <args>.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Deno's cache: inside the package (CI needs nothing else) and under node_modules, which git, nx and prettier skip. */
export const DENO_DIR = join(PACKAGE_DIR, 'node_modules', '.cache', 'deno');
const ROOT_PACKAGE_JSON = join(PACKAGE_DIR, '..', '..', 'package.json');

export function denoBinary() {
  const bin = join(PACKAGE_DIR, 'node_modules', '.bin', process.platform === 'win32' ? 'deno.cmd' : 'deno');
  return existsSync(bin) ? bin : 'deno';
}

export function denoEnv(extra = {}) {
  return { ...process.env, DENO_DIR: DENO_DIR, DENO_NO_PACKAGE_JSON: '1', NO_COLOR: '1', ...extra };
}

/**
 * Deno 2.9 answers a failed npm resolution by writing the root pnpm-workspace.yaml's packages into the root
 * package.json as `workspaces`. Nothing here should fail that way, but if it does, take exactly that field back out.
 */
export function guardRootPackageJson(run) {
  const before = readFileSync(ROOT_PACKAGE_JSON, 'utf8');
  try {
    return run();
  } finally {
    const after = readFileSync(ROOT_PACKAGE_JSON, 'utf8');
    if (after !== before && !('workspaces' in JSON.parse(before)) && 'workspaces' in JSON.parse(after)) {
      const restored = after.replace(/,\n\s*"workspaces": \[[^\]]*\]\n\}/, '\n}');
      if (!('workspaces' in JSON.parse(restored))) writeFileSync(ROOT_PACKAGE_JSON, restored);
      console.error(
        '[deno] Deno added "workspaces" to the root package.json (pnpm workspace migration); removed it again.',
      );
    }
  }
}

export function runDeno(args, options = {}) {
  return guardRootPackageJson(() =>
    spawnSync(denoBinary(), args, { cwd: PACKAGE_DIR, stdio: 'inherit', ...options, env: denoEnv(options.env) }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = runDeno(process.argv.slice(2));
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
}
