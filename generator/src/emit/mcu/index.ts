import type { ApiModel, OperationModel } from '@tagokit/spec-model/model';
import { banner } from '../banner.js';
import { exampleArgs } from '../contract-cases.js';
import { argumentKeys } from '../signature.js';

/** Options of the microcontroller emitter. */
export interface McuOptions {
  /** Also emit the operations that accept a network token (integration servers, not devices). Default: false. */
  network?: boolean;
  /** The tiny build for the smallest boards: only the operations in TINY_OPERATIONS. Default: false. */
  tiny?: boolean;
}

/** What the tiny build keeps: send and read data, config parameters and their acknowledgement, /info. */
export const TINY_OPERATIONS = ['getTokenInfo', 'getData', 'sendData', 'listConfigParams', 'markConfigParamRead'];

/** The operations the MCU client exposes: those a device token can call (and, optionally, network-token ones). */
export function mcuOperations(model: ApiModel, options: McuOptions = {}): OperationModel[] {
  // Those of TINY_OPERATIONS the spec has, in that order (a fixture spec may have none); the generator test and the
  // tiny build's scenarios hold the real spec to all five.
  if (options.tiny === true) {
    const isDevice = (op: OperationModel) => op.kinds.includes('device');
    return TINY_OPERATIONS.flatMap((id) => model.operations.filter((op) => op.id === id && isDevice(op)));
  }
  return model.operations.filter(
    (op) => op.kinds.includes('device') || (options.network === true && op.kinds.includes('network')),
  );
}

/** Flags read by Client.prototype.request: 1 takes a body, 2 the body is required, 4 raw answer (no envelope). */
function flagsOf(op: OperationModel): number {
  return (op.body ? 1 : 0) | (op.body?.required ? 2 : 0) | (op.response.envelope === 'raw' ? 4 : 0);
}

function comment(text: string): string {
  return text.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim();
}

/**
 * One ES5 function per operation on Client.prototype: `client.sendData(args, cb)`. Path parameters marked
 * `x-tago-allow-reserved` (file paths) are passed as a sixth argument, so buildPath keeps their `/`; operations
 * without one (every device operation today) emit no such argument.
 */
export function emitMcuOperations(ops: OperationModel[]): string {
  const lines = ops.map((op) => {
    const params = argumentKeys(op);
    const reserved = op.parameters.filter((p) => p.in === 'path' && p.allowReserved).map((p) => `'${p.name}'`);
    const extra = reserved.length ? `, [${reserved.join(', ')}]` : '';
    return [
      `/* ${op.method} ${op.path}: ${comment(op.summary || op.id)}. args: {${params.join(', ')}}; tokens: ${op.kinds.join(', ')}. */`,
      `Client.prototype.${op.id} = function (args, cb) {`,
      `  return this.request('${op.method}', '${op.path}', args, cb, ${flagsOf(op)}${extra});`,
      `};`,
    ].join('\n');
  });
  return lines.join('\n');
}

/**
 * The tiny build's table: one string that src/runtime/tiny.js (defineOperations) turns into Client.prototype
 * methods, about 60 bytes an operation smaller than a function each. Entries are 'id METHOD path flags', split on
 * one character (Espruino's split with a longer separator is unreliable). The tiny runtime has no file-path
 * parameters, so an operation with one is refused here.
 */
function emitTinyOperations(ops: OperationModel[]): string {
  for (const op of ops) {
    if (op.parameters.some((p) => p.in === 'path' && p.allowReserved))
      throw new Error(`MCU tiny build: ${op.id} has a file path`);
    if (op.response.envelope === 'raw') throw new Error(`MCU tiny build: ${op.id} answers without an envelope`);
  }
  const list = ops.map((op) => `\n   ${op.method} ${op.path}: ${comment(op.summary || op.id)}`).join(';');
  const entries = ops.map((op) => `${op.id} ${op.method} ${op.path} ${flagsOf(op)}`).join(',');
  return `/* The ${ops.length} tiny-build operations:${list}. */\ndefineOperations(\n  '${entries}'\n);`;
}

/**
 * `src/generated/operations-<build>.js`: the operation table of one build, the only generated part of the MCU client.
 * packages/mcu/scripts/build.mjs puts it into the hand-written runtime (src/runtime) at its `@operations` marker.
 */
export function emitMcuOperationTable(model: ApiModel, options: McuOptions = {}): string {
  const ops = mcuOperations(model, options);
  if (options.tiny === true) return `${banner(model.version, 'js')}${emitTinyOperations(ops)}\n`;
  const build = options.network === true ? 'device and network-token' : 'device-token';
  const heading = `/* The ${ops.length} ${build} operations, as Client.prototype methods. */`;
  return `${banner(model.version, 'js')}${heading}\n${emitMcuOperations(ops)}\n`;
}

/** The Moddable manifest that builds the module into a host. */
export function emitModdableManifest(version: string): string {
  const generated = banner(version, 'js')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/^\/\/ /, ''))
    .join(' ');
  return `${JSON.stringify(
    {
      '//': generated,
      include: ['$(MODDABLE)/examples/manifest_base.json', '$(MODDABLE)/examples/manifest_net.json'],
      // The assembled modules are build output (npm run build in packages/mcu), not committed files; tagokit-poll
      // holds the polling helpers.
      modules: { '*': ['../dist/moddable/tagokit', '../dist/moddable/tagokit-poll'] },
      preload: ['tagokit', 'tagokit-poll'],
    },
    null,
    2,
  )}\n`;
}

/** The generated table of a build (`operations-device.js` or `operations-network.js`, in src/generated). */
export function mcuOperationTableFile(options: McuOptions = {}): string {
  if (options.tiny === true) return 'operations-tiny.js';
  return options.network === true ? 'operations-network.js' : 'operations-device.js';
}

/** The built module of a build, in packages/mcu/dist: `tagokit.js` (device operations) or `tagokit-network.js`. */
export function mcuModuleFile(options: McuOptions = {}): string {
  return options.network === true ? 'tagokit-network.js' : 'tagokit.js';
}

/** Contract tests: every operation of one build against a Prism mock, through the fetch transport. */
export function emitMcuContractTests(model: ApiModel, options: McuOptions = {}): string {
  const ops = mcuOperations(model, options);
  const build = options.network === true ? 'mcu, with network operations' : 'mcu';
  const cases = ops.map((op) => {
    const args = exampleArgs(op);
    return `  it('${op.id}: ${op.method} ${op.path}', async () => {
    const answer = await call('${op.id}', ${args ? JSON.stringify(args) : 'undefined'});
    expect(answer.headers['sl-violations']).toBeUndefined();
    expect(validateResult('${op.id}', answer.data)).toEqual([]);
  });`;
  });
  return `${banner(model.version)}import { createRequire } from 'node:module';
import { queryForPrism, startPrism, validateResult, type PrismMock } from '@tagokit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const tagokit: any = require('../../dist/${mcuModuleFile(options)}');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fetchModule: any = require('../../dist/fetch.js');

let mock: PrismMock;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let client: any;

function call(id: string, args: unknown): Promise<{ data: unknown; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    client[id](args, (error: unknown, data: unknown, answer: { headers: Record<string, string> }) => (error ? reject(error) : resolve({ data, headers: answer.headers })));
  });
}

beforeAll(async () => {
  mock = await startPrism();
  const send = fetchModule.fetch();
  client = tagokit.createClient({
    token: '00000000-0000-4000-8000-000000000000',
    region: { api: mock.url },
    allowInsecureHttp: true,
    maxRetries: 0,
    transport: (request: { url: string }, cb: unknown) => send({ ...request, url: queryForPrism(request.url) }, cb),
  });
});
afterAll(async () => {
  await mock?.stop();
});

describe('contract (${build}): ${ops.length} operations against a Prism mock of the spec', () => {
${cases.join('\n\n')}
});
`;
}
