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

/**
 * The contract cases of the TypeScript clients, once for every runtime (`packages/api/test/generated/
 * contract-cases.ts`): each operation with where the grouped client has it and the spec's example arguments. One
 * hand-written runner per runtime (node and deno: `client[group][method](args)`, edge: the function by id inside
 * workerd and edge-runtime) calls them against a Prism mock and checks the result with the contract harness.
 */
export function emitContractCases(model: ApiModel): string {
  const cases = model.operations.map((op) => {
    const args = exampleArgs(op);
    const fields = [
      `id: ${JSON.stringify(op.id)}`,
      `method: ${JSON.stringify(op.method)}`,
      `path: ${JSON.stringify(op.path)}`,
      `group: ${JSON.stringify(op.group)}`,
      `methodName: ${JSON.stringify(op.methodName)}`,
      ...(args ? [`args: ${JSON.stringify(args)}`] : []),
    ];
    return `  { ${fields.join(', ')} },`;
  });
  return `${banner(model.version)}/** One operation to call with the spec's example arguments. */
export interface ContractCase {
  id: string;
  method: string;
  path: string;
  /** Where the grouped client has it: \`client[group][methodName]\`. */
  group: string;
  methodName: string;
  args?: Record<string, unknown>;
}

export const CONTRACT_CASES: readonly ContractCase[] = [
${cases.join('\n')}
];
`;
}
