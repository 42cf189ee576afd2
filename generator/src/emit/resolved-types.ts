import { ts } from 'ts-morph';
import { byName, parseSchemaTypes } from './named-types.js';

/**
 * The parts of openapi-typescript's `operations['x']` that a generated signature needs, read out of its output as
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
const COMPONENT_REFERENCE = /^components\["(parameters|responses)"\]\["([^"]+)"\]$/;

type Members = Map<string, ts.PropertySignature>;

/** The typed properties of an interface or type literal by name (unquoted: `"application/json"` -> its text). */
function propertiesOf(members: readonly ts.TypeElement[] | undefined, file: ts.SourceFile): Members {
  const out: Members = new Map();
  for (const m of members ?? [])
    if (ts.isPropertySignature(m) && m.type) out.set(m.name.getText(file).replace(/^"(.*)"$/, '$1'), m);
  return out;
}

const membersOf = (node: ts.TypeNode | undefined, file: ts.SourceFile): Members =>
  propertiesOf(node && ts.isTypeLiteralNode(node) ? node.members : undefined, file);

const interfaceMembers = (file: ts.SourceFile, name: string): Members =>
  propertiesOf(
    file.statements.find((st): st is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(st) && st.name.text === name)
      ?.members,
    file,
  );

/** A node's text, lines after the first moved left by the indentation of the line it starts on. */
function dedented(node: ts.Node, file: ts.SourceFile): string {
  const start = node.getStart(file);
  const line = file.text.slice(file.text.lastIndexOf('\n', start - 1) + 1, start);
  const indent = /^ */.exec(line)![0].length;
  return node.getText(file).replace(new RegExp(`\n {${indent}}`, 'g'), '\n');
}

/** The JSDoc before a member, without `/**`, `*\/` and the leading stars: what ts-morph's `docs` takes. */
function docsOf(member: ts.Node, file: ts.SourceFile): string {
  const full = member.getFullText(file);
  const ranges = ts.getLeadingCommentRanges(full, 0) ?? [];
  return ranges
    .map((r) => full.slice(r.pos, r.end))
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
 * Reads every operation of openapi-typescript's output (`emitSchemaTypes`), with references to named schemas written
 * by name (as types.ts declares them) and references to `components.parameters` / `components.responses` resolved.
 */
export function resolveOperationTypes(schemaTypes: string): ResolvedOperationTypes {
  const file = parseSchemaTypes(schemaTypes);
  const components = interfaceMembers(file, 'components');
  const schemaNames = new Set(membersOf(components.get('schemas')?.type, file).keys());
  const componentMembers = {
    parameters: membersOf(components.get('parameters')?.type, file),
    responses: membersOf(components.get('responses')?.type, file),
  };
  /** The declaration a `components["parameters"]["X"]` reference stands for, else the node itself. */
  const resolve = (node: ts.TypeNode): ts.TypeNode => {
    const m = COMPONENT_REFERENCE.exec(node.getText(file));
    if (!m) return node;
    const target = componentMembers[m[1] as 'parameters' | 'responses'].get(m[2]!)?.type;
    if (!target) throw new Error(`operation types: ${m[0]} is not declared`);
    return target;
  };
  const text = (node: ts.TypeNode, where: string): string => {
    const resolved = resolve(node);
    const out = byName(dedented(resolved, file));
    // Anything still reading openapi-typescript's interfaces would pull schema.ts back in.
    if (/\b(components|operations|paths)\[/.test(out))
      throw new Error(`operation types: ${where} refers to schema.ts (${out.slice(0, 120)})`);
    return out;
  };

  const out = new Map<string, OperationTypeTexts>();
  for (const [id, member] of interfaceMembers(file, 'operations')) {
    const op = membersOf(member.type, file);
    const parameters = membersOf(op.get('parameters')?.type, file);
    const params: ParameterText[] = [];
    for (const where of ['path', 'query']) {
      const block = parameters.get(where)?.type;
      for (const [key, p] of membersOf(block, file))
        params.push({
          name: p.name.getText(file),
          key,
          optional: Boolean(p.questionToken),
          type: text(p.type!, `${id} ${where} parameter ${key}`),
          docs: docsOf(p, file),
        });
    }
    const requestBody = op.get('requestBody')?.type;
    const content = requestBody && membersOf(membersOf(requestBody, file).get('content')?.type, file);
    const body = Object.fromEntries(
      [...(content ?? [])].map(([media, m]) => [media, text(m.type!, `${id} request body ${media}`)]),
    );
    const bodies = [...membersOf(op.get('responses')?.type, file)]
      .filter(([status]) => SUCCESS_CODES.has(status))
      .map(([status, m]) => successBody(membersOf(resolve(m.type!), file), `${id} response ${status}`));
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
    const media = membersOf(content.type, file);
    const json = media.get('application/json');
    if (json) return json.type!;
    if (media.size === 1) return [...media.values()][0]!.type!;
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
      (m): m is ts.PropertySignature => ts.isPropertySignature(m) && m.name.getText() === 'result' && !!m.type,
    );
    if (result) return result.type!;
  }
  return undefined;
}
