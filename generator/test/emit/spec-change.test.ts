import { describe, expect, it } from 'vitest';
import { emitClient } from '../../src/emit/client.js';
import { emitDescriptors } from '../../src/emit/descriptors.js';
import { buildModel } from '@tagokit/spec-model/model';
import { miniSpec, opOf } from '@tagokit/spec-model/fixtures/mini-spec';
import { plainContext } from '../fixtures/mini-model.js';

/** The lines of `after` that differ from `before` (same line count expected), as [before, after] pairs. */
function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

const emit = (doc = miniSpec()) => {
  const model = buildModel(doc);
  return {
    descriptors: emitDescriptors(plainContext(model)),
    client: emitClient(plainContext(model)),
  };
};

describe('a one-line change to the spec', () => {
  it('a new optional query parameter changes the descriptor line (which then carries the serializer), the args alias and the method signature only', () => {
    const before = emit();
    const doc = miniSpec();
    opOf(doc, '/device/{deviceID}')['parameters'] = [{ name: 'details', in: 'query', schema: { type: 'boolean' } }];
    const after = emit(doc);

    expect(changedLines(before.descriptors, after.descriptors)).toEqual([
      [
        'export const getDevice: OperationDescriptor = {"id":"getDevice","method":"GET","path":"/device/{deviceID}","kinds":["profile"],"envelope":"envelope","paging":"none","pathParams":["deviceID"],"queryParams":[],"requiredQuery":[],"encodePath":buildPath};',
        'export const getDevice: OperationDescriptor = {"id":"getDevice","method":"GET","path":"/device/{deviceID}","kinds":["profile"],"envelope":"envelope","paging":"none","pathParams":["deviceID"],"queryParams":["details"],"requiredQuery":[],"encodeQuery":serializeQuery,"encodePath":buildPath};',
      ],
    ]);
    expect(changedLines(before.client, after.client)).toEqual([
      [
        "export type GetDeviceArgs = operations['getDevice']['parameters']['path'];",
        "export type GetDeviceArgs = operations['getDevice']['parameters']['path'] & NonNullable<operations['getDevice']['parameters']['query']>;",
      ],
    ]);
  });

  it('a new optional query parameter on an operation without arguments adds an optional args parameter', () => {
    const before = emit();
    const doc = miniSpec();
    opOf(doc, '/status')['parameters'] = [{ name: 'details', in: 'query', schema: { type: 'boolean' } }];
    const after = emit(doc);
    expect(changedLines(before.descriptors, after.descriptors).map(([, b]) => b)).toEqual([
      'export const getStatus: OperationDescriptor = {"id":"getStatus","method":"GET","path":"/status","kinds":[],"envelope":"envelope","paging":"none","pathParams":[],"queryParams":["details"],"requiredQuery":[],"encodeQuery":serializeQuery};',
    ]);
    const added = after.client.split('\n').filter((l) => !before.client.split('\n').includes(l));
    expect(added).toEqual([
      '/** Arguments of getStatus. */',
      "export type GetStatusArgs = NonNullable<operations['getStatus']['parameters']['query']>;",
      '  public status(args?: GetStatusArgs, options?: CallOptions): TagoPromise<GetStatusResult> {',
      '    return callOperation<GetStatusResult>(this.#ctx, ops.getStatus, args, options);',
    ]);
  });

  it('making a query parameter required lists it in requiredQuery and makes args required', () => {
    const before = emit();
    const doc = miniSpec();
    (doc.components!['parameters']!['Page'] as Record<string, unknown>)['required'] = true;
    const after = emit(doc);
    expect(changedLines(before.descriptors, after.descriptors).map(([, b]) => b)).toEqual([
      'export const listDevices: OperationDescriptor = {"id":"listDevices","method":"GET","path":"/device","kinds":["profile","analysis"],"envelope":"envelope","paging":"page","pathParams":[],"queryParams":["page","amount"],"requiredQuery":["page"],"encodeQuery":serializeQuery};',
    ]);
    expect(changedLines(before.client, after.client).map(([, b]) => b)).toEqual([
      '  public list(args: ListDevicesArgs, options?: CallOptions): TagoPagePromise<ListDevicesResult, ItemOf<ListDevicesResult>> {',
    ]);
  });

  it('a new token kind changes the descriptor kinds, the method docs, ApiKinds and ApiScopes', () => {
    const before = emit();
    const doc = miniSpec();
    opOf(doc, '/status')['security'] = [{ profileToken: [] }];
    const after = emit(doc);
    expect(changedLines(before.descriptors, after.descriptors).map(([, b]) => b)).toEqual([
      'export const getStatus: OperationDescriptor = {"id":"getStatus","method":"GET","path":"/status","kinds":["profile"],"envelope":"envelope","paging":"none","pathParams":[],"queryParams":[],"requiredQuery":[]};',
    ]);
    expect(changedLines(before.client, after.client)).toEqual([
      [
        '   * Token kinds: none (no token needed). `GET /status` (getStatus).',
        '   * Token kinds: profile. `GET /status` (getStatus).',
      ],
      ["  info: { status: 'anonymous' };", "  info: { status: 'profile' };"],
      ...Array(6).fill(expect.anything()),
    ]);
    // The public route was in every kind's scope; now only a profile token has it.
    const scopes = changedLines(before.client, after.client).slice(2);
    expect(scopes.map(([, b]) => b.slice(0, b.indexOf(':')).trim())).toEqual([
      'device',
      'analysis',
      'network',
      'runUser',
      'serviceAuthorization',
      'anonymous',
    ]);
    for (const [a, b] of scopes) {
      expect(a).toContain("readonly info: Pick<InfoResource, 'status'>");
      expect(b).not.toContain('InfoResource');
    }
  });
});
