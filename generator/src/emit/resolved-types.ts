import ts from 'typescript';
import { byName } from './named-types.js';
import { commentsOf, interfaceMembers, membersOf, nameOf, printNode, type Members } from './schema-ast.js';

/**
 * The parts of openapi-typescript's `operations['x']` that a generated signature needs, printed from its AST as
 * text so that client.ts and functions.ts can declare them without referring to schema.ts. A consumer's checker
 * then loads the arguments and results as plain declarations, never the 550 kB of `paths`/`operations` (which stay
 * exported for those who want them), and the types are openapi-typescript's own, so they cannot drift from it.
 */
export interface OperationTypeTexts {
  /** One property of the arguments per path, then query parameter, as openapi-typescript writes it. */
  parameters: ParameterText[];
  /** The request body's type per media type (`application/json` -> `DataCreateBody`). */
  body: Record<string, string>;
  /** The whole success body, of every 2xx the core accepts (`undefined` for one without content). */
  raw: string;
  /** `result` of the success envelope; `undefined` when a success body is not `SuccessEnvelope & { result }`. */
  envelope: string | undefined;
}

/** What resolveOperationTypes reads: each operation's types, and the names types.ts declares. */
export interface ResolvedOperationTypes {
  operations: Map<string, OperationTypeTexts>;
  schemaNames: ReadonlySet<string>;
}

/** The named schema types a type text refers to (`GenericID | GenericID[]` -> GenericID); string literals skipped. */
export function namesIn(type: string, schemaNames: ReadonlySet<string>): string[] {
  const code = type.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return [...new Set(code.match(/\b[A-Z][A-Za-z0-9]*\b/g) ?? [])].filter((name) => schemaNames.has(name));
}

export interface ParameterText {
  /** The property's name as written (quoted when it is no identifier: `"filter[name]"`). */
  name: string;
  /** The name as the spec has it, for matching the model's parameters. */
  key: string;
  optional: boolean;
  type: string;
  /** openapi-typescript's JSDoc (`@description ...`) without its delimiters, or ''. */
  docs: string;
}

/** The success statuses the core reads a result from (operation-types.ts, SuccessCodes). */
const SUCCESS_CODES = new Set(['200', '201', '202', '204']);

/** `components["parameters"]["X"]` / `components["responses"]["X"]`: which block and name, else undefined. */
function componentReference(node: ts.TypeNode): { block: 'parameters' | 'responses'; name: string } | undefined {
  const literal = (n: ts.TypeNode) => (ts.isLiteralTypeNode(n) && ts.isStringLiteral(n.literal) ? n.literal.text : '');
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isIndexedAccessTypeNode(node.objectType)) return undefined;
  const { objectType: root, indexType: block } = node.objectType;
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName) || root.typeName.text !== 'components')
    return undefined;
  const kind = literal(block);
  const name = literal(node.indexType);
  return (kind === 'parameters' || kind === 'responses') && name ? { block: kind, name } : undefined;
}

/** The JSDoc before a member, without `/**`, `*\/` and the leading stars: what ts-morph's `docs` takes. */
function docsOf(member: ts.Node, file: ts.SourceFile): string {
  return commentsOf(member, file)
    .filter((c) => c.startsWith('/**'))
    .map((c) =>
      c
        .replace(/^\/\*\*\s?|\s*\*\/$/g, '')
        .split('\n')
        .map((line) => line.replace(/^\s*\* ?/, ''))
        .join('\n')
        .trim(),
    )
    .join('\n');
}

/**
 * Reads every operation of openapi-typescript's AST (`emitSchemaTypes`), with references to named schemas written
 * by name (as types.ts declares them) and references to `components.parameters` / `components.responses` resolved.
 */
export function resolveOperationTypes(file: ts.SourceFile): ResolvedOperationTypes {
  const components = interfaceMembers(file, 'components');
  const schemaNames = new Set(membersOf(components.get('schemas')?.type).keys());
  const componentMembers = {
    parameters: membersOf(components.get('parameters')?.type),
    responses: membersOf(components.get('responses')?.type),
  };
  /** The declaration a `components["parameters"]["X"]` reference stands for, else the node itself. */
  const resolve = (node: ts.TypeNode): ts.TypeNode => {
    const ref = componentReference(node);
    if (!ref) return node;
    const target = componentMembers[ref.block].get(ref.name)?.type;
    if (!target) throw new Error(`operation types: components["${ref.block}"]["${ref.name}"] is not declared`);
    return target;
  };
  const text = (node: ts.TypeNode, where: string): string => {
    const resolved = resolve(node);
    const out = byName(printNode(resolved, file));
    // Anything still reading openapi-typescript's interfaces would pull schema.ts back in.
    if (/\b(components|operations|paths)\[/.test(out))
      throw new Error(`operation types: ${where} refers to schema.ts (${out.slice(0, 120)})`);
    return out;
  };

  const out = new Map<string, OperationTypeTexts>();
  for (const [id, member] of interfaceMembers(file, 'operations')) {
    const op = membersOf(member.type);
    const parameters = membersOf(op.get('parameters')?.type);
    const params: ParameterText[] = [];
    for (const where of ['path', 'query']) {
      const block = parameters.get(where)?.type;
      for (const [key, p] of membersOf(block))
        params.push({
          name: printNode(p.name, file),
          key,
          optional: Boolean(p.questionToken),
          type: text(p.type, `${id} ${where} parameter ${key}`),
          docs: docsOf(p, file),
        });
    }
    const requestBody = op.get('requestBody')?.type;
    const content = requestBody && membersOf(membersOf(requestBody).get('content')?.type);
    const body = Object.fromEntries(
      [...(content ?? [])].map(([media, m]) => [media, text(m.type, `${id} request body ${media}`)]),
    );
    const bodies = [...membersOf(op.get('responses')?.type)]
      .filter(([status]) => SUCCESS_CODES.has(status))
      .map(([status, m]) => successBody(membersOf(resolve(m.type)), `${id} response ${status}`));
    const union = (types: string[]) => [...new Set(types)].join(' | ') || 'never';
    const envelopes = bodies.map((b) => b && envelopeResult(b));
    out.set(id, {
      parameters: params,
      body,
      raw: union(bodies.map((b) => (b ? text(b, `${id} response`) : 'undefined'))),
      envelope: envelopes.every((e) => e !== undefined)
        ? union(envelopes.flatMap((e) => (e === null ? [] : [text(e!, `${id} result`)])))
        : undefined,
    });
  }
  return { operations: out, schemaNames };

  /** JsonOf of the core: the JSON body when the response has one, else the union of its media types. */
  function successBody(response: Members, where: string): ts.TypeNode | undefined {
    const content = response.get('content');
    if (!content || content.questionToken) return undefined;
    const media = membersOf(content.type);
    const json = media.get('application/json');
    if (json) return json.type;
    if (media.size === 1) return [...media.values()][0]!.type;
    throw new Error(`operation types: ${where} offers several media types and none is JSON`);
  }
}

/**
 * `result` of a success body written `SuccessEnvelope & { result: X }`: X, `null` for a body without `result`
 * (nothing to resolve to, as `EnvelopeResult` gives never), `undefined` for any other shape.
 */
function envelopeResult(body: ts.TypeNode | undefined): ts.TypeNode | null | undefined {
  if (!body) return null;
  const parts = ts.isIntersectionTypeNode(body) ? body.types : [body];
  for (const part of parts) {
    if (!ts.isTypeLiteralNode(part)) continue;
    const result = part.members.find(
      (m): m is ts.PropertySignature => ts.isPropertySignature(m) && nameOf(m.name) === 'result' && !!m.type,
    );
    if (result) return result.type!;
  }
  return undefined;
}
