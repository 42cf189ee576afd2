import type { ApiModel } from '@tagokit/spec-model/model';
import { banner } from './banner.js';
import { exampleArgs } from './contract-tests.js';

/**
 * `test/generated/cases.ts` of @tagokit/edge: every operation with the spec's example arguments. The edge suites
 * send these to a worker running in workerd / edge-runtime, which calls the matching function against Prism.
 */
export function emitEdgeContractCases(model: ApiModel): string {
  const cases = model.operations.map((op) => {
    const args = exampleArgs(op);
    return `  { id: ${JSON.stringify(op.id)}, method: ${JSON.stringify(op.method)}, path: ${JSON.stringify(op.path)}${args ? `, args: ${JSON.stringify(args)}` : ''} },`;
  });
  return `${banner(model.version)}/** One operation to call with the spec's example arguments. */
export interface ContractCase {
  id: string;
  method: string;
  path: string;
  args?: Record<string, unknown>;
}

export const CONTRACT_CASES: readonly ContractCase[] = [
${cases.join('\n')}
];
`;
}
