import ts from 'typescript';
import { banner } from './banner.js';
import { commentsOf, interfaceMembers, membersOf, printFile, printNode } from './schema-ast.js';

const SCHEMA_REF = '#/components/schemas/';
/** Keywords that do not change a schema's TypeScript type (openapi-typescript writes them as comments or drops them). */
const ANNOTATIONS = new Set(['description', 'title', 'minItems', 'maxItems', 'uniqueItems', 'example', 'examples']);

/**
 * The name a schema is known by in @tagokit/api/types: `Device` for a `$ref` to a named schema, `DataCreate[]` for
 * a plain array of one; `undefined` for anything else (the signature then reads the operation's own types).
 */
export function namedTypeOf(schema: unknown): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const s = schema as Record<string, unknown>;
  const ref = s['$ref'];
  if (typeof ref === 'string') return ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
  const plainArray =
    s['type'] === 'array' && Object.keys(s).every((k) => k === 'type' || k === 'items' || ANNOTATIONS.has(k));
  const item = plainArray ? namedTypeOf(s['items']) : undefined;
  return item ? `${item}[]` : undefined;
}

/** One schema's declaration as openapi-typescript wrote it inside `components.schemas`. */
interface SchemaDeclaration {
  name: string;
  /** Its JSDoc (openapi-typescript's `@description` ...), or ''. */
  docs: string;
  /** The type's text. */
  type: string;
  /** Whether the type is an object literal, which can be an interface. */
  isObject: boolean;
}

/** A reference to a named schema, as openapi-typescript writes it. */
const SCHEMA_REFERENCE = /components\["schemas"\]\["([A-Za-z0-9]+)"\]/g;

/** openapi-typescript's text with every reference to a named schema written by its name (`Device`), as types.ts has it. */
export const byName = (text: string): string => text.replace(SCHEMA_REFERENCE, (_, name: string) => name);

type SchemasBlock = ts.PropertySignature & { type: ts.TypeLiteralNode };

/** `components.schemas` in openapi-typescript's AST. */
function schemasBlock(file: ts.SourceFile): SchemasBlock {
  const schemas = interfaceMembers(file, 'components').get('schemas');
  if (!schemas || !ts.isTypeLiteralNode(schemas.type)) throw new Error('types: no components.schemas block');
  if (schemas.type.members.length !== membersOf(schemas.type).size)
    throw new Error('types: unexpected member in schemas');
  return schemas as SchemasBlock;
}

/** The members of `components.schemas`, as types.ts declares them. */
function schemaDeclarations(schemas: SchemasBlock, file: ts.SourceFile): SchemaDeclaration[] {
  return [...membersOf(schemas.type)].map(([name, member]) => ({
    name,
    docs: commentsOf(member, file).join('\n'),
    type: printNode(member.type, file),
    isObject: ts.isTypeLiteralNode(member.type),
  }));
}

/** openapi-typescript's statements with `components.schemas` written `X: X` per schema (types.ts declares them). */
function withSchemasByName(file: ts.SourceFile, schemas: SchemasBlock, names: readonly string[]): ts.SourceFile {
  const { factory } = ts;
  const byName = factory.createTypeLiteralNode(
    names.map((name) =>
      factory.createPropertySignature(undefined, name, undefined, factory.createTypeReferenceNode(name)),
    ),
  );
  const statements = file.statements.map((st) => {
    if (!ts.isInterfaceDeclaration(st) || !st.members.includes(schemas)) return st;
    const { modifiers, name, questionToken } = schemas;
    const members = st.members.map((m) =>
      m === schemas ? factory.updatePropertySignature(schemas, modifiers, name, questionToken, byName) : m,
    );
    return factory.updateInterfaceDeclaration(
      st,
      st.modifiers,
      st.name,
      st.typeParameters,
      st.heritageClauses,
      members,
    );
  });
  return factory.updateSourceFile(file, statements);
}

/**
 * Splits openapi-typescript's output in two so every schema the spec names is a declaration of that name:
 *
 * - `types.ts`: `export interface Device { ... }` for object schemas, `export type DataCreateBody = DataCreate |
 *   DataCreate[]` for the rest, each referring to the others by name. Hovers and tsc errors then say
 *   "required in type 'DataCreate'" where they spelled out the whole object, and the checker resolves names
 *   instead of walking `components["schemas"][...]` indexed accesses;
 * - `schema.ts`: the rest as openapi-typescript wrote it (`paths`, `operations` ...), with `components.schemas.X`
 *   now `X` and every reference to a named schema written by its name.
 *
 * `taken` are the other generated exports of @tagokit/api; a schema name equal to one would make the packages'
 * `export *` ambiguous, so generation stops instead.
 */
export function splitNamedTypes(
  schemaTypes: ts.SourceFile,
  version: string,
  ext: '.js' | '.ts',
  taken: ReadonlySet<string>,
): { schema: string; types: string } {
  const schemas = schemasBlock(schemaTypes);
  const declarations = schemaDeclarations(schemas, schemaTypes);
  for (const { name } of declarations) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name))
      throw new Error(`types: schema name "${name}" is not a PascalCase identifier`);
    if (taken.has(name))
      throw new Error(`types: schema name "${name}" collides with a generated export of @tagokit/api`);
  }
  const types = declarations.map(({ name, docs, type, isObject }) => {
    const declaration = isObject
      ? `export interface ${name} ${byName(type)}`
      : `export type ${name} = ${byName(type)};`;
    return docs ? `${docs}\n${declaration}` : declaration;
  });
  const names = declarations.map((d) => d.name);
  const rest = byName(printFile(withSchemasByName(schemaTypes, schemas, names)));
  const importNames = `import type { ${[...names].sort().join(', ')} } from './types${ext}';\n`;
  return {
    schema: `${banner(version)}${importNames}${rest}`,
    types: `${banner(version)}${types.join('\n\n')}\n`,
  };
}
