import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, describe, expect, it } from 'vitest';
import { EDGE_DIR, PACKAGES_DIR } from './support/paths.js';

// publint and attw judge the tarballs `npm pack` makes (the global setup has built each package's dist), i.e.
// exactly the files a publish would ship.
//
// attw profile `esm-only`: the typed packages are `"type": "module"` with only `types` + `default` export
// conditions and ESM output, a deliberate choice (workers, Deno and Node >= 22 all load ESM; Node >= 22 can even
// require() it). `esm-only` still checks node16-from-ESM and bundler resolution and only ignores the CommonJS
// modes (node10, node16-from-CJS), which would flag the ESM-only design itself rather than a packaging mistake.
const IGNORED_BY_ESM_ONLY = ['node10', 'node16-cjs'];
const out = mkdtempSync(join(tmpdir(), 'tagokit-pack-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function pack(name: string): string {
  const run = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], {
    cwd: join(PACKAGES_DIR, name),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`npm pack ${name} failed: ${run.stderr}`);
  const [info] = JSON.parse(run.stdout) as { filename: string }[];
  return join(out, info!.filename);
}

// The ES5 device client ships plain CommonJS without type declarations, so attw has nothing to judge there.
// The entry points attw must find: @tagokit/api has only subpaths (one per generated module), no `.`.
const API_ENTRIES = ['./schema', './operations', './client', './functions', './body-keys'];
describe.each([
  ['core', true, ['.']],
  ['api', true, API_ENTRIES],
  ['node', true, ['.', './schema']],
  ['edge', true, ['.', './schema']],
  ['mcu', false, []],
])('@tagokit/%s as packed', (name, typed, entries) => {
  const tarball = pack(name);

  it('publint finds nothing (suggestions included)', async () => {
    const bytes = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false })}`)).toEqual([]);
  });

  if (!typed) return;
  it('attw --profile esm-only finds no problem', () => {
    const attw = join(EDGE_DIR, 'node_modules', '.bin', 'attw');
    const run = spawnSync(attw, [tarball, '--profile', 'esm-only', '--format', 'json'], { encoding: 'utf8' });
    type Problem = { kind: string; resolutionKind?: string; entrypoint?: string };
    const report = JSON.parse(run.stdout) as {
      analysis: { problems: Problem[]; entrypoints: Record<string, unknown> };
    };
    // The JSON lists problems of every resolution mode; the profile (and so the exit status) ignores the CJS ones.
    const counted = report.analysis.problems.filter((p) => !IGNORED_BY_ESM_ONLY.includes(p.resolutionKind ?? ''));
    expect(counted).toEqual([]);
    // What the ignored modes may report: ESM seen from CJS, and (node10 predating `exports`) a subpath not found.
    const expected = (p: Problem) =>
      p.kind === 'CJSResolvesToESM' ||
      (p.kind === 'NoResolution' && p.resolutionKind === 'node10' && p.entrypoint !== '.');
    expect(report.analysis.problems.filter((p) => !expected(p))).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints)).toEqual(expect.arrayContaining(entries));
    expect(run.status).toBe(0);
  });
});
