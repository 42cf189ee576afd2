import { describe, expect, it } from 'vitest';
import { emitClient } from '../../src/emit/client.js';
import { emitEdgeFunctions } from '../../src/emit/edge-functions.js';
import { emitMcuOperations } from '../../src/emit/mcu/index.js';
import { argumentKeys, kindsUnion, operationSignature } from '../../src/emit/signature.js';
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
});
