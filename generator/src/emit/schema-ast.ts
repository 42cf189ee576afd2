import ts from 'typescript';

/**
 * Reading openapi-typescript's AST (`emitSchemaTypes`): its nodes are synthesized (no positions, no text to slice),
 * so each piece an emitter needs is printed on its own, with astToString's printer settings. A node printed alone
 * comes out as it does inside the whole output, only at column 0 (the printer re-indents multi-line comments to
 * the current indentation too). The package is `typescript` itself, the one openapi-typescript builds its nodes
 * with: ts-morph's bundled compiler may number the syntax kinds differently.
 */
const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });

/** One node's text, as astToString writes it, at column 0. */
export const printNode = (node: ts.Node, file: ts.SourceFile): string =>
  printer.printNode(ts.EmitHint.Unspecified, node, file);

/** The whole file, as astToString writes it. */
export const printFile = (file: ts.SourceFile): string => printer.printFile(file);

/** The property signatures of an interface or type literal by name (unquoted: `"application/json"` -> its text). */
export type Members = Map<string, ts.PropertySignature & { type: ts.TypeNode }>;

/** The text a property name stands for: `200`, `application/json`, `deviceID`. */
export function nameOf(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  throw new Error(`schema types: unexpected property name (kind ${ts.SyntaxKind[name.kind]})`);
}

export function propertiesOf(members: readonly ts.TypeElement[] | undefined): Members {
  const out: Members = new Map();
  for (const m of members ?? [])
    if (ts.isPropertySignature(m) && m.type) out.set(nameOf(m.name), m as ts.PropertySignature & { type: ts.TypeNode });
  return out;
}

/** The members of a type literal; none for any other type. */
export const membersOf = (node: ts.TypeNode | undefined): Members =>
  propertiesOf(node && ts.isTypeLiteralNode(node) ? node.members : undefined);

/** The members of a top-level interface (`components`, `operations`). */
export const interfaceMembers = (file: ts.SourceFile, name: string): Members =>
  propertiesOf(
    file.statements.find((st): st is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(st) && st.name.text === name)
      ?.members,
  );

/** What a comment is printed before, so that only the comment is left when it is cut off. */
const CARRIER = 'x';

/**
 * The comments openapi-typescript attached before a node (its JSDoc), each as the printer writes it at column 0.
 * Printed on a one-letter carrier rather than rebuilt from their text: the printer trims and re-indents the lines.
 */
export function commentsOf(node: ts.Node, file: ts.SourceFile): string[] {
  return (ts.getSyntheticLeadingComments(node) ?? []).map((comment) => {
    const carrier = ts.setSyntheticLeadingComments(ts.factory.createIdentifier(CARRIER), [comment]);
    return printNode(carrier, file).slice(0, -CARRIER.length).trimEnd();
  });
}
