import { describe, expect, it } from 'vitest';
import { emitEdgeFunctions } from '../../src/emit/edge-functions.js';
import { miniModel, plainContext } from '../fixtures/mini-model.js';

const model = miniModel();
const text = emitEdgeFunctions(plainContext(model));
const lines = text.split('\n');

describe('emitEdgeFunctions', () => {
  it('exports one function per operation that hands the call to the core', () => {
    for (const op of model.operations) expect(text).toContain(`export function ${op.id}(client: `);
    expect(lines).toContain('  return callOperation<SendDataResult>(client, ops.sendData, args, options);');
    expect(lines).toContain(
      '  return callPagedOperation<ListDevicesResult, ItemOf<ListDevicesResult>>(client, ops.listDevices, args, options);',
    );
  });

  it('takes arguments only where the operation has some, optional when none is required', () => {
    expect(text).toContain(
      'export function getStatus(client: OperationContext, options?: CallOptions): TagoPromise<GetStatusResult>',
    );
    expect(text).toContain(
      "export function listDevices(client: ScopedContext<'profile' | 'analysis'>, args?: ListDevicesArgs, options?: CallOptions)",
    );
    expect(text).toContain(
      "export function sendData(client: ScopedContext<'device'>, args: SendDataArgs, options?: CallOptions)",
    );
  });

  it('takes a client of a kind the operation accepts (ScopedContext), any client for a public route', () => {
    expect(
      lines
        .filter((l) => l.startsWith('export function '))
        .map((l) => l.slice(0, l.indexOf(',') + 1 || l.indexOf(')'))),
    ).toEqual([
      "export function listDevices(client: ScopedContext<'profile' | 'analysis'>,",
      "export function getDevice(client: ScopedContext<'profile'>,",
      "export function sendData(client: ScopedContext<'device'>,",
      'export function getStatus(client: OperationContext,',
      "export function readFile(client: ScopedContext<'profile'>,",
    ]);
    expect(lines).toContain(
      "import type { CallOptions, FieldsRow, ItemOf, OperationContext, ScopedContext, TagoEventStream, TagoPagePromise, TagoPromise } from '@tagokit/core';",
    );
    // The argument and result types come from operation-types.ts (declared once, beside client.ts), never from
    // schema.ts, which edge workers never load.
    expect(text).not.toContain('schema');
    expect(text).not.toContain('export type SendDataArgs = {');
    expect(lines).toContain("export type * from './operation-types.js';");
  });

  it('refuses an operation id that would shadow an export of the package', () => {
    const clash = miniModel();
    clash.operations[0]!.id = 'createEdgeClient';
    expect(() => emitEdgeFunctions(plainContext(clash))).toThrow(
      'edge: operation id createEdgeClient collides with an export of @tagokit/edge',
    );
  });
});
