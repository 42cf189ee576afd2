import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrism, type PrismMock } from '@tagokit/contract';
import type { TestProject } from 'vitest/node';
import { PACKAGES_DIR } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
    /** A folder outside the repository for files the tests write (README snippets); removed at the end. */
    scratchDir: string;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** A file each package's build writes, to tell a built dist from a missing one (@tagokit/api has no index). */
const BUILT_FILE = { core: 'index.js', api: 'client.js', node: 'index.js', edge: 'index.js' } as const;

/** Builds a package with its own tsc when its dist is missing or older than its sources (what nx ^build would do). */
export function ensureBuilt(name: keyof typeof BUILT_FILE): void {
  const dir = join(PACKAGES_DIR, name);
  const out = join(dir, 'dist', BUILT_FILE[name]);
  const sources = Math.max(newestMtime(join(dir, 'src')), statSync(join(dir, 'package.json')).mtimeMs);
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return;
  const tsc = join(dir, 'node_modules', '.bin', 'tsc');
  const run = spawnSync(tsc, ['-p', join(dir, 'tsconfig.build.json')], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building @tagokit/${name} failed:\n${run.stdout}${run.stderr}`);
}

let mock: PrismMock | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The runtimes bundle the core's and the api's dist (as users do); the packaging checks pack core, api, node, edge.
  ensureBuilt('core');
  ensureBuilt('api');
  ensureBuilt('node');
  ensureBuilt('edge');
  mock = await startPrism();
  project.provide('prismUrl', mock.url);
  const scratch = mkdtempSync(join(tmpdir(), 'tagokit-edge-'));
  project.provide('scratchDir', scratch);
  return async () => {
    await mock?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
}
