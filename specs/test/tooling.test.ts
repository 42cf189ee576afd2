import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditSpec } from '../scripts/audit-lib.mjs';

const specs = join(import.meta.dirname, '..');
const node = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(specs, 'scripts', script), ...args], { cwd: specs, encoding: 'utf8' });
const readTsv = (file: string) =>
  readFileSync(join(specs, 'coverage', file), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .slice(1)
    .map((l) => l.split('\t'));
const inputs = () => ({
  bundle: JSON.parse(readFileSync(join(specs, 'dist', 'tagoio.openapi.json'), 'utf8')),
  inventory: readTsv('inventory-operations.tsv'),
  upstream: readTsv('upstream-operations.tsv'),
  excludedText: readFileSync(join(specs, 'EXCLUDED.md'), 'utf8'),
  correctionsText: readFileSync(join(specs, 'UPSTREAM-CORRECTIONS.md'), 'utf8'),
});

describe('spec tooling', () => {
  it('spec:lint ends with 0 errors and 0 warnings', () => {
    const run = spawnSync(
      join(specs, 'node_modules', '.bin', 'redocly'),
      ['lint', 'tagoio/openapi.yaml', '--config', 'redocly.yaml', '--format', 'summary'],
      { cwd: specs, encoding: 'utf8' },
    );
    const out = run.stdout + run.stderr;
    expect(out).not.toMatch(/\b[1-9]\d* (error|warning)s?\b/);
    expect(run.status).toBe(0);
  });

  it("the spec text is Latin-1: generated declarations stay one-byte strings in a consumer's checker", () => {
    // One character above U+00FF in a .d.ts makes V8 hold the whole file as two-byte text: about 0.4 MB more in
    // every consumer's type check of @tagokit/node. Write "..." for an ellipsis, "-" for dashes, "->" for arrows.
    const text = readFileSync(join(specs, 'dist', 'tagoio.openapi.json'), 'utf8');
    const wide = [...new Set([...text].filter((c) => c.codePointAt(0)! > 0xff))];
    expect(wide).toEqual([]);
  });

  it('the root lists exactly the paths of the area files', () => {
    const run = node('paths-index.mjs');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the committed bundle matches the sources', () => {
    const run = node('bundle.mjs', '--check');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('spec:audit passes with full coverage', () => {
    const run = node('audit.mjs');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('inventory: 272/272 non-excluded endpoints covered (100.0 %)');
    expect(run.stdout).toContain('= 107/107 (100.0 %)');
    expect(run.status).toBe(0);
  });
});

describe('the audit catches gaps', () => {
  it('is clean on the real inputs', () => {
    expect(auditSpec(inputs()).problems).toEqual([]);
  });

  it('reports a missing operation', () => {
    const i = inputs();
    delete i.bundle.paths['/device/{deviceID}/chunk'];
    expect(auditSpec(i).problems).toContain(
      'inventory 7.18 GET /device/{deviceID}/chunk is missing from the spec and not in EXCLUDED.md',
    );
  });

  it('reports token kinds that differ from the inventory', () => {
    const i = inputs();
    i.bundle.paths['/data'].post.security = [{ profileToken: [] }];
    expect(auditSpec(i).problems).toContain(
      'inventory 2.1 POST /data: token kinds profileToken in the spec, deviceToken in the inventory',
    );
  });

  it('reports an upstream operation with no mapping', () => {
    const i = inputs();
    i.correctionsText = '';
    expect(auditSpec(i).problems).toContain(
      'upstream updatePolicy (PUT /{am_id}) has no operation here and no entry in UPSTREAM-CORRECTIONS.md',
    );
  });

  it('reports broken conventions', () => {
    const i = inputs();
    const op = i.bundle.paths['/device'].get;
    delete op['x-tago-pagination'];
    delete op.summary;
    const problems = auditSpec(i).problems;
    expect(problems).toContain('listDevices: returns a list but has no x-tago-pagination');
    expect(problems).toContain('listDevices: needs summary and description');
  });

  it('reports an exclusion that is no longer needed', () => {
    const i = inputs();
    i.excludedText += '\n- `GET /device` — listed by mistake for this test\n';
    expect(auditSpec(i).problems).toContain(
      'EXCLUDED.md lists a route that is not in the inventory or that the spec now has',
    );
  });
});
