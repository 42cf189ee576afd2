import { StructureKind, type FunctionDeclarationStructure, type StatementStructures } from 'ts-morph';
import type { ApiModel, OperationModel } from '@tagokit/spec-model/model';
import { pascalCase } from '@tagokit/spec-model/model/naming';
import { banner } from './banner.js';
import {
  argsRequired,
  callStatement,
  clientImports,
  hasArgs,
  methodDocs,
  operationIds,
  operationTypes,
  returnType,
} from './client.js';
import { printStructures } from './ts.js';

/**
 * Names the edge package's index exports besides the operations; an operation id equal to one of them would
 * make `export *` ambiguous, so generation stops instead.
 */
const RESERVED = new Set(['createEdgeClient', 'EdgeClient', 'EdgeClientOptions', 'OPERATION_IDS']);

function operationFunction(op: OperationModel): FunctionDeclarationStructure {
  const T = pascalCase(op.id);
  const parameters = [{ name: 'client', type: 'OperationContext' }];
  if (hasArgs(op))
    parameters.push({
      name: 'args',
      type: `${T}Args`,
      ...(argsRequired(op) ? {} : { hasQuestionToken: true }),
    } as never);
  parameters.push({ name: 'options', type: 'CallOptions', hasQuestionToken: true } as never);
  return {
    kind: StructureKind.Function,
    name: op.id,
    isExported: true,
    docs: [methodDocs(op)],
    parameters,
    returnType: returnType(op),
    statements: [callStatement(op, 'client')],
  };
}

/**
 * `functions.ts` of @tagokit/api (re-exported by @tagokit/edge): one exported function per operation
 * (`sendData(client, args, options)`), so a bundler keeps only the functions, and through `ops.<id>` only the
 * descriptors, that a worker calls.
 */
export function emitEdgeFunctions(model: ApiModel): string {
  for (const op of model.operations) {
    if (RESERVED.has(op.id)) throw new Error(`edge: operation id ${op.id} collides with an export of @tagokit/edge`);
  }
  // `.ts` siblings: @tagokit/api is read as source by Deno and rewritten to `.js` by tsc for npm.
  const statements: StatementStructures[] = [...clientImports({ coreModule: '@tagokit/core/internal', ext: '.ts' })];
  for (const op of model.operations) statements.push(...operationTypes(op), operationFunction(op));
  statements.push(operationIds(model));
  return printStructures('functions.ts', statements, banner(model.version));
}
