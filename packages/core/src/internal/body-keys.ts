import { TagoValidationError } from '../errors.ts';
import type { OperationDescriptor } from './operation-descriptor.ts';
import { printable } from './printable.ts';
import { didYouMean } from './suggest.ts';

/** Per operation id, the top-level keys its closed request body may carry (generated: `@tagokit/api/body-keys`). */
export type BodyKeyTable = Readonly<Record<string, readonly string[]>>;
/** Per operation id, the values of its enumerated query parameters (a `fields` list, a data query mode ...). */
export type QueryValueTable = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** What a client's context carries to check the closed names of a request: built by {@link bodyKeyCheck}. */
export interface BodyKeyCheck {
  readonly table: BodyKeyTable;
  readonly queryValues: QueryValueTable;
  check(op: OperationDescriptor, body: unknown, query: Readonly<Record<string, unknown>>): void;
}

/**
 * The check over the generated tables. The context holds the function itself, so a client without it (the lean
 * edge client) bundles neither the tables nor this code.
 */
export function bodyKeyCheck(table: BodyKeyTable, queryValues: QueryValueTable = {}): BodyKeyCheck {
  return {
    table,
    queryValues,
    check: (op, body, query) => {
      checkBodyKeys(op, body, table);
      checkQueryValues(op, query, queryValues);
    },
  };
}

/**
 * Refuses a body key the spec does not list for the operation, naming it and the closest known key: a misspelt
 * `lable` would otherwise be dropped by TagoIO, which still answers "Successfully Updated". Checks the object, or
 * each object of an array body; other shapes are the descriptor's business.
 */
export function checkBodyKeys(op: OperationDescriptor, body: unknown, table: BodyKeyTable): void {
  if (!Object.hasOwn(table, op.id) || body === null || typeof body !== 'object') return;
  const known = table[op.id]!;
  const items: readonly unknown[] = Array.isArray(body) ? body : [body];
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
    for (const key of Object.keys(item)) {
      if (known.includes(key)) continue;
      const where = Array.isArray(body) ? `body[${i}]` : 'body';
      throw new TagoValidationError(
        `${op.id}: ${where} has no field "${printable(key)}"${didYouMean(key, known)}`,
        'body_field_unknown',
        `${where}.${key}`,
        { method: op.method, path: op.path },
      );
    }
  });
}

/**
 * Refuses a string the spec's enum does not list for a query parameter (`fields: ['nmae']`, `query: 'last_valeu'`),
 * naming it and the closest value: TagoIO ignores an unknown field name and answers rows without it. Values that
 * are not strings are left to the API.
 */
export function checkQueryValues(
  op: OperationDescriptor,
  query: Readonly<Record<string, unknown>>,
  table: QueryValueTable,
): void {
  if (!Object.hasOwn(table, op.id)) return;
  const params = table[op.id]!;
  for (const [name, given] of Object.entries(query)) {
    if (!Object.hasOwn(params, name)) continue;
    const allowed = params[name]!;
    const values: readonly unknown[] = Array.isArray(given) ? given : [given];
    values.forEach((value, i) => {
      if (typeof value !== 'string' || allowed.includes(value)) return;
      const field = Array.isArray(given) ? `${name}[${i}]` : name;
      throw new TagoValidationError(
        `${op.id}: "${printable(value)}" is not a value of ${name}${didYouMean(value, allowed)}`,
        'query_value_invalid',
        field,
        { method: op.method, path: op.path },
      );
    });
  }
}
