import type { ApiModel, OperationModel } from '@tagokit/spec-model/model';
import { banner } from './banner.js';

/** The arguments a contract test calls an operation with: the spec's examples of its required inputs. */
export function exampleArgs(op: OperationModel): Record<string, unknown> | undefined {
  const args: Record<string, unknown> = {};
  for (const p of op.parameters) {
    if (!p.required) continue;
    if (p.example === undefined) throw new Error(`${op.id}: required parameter ${p.name} has no example`);
    args[p.name] = p.example;
  }
  if (op.body && (op.body.required || op.body.example !== undefined)) {
    if (op.body.example === undefined) throw new Error(`${op.id}: the request body has no example`);
    args['body'] = op.body.example;
  }
  return Object.keys(args).length ? args : undefined;
}

/** `client.<group>.<method>(<example args>)`: how every generated contract test calls an operation. */
export function exampleCall(op: OperationModel, client = 'client'): string {
  const args = exampleArgs(op);
  return `${client}.${op.group}.${op.methodName}(${args ? JSON.stringify(args) : ''})`;
}

export interface ContractEmitOptions {
  /** Import of `createClient` for the runtime under test. */
  clientModule: string;
  /** The runtime's own transport factory, exported by clientModule (wrapped for Prism's query parser). */
  transportFactory: string;
}

/**
 * One test per operation: call it with the spec's example arguments against a Prism mock of the bundled spec
 * (request validation on, so a malformed request fails with 422), then check the result against the spec's schema.
 */
export function emitContractTests(model: ApiModel, options: ContractEmitOptions): string {
  const cases = model.operations.map((op) => {
    const call = exampleCall(op);
    return `  it('${op.id}: ${op.method} ${op.path}', async () => {
    const answer = await ${call}.withResponse();
    expect(answer.headers['sl-violations']).toBeUndefined();
    expect(validateResult('${op.id}', answer.data)).toEqual([]);
  });`;
  });
  return `${banner(model.version)}import { forPrism, startPrism, validateResult, type PrismMock } from '@tagokit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, ${options.transportFactory}, type TagoClient } from '${options.clientModule}';

let mock: PrismMock;
let client: TagoClient;

beforeAll(async () => {
  mock = await startPrism();
  client = createClient({
    token: 'p-00000000-0000-4000-8000-000000000000',
    region: { api: mock.url },
    allowInsecureHttp: true,
    maxRetries: 0,
    transport: forPrism(${options.transportFactory}()),
  });
});
afterAll(async () => {
  await mock?.stop();
});

describe('contract: ${model.operations.length} operations against a Prism mock of the spec', () => {
${cases.join('\n\n')}
});
`;
}
