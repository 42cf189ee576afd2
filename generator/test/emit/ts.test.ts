import { fileURLToPath } from 'node:url';
import { loadSpec } from '@tagokit/spec-model';
import { buildModel } from '@tagokit/spec-model/model';
import { Project, StructureKind } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { PRINT_SETTINGS } from '../../src/emit/context.js';
import { declarationText, operationSignature } from '../../src/emit/signature.js';
import { jsDoc } from '../../src/emit/ts.js';

/** What ts-morph prints for a structure (the layout the text declarations keep). */
const printed = (statements: Parameters<Project['createSourceFile']>[1]) =>
  new Project({ useInMemoryFileSystem: true, manipulationSettings: PRINT_SETTINGS })
    .createSourceFile('x.ts', statements)
    .getFullText()
    .trimEnd();

describe('declarations written as text', () => {
  it('lays out a JSDoc block as ts-morph does', () => {
    for (const docs of ['One line.', 'Ends in a space ', '', 'Two\nlines', 'Gap\n\nbelow', '\nLeading break'])
      expect(`${jsDoc(docs)}\nlet x: 1;`).toBe(
        printed({
          statements: [
            {
              kind: StructureKind.VariableStatement,
              docs: [docs],
              declarations: [{ name: 'x', type: '1' }],
            },
          ],
        }),
      );
    expect(jsDoc('Two\nlines')).toBe('/**\n * Two\n * lines\n */');
  });

  it('lays out an operation function, with overloads and type parameters, as ts-morph does', () => {
    // The real bundle: its data reads have overloads by `query`, its lists a `fields` type parameter.
    const doc = loadSpec(fileURLToPath(new URL('../../../specs/dist/tagoio.openapi.json', import.meta.url)));
    const operations = buildModel(doc).operations;
    expect(operations.some((op) => operationSignature(op).overloads.length > 0)).toBe(true);
    expect(operations.some((op) => operationSignature(op).typeParameters.length > 0)).toBe(true);
    for (const op of operations) {
      const signature = operationSignature(op);
      const client = { name: 'client', type: 'OperationContext' };
      expect(declarationText(`export function ${op.id}`, signature, signature.docs, 'client', [client])).toBe(
        printed({
          statements: [
            {
              kind: StructureKind.Function,
              name: op.id,
              isExported: true,
              docs: signature.overloads.length ? [] : [signature.docs],
              typeParameters: signature.typeParameters,
              parameters: [client, ...signature.parameters],
              returnType: signature.returnType,
              overloads: signature.overloads.map((o) => ({
                docs: [signature.docs],
                parameters: [client, ...o.parameters],
                returnType: o.returnType,
              })),
              statements: signature.statements('client'),
            },
          ],
        }),
      );
    }
  });
});
