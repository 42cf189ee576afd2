import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE, DEFAULT_TOKENS, startEmulator, type Emulator } from '@tagokit/emulator';
import * as edge from '@tagokit/edge';
import * as node from '@tagokit/node';
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

/** Probes per class, in CLASSES order. */
function countByClass(probes: Probe[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(CLASSES.map((c) => [c, 0]));
  for (const p of probes) {
    const c = p.id.split('/')[0]!;
    if (!(c in counts)) throw new Error(`${p.id}: class ${c} is not one of ${CLASSES.join(', ')}`);
    counts[c]! += 1;
  }
  return counts;
}

describe('the probes', () => {
  const lists = [
    ['Node and Deno', CLIENT_PROBES],
    ['edge', EDGE_PROBES],
  ] as const;
  const report = lists
    .map(([name, probes]) => {
      const counts = countByClass(probes);
      return `[type-probes] ${name}: ${probes.length} probes (${CLASSES.map((c) => `${c} ${counts[c]}`).join(', ')})`;
    })
    .join('\n');

  it.each(lists)('%s: at least 40, every class represented, ids unique', (_name, probes) => {
    const counts = countByClass(probes);
    expect(probes.length).toBeGreaterThanOrEqual(40);
    for (const c of CLASSES) expect(counts[c], c).toBeGreaterThan(0);
    expect(new Set(probes.map((p) => p.id)).size).toBe(probes.length);
  });

  it('every mistake probed on the clients is probed on the edge functions too, with the same typed error', () => {
    console.log(report);
    const edge = new Map(EDGE_PROBES.map((p) => [p.id, p.expect]));
    expect(CLIENT_PROBES.map((p) => [p.id, edge.get(p.id)])).toEqual(CLIENT_PROBES.map((p) => [p.id, p.expect]));
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

describe("tsc's messages for a new user's mistakes (Node typings)", () => {
  // The probes prove each mistake fails; these lines prove the message names it (a typo's suggestion, the client's
  // named type), as the official SDK's do. createClient's per-kind signatures end with the every-kind one, whose
  // error tsc prints when none matches.
  const lines = [
    clientHeader('@tagokit/node'),
    "createClient({ token, tokenKind: 'device', regoin: 'us-e1' });",
    "createClient({ token, tokenKind: 'devices' });",
    'void device.devices;',
    "void profile.dashboards.update({ dashboardID: 'x', body: { lable: 'Plant' } });",
  ];
  const errors = typeErrors(join(out, 'messages.ts'), lines.join('\n'));
  // 1-based line of each mistake: the header's lines come first.
  const first = clientHeader('@tagokit/node').split('\n').length + 1;
  const at = (mistake: number) =>
    errors
      .filter((e) => e.line === first + mistake)
      .map((e) => e.message)
      .join('\n');

  it('a misspelt option is named, with the right one suggested', () => {
    expect(at(0)).toContain("'regoin' does not exist in type 'TagoEveryClientOptions'");
    expect(at(0)).toContain("Did you mean to write 'region'?");
  });

  it('a misspelt token kind is named, with the right one suggested', () => {
    expect(at(1)).toContain('Type \'"devices"\' is not assignable to type');
    expect(at(1)).toContain('Did you mean \'"device"\'?');
  });

  it('a group the kind cannot call names the client type, not its expansion', () => {
    expect(at(2)).toBe("Property 'devices' does not exist on type 'TagoDeviceClient'.");
  });

  it('a misspelt body key names the body type and suggests the key', () => {
    expect(at(3)).toContain("'lable' does not exist in type 'DashboardEdit'");
    expect(at(3)).toContain("Did you mean to write 'label'?");
  });

  it('nothing else errs', () => {
    expect(errors.map((e) => e.line - first)).toEqual([0, 1, 2, 3]);
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

/** The twin failed with the probe's error: an instance of the package's class of that name, with its code. */
function expectTyped(error: unknown, expected: Probe['expect'], pkg: Record<string, unknown>): void {
  const errorClass = pkg[expected.name];
  expect(errorClass, `${expected.name} is exported`).toBeTypeOf('function');
  expect(error).toBeInstanceOf(errorClass as new () => unknown);
  expect(error).toMatchObject(expected);
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
      profile: node.createClient({ ...base(), token, tokenKind: 'profile' }),
      device: node.createClient({ ...base(), token: DEFAULT_DEVICE.token, tokenKind: 'device' }),
      network: node.createClient({ ...base(), token: DEFAULT_TOKENS.network, tokenKind: 'network' }),
      createClient: node.createClient,
      token,
    });
    expectTyped(error, probe.expect, node);
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
    expectTyped(error, probe.expect, edge);
  });
});
