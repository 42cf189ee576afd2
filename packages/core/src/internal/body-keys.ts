import { TagoValidationError } from '../errors.ts';
import type { OperationDescriptor } from './operation-descriptor.ts';
import { didYouMean } from './suggest.ts';

/** Per operation id, the top-level keys its closed request body may carry (generated: `@tagokit/api/body-keys`). */
export type BodyKeyTable = Readonly<Record<string, readonly string[]>>;

/** What a client's context carries to check body keys: built from the table by {@link bodyKeyCheck}. */
export interface BodyKeyCheck {
  readonly table: BodyKeyTable;
  check(op: OperationDescriptor, body: unknown): void;
}

/**
 * The check over one table. The context holds the function itself, so a client without it (the lean edge client)
 * bundles neither the table nor this code.
 */
export function bodyKeyCheck(table: BodyKeyTable): BodyKeyCheck {
  return { table, check: (op, body) => checkBodyKeys(op, body, table) };
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
      const shown = key.replace(/[^\x20-\x7e]/g, '?').slice(0, 60);
      throw new TagoValidationError(
        `${op.id}: ${where} has no field "${shown}"${didYouMean(key, known)}`,
        'body_field_unknown',
        `${where}.${key}`,
        { method: op.method, path: op.path },
      );
    }
  });
}
