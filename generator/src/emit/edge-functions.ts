import type { OperationModel } from '@tagokit/spec-model/model';
import { banner } from './banner.js';
import { clientImports, operationIds, operationTypes } from './client.js';
import type { EmitContext, Statement } from './context.js';
import { kindsUnion, operationSignature } from './signature.js';
import { jsDoc, parametersText, typeParametersText, type SignatureParameter } from './ts.js';

/**
 * Names the edge package's index exports besides the operations; an operation id equal to one of them would
 * make `export *` ambiguous, so generation stops instead.
 */
export const EDGE_EXPORTS: ReadonlySet<string> = new Set([
  'createEdgeClient',
  'EdgeClient',
  'EdgeClientOptions',
  'OPERATION_IDS',
]);

/**
 * The client an operation function takes: one whose token kind may call it (`ScopedContext<'device'>`), so
 * `listDevices(createEdgeClient({ tokenKind: 'device' }))` does not compile; any client for a public route.
 */
function clientType(op: OperationModel): string {
  const kinds = kindsUnion(op);
  return kinds ? `ScopedContext<${kinds}>` : 'OperationContext';
}

/**
 * An operation's function: its overloads (each with the docs), else the docs, then the implementation. Written
 * as text, laid out as ts-morph prints a function structure, so functions.ts needs no structure printer.
 */
function operationFunction(op: OperationModel): string {
  const signature = operationSignature(op);
  const client = { name: 'client', type: clientType(op) };
  const header = (parameters: SignatureParameter[], returnType: string) =>
    `export function ${op.id}${typeParametersText(signature.typeParameters)}(${parametersText([client, ...parameters])}): ${returnType}`;
  const docs = jsDoc(signature.docs);
  const overloads = signature.overloads.map((o) => `${docs}\n${header(o.parameters, o.returnType)};\n`);
  const body = signature.statements('client').map((line) => `  ${line}\n`);
  return `${overloads.join('')}${overloads.length ? '' : `${docs}\n`}${header(signature.parameters, signature.returnType)} {\n${body.join('')}}`;
}

/**
 * `functions.ts` of @tagokit/api (re-exported by @tagokit/edge): one exported function per operation
 * (`sendData(client, args, options)`), so a bundler keeps only the functions, and through `ops.<id>` only the
 * descriptors, that a worker calls.
 */
export function emitEdgeFunctions(ctx: EmitContext): string {
  const { model } = ctx;
  for (const op of model.operations) {
    if (EDGE_EXPORTS.has(op.id))
      throw new Error(`edge: operation id ${op.id} collides with an export of @tagokit/edge`);
  }
  const statements: Statement[] = [...clientImports(ctx, model.operations, ['ScopedContext'])];
  for (const op of model.operations) statements.push(...operationTypes(op, ctx), { block: operationFunction(op) });
  statements.push(operationIds(model));
  return ctx.print('functions.ts', statements, banner(model.version));
}
