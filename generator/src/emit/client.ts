import {
  Scope,
  StructureKind,
  VariableDeclarationKind,
  type ClassDeclarationStructure,
  type MethodDeclarationStructure,
  type StatementStructures,
} from 'ts-morph';
import type { ApiModel, GroupModel, OperationModel } from '@tagokit/spec-model/model';
import { pascalCase } from '@tagokit/spec-model/model/naming';
import { banner } from './banner.js';
import { docText, printStructures } from './ts.js';

export interface ClientEmitOptions {
  /** Where the core is imported from (`@tagokit/core`). */
  coreModule: string;
  /** Extension of relative imports: `.ts` in @tagokit/api (tsc rewrites it to `.js` in dist), `.js` for plain ESM. */
  ext: '.js' | '.ts';
}

/** Whether the operation takes arguments at all, must get them, and iterates pages (shared by every TS emitter). */
export const hasArgs = (op: OperationModel) => op.parameters.length > 0 || op.body !== undefined;
export const argsRequired = (op: OperationModel) => op.parameters.some((p) => p.required) || Boolean(op.body?.required);
export const isPaged = (op: OperationModel) => op.paging === 'page' || op.paging === 'skip';
export const isStream = (op: OperationModel) => op.response.mediaType === 'text/event-stream';

/** What a generated method or function returns. */
export function returnType(op: OperationModel): string {
  const T = pascalCase(op.id);
  if (isStream(op)) return 'TagoEventStream';
  return isPaged(op) ? `TagoPagePromise<${T}Result, ItemOf<${T}Result>>` : `TagoPromise<${T}Result>`;
}

/** The one statement of a generated method or function: hand the call to the core. */
export function callStatement(op: OperationModel, ctx: string): string {
  const T = pascalCase(op.id);
  const args = hasArgs(op) ? 'args' : 'undefined';
  if (isStream(op)) return `return callEventStream(${ctx}, ops.${op.id}, ${args}, options);`;
  return isPaged(op)
    ? `return callPagedOperation<${T}Result, ItemOf<${T}Result>>(${ctx}, ops.${op.id}, ${args}, options);`
    : `return callOperation<${T}Result>(${ctx}, ops.${op.id}, ${args}, options);`;
}

/** A single-quoted TypeScript string literal. */
const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The type of a method's arguments, composed from the openapi-typescript operation type. */
export function argsType(op: OperationModel): string {
  const o = `operations[${quote(op.typeKey)}]`;
  const parts: string[] = [];
  if (op.parameters.some((p) => p.in === 'path')) parts.push(`PathParams<${o}>`);
  if (op.parameters.some((p) => p.in === 'query')) parts.push(`QueryParams<${o}>`);
  if (op.body) parts.push(`{ body${op.body.required ? '' : '?'}: ${bodyType(op, o)} }`);
  return parts.join(' & ');
}

/** The body's type: the JSON schema's, plus FormData or binary values where the spec lists those media types. */
function bodyType(op: OperationModel, o: string): string {
  const types = [`RequestBody<${o}, '${op.body!.mediaKey}'>`];
  const media = op.body!.mediaTypes.map((type) => type.toLowerCase());
  if (media.includes('multipart/form-data')) types.push('FormData');
  if (media.some((type) => type === 'application/octet-stream' || /^(image|audio|video)\//.test(type)))
    types.push('Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>');
  return types.join(' | ');
}

/** The type a method resolves to: `result` of the envelope, or the raw body. */
export function resultType(op: OperationModel): string {
  return `${op.response.envelope === 'raw' ? 'RawResult' : 'EnvelopeResult'}<operations[${quote(op.typeKey)}]>`;
}

/** The JSDoc of an operation's method or function. */
export function methodDocs(op: OperationModel): string {
  const kinds = op.kinds.length ? op.kinds.join(', ') : 'none (no token needed)';
  const lines = [
    docText(op.summary),
    '',
    docText(op.description),
    '',
    `Token kinds: ${kinds}. \`${op.method} ${op.path}\` (${op.id}).`,
  ];
  if (isPaged(op)) lines.push('', 'Await it for one page, or walk every row with `for await`.');
  if (isStream(op))
    lines.push('', 'Iterate it with `for await` to receive events live; awaited, it reads the stream to its end.');
  if (op.deprecated) lines.push('', '@deprecated The spec marks this operation deprecated.');
  return lines.join('\n');
}

function method(op: OperationModel): MethodDeclarationStructure {
  const T = pascalCase(op.id);
  const parameters = [];
  if (hasArgs(op)) parameters.push({ name: 'args', type: `${T}Args`, hasQuestionToken: !argsRequired(op) });
  parameters.push({ name: 'options', type: 'CallOptions', hasQuestionToken: true });
  return {
    kind: StructureKind.Method,
    name: op.methodName,
    scope: Scope.Public,
    docs: [methodDocs(op)],
    parameters,
    returnType: returnType(op),
    statements: [callStatement(op, 'this.#ctx')],
  };
}

/** `DevicesResource`: the suffix keeps tag names such as TagoCore clear of the core's own exports. */
export const groupClassName = (group: GroupModel) => `${pascalCase(group.name)}Resource`;

function groupClass(group: GroupModel): ClassDeclarationStructure {
  return {
    kind: StructureKind.Class,
    name: groupClassName(group),
    isExported: true,
    docs: [docText(`${group.tag}: ${group.description}`)],
    properties: [{ name: '#ctx', isReadonly: true, type: 'OperationContext' }],
    ctors: [{ parameters: [{ name: 'ctx', type: 'OperationContext' }], statements: ['this.#ctx = ctx;'] }],
    methods: group.operations.map(method),
  };
}

/**
 * `client.ts`: one class per tag with one method per operation, the argument and result types of every
 * operation, and the maps the core's scoped-client type reads to hide what a token kind cannot call.
 */
export function emitClient(model: ApiModel, options: ClientEmitOptions): string {
  const imports = clientImports(options);
  // Only the imports differ between runtimes; the body is printed once per model and shared (Node and Deno).
  let body = clientBodies.get(model);
  if (body === undefined) {
    body = printStructures('client-body.ts', clientBody(model), '');
    clientBodies.set(model, body);
  }
  return `${printStructures('client-imports.ts', imports, banner(model.version))}${body}`;
}

const clientBodies = new WeakMap<ApiModel, string>();

function clientBody(model: ApiModel): StatementStructures[] {
  const statements: StatementStructures[] = [];
  for (const op of model.operations) statements.push(...operationTypes(op));
  statements.push(...model.groups.map(groupClass));
  statements.push({
    kind: StructureKind.Interface,
    name: 'ApiGroups',
    isExported: true,
    docs: ['Every client group, by property name.'],
    properties: model.groups.map((g) => ({ name: g.name, type: groupClassName(g), isReadonly: true })),
  });
  statements.push({
    kind: StructureKind.Interface,
    name: 'ApiKinds',
    isExported: true,
    docs: ['The token kinds each method accepts (`anonymous`: no token needed); the scoped client types read it.'],
    properties: model.groups.map((g) => ({
      name: g.name,
      type: `{ ${g.operations.map((op) => `${op.methodName}: ${op.kinds.length ? op.kinds.map((k) => `'${k}'`).join(' | ') : "'anonymous'"}`).join('; ')} }`,
    })),
  });
  statements.push({
    kind: StructureKind.Function,
    name: 'createGroups',
    isExported: true,
    docs: ['Builds every group over one operation context.'],
    parameters: [{ name: 'ctx', type: 'OperationContext' }],
    returnType: 'ApiGroups',
    statements: [`return { ${model.groups.map((g) => `${g.name}: new ${groupClassName(g)}(ctx)`).join(', ')} };`],
  });
  statements.push(operationIds(model));
  return statements;
}

/** The imports of a generated client or function module: the core's calls and types, the schema, the descriptors. */
export function clientImports(options: ClientEmitOptions): StatementStructures[] {
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: options.coreModule,
      namedImports: ['callEventStream', 'callOperation', 'callPagedOperation'],
    },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: options.coreModule,
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
        'TagoEventStream',
        'TagoPagePromise',
        'TagoPromise',
      ],
    },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: `./schema${options.ext}`,
      isTypeOnly: true,
      namedImports: ['operations'],
    },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: `./operations${options.ext}`, namespaceImport: 'ops' },
  ];
}

/** `XArgs` (when the operation takes arguments) and `XResult` of one operation. */
export function operationTypes(op: OperationModel): StatementStructures[] {
  const T = pascalCase(op.id);
  const out: StatementStructures[] = [];
  if (hasArgs(op))
    out.push({
      kind: StructureKind.TypeAlias,
      name: `${T}Args`,
      isExported: true,
      type: argsType(op),
      docs: [`Arguments of ${op.id}.`],
    });
  out.push({
    kind: StructureKind.TypeAlias,
    name: `${T}Result`,
    isExported: true,
    type: resultType(op),
    docs: [`What ${op.id} resolves to.`],
  });
  return out;
}

/** `OPERATION_IDS`: every operation id, in spec order. */
export function operationIds(model: ApiModel): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['Every operation id, in spec order.'],
    declarations: [
      { name: 'OPERATION_IDS', initializer: `${JSON.stringify(model.operations.map((o) => o.id))} as const` },
    ],
  };
}
