import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import { TOKEN_KINDS, type ApiModel, type GroupModel, type OperationModel } from '@tagokit/spec-model/model';
import { pascalCase } from '@tagokit/spec-model/model/naming';
import { banner } from './banner.js';
import type { EmitContext, Statement } from './context.js';
import { namedTypeOf } from './named-types.js';
import { namesIn, type OperationTypeTexts } from './resolved-types.js';
import {
  declarationText,
  hasArgs,
  kindsUnion,
  listFieldsType,
  operationSignature,
  queryResultTypes,
} from './signature.js';
import { docText, jsDoc } from './ts.js';

/** The body's type by the name the spec gives it (`DataCreateBody`), when it has one. */
function namedBody(op: OperationModel): string | undefined {
  return op.body && op.body.mediaKey === 'application/json' ? namedTypeOf(op.body.schema) : undefined;
}

/** The result's type by the name the spec gives it (`Device`, `DeviceListItem[]`), when it has one. */
function namedResult(op: OperationModel): string | undefined {
  return op.response.mediaType === 'application/json' ? namedTypeOf(op.response.resultSchema) : undefined;
}

/** One property of an arguments type. */
export interface ArgsProperty {
  name: string;
  optional: boolean;
  type: string;
  /** JSDoc text without its delimiters, or ''. */
  docs: string;
}

/**
 * The properties of a method's arguments: openapi-typescript's path, then query parameters (their docs kept for
 * hovers), then `body`, by the spec's name for it when it has one (errors then say `DataCreateBody`).
 */
export function argsProperties(op: OperationModel, types: OperationTypeTexts): ArgsProperty[] {
  const keys = types.parameters.map((p) => p.key);
  const expected = op.parameters.map((p) => p.name);
  if (keys.length !== expected.length || expected.some((name) => !keys.includes(name)))
    throw new Error(`client: ${op.id} has parameters ${expected.join(', ')} but its schema types ${keys.join(', ')}`);
  const properties = types.parameters.map(({ name, optional, type, docs }) => ({ name, optional, type, docs }));
  if (op.body) properties.push({ name: 'body', optional: !op.body.required, type: bodyType(op, types), docs: '' });
  return properties;
}

/**
 * The arguments as one object type literal. A type alias of a literal rather than an interface: an interface has no
 * implicit index signature, so it would not be assignable to the core's `Record<string, unknown>` arguments.
 */
export function argsType(op: OperationModel, types: OperationTypeTexts): string {
  const indent = (text: string) => text.replace(/\n/g, '\n  ');
  const doc = (docs: string) =>
    !docs
      ? []
      : docs.includes('\n')
        ? ['/**', ...docs.split('\n').map((l) => ` * ${l}`.trimEnd()), ' */']
        : [`/** ${docs} */`];
  const lines = argsProperties(op, types).flatMap((p) => [
    ...doc(p.docs),
    `${p.name}${p.optional ? '?' : ''}: ${p.type};`,
  ]);
  return `{\n  ${indent(lines.join('\n'))}\n}`;
}

/**
 * The body's type: the spec's name for the JSON schema when it has one (else openapi-typescript's type of it), plus
 * FormData or binary values where the spec lists those media types.
 */
function bodyType(op: OperationModel, types: OperationTypeTexts): string {
  const body = op.body!;
  const schemaType = types.body[body.mediaKey];
  if (schemaType === undefined) throw new Error(`client: the schema types of ${op.id} have no ${body.mediaKey} body`);
  const parts = [namedBody(op) ?? schemaType];
  const media = body.mediaTypes.map((type) => type.toLowerCase());
  if (media.includes('multipart/form-data')) parts.push('FormData');
  if (media.some((type) => type === 'application/octet-stream' || /^(image|audio|video)\//.test(type)))
    parts.push('Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>');
  return parts.join(' | ');
}

/** The type a method resolves to: the spec's name for it, else `result` of the envelope or the raw body. */
export function resultType(op: OperationModel, types: OperationTypeTexts): string {
  const named = namedResult(op);
  if (named) return named;
  if (op.response.envelope === 'raw') return types.raw;
  if (types.envelope === undefined)
    throw new Error(`client: the success body of ${op.id} is not an envelope with a result (${types.raw})`);
  return types.envelope;
}

/** The named types the signatures of these operations use (what the module imports from `./types`). */
export function namedTypesUsed(operations: readonly OperationModel[]): string[] {
  const names = new Set<string>();
  for (const op of operations) {
    for (const t of [namedBody(op), namedResult(op), listFieldsType(op), ...queryResultTypes(op)])
      if (t) names.add(t.replace(/\[\]$/, ''));
  }
  return [...names].sort();
}

/** The named schemas the resolved argument and result types of these operations refer to (`deviceID: GenericID`). */
function namedTypesOfOperationTypes(operations: readonly OperationModel[], ctx: EmitContext): string[] {
  const names = new Set<string>();
  for (const op of operations) {
    const types = ctx.operationTypes(op.id);
    const texts = [resultType(op, types), ...(hasArgs(op) ? argsProperties(op, types).map((p) => p.type) : [])];
    for (const text of texts) for (const name of namesIn(String(text), ctx.schemaNames())) names.add(name);
  }
  return [...names].sort();
}

/** The method of an operation, then one deprecated method per former name (same signature, same call). */
function methods(op: OperationModel): string[] {
  const signature = operationSignature(op);
  const method = (name: string, docs: string) => declarationText(`public ${name}`, signature, docs, 'this.#ctx');
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

/** `DevicesResource`: the suffix keeps tag names such as TagoCore clear of the core's own exports. */
export const groupClassName = (group: GroupModel) => `${pascalCase(group.name)}Resource`;

/** A group's class, written as text laid out as ts-morph prints a class (members a blank line apart). */
function groupClass(group: GroupModel): string {
  const members = [
    'readonly #ctx: OperationContext;',
    'constructor(ctx: OperationContext) {\n  this.#ctx = ctx;\n}',
    ...group.operations.flatMap(methods),
  ];
  const indent = (text: string) => text.replace(/^(?=.)/gm, '  ');
  const docs = jsDoc(docText(`${group.tag}: ${group.description}`));
  return `${docs}\nexport class ${groupClassName(group)} {\n${members.map(indent).join('\n\n')}\n}`;
}

/**
 * `client.ts`: one class per tag with one method per operation, the argument and result types of every
 * operation, and the maps the core's scoped-client type reads to hide what a token kind cannot call.
 */
export function emitClient(ctx: EmitContext): string {
  const { model } = ctx;
  const statements: Statement[] = [...clientImports(ctx, model.operations, ['KindsOf'])];
  statements.push(...model.groups.map((group) => ({ block: groupClass(group) })));
  statements.push({
    kind: StructureKind.Interface,
    name: 'ApiGroups',
    isExported: true,
    docs: ['Every client group, by property name: the every-kind scope and the realtime group.'],
    extends: [scopeName('every')],
    properties: model.groups
      .filter((g) => g.name === RUNTIME_REALTIME_GROUP)
      .map((g) => ({ name: g.name, type: groupClassName(g), isReadonly: true })),
  });
  statements.push(...apiScopes(model));
  statements.push(apiKinds(model));
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
 * The group every runtime's client replaces with its own reconnecting `realtime` (core realtime/): the scopes leave
 * it out, so a runtime's client type is a scope and its own members, with no `Omit` for the checker to evaluate.
 */
export const RUNTIME_REALTIME_GROUP = 'realtime';

/** The keys of `ApiScopes`: every token kind, `anonymous` (no token) and `every` (a token of unknown kind). */
export const SCOPE_KINDS: readonly string[] = [...TOKEN_KINDS, 'anonymous', 'every'];

/** The named scope of a kind: `DeviceScope`, `AnonymousScope`, `EveryScope`. */
export const scopeName = (kind: string) => `${pascalCase(kind)}Scope`;

/**
 * `ApiScopes`: for each token kind (and `anonymous`, and `every` for a client of unknown kind), the groups and methods
 * it can call, written out. It is what the core's ScopedClient<ApiGroups, ApiKinds, K> computes for one kind (the
 * realtime group aside), precomputed so a consumer's type check reads an interface instead of evaluating a
 * conditional per method of every group.
 */
function apiScopes(model: ApiModel): StatementStructures[] {
  const callable = (op: OperationModel, kind: string) =>
    kind === 'every' || op.kinds.length === 0 || (op.kinds as string[]).includes(kind);
  const scope = (kind: string): StatementStructures => ({
    kind: StructureKind.Interface,
    name: scopeName(kind),
    isExported: true,
    docs: [
      kind === 'every'
        ? 'What a client of unknown token kind can call: every group (`realtime` aside).'
        : kind === 'anonymous'
          ? 'What a client without a token can call: the public routes (`realtime` aside).'
          : `What a token of kind \`${kind}\` can call: its groups and methods (\`realtime\` aside).`,
    ],
    properties: model.groups.flatMap((g) => {
      if (g.name === RUNTIME_REALTIME_GROUP) return [];
      const ops = g.operations.filter((op) => callable(op, kind));
      if (ops.length === 0) return [];
      // A group a kind may call whole is its class, not a Pick listing every method: fewer nodes to parse.
      const names = ops.flatMap(methodNames).map((n) => `'${n}'`);
      const type =
        ops.length === g.operations.length ? groupClassName(g) : `Pick<${groupClassName(g)}, ${names.join(' | ')}>`;
      return [{ name: g.name, type, isReadonly: true }];
    }),
  });
  return [
    ...SCOPE_KINDS.map(scope),
    {
      kind: StructureKind.Interface,
      name: 'ApiScopes',
      isExported: true,
      docs: [
        'What each token kind can call, by kind (`every`: a client of unknown kind, which hides nothing). Without\n' +
          `the \`${RUNTIME_REALTIME_GROUP}\` group, which each runtime's client gives itself.`,
      ],
      properties: SCOPE_KINDS.map((kind) => ({ name: kind, type: scopeName(kind) })),
    },
  ];
}

/**
 * `ApiKinds`: the token kinds each method accepts (`anonymous`: no token needed), read back from `ApiScopes` by the
 * core's KindsOf, and written out only for the realtime group, which the scopes leave out.
 */
function apiKinds(model: ApiModel): StatementStructures {
  const realtime = model.groups.find((g) => g.name === RUNTIME_REALTIME_GROUP);
  const realtimeKinds = realtime
    ? ` & { ${realtime.name}: { ${realtime.operations
        .flatMap((op) => methodNames(op).map((name) => `${name}: ${kindsUnion(op) ?? "'anonymous'"}`))
        .join('; ')} } }`
    : '';
  return {
    kind: StructureKind.TypeAlias,
    name: 'ApiKinds',
    isExported: true,
    docs: [
      'The token kinds each method accepts (`anonymous`: no token needed), read from `ApiScopes`; the scoped client\n' +
        'types for a union of kinds compute with it.',
    ],
    type: `KindsOf<ApiScopes['every'], ApiScopes>${realtimeKinds}`,
  };
}

/**
 * The imports of a generated client or function module: the core's calls and types, the named schema types, the
 * descriptors. Never schema.ts: a consumer's checker would load all of it for any import of the package.
 */
export function clientImports(
  ctx: EmitContext,
  operations: readonly OperationModel[],
  extraTypes: string[] = [],
): Statement[] {
  const { imports } = ctx;
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
        'FieldsRow',
        'ItemOf',
        'OperationContext',
        'TagoEventStream',
        'TagoPagePromise',
        'TagoPromise',
        ...extraTypes,
      ].sort(),
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
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: `./operation-types${imports.ext}`,
      isTypeOnly: true,
      namedImports: operations.flatMap(operationTypeNames),
    },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: `./operations${imports.ext}`, namespaceImport: 'ops' },
    // The argument and result types are written once (operation-types.ts) and exported by both modules.
    `export type * from './operation-types${imports.ext}';`,
  ];
}

/** The type names operationTypes declares for an operation: `XArgs` when it takes arguments, then `XResult`. */
function operationTypeNames(op: OperationModel): string[] {
  const T = pascalCase(op.id);
  return hasArgs(op) ? [`${T}Args`, `${T}Result`] : [`${T}Result`];
}

/**
 * `operation-types.ts`: the `XArgs` and `XResult` of every operation, imported by client.ts and functions.ts
 * (and exported by both), so each is declared once.
 */
export function emitOperationTypes(ctx: EmitContext): string {
  const { model } = ctx;
  const named = namedTypesOfOperationTypes(model.operations, ctx);
  const statements: Statement[] = named.length
    ? [
        {
          kind: StructureKind.ImportDeclaration,
          moduleSpecifier: `./types${ctx.imports.ext}`,
          isTypeOnly: true,
          namedImports: named,
        },
      ]
    : [];
  for (const op of model.operations) statements.push(...operationTypes(op, ctx));
  return ctx.print('operation-types.ts', statements, banner(model.version));
}

/**
 * `XArgs` (when the operation takes arguments) and `XResult` of one operation, resolved from the schema types.
 * Written as text: ts-morph would indent the lines of a multi-line type alias as a continuation.
 */
export function operationTypes(op: OperationModel, ctx: EmitContext): string[] {
  const T = pascalCase(op.id);
  const types = ctx.operationTypes(op.id);
  const out: string[] = [];
  if (hasArgs(op)) out.push(`/** Arguments of ${op.id}. */\nexport type ${T}Args = ${argsType(op, types)};`);
  out.push(`/** What ${op.id} resolves to. */\nexport type ${T}Result = ${resultType(op, types)};`);
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
  for (const kind of SCOPE_KINDS) names.add(scopeName(kind));
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
