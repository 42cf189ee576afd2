import {
  Scope,
  StructureKind,
  VariableDeclarationKind,
  type ClassDeclarationStructure,
  type MethodDeclarationStructure,
  type StatementStructures,
} from 'ts-morph';
import { TOKEN_KINDS, type ApiModel, type GroupModel, type OperationModel } from '@tagokit/spec-model/model';
import { pascalCase } from '@tagokit/spec-model/model/naming';
import { banner } from './banner.js';
import type { EmitContext, ImportStyle } from './context.js';
import { namedTypeOf } from './named-types.js';
import { hasArgs, kindsUnion, listFieldsType, operationSignature, queryResultTypes } from './signature.js';
import { docText } from './ts.js';

/** The body's type by the name the spec gives it (`DataCreateBody`), when it has one. */
function namedBody(op: OperationModel): string | undefined {
  return op.body && op.body.mediaKey === 'application/json' ? namedTypeOf(op.body.schema) : undefined;
}

/** The result's type by the name the spec gives it (`Device`, `DeviceListItem[]`), when it has one. */
function namedResult(op: OperationModel): string | undefined {
  return op.response.mediaType === 'application/json' ? namedTypeOf(op.response.resultSchema) : undefined;
}

/**
 * The type of a method's arguments: the spec's name for the body when it has one (errors then say `DataCreateBody`),
 * else read from the openapi-typescript operation type.
 */
export function argsType(op: OperationModel): string {
  const o = `operations['${op.id}']`;
  const parts: string[] = [];
  // Indexed access, not the core's PathParams/QueryParams conditionals: the same types, with nothing for a
  // consumer's checker to instantiate.
  if (op.parameters.some((p) => p.in === 'path')) parts.push(`${o}['parameters']['path']`);
  if (op.parameters.some((p) => p.in === 'query')) parts.push(`NonNullable<${o}['parameters']['query']>`);
  if (op.body) parts.push(`{ body${op.body.required ? '' : '?'}: ${bodyType(op, o)} }`);
  return parts.join(' & ');
}

/**
 * The body's type: the spec's name for the JSON schema when it has one (else read from the operation type), plus
 * FormData or binary values where the spec lists those media types.
 */
function bodyType(op: OperationModel, o: string): string {
  const types = [namedBody(op) ?? `RequestBody<${o}, '${op.body!.mediaKey}'>`];
  const media = op.body!.mediaTypes.map((type) => type.toLowerCase());
  if (media.includes('multipart/form-data')) types.push('FormData');
  if (media.some((type) => type === 'application/octet-stream' || /^(image|audio|video)\//.test(type)))
    types.push('Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>');
  return types.join(' | ');
}

/** The type a method resolves to: the spec's name for it, else `result` of the envelope or the raw body. */
export function resultType(op: OperationModel): string {
  const named = namedResult(op);
  if (named) return named;
  return `${op.response.envelope === 'raw' ? 'RawResult' : 'EnvelopeResult'}<operations['${op.id}']>`;
}

/** The named types the signatures of these operations use (what the module imports from `./types`). */
export function namedTypesUsed(operations: readonly OperationModel[]): string[] {
  const names = new Set<string>();
  for (const op of operations)
    for (const t of [namedBody(op), namedResult(op), listFieldsType(op), ...queryResultTypes(op)])
      if (t) names.add(t.replace(/\[\]$/, ''));
  return [...names].sort();
}

/** The method of an operation, then one deprecated method per former name (same signature, same call). */
function methods(op: OperationModel): MethodDeclarationStructure[] {
  const signature = operationSignature(op);
  const method = (name: string, docs: string): MethodDeclarationStructure => ({
    kind: StructureKind.Method,
    name,
    scope: Scope.Public,
    // With overloads every signature a consumer sees carries the docs; the implementation's are never shown.
    docs: signature.overloads.length ? [] : [docs],
    typeParameters: signature.typeParameters,
    parameters: signature.parameters,
    returnType: signature.returnType,
    overloads: signature.overloads.map((o) => ({ ...o, docs: [docs] })),
    statements: signature.statements('this.#ctx'),
  });
  return [
    method(op.methodName, signature.docs),
    ...op.methodAliases.map((alias) =>
      method(
        alias,
        `${docText(op.summary)}\n\n@deprecated Renamed to \`${op.methodName}\`, the name every runtime uses; \`${alias}\` ` +
          'will be removed in the next minor version.',
      ),
    ),
  ];
}

/** The method names of an operation in its group: its name and its deprecated aliases. */
const methodNames = (op: OperationModel) => [op.methodName, ...op.methodAliases];

/** The token kinds an operation accepts, as a type (`'anonymous'` when it needs none). */
const kindsType = (op: OperationModel) => kindsUnion(op) ?? "'anonymous'";

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
    methods: group.operations.flatMap(methods),
  };
}

/**
 * `client.ts`: one class per tag with one method per operation, the argument and result types of every
 * operation, and the maps the core's scoped-client type reads to hide what a token kind cannot call.
 */
export function emitClient(ctx: EmitContext): string {
  const { model } = ctx;
  const statements: StatementStructures[] = [...clientImports(ctx.imports, model.operations)];
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
      type: `{ ${g.operations.flatMap((op) => methodNames(op).map((name) => `${name}: ${kindsType(op)}`)).join('; ')} }`,
    })),
  });
  statements.push(apiScopes(model));
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
  return ctx.print('client.ts', statements, banner(model.version));
}

/**
 * `ApiScopes`: for each token kind (and `anonymous`), the groups and methods it can call, written out. It is what
 * the core's ScopedClient<ApiGroups, ApiKinds, K> computes for one kind, precomputed here so a consumer's type
 * check reads an interface instead of evaluating a conditional per method of every group.
 */
function apiScopes(model: ApiModel): StatementStructures {
  const callable = (op: OperationModel, kind: string) =>
    kind === 'every' || op.kinds.length === 0 || (op.kinds as string[]).includes(kind);
  const scope = (kind: string) => {
    const groups = model.groups.flatMap((g) => {
      const names = g.operations.filter((op) => callable(op, kind)).flatMap(methodNames);
      return names.length
        ? [`readonly ${g.name}: Pick<${groupClassName(g)}, ${names.map((n) => `'${n}'`).join(' | ')}>`]
        : [];
    });
    return `{ ${groups.join('; ')} }`;
  };
  return {
    kind: StructureKind.Interface,
    name: 'ApiScopes',
    isExported: true,
    docs: [
      'What each token kind can call: the groups and methods of a client scoped to that kind (`every`: a client of\n' +
        'unknown kind, which hides nothing).',
    ],
    properties: [...TOKEN_KINDS, 'anonymous', 'every'].map((kind) => ({ name: kind, type: scope(kind) })),
  };
}

/** The imports of a generated client or function module: the core's calls and types, the schema, the descriptors. */
export function clientImports(
  imports: ImportStyle,
  operations: readonly OperationModel[],
  extraTypes: string[] = [],
): StatementStructures[] {
  const named = namedTypesUsed(operations);
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: imports.coreModule,
      namedImports: ['callEventStream', 'callOperation', 'callPagedOperation'],
    },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: imports.coreModule,
      isTypeOnly: true,
      namedImports: [
        'CallOptions',
        'EnvelopeResult',
        'FieldsRow',
        'ItemOf',
        'OperationContext',
        'RawResult',
        'RequestBody',
        ...extraTypes,
        'TagoEventStream',
        'TagoPagePromise',
        'TagoPromise',
      ],
    },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: `./schema${imports.ext}`,
      isTypeOnly: true,
      namedImports: ['operations'],
    },
    ...(named.length
      ? [
          {
            kind: StructureKind.ImportDeclaration,
            moduleSpecifier: `./types${imports.ext}`,
            isTypeOnly: true,
            namedImports: named,
          } as const,
        ]
      : []),
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: `./operations${imports.ext}`, namespaceImport: 'ops' },
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

/** Every name client.ts and functions.ts export; a schema name equal to one would make `export *` ambiguous. */
export function generatedExportNames(model: ApiModel): Set<string> {
  const names = new Set(['ApiGroups', 'ApiKinds', 'ApiScopes', 'createGroups', 'OPERATION_IDS']);
  for (const op of model.operations) {
    const T = pascalCase(op.id);
    for (const name of [op.id, `${T}Args`, `${T}Result`]) names.add(name);
  }
  for (const group of model.groups) names.add(groupClassName(group));
  return names;
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
