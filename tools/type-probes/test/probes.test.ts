import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE, DEFAULT_TOKENS, startEmulator, type Emulator } from '@tagokit/emulator';
import * as edge from '@tagokit/edge';
import { createClient } from '@tagokit/node';
import { CLASSES, CLIENT_PROBES, EDGE_PROBES, probeSource, type Probe } from '../src/probes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** The Deno package's runner of its pinned Deno (cache and environment set), used as a command. */
const denoScript = join(here, '..', '..', '..', 'packages', 'deno', 'scripts', 'deno.mjs');
const out = join(here, '..', '.probes');
mkdirSync(out, { recursive: true });

const clientHeader = (specifier: string) =>
  [
    `import { createClient } from '${specifier}';`,
    'declare const token: string;',
    "const profile = createClient({ token, tokenKind: 'profile' });",
    "const device = createClient({ token, tokenKind: 'device' });",
    "const network = createClient({ token, tokenKind: 'network' });",
  ].join('\n');
const edgeHeader = [
  "import * as E from '@tagokit/edge';",
  'declare const token: string;',
  "const profile = E.createEdgeClient({ token, tokenKind: 'profile' });",
  "const device = E.createEdgeClient({ token, tokenKind: 'device' });",
  "const network = E.createEdgeClient({ token, tokenKind: 'network' });",
].join('\n');

/** The probes with the mistake of the first one removed: its directive is then unused, which must be an error. */
const withoutFirstMistake = (probes: Probe[]): Probe[] => [
  { ...probes[0]!, lines: [...probes[0]!.lines.slice(0, -1), 'void 0;'] },
  ...probes.slice(1),
];

/** Compiles one file as a consumer project would (strict, NodeNext), with the package's typings from dist. */
function typeErrors(file: string, text: string): { line: number; code: number; message: string }[] {
  writeFileSync(file, text);
  const options: ts.CompilerOptions = {
    strict: true,
    noUncheckedIndexedAccess: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    noEmit: true,
    skipLibCheck: true,
  };
  const program = ts.createProgram([file], options);
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    code: d.code,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

/** The line of the first probe's mistake in its source (1-based). */
const firstMistakeLine = (text: string) => text.split('\n').findIndex((l) => l.includes('// @ts-expect-error')) + 2;

function denoCheck(file: string, text: string) {
  writeFileSync(file, text);
  const run = spawnSync(process.execPath, [denoScript, 'check', '--quiet', file], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the probes', () => {
  it('number at least 40 for the clients, with every class represented, ids unique', () => {
    const counts = Object.fromEntries(CLASSES.map((c) => [c, 0]));
    for (const p of CLIENT_PROBES) counts[p.id.split('/')[0]!]! += 1;
    const edgeCounts = Object.fromEntries(CLASSES.map((c) => [c, 0]));
    for (const p of EDGE_PROBES) edgeCounts[p.id.split('/')[0]!]! += 1;
    console.log(
      `[type-probes] Node and Deno: ${CLIENT_PROBES.length} probes (${CLASSES.map((c) => `${c} ${counts[c]}`).join(', ')})\n` +
        `[type-probes] edge: ${EDGE_PROBES.length} probes (${CLASSES.map((c) => `${c} ${edgeCounts[c]}`).join(', ')})`,
    );
    expect(CLIENT_PROBES.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(counts)).toEqual(CLASSES);
    for (const c of CLASSES) expect(counts[c], c).toBeGreaterThan(0);
    for (const list of [CLIENT_PROBES, EDGE_PROBES]) expect(new Set(list.map((p) => p.id)).size).toBe(list.length);
  });
});

describe.each([
  ['Node', 'node.ts', clientHeader('@tagokit/node'), CLIENT_PROBES],
  ['edge', 'edge.ts', edgeHeader, EDGE_PROBES],
] as const)('%s typings', (_name, fileName, header, probes) => {
  const file = join(out, fileName);

  it('every mistake fails tsc: each @ts-expect-error is needed and nothing else errs', () => {
    expect(typeErrors(file, probeSource(header, probes))).toEqual([]);
  });

  it('a mistake that compiles is an error (the first probe without its mistake)', () => {
    const text = probeSource(header, withoutFirstMistake(probes));
    expect(typeErrors(file, text)).toEqual([
      { line: firstMistakeLine(text) - 1, code: 2578, message: "Unused '@ts-expect-error' directive." },
    ]);
  });
});

describe('Deno typings (deno check)', () => {
  const file = join(out, 'deno.ts');
  const header = clientHeader('../../../packages/deno/mod.ts');

  it('every mistake fails deno check', () => {
    const run = denoCheck(file, probeSource(header, CLIENT_PROBES));
    expect(run.output).toBe('');
    expect(run.status).toBe(0);
  });

  it('a mistake that compiles fails deno check', () => {
    const run = denoCheck(file, probeSource(header, withoutFirstMistake(CLIENT_PROBES)));
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("Unused '@ts-expect-error' directive.");
  });
});

/** Runs a probe's text as plain JavaScript with the given names in scope; resolves to what it threw. */
async function runTwin(probe: Probe, scope: Record<string, unknown>): Promise<unknown> {
  const AsyncFunction = (async () => undefined).constructor as new (
    ...args: string[]
  ) => (...a: unknown[]) => Promise<void>;
  const twin = new AsyncFunction(...Object.keys(scope), probe.lines.join('\n'));
  try {
    await twin(...Object.values(scope));
  } catch (error) {
    return error;
  }
  return new Error(`${probe.id}: the JavaScript twin did not fail`);
}

describe('the JavaScript twins against the real clients and the emulator', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimits: false });
  });
  afterAll(() => emu?.stop());
  const base = () => ({ region: { api: emu.url }, allowInsecureHttp: true, maxRetries: 0 }) as const;

  it.each(CLIENT_PROBES.map((p) => [p.id, p] as const))('Node: %s', async (_id, probe) => {
    const token = DEFAULT_TOKENS.profile;
    const error = await runTwin(probe, {
      profile: createClient({ ...base(), token, tokenKind: 'profile' }),
      device: createClient({ ...base(), token: DEFAULT_DEVICE.token, tokenKind: 'device' }),
      network: createClient({ ...base(), token: DEFAULT_TOKENS.network, tokenKind: 'network' }),
      createClient,
      token,
    });
    expect(error).toMatchObject(probe.expect);
  });

  it.each(EDGE_PROBES.map((p) => [p.id, p] as const))('edge: %s', async (_id, probe) => {
    const token = DEFAULT_TOKENS.profile;
    const error = await runTwin(probe, {
      E: edge,
      profile: edge.createEdgeClient({ ...base(), token, tokenKind: 'profile' }),
      device: edge.createEdgeClient({ ...base(), token: DEFAULT_DEVICE.token, tokenKind: 'device' }),
      network: edge.createEdgeClient({ ...base(), token: DEFAULT_TOKENS.network, tokenKind: 'network' }),
      token,
    });
    expect(error).toMatchObject(probe.expect);
  });
});
