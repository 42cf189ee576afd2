import type { OperationModel } from '@tagokit/spec-model/model';
import { banner } from './banner.js';
import { clientImports, operationIds } from './client.js';
import type { EmitContext, Statement } from './context.js';
import { declarationText, kindsUnion, operationSignature } from './signature.js';

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

/** An operation's function, written as text (signature.ts, declarationText). */
function operationFunction(op: OperationModel): string {
  const signature = operationSignature(op);
  const client = { name: 'client', type: clientType(op) };
  return declarationText(`export function ${op.id}`, signature, signature.docs, 'client', [client]);
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
  for (const op of model.operations) statements.push({ block: operationFunction(op) });
  statements.push(operationIds(model));
  return ctx.print('functions.ts', statements, banner(model.version));
}
