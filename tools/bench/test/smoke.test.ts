import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bench = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(bench, 'results.smoke.json');
const GROUPS = ['throughput', 'generation', 'bundles', 'typecheck', 'mcu'];

describe('pnpm bench --smoke', () => {
  it('runs, and writes valid JSON with all five groups to results.smoke.json (never results.json)', () => {
    rmSync(out, { force: true });
    const realBefore = existsSync(join(bench, 'results.json'))
      ? readFileSync(join(bench, 'results.json'), 'utf8')
      : undefined;
    const env = { ...process.env };
    delete env['TAGOKIT_RESULTS_DIR'];
    const r = spawnSync(process.execPath, [join(bench, 'run.mjs'), '--smoke'], {
      cwd: bench,
      env,
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results.mode).toBe('smoke');
    for (const g of GROUPS) {
      expect(results.groups[g], g).toBeDefined();
      expect(results.groups[g].error, `${g}: ${results.groups[g].error}`).toBeUndefined();
      expect(results.groups[g].figures.length, g).toBeGreaterThan(0);
      for (const f of results.groups[g].figures) {
        expect(['ok', 'skipped', 'not available']).toContain(f.status);
        expect(Array.isArray(f.baselines)).toBe(true);
        if (f.status === 'ok') expect(typeof f.value).toBe('number');
      }
    }
    expect(Array.isArray(results.goals)).toBe(true);
    const realAfter = existsSync(join(bench, 'results.json'))
      ? readFileSync(join(bench, 'results.json'), 'utf8')
      : undefined;
    expect(realAfter).toBe(realBefore);
  });
});
