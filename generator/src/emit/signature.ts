import type { OperationModel } from '@tagokit/spec-model/model';
import { pascalCase } from '@tagokit/spec-model/model/naming';
import { namedTypeOf } from './named-types.js';
import {
  docText,
  jsDoc,
  parametersText,
  typeParametersText,
  type SignatureParameter,
  type SignatureTypeParameter,
} from './ts.js';

/**
 * The one signature builder: what an operation takes and returns, read by the grouped client's methods, the edge
 * functions and the MCU table's comments, so the three cannot disagree on which inputs exist or are required.
 */

/** Whether the operation takes arguments at all, must get them, iterates pages, or streams events. */
export const hasArgs = (op: OperationModel) => op.parameters.length > 0 || op.body !== undefined;
export const argsRequired = (op: OperationModel) => op.parameters.some((p) => p.required) || Boolean(op.body?.required);
export const isPaged = (op: OperationModel) => op.paging === 'page' || op.paging === 'skip';
export const isStream = (op: OperationModel) => op.response.mediaType === 'text/event-stream';

/** The keys of the arguments object, `?` marking optional ones (`deviceID`, `sent_status?`, `body?`). */
export function argumentKeys(op: OperationModel): string[] {
  const keys = op.parameters.map((p) => `${p.name}${p.required ? '' : '?'}`);
  if (op.body) keys.push(`body${op.body.required ? '' : '?'}`);
  return keys;
}

/** The token kinds an operation accepts as a union type (`'profile' | 'analysis'`); `undefined` when it needs none. */
export const kindsUnion = (op: OperationModel): string | undefined =>
  op.kinds.length ? op.kinds.map((k) => `'${k}'`).join(' | ') : undefined;

/**
 * The `<Resource>ListFields` type a paged list's `fields` takes (`DeviceListFields`), when its rows narrow to the
 * fields asked for; `undefined` for every other operation.
 */
export function listFieldsType(op: OperationModel): string | undefined {
  if (!isPaged(op)) return undefined;
  const fields = op.parameters.find((p) => p.in === 'query' && p.name === 'fields');
  const named = fields && namedTypeOf(fields.schema);
  return named && /ListFields\[\]$/.test(named) ? named.slice(0, -2) : undefined;
}

/** The page and row types of a paged operation: rows narrowed by the `F` of `fields` when it has one. */
function pageTypes(op: OperationModel): [page: string, row: string] {
  const T = pascalCase(op.id);
  if (!listFieldsType(op)) return [`${T}Result`, `ItemOf<${T}Result>`];
  const row = `FieldsRow<ItemOf<${T}Result>, F>`;
  return [`${row}[]`, row];
}

/** What a generated method or function returns. */
export function returnType(op: OperationModel): string {
  const T = pascalCase(op.id);
  if (isStream(op)) return 'TagoEventStream';
  return isPaged(op) ? `TagoPagePromise<${pageTypes(op).join(', ')}>` : `TagoPromise<${T}Result>`;
}

/** The one statement of a generated method or function: hand the call to the core over `ctx`. */
export function callStatement(op: OperationModel, ctx: string): string {
  const T = pascalCase(op.id);
  const args = hasArgs(op) ? 'args' : 'undefined';
  if (isStream(op)) return `return callEventStream(${ctx}, ops.${op.id}, ${args}, options);`;
  return isPaged(op)
    ? `return callPagedOperation<${pageTypes(op).join(', ')}>(${ctx}, ops.${op.id}, ${args}, options);`
    : `return callOperation<${T}Result>(${ctx}, ops.${op.id}, ${args}, options);`;
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

/** One overload of a generated method or function (its parameters after the receiver). */
export interface SignatureOverload {
  parameters: SignatureParameter[];
  returnType: string;
}

/**
 * The overloads of an operation whose result depends on its `query` parameter (`x-tago-result-by-query`): one per
 * result type with the query values that give it (`query: 'count' | 'sum' | 'avg'` -> a number), one for no query
 * or any other value (records), then the whole signature for a query not known until run time. None otherwise.
 */
export function queryOverloads(op: OperationModel): SignatureOverload[] {
  const byQuery = op.resultByQuery;
  if (!isPaged(op) || Object.keys(byQuery).length === 0) return [];
  const T = pascalCase(op.id);
  const values = op.parameters.find((p) => p.in === 'query' && p.name === 'query')?.allowedValues ?? [];
  const page = (type: string) => `TagoPagePromise<${type}, ${type.endsWith('[]') ? type.slice(0, -2) : 'never'}>`;
  const literals = (vs: string[]) => vs.map((v) => `'${v}'`).join(' | ');
  const valuesOf = new Map<string, string[]>();
  for (const [value, type] of Object.entries(byQuery))
    if (value !== 'default') valuesOf.set(type, [...(valuesOf.get(type) ?? []), value]);
  const options = { name: 'options', type: 'CallOptions', hasQuestionToken: true };
  const overloads = [...valuesOf].map(([type, vs]) => ({
    parameters: [{ name: 'args', type: `${T}Args & { query: ${literals(vs)} }` }, options],
    returnType: page(type),
  }));
  const rest = values.filter((v) => !(v in byQuery) || v === 'default');
  overloads.push({
    parameters: [
      { name: 'args', type: `${T}Args & { query?: ${literals(rest)} }`, hasQuestionToken: !argsRequired(op) },
      options,
    ],
    returnType: page(byQuery['default']!),
  });
  return overloads;
}

/** The named types the query overloads of an operation read (`Data`, `DataAggregate`). */
export const queryResultTypes = (op: OperationModel): string[] =>
  Object.values(op.resultByQuery)
    .map((type) => type.replace(/\[\]$/, ''))
    .filter((type) => type !== 'number');

/** A generated method or function, without its name and receiver. */
export interface OperationSignature {
  /** `const F extends DeviceListFields[] = never` for a list narrowed by its `fields` (a const tuple infers them). */
  typeParameters: SignatureTypeParameter[];
  /** `args` (when the operation has inputs; optional when none is required), then `options`. */
  parameters: SignatureParameter[];
  returnType: string;
  /** Overloads by `query` (queryOverloads), the last one this whole signature; empty for most operations. */
  overloads: SignatureOverload[];
  docs: string;
  /** The body over `ctx` (`this.#ctx` in a class, `client` in a function). */
  statements(ctx: string): string[];
}

export function operationSignature(op: OperationModel): OperationSignature {
  const parameters: SignatureParameter[] = [];
  const fields = listFieldsType(op);
  const args = `${pascalCase(op.id)}Args`;
  if (hasArgs(op))
    parameters.push({
      name: 'args',
      type: fields ? `${args} & { fields?: F }` : args,
      hasQuestionToken: !argsRequired(op),
    });
  parameters.push({ name: 'options', type: 'CallOptions', hasQuestionToken: true });
  return {
    // ts-morph has no `isConst`; the modifier travels in the name.
    typeParameters: fields ? [{ name: 'const F', constraint: `${fields}[]`, default: 'never' }] : [],
    parameters,
    returnType: returnType(op),
    overloads: ((byQuery) => (byQuery.length ? [...byQuery, { parameters, returnType: returnType(op) }] : []))(
      queryOverloads(op),
    ),
    docs: methodDocs(op),
    statements: (ctx) => [callStatement(op, ctx)],
  };
}

/**
 * A method or function of an operation as text, laid out as ts-morph prints one: each overload with the docs
 * (every signature a consumer sees carries them), else the docs, then the implementation over `ctx`. `head` comes
 * before the parameters (`export function getData`, `public getData`), `leading` are parameters before the
 * signature's own (the edge functions' client).
 */
export function declarationText(
  head: string,
  signature: OperationSignature,
  docs: string,
  ctx: string,
  leading: SignatureParameter[] = [],
): string {
  const doc = jsDoc(docs);
  const header = (typeParameters: string, parameters: SignatureParameter[], returnType: string) =>
    `${head}${typeParameters}(${parametersText([...leading, ...parameters])}): ${returnType}`;
  const overloads = signature.overloads.map((o) => `${doc}\n${header('', o.parameters, o.returnType)};\n`);
  const implementation = header(
    typeParametersText(signature.typeParameters),
    signature.parameters,
    signature.returnType,
  );
  const body = signature.statements(ctx).map((line) => `  ${line}\n`);
  return `${overloads.join('')}${overloads.length ? '' : `${doc}\n`}${implementation} {\n${body.join('')}}`;
}
