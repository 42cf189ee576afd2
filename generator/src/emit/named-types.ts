import { ts } from 'ts-morph';
import { banner } from './banner.js';

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

/**
 * openapi-typescript's output parsed once per run: types.ts (splitNamedTypes) and the signatures read the same text,
 * and a second parse of its 600 kB would cost a tenth of a full regeneration. A memo of the last text only, so
 * runs cannot see each other's output (a different text parses anew).
 */
let lastParse: { text: string; file: ts.SourceFile } | undefined;
export function parseSchemaTypes(text: string): ts.SourceFile {
  if (lastParse?.text !== text)
    lastParse = { text, file: ts.createSourceFile('schema.ts', text, ts.ScriptTarget.Latest, true) };
  return lastParse.file;
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

/** Removes `by` leading spaces from every line but the first (the declarations sit two levels deep). */
const dedent = (text: string, by: number) => text.replace(new RegExp(`\n {${by}}`, 'g'), '\n');

/** The members of `components.schemas` in openapi-typescript's output, and where that block's body sits. */
function schemaDeclarations(schemaTypes: string): { declarations: SchemaDeclaration[]; body: ts.TypeLiteralNode } {
  const file = parseSchemaTypes(schemaTypes);
  const components = file.statements.find(
    (st): st is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(st) && st.name.text === 'components',
  );
  const schemas = components?.members.find(
    (m): m is ts.PropertySignature => ts.isPropertySignature(m) && m.name.getText(file) === 'schemas',
  );
  if (!schemas?.type || !ts.isTypeLiteralNode(schemas.type)) throw new Error('types: no components.schemas block');
  const declarations = schemas.type.members.map((member) => {
    if (!ts.isPropertySignature(member) || !member.type) throw new Error('types: unexpected member in schemas');
    const full = member.getFullText(file);
    const comment = (ts.getLeadingCommentRanges(full, 0) ?? []).map((r) => full.slice(r.pos, r.end)).join('\n');
    return {
      name: member.name.getText(file).replace(/^"(.*)"$/, '$1'),
      docs: dedent(comment, 8),
      type: dedent(member.type.getText(file), 8),
      isObject: ts.isTypeLiteralNode(member.type),
    };
  });
  return { declarations, body: schemas.type };
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
  schemaTypes: string,
  version: string,
  ext: '.js' | '.ts',
  taken: ReadonlySet<string>,
): { schema: string; types: string } {
  const { declarations, body } = schemaDeclarations(schemaTypes);
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
  const members = declarations.map(({ name }) => `        ${name}: ${name};`).join('\n');
  const rest = byName(
    `${schemaTypes.slice(0, body.getStart())}{\n${members}\n    }${schemaTypes.slice(body.getEnd())}`,
  );
  const names = declarations.map((d) => d.name);
  const head = (text: string) => text.slice(0, text.search(/^(?!\/\/)/m));
  const importNames = `import type { ${[...names].sort().join(', ')} } from './types${ext}';\n`;
  return {
    schema: `${head(rest)}${importNames}${rest.slice(head(rest).length)}`,
    types: `${banner(version)}${types.join('\n\n')}\n`,
  };
}
