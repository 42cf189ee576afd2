import { describe, expect, it } from 'vitest';
import { emitClient, emitOperationTypes } from '../../src/emit/client.js';
import { emitDescriptors } from '../../src/emit/descriptors.js';
import { buildModel } from '@tagokit/spec-model/model';
import { miniSpec, opOf } from '@tagokit/spec-model/fixtures/mini-spec';
import { emitSchemaTypes } from '../../src/emit/schema-types.js';
import { PLAIN_IMPORTS, plainContext } from '../fixtures/mini-model.js';

/** The lines of `after` that differ from `before` (same line count expected), as [before, after] pairs. */
function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

/** The lines of `after` that `before` lacks and those it lost, each counted as often as it occurs. */
function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
  const minus = (a: string[], b: string[]) => {
    const left = new Map<string, number>();
    for (const line of b) left.set(line, (left.get(line) ?? 0) + 1);
    return a.filter((line) => {
      const n = left.get(line) ?? 0;
      left.set(line, n - 1);
      return n <= 0;
    });
  };
  const [a, b] = [before.split('\n'), after.split('\n')];
  return { added: minus(b, a), removed: minus(a, b) };
}

const emit = async (doc = miniSpec()) => {
  const model = buildModel(doc);
  // The signatures read the changed spec's own schema types.
  const ctx = plainContext(model, PLAIN_IMPORTS, await emitSchemaTypes(doc));
  // The client's declarations: its argument and result types (operation-types.ts), then the classes.
  return { descriptors: emitDescriptors(ctx), client: `${emitOperationTypes(ctx)}\n${emitClient(ctx)}` };
};

describe('a one-line change to the spec', () => {
  it('a new optional query parameter changes the descriptor line (which then carries the serializer), the args alias and the method signature only', async () => {
    const before = await emit();
    const doc = miniSpec();
    opOf(doc, '/device/{deviceID}')['parameters'] = [{ name: 'details', in: 'query', schema: { type: 'boolean' } }];
    const after = await emit(doc);

    expect(changedLines(before.descriptors, after.descriptors)).toEqual([
      [
        'export const getDevice: OperationDescriptor = {"id":"getDevice","method":"GET","path":"/device/{deviceID}","kinds":["profile"],"envelope":"envelope","paging":"none","pathParams":["deviceID"],"queryParams":[],"requiredQuery":[],"encodePath":buildPath};',
        'export const getDevice: OperationDescriptor = {"id":"getDevice","method":"GET","path":"/device/{deviceID}","kinds":["profile"],"envelope":"envelope","paging":"none","pathParams":["deviceID"],"queryParams":["details"],"requiredQuery":[],"encodeQuery":serializeQuery,"encodePath":buildPath};',
      ],
    ]);
    expect(lineDiff(before.client, after.client)).toEqual({ added: ['  details?: boolean;'], removed: [] });
    const at = after.client.indexOf('export type GetDeviceArgs');
    expect(after.client.slice(at, after.client.indexOf('};', at) + 2)).toBe(
      'export type GetDeviceArgs = {\n  /** @example 5dcad1c216174c001ca23ab9 */\n  deviceID: string;\n  details?: boolean;\n};',
    );
  });

  it('a new optional query parameter on an operation without arguments adds an optional args parameter', async () => {
    const before = await emit();
    const doc = miniSpec();
    opOf(doc, '/status')['parameters'] = [{ name: 'details', in: 'query', schema: { type: 'boolean' } }];
    const after = await emit(doc);
    expect(changedLines(before.descriptors, after.descriptors).map(([, b]) => b)).toEqual([
      'export const getStatus: OperationDescriptor = {"id":"getStatus","method":"GET","path":"/status","kinds":[],"envelope":"envelope","paging":"none","pathParams":[],"queryParams":["details"],"requiredQuery":[],"encodeQuery":serializeQuery};',
    ]);
    expect(lineDiff(before.client, after.client)).toEqual({
      added: [
        '/** Arguments of getStatus. */',
        'export type GetStatusArgs = {',
        '  details?: boolean;',
        '};',
        "import type { ListDevicesArgs, ListDevicesResult, GetDeviceArgs, GetDeviceResult, SendDataArgs, SendDataResult, GetStatusArgs, GetStatusResult, ReadFileArgs, ReadFileResult } from './operation-types.js';",
        '  public status(args?: GetStatusArgs, options?: CallOptions): TagoPromise<GetStatusResult> {',
        '    return callOperation<GetStatusResult>(this.#ctx, ops.getStatus, args, options);',
      ],
      removed: [
        "import type { ListDevicesArgs, ListDevicesResult, GetDeviceArgs, GetDeviceResult, SendDataArgs, SendDataResult, GetStatusResult, ReadFileArgs, ReadFileResult } from './operation-types.js';",
        '  public status(options?: CallOptions): TagoPromise<GetStatusResult> {',
        '    return callOperation<GetStatusResult>(this.#ctx, ops.getStatus, undefined, options);',
      ],
    });
  });

  it('making a query parameter required lists it in requiredQuery and makes args required', async () => {
    const before = await emit();
    const doc = miniSpec();
    (doc.components!['parameters']!['Page'] as Record<string, unknown>)['required'] = true;
    const after = await emit(doc);
    expect(changedLines(before.descriptors, after.descriptors).map(([, b]) => b)).toEqual([
      'export const listDevices: OperationDescriptor = {"id":"listDevices","method":"GET","path":"/device","kinds":["profile","analysis"],"envelope":"envelope","paging":"page","pathParams":[],"queryParams":["page","amount"],"requiredQuery":["page"],"encodeQuery":serializeQuery};',
    ]);
    expect(changedLines(before.client, after.client).map(([, b]) => b)).toEqual([
      '  page: number;',
      '  public list(args: ListDevicesArgs, options?: CallOptions): TagoPagePromise<ListDevicesResult, ItemOf<ListDevicesResult>> {',
    ]);
  });

  it('a new token kind changes the descriptor kinds, the method docs and ApiScopes (ApiKinds reads them)', async () => {
    const before = await emit();
    const doc = miniSpec();
    opOf(doc, '/status')['security'] = [{ profileToken: [] }];
    const after = await emit(doc);
    expect(changedLines(before.descriptors, after.descriptors).map(([, b]) => b)).toEqual([
      'export const getStatus: OperationDescriptor = {"id":"getStatus","method":"GET","path":"/status","kinds":["profile"],"envelope":"envelope","paging":"none","pathParams":[],"queryParams":[],"requiredQuery":[]};',
    ]);
    const { added, removed } = lineDiff(before.client, after.client);
    expect(added).toEqual(['   * Token kinds: profile. `GET /status` (getStatus).']);
    // The public route was in every kind's scope; now only a profile token has it (profile's scope is unchanged):
    // the info group leaves the six other kinds' scopes (every still has it).
    expect(removed).toEqual([
      '   * Token kinds: none (no token needed). `GET /status` (getStatus).',
      ...Array(6).fill('  readonly info: InfoResource;'),
    ]);
  });
});
