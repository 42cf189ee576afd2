import { describe, expect, it } from 'vitest';
import { emitClient } from '../../src/emit/client.js';
import { emitEdgeFunctions } from '../../src/emit/edge-functions.js';
import { emitMcuOperations } from '../../src/emit/mcu/index.js';
import { argumentKeys, kindsUnion, listFieldsType, operationSignature } from '../../src/emit/signature.js';
import { buildModel } from '@tagokit/spec-model/model';
import { miniSpec } from '@tagokit/spec-model/fixtures/mini-spec';
import { miniModel, plainContext } from '../fixtures/mini-model.js';

const model = miniModel();
const op = (id: string) => model.operations.find((o) => o.id === id)!;

describe('the one signature builder', () => {
  it('lists the argument keys the MCU comments show, optional ones marked', () => {
    expect(argumentKeys(op('listDevices'))).toEqual(['page?', 'amount?']);
    expect(argumentKeys(op('readFile'))).toEqual(['filePath', 'version']);
    expect(argumentKeys(op('sendData'))).toEqual(['body']);
    expect(argumentKeys(op('getStatus'))).toEqual([]);
    expect(emitMcuOperations([op('listDevices')])).toContain('args: {page?, amount?}');
  });

  it('gives the client method and the edge function the same parameters, return type and docs', () => {
    const ctx = plainContext(model);
    const client = emitClient(ctx);
    const functions = emitEdgeFunctions(ctx);
    for (const o of model.operations) {
      const s = operationSignature(o);
      const params = s.parameters.map((p) => `${p.name}${p.hasQuestionToken ? '?' : ''}: ${p.type}`).join(', ');
      expect(client).toContain(`  public ${o.methodName}(${params}): ${s.returnType} {`);
      const receiver = kindsUnion(o) ? `ScopedContext<${kindsUnion(o)}>` : 'OperationContext';
      expect(functions).toContain(`export function ${o.id}(client: ${receiver}, ${params}): ${s.returnType} {`);
    }
  });

  it('narrows the rows of a paged list whose `fields` names a `<Resource>ListFields`, nothing else', () => {
    const doc = miniSpec();
    const spec = doc as unknown as {
      paths: Record<string, Record<string, { parameters: unknown[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    spec.components.schemas['DeviceListFields'] = { type: 'string', enum: ['id', 'name'] };
    const fields = { type: 'array', items: { $ref: '#/components/schemas/DeviceListFields' } };
    spec.paths['/device']!['get']!.parameters.push({ name: 'fields', in: 'query', schema: fields });
    const list = buildModel(doc).operations.find((o) => o.id === 'listDevices')!;
    expect(listFieldsType(list)).toBe('DeviceListFields');
    const s = operationSignature(list);
    expect(s.typeParameters).toEqual([{ name: 'const F', constraint: 'DeviceListFields[]', default: 'never' }]);
    expect(s.parameters[0]).toMatchObject({ name: 'args', type: 'ListDevicesArgs & { fields?: F }' });
    const row = 'FieldsRow<ItemOf<ListDevicesResult>, F>';
    expect(s.returnType).toBe(`TagoPagePromise<${row}[], ${row}>`);
    expect(s.statements('client')).toEqual([
      `return callPagedOperation<${row}[], ${row}>(client, ops.listDevices, args, options);`,
    ]);
    // Without the named enum (a plain string list) or outside a paged list, the signature stays as it was.
    expect(listFieldsType(op('listDevices'))).toBeUndefined();
    expect(operationSignature(op('listDevices')).typeParameters).toEqual([]);
  });
});
