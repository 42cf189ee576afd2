import openapiTS from 'openapi-typescript';
import ts from 'typescript';
import type { OpenApiDocument } from '@tagokit/spec-model';
import { isPathVariant } from '@tagokit/spec-model/model';

/** Keywords that only constrain which properties must be present; TypeScript cannot express them. */
const CONSTRAINT_ONLY = new Set(['required', 'description', 'title', 'not', 'minProperties', 'maxProperties']);

const isConstraintOnly = (member: unknown): boolean =>
  typeof member === 'object' &&
  member !== null &&
  Object.keys(member).every((k) => CONSTRAINT_ONLY.has(k) || k.startsWith('x-'));

/**
 * A copy of the spec fit for type generation. `anyOf`/`oneOf` whose members only list required keys ("give
 * message, html or template") are validation rules, not shapes; openapi-typescript would turn each member into
 * `unknown` and the whole type into `unknown`, so they are dropped here (the validator still enforces them).
 */
export function prepareForTypes<T>(node: T): T {
  if (Array.isArray(node)) return node.map(prepareForTypes) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (
      (key === 'anyOf' || key === 'oneOf') &&
      Array.isArray(value) &&
      value.length > 0 &&
      value.every(isConstraintOnly)
    )
      continue;
    out[key] = prepareForTypes(value);
  }
  return out as T;
}

/**
 * The spec's types (`paths`, `components`, `operations`) as openapi-typescript builds them: its AST, in a source file
 * without text (as astToString holds it). Never printed whole: named-types.ts and resolved-types.ts print the
 * pieces they need (schema-ast.ts); printing all of it and parsing it back to find them was a fifth of a full
 * regeneration.
 */
export async function emitSchemaTypes(doc: OpenApiDocument): Promise<ts.SourceFile> {
  // defaultNonNullable: a default makes a field optional to send, not guaranteed present; keep it optional.
  // Trailing-slash variants would repeat their canonical operation's types, for routes no client calls.
  const canonical = Object.entries(doc.paths).filter(([, item]) => !Object.values(item).some(isPathVariant));
  const paths = Object.fromEntries(canonical);
  const options = { alphabetize: false, excludeDeprecated: false, defaultNonNullable: false };
  const ast = await openapiTS(prepareForTypes({ ...doc, paths }) as never, options);
  const file = ts.createSourceFile('schema.ts', '', ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
  // Its nodes are the statements of a module (astToString prints them as such).
  return ts.factory.updateSourceFile(file, ast as ts.Statement[]);
}
