import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = join(import.meta.dirname, '..');

describe('type tests', () => {
  it('the package, its generated code and its type tests compile (token scoping holds)', () => {
    const tsc = join(pkg, 'node_modules', '.bin', 'tsc');
    const run = spawnSync(tsc, ['-p', join(pkg, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 120_000);
});
