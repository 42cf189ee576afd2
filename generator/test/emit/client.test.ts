import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { argsType, emitClient, emitOperationTypes, groupClassName, resultType } from '../../src/emit/client.js';
import { emitDescriptors } from '../../src/emit/descriptors.js';
import { splitNamedTypes } from '../../src/emit/named-types.js';
import { emitSchemaTypes } from '../../src/emit/schema-types.js';
import { buildModel, type OperationModel } from '@tagokit/spec-model/model';
import { miniModel, PLAIN_IMPORTS, plainContext } from '../fixtures/mini-model.js';
import { miniSpec, opOf } from '@tagokit/spec-model/fixtures/mini-spec';

const model = miniModel();
const op = (id: string) => model.operations.find((o) => o.id === id)!;
const text = emitClient(plainContext(model));
const lines = text.split('\n');
const operationTypesText = emitOperationTypes(plainContext(model));

describe('argsType / resultType / groupClassName', () => {
  const ctx = plainContext(model);
  const args = (o: OperationModel, c = ctx) => argsType(o, c.operationTypes(o.id));
  const result = (o: OperationModel) => resultType(o, ctx.operationTypes(o.id));

  it("writes the arguments as one object of openapi-typescript's parameters, docs kept, then the body", () => {
    expect(args(op('getDevice'))).toBe('{\n  /** @example 5dcad1c216174c001ca23ab9 */\n  deviceID: string;\n}');
    expect(args(op('listDevices'))).toBe('{\n  /** @example 1 */\n  page?: number;\n  amount?: number;\n}');
    expect(args(op('readFile'))).toBe(
      '{\n  /** @example reports/2024/jan.txt */\n  filePath: string;\n  version: number;\n}',
    );
    // The mini spec names no body schema: openapi-typescript's type of the JSON body.
    expect(args(op('sendData'))).toBe('{\n  body: DataItem | DataItem[];\n}');
  });

  it('marks an optional body optional', () => {
    const doc = miniSpec();
    (opOf(doc, '/data', 'post')['requestBody'] as { required: boolean }).required = false;
    const sendData = buildModel(doc).operations.find((o) => o.id === 'sendData')!;
    expect(args(sendData)).toBe('{\n  body?: DataItem | DataItem[];\n}');
  });

  it('lets FormData or binary values through where the spec lists form-data or a binary type', async () => {
    const withMedia = async (media: string) => {
      const doc = miniSpec();
      const body = opOf(doc, '/data', 'post')['requestBody'] as { content: Record<string, unknown> };
      body.content[media] = { schema: { type: 'object' } };
      const changed = buildModel(doc);
      const sendData = changed.operations.find((o) => o.id === 'sendData')!;
      return args(sendData, plainContext(changed, PLAIN_IMPORTS, await emitSchemaTypes(doc)));
    };
    const json = 'DataItem | DataItem[]';
    expect(await withMedia('multipart/form-data')).toBe(`{\n  body: ${json} | FormData;\n}`);
    expect(await withMedia('application/octet-stream')).toBe(
      `{\n  body: ${json} | Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;\n}`,
    );
    expect(await withMedia('text/plain')).toBe(`{\n  body: ${json};\n}`);
  });

  it('refuses parameters the schema types do not have', async () => {
    const doc = miniSpec();
    opOf(doc, '/device/{deviceID}')['parameters'] = [{ name: 'details', in: 'query', schema: { type: 'boolean' } }];
    const getDevice = buildModel(doc).operations.find((o) => o.id === 'getDevice')!;
    expect(() => args(getDevice)).toThrow(
      'client: getDevice has parameters deviceID, details but its schema types deviceID',
    );
  });

  it('names the result by its schema when the spec names it, else reads the envelope result or the raw body', () => {
    expect(result(op('getDevice'))).toBe('Device');
    expect(result(op('listDevices'))).toBe('Device[]');
    expect(result(op('sendData'))).toBe('string');
    expect(result(op('getStatus'))).toBe('{\n    online?: boolean;\n}');
    expect(result(op('readFile'))).toBe('string');
  });

  it('names group classes with a Resource suffix', () => {
    expect(model.groups.map(groupClassName)).toEqual([
      'InfoResource',
      'DeviceDataResource',
      'DevicesResource',
      'FilesResource',
    ]);
  });
});

describe('emitClient', () => {
  it('imports the core, the schema types, the operation types and the descriptors', () => {
    expect(lines.slice(2, 8)).toEqual([
      "import { callEventStream, callOperation, callPagedOperation } from '@tagokit/core';",
      "import type { CallOptions, FieldsRow, ItemOf, KindsOf, OperationContext, TagoEventStream, TagoPagePromise, TagoPromise } from '@tagokit/core';",
      "import type { Device } from './types.js';",
      "import type { ListDevicesArgs, ListDevicesResult, GetDeviceArgs, GetDeviceResult, SendDataArgs, SendDataResult, GetStatusResult, ReadFileArgs, ReadFileResult } from './operation-types.js';",
      "import * as ops from './operations.js';",
      "export type * from './operation-types.js';",
    ]);
    // Never schema.ts: a consumer's checker would load all of it.
    expect(text).not.toContain('schema');
    expect(operationTypesText).not.toContain('schema');
    const denoContext = plainContext(model, { coreModule: '../core/mod.ts', ext: '.ts' });
    const deno = emitClient(denoContext).split('\n');
    expect(deno).toContain("import type { Device } from './types.ts';");
    expect(deno).toContain("import * as ops from './operations.ts';");
    expect(deno).toContain("export type * from './operation-types.ts';");
    expect(deno).toContain("import { callEventStream, callOperation, callPagedOperation } from '../core/mod.ts';");
    expect(emitOperationTypes(denoContext).split('\n')).toContain(
      "import type { DataItem, Device } from './types.ts';",
    );
  });

  it('declares the args and result aliases of every operation once, in operation-types.ts (no Args without inputs)', () => {
    const declared = (t: string) => t.split('\n').filter((l) => l.startsWith('export type '));
    expect(operationTypesText.split('\n')[2]).toBe("import type { DataItem, Device } from './types.js';");
    expect(declared(operationTypesText)).toEqual([
      'export type ListDevicesArgs = {',
      'export type ListDevicesResult = Device[];',
      'export type GetDeviceArgs = {',
      'export type GetDeviceResult = Device;',
      'export type SendDataArgs = {',
      'export type SendDataResult = string;',
      'export type GetStatusResult = {',
      'export type ReadFileArgs = {',
      'export type ReadFileResult = string;',
    ]);
    expect(declared(text)).toEqual([
      "export type * from './operation-types.js';",
      "export type ApiKinds = KindsOf<ApiScopes['every'], ApiScopes>;",
    ]);
  });

  it('writes one method per operation with the right signature and call', () => {
    expect(lines.filter((l) => l.startsWith('  public '))).toEqual([
      '  public status(options?: CallOptions): TagoPromise<GetStatusResult> {',
      '  public sendData(args: SendDataArgs, options?: CallOptions): TagoPromise<SendDataResult> {',
      '  public send(args: SendDataArgs, options?: CallOptions): TagoPromise<SendDataResult> {',
      '  public list(args?: ListDevicesArgs, options?: CallOptions): TagoPagePromise<ListDevicesResult, ItemOf<ListDevicesResult>> {',
      '  public get(args: GetDeviceArgs, options?: CallOptions): TagoPromise<GetDeviceResult> {',
      '  public read(args: ReadFileArgs, options?: CallOptions): TagoPromise<ReadFileResult> {',
    ]);
    expect(lines.filter((l) => l.startsWith('    return call'))).toEqual([
      '    return callOperation<GetStatusResult>(this.#ctx, ops.getStatus, undefined, options);',
      '    return callOperation<SendDataResult>(this.#ctx, ops.sendData, args, options);',
      '    return callOperation<SendDataResult>(this.#ctx, ops.sendData, args, options);',
      '    return callPagedOperation<ListDevicesResult, ItemOf<ListDevicesResult>>(this.#ctx, ops.listDevices, args, options);',
      '    return callOperation<GetDeviceResult>(this.#ctx, ops.getDevice, args, options);',
      '    return callOperation<ReadFileResult>(this.#ctx, ops.readFile, args, options);',
    ]);
  });

  it('documents each method with its token kinds and route', () => {
    expect(lines).toContain('   * Token kinds: none (no token needed). `GET /status` (getStatus).');
    expect(lines).toContain('   * Token kinds: profile, analysis. `GET /device` (listDevices).');
    expect(lines).toContain('   * Await it for one page, or walk every row with `for await`.');
    expect(lines).toContain('/** Device Data: Data of a device. */');
  });

  it('keeps a former method name as a deprecated alias with the same signature and call', () => {
    const at = lines.indexOf('  public send(args: SendDataArgs, options?: CallOptions): TagoPromise<SendDataResult> {');
    expect(lines.slice(at - 5, at + 3)).toEqual([
      '  /**',
      '   * Send data',
      '   *',
      '   * @deprecated Renamed to `sendData`, the name every runtime uses; `send` will be removed in the next minor version.',
      '   */',
      '  public send(args: SendDataArgs, options?: CallOptions): TagoPromise<SendDataResult> {',
      '    return callOperation<SendDataResult>(this.#ctx, ops.sendData, args, options);',
      '  }',
    ]);
  });

  it('marks deprecated operations', () => {
    const doc = miniSpec();
    opOf(doc, '/status')['deprecated'] = true;
    expect(emitClient(plainContext(buildModel(doc))).split('\n')).toContain(
      '   * @deprecated The spec marks this operation deprecated.',
    );
  });

  it('scopes every token kind: a group it may call whole as its class, else a Pick; public routes in all', () => {
    const scope = (name: string) => {
      const start = lines.indexOf(`export interface ${name} {`);
      return lines.slice(start + 1, lines.indexOf('}', start));
    };
    expect(scope('ProfileScope')).toEqual([
      '  readonly info: InfoResource;',
      '  readonly devices: DevicesResource;',
      '  readonly files: FilesResource;',
    ]);
    expect(scope('DeviceScope')).toEqual([
      '  readonly info: InfoResource;',
      '  readonly deviceData: DeviceDataResource;',
    ]);
    expect(scope('AnalysisScope')).toEqual([
      '  readonly info: InfoResource;',
      "  readonly devices: Pick<DevicesResource, 'list'>;",
    ]);
    expect(scope('AnonymousScope')).toEqual(['  readonly info: InfoResource;']);
    expect(scope('EveryScope')).toEqual([
      '  readonly info: InfoResource;',
      '  readonly deviceData: DeviceDataResource;',
      '  readonly devices: DevicesResource;',
      '  readonly files: FilesResource;',
    ]);
    expect(scope('ApiScopes')).toEqual([
      '  profile: ProfileScope;',
      '  device: DeviceScope;',
      '  analysis: AnalysisScope;',
      '  network: NetworkScope;',
      '  runUser: RunUserScope;',
      '  serviceAuthorization: ServiceAuthorizationScope;',
      '  anonymous: AnonymousScope;',
      '  every: EveryScope;',
    ]);
    // The kinds of each method are read back from the scopes, not written a second time.
    expect(lines).toContain("export type ApiKinds = KindsOf<ApiScopes['every'], ApiScopes>;");
  });

  it('leaves the realtime group out of the scopes (each runtime gives its own) and writes its kinds', () => {
    const doc = miniSpec();
    opOf(doc, '/files/{filePath}')['tags'] = ['Realtime'];
    const realtime = emitClient(plainContext(buildModel(doc))).split('\n');
    const scopes = realtime.slice(
      realtime.indexOf('export interface ProfileScope {'),
      realtime.indexOf('export interface ApiScopes {'),
    );
    expect(scopes.join('\n')).not.toContain('Realtime');
    expect(scopes.join('\n')).not.toContain('Files');
    expect(realtime).toContain(
      "export type ApiKinds = KindsOf<ApiScopes['every'], ApiScopes> & { realtime: { read: 'profile' } };",
    );
    expect(realtime).toContain('export interface ApiGroups extends EveryScope {');
    expect(realtime).toContain('  readonly realtime: RealtimeResource;');
  });

  it('writes the groups, their factory and the operation ids', () => {
    // Every group: the every-kind scope's, and the realtime group (none in this spec).
    const start = lines.indexOf('export interface ApiGroups extends EveryScope {');
    expect(lines[start + 1]).toBe('}');
    expect(lines).toContain(
      '  return { info: new InfoResource(ctx), deviceData: new DeviceDataResource(ctx), devices: new DevicesResource(ctx), files: new FilesResource(ctx) };',
    );
    expect(lines).toContain(
      'export const OPERATION_IDS = ["listDevices","getDevice","sendData","getStatus","readFile"] as const;',
    );
  });
});

describe('the emitted client type-checks against the core', () => {
  const dir = fileURLToPath(new URL(`../.tmp-client-${process.pid}/`, import.meta.url));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles, and its types accept right calls and refuse wrong ones', async () => {
    mkdirSync(dir, { recursive: true });
    const split = splitNamedTypes(await emitSchemaTypes(miniSpec()), '9.8.7', '.js', new Set());
    writeFileSync(join(dir, 'schema.ts'), split.schema);
    writeFileSync(join(dir, 'types.ts'), split.types);
    writeFileSync(join(dir, 'operations.ts'), emitDescriptors(plainContext(model)));
    writeFileSync(join(dir, 'operation-types.ts'), operationTypesText);
    writeFileSync(join(dir, 'client.ts'), text);
    // Each @ts-expect-error must meet an error, so wrong calls that compile fail the check too.
    writeFileSync(
      join(dir, 'usage.ts'),
      `import type { OperationContext } from '@tagokit/core';
import { createGroups, OPERATION_IDS, type ApiKinds, type GetDeviceResult, type ReadFileResult } from './client.js';

declare const ctx: OperationContext;
const api = createGroups(ctx);
export const calls = [
  api.devices.get({ deviceID: '5dcad1c216174c001ca23ab9' }),
  api.devices.list(),
  api.devices.list({ page: 2, amount: 10 }),
  api.files.read({ filePath: 'a/b.txt', version: 3 }),
  api.deviceData.sendData({ body: { variable: 'temperature', value: 21 } }),
  api.deviceData.sendData({ body: [{ variable: 'a' }, { variable: 'b' }] }),
  // The former name still works (deprecated).
  api.deviceData.send({ body: { variable: 'temperature', value: 21 } }),
  api.info.status(),
  // @ts-expect-error deviceID is required
  api.devices.get({}),
  // @ts-expect-error version is a required query parameter
  api.files.read({ filePath: 'a/b.txt' }),
  // @ts-expect-error every record needs variable
  api.deviceData.sendData({ body: { value: 21 } }),
  // @ts-expect-error getStatus takes no arguments
  api.info.status({ x: 1 }),
];
export const device: GetDeviceResult = { id: '1', name: 'n' };
// @ts-expect-error the result is a Device
export const notDevice: GetDeviceResult = 42;
export const file: ReadFileResult = 'raw text';
export const anonymous: ApiKinds['info']['status'] = 'anonymous';
// @ts-expect-error a public route reads 'anonymous' only, not every kind
export const notAnonymous: ApiKinds['info']['status'] = 'device';
export const sendKind: ApiKinds['deviceData']['send'] = 'device';
// @ts-expect-error sendData is for device tokens only
export const notSendKind: ApiKinds['deviceData']['sendData'] = 'profile';
export const listKinds: ApiKinds['devices']['list'][] = ['profile', 'analysis'];
export const ids: readonly ['listDevices', 'getDevice', 'sendData', 'getStatus', 'readFile'] = OPERATION_IDS;
`,
    );
    const core = fileURLToPath(new URL('../../../packages/core/src/internal/index.ts', import.meta.url));
    const program = ts.createProgram(
      ['schema.ts', 'types.ts', 'operations.ts', 'client.ts', 'usage.ts'].map((f) => join(dir, f)),
      {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
        strict: true,
        noUncheckedIndexedAccess: true,
        noImplicitOverride: true,
        verbatimModuleSyntax: true,
        isolatedModules: true,
        // As in tsconfig.base.json: the core's sources import their siblings as `./x.ts`.
        rewriteRelativeImportExtensions: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
        paths: { '@tagokit/core': [core] },
      },
    );
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.slice(dir.length)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  });
});
