import { StructureKind, VariableDeclarationKind, type FunctionDeclarationStructure, type StatementStructures } from 'ts-morph';
import type { ApiModel, OperationModel } from '../model/index.js';
import { pascalCase } from '../model/naming.js';
import { banner } from './banner.js';
import { argsType, resultType } from './client.js';
import { docText, printStructures } from './ts.js';

const hasArgs = (op: OperationModel) => op.parameters.length > 0 || op.body !== undefined;
const argsRequired = (op: OperationModel) => op.parameters.some((p) => p.required) || Boolean(op.body?.required);
const isPaged = (op: OperationModel) => op.paging === 'page' || op.paging === 'skip';

/**
 * Names the edge package's index exports besides the operations; an operation id equal to one of them would
 * make `export *` ambiguous, so generation stops instead.
 */
const RESERVED = new Set(['createEdgeClient', 'EdgeClient', 'EdgeClientOptions', 'OPERATION_IDS']);

function functionDocs(op: OperationModel): string {
  const kinds = op.kinds.length ? op.kinds.join(', ') : 'none (no token needed)';
  const lines = [docText(op.summary), '', docText(op.description), '', `Token kinds: ${kinds}. \`${op.method} ${op.path}\` (${op.id}).`];
  if (isPaged(op)) lines.push('', 'Await it for one page, or walk every row with `for await`.');
  if (op.deprecated) lines.push('', '@deprecated The spec marks this operation deprecated.');
  return lines.join('\n');
}

function operationFunction(op: OperationModel): FunctionDeclarationStructure {
  const T = pascalCase(op.id);
  const args = hasArgs(op) ? 'args' : 'undefined';
  const parameters = [{ name: 'client', type: 'OperationContext' }];
  if (hasArgs(op)) parameters.push({ name: 'args', type: `${T}Args`, ...(argsRequired(op) ? {} : { hasQuestionToken: true }) } as never);
  parameters.push({ name: 'options', type: 'CallOptions', hasQuestionToken: true } as never);
  return {
    kind: StructureKind.Function,
    name: op.id,
    isExported: true,
    docs: [functionDocs(op)],
    parameters,
    returnType: isPaged(op) ? `TagoPagePromise<${T}Result, ItemOf<${T}Result>>` : `TagoPromise<${T}Result>`,
    statements: [
      isPaged(op)
        ? `return callPagedOperation<${T}Result, ItemOf<${T}Result>>(client, ops.${op.id}, ${args}, options);`
        : `return callOperation<${T}Result>(client, ops.${op.id}, ${args}, options);`,
    ],
  };
}

/**
 * `functions.ts` of @tagokit/edge: one exported function per operation (`sendData(client, args, options)`), so a
 * bundler keeps only the functions, and through `ops.<id>` only the descriptors, that a worker calls.
 */
export function emitEdgeFunctions(model: ApiModel): string {
  for (const op of model.operations) {
    if (RESERVED.has(op.id)) throw new Error(`edge: operation id ${op.id} collides with an export of @tagokit/edge`);
  }
  const statements: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: '@tagokit/core', namedImports: ['callOperation', 'callPagedOperation'] },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: '@tagokit/core',
      isTypeOnly: true,
      namedImports: [
        'CallOptions',
        'EnvelopeResult',
        'ItemOf',
        'OperationContext',
        'PathParams',
        'QueryParams',
        'RawResult',
        'RequestBody',
        'TagoPagePromise',
        'TagoPromise',
      ],
    },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './schema.js', isTypeOnly: true, namedImports: ['operations'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './operations.js', namespaceImport: 'ops' },
  ];
  for (const op of model.operations) {
    const T = pascalCase(op.id);
    if (hasArgs(op))
      statements.push({ kind: StructureKind.TypeAlias, name: `${T}Args`, isExported: true, type: argsType(op), docs: [`Arguments of ${op.id}.`] });
    statements.push({ kind: StructureKind.TypeAlias, name: `${T}Result`, isExported: true, type: resultType(op), docs: [`What ${op.id} resolves to.`] });
    statements.push(operationFunction(op));
  }
  statements.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['Every operation id, in spec order.'],
    declarations: [{ name: 'OPERATION_IDS', initializer: `${JSON.stringify(model.operations.map((o) => o.id))} as const` }],
  });
  return printStructures('functions.ts', statements, banner(model.version));
}
