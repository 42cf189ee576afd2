import { StructureKind } from 'ts-morph';
import type { ApiModel, OperationModel } from '@tagokit/spec-model/model';
import { banner } from './banner.js';
import type { EmitContext, Statement } from './context.js';
import { docText } from './ts.js';

/** The runtime description of one operation, as the core's OperationDescriptor reads it. */
export function descriptorOf(op: OperationModel): Record<string, unknown> {
  const path = op.parameters.filter((p) => p.in === 'path');
  const query = op.parameters.filter((p) => p.in === 'query');
  const reserved = path.filter((p) => p.allowReserved).map((p) => p.name);
  return {
    id: op.id,
    method: op.method,
    path: op.path,
    kinds: op.kinds,
    envelope: op.response.envelope,
    ...(op.response.mediaType !== 'application/json' ? { accept: op.response.mediaType } : {}),
    ...(op.response.mediaType === 'text/event-stream' ? { server: 'sse' } : {}),
    paging: op.paging,
    pathParams: path.map((p) => p.name),
    ...(reserved.length ? { reservedPathParams: reserved } : {}),
    queryParams: query.map((p) => p.name),
    requiredQuery: query.filter((p) => p.required).map((p) => p.name),
    ...(op.body
      ? {
          body: {
            required: op.body.required,
            contentType: op.body.contentType,
            // Only where the spec takes more than JSON and text (form-data, binary): the core lets those values through.
            ...(op.body.mediaTypes.some((type) => type !== 'application/json' && type !== 'text/plain')
              ? { mediaTypes: op.body.mediaTypes }
              : {}),
            shape: op.body.shape,
            requiredKeys: op.body.requiredKeys,
          },
        }
      : {}),
  };
}

/** `operations.ts`: one exported descriptor per operation, so bundlers keep only the ones a program calls. */
export function emitDescriptors(ctx: EmitContext): string {
  const { model } = ctx;
  const statements: Statement[] = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: ctx.imports.coreModule,
      namedImports: ['OperationDescriptor'],
      isTypeOnly: true,
    },
  ];
  const takesQuery = (op: OperationModel) => op.parameters.some((p) => p.in === 'query');
  const hasPlaceholders = (op: OperationModel) => op.path.includes('{');
  // The core's serializer and path filler are referenced only by the operations that take a query or have path
  // placeholders, so a bundle of others leaves them out.
  const encoders = [
    ...(model.operations.some(hasPlaceholders) ? ['buildPath'] : []),
    ...(model.operations.some(takesQuery) ? ['serializeQuery'] : []),
  ];
  if (encoders.length > 0) {
    statements.push({
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: ctx.imports.coreModule,
      namedImports: encoders,
    });
  }
  for (const op of model.operations) {
    const data = JSON.stringify(descriptorOf(op));
    const refs = [
      ...(takesQuery(op) ? ['"encodeQuery":serializeQuery'] : []),
      ...(hasPlaceholders(op) ? ['"encodePath":buildPath'] : []),
    ];
    const initializer = refs.length > 0 ? `${data.slice(0, -1)},${refs.join(',')}}` : data;
    // Written as text: one line each, nothing for the structure printer to lay out.
    statements.push(
      `/** ${docText(`${op.method} ${op.path}`)} */\nexport const ${op.id}: OperationDescriptor = ${initializer};`,
    );
  }
  return ctx.print('operations.ts', statements, banner(model.version));
}
