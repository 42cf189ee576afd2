import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '@tagokit/spec-model';
import { miniSpec } from '@tagokit/spec-model/fixtures/mini-spec';
import { commentsOf, interfaceMembers, membersOf, nameOf, printFile, printNode } from '../../src/emit/schema-ast.js';
import { emitSchemaTypes } from '../../src/emit/schema-types.js';

/** The mini spec, its Device schema with a description of two lines. */
async function schemaTypes(): Promise<ts.SourceFile> {
  const doc = miniSpec() as OpenApiDocument & { components: { schemas: Record<string, Record<string, unknown>> } };
  doc.components.schemas['Device']!['description'] = 'A device.\nIts name is unique.';
  return emitSchemaTypes(doc);
}

describe('schema-ast', () => {
  it('prints a node alone as the whole output has it, moved to column 0', async () => {
    const file = await schemaTypes();
    const whole = printFile(file);
    const operations = interfaceMembers(file, 'operations');
    expect([...operations.keys()]).toEqual(['listDevices', 'getDevice', 'sendData', 'getStatus', 'readFile']);
    for (const [id, member] of operations) {
      // Each operation sits one level (4 spaces) deep in `operations`.
      const alone = printNode(member.type, file);
      expect(alone.startsWith('{\n')).toBe(true);
      expect(whole).toContain(`\n    ${id}: ${alone.replace(/\n/g, '\n    ')};\n`);
    }
    const device = membersOf(interfaceMembers(file, 'components').get('schemas')!.type).get('Device')!;
    expect(printNode(device.type, file)).toBe('{\n    id: string;\n    name: string;\n}');
  });

  it("reads openapi-typescript's JSDoc as printed at column 0, each line re-indented", async () => {
    const file = await schemaTypes();
    const device = membersOf(interfaceMembers(file, 'components').get('schemas')!.type).get('Device')!;
    const comments = commentsOf(device, file);
    expect(comments).toEqual(['/**\n * @description A device.\n *     Its name is unique.\n */']);
    // The same lines, 8 spaces deep, in the whole output.
    expect(printFile(file)).toContain(`        ${comments[0]!.replace(/\n/g, '\n        ')}\n        Device: {`);
    expect(commentsOf(membersOf(device.type).get('id')!, file)).toEqual([]);
  });

  it('names members by the text they stand for', async () => {
    const file = await schemaTypes();
    const getDevice = membersOf(interfaceMembers(file, 'operations').get('getDevice')!.type);
    const responses = membersOf(getDevice.get('responses')!.type);
    const [status] = [...responses.values()];
    expect(ts.isNumericLiteral(status!.name) && nameOf(status!.name)).toBe('200');
    const content = membersOf(membersOf(status!.type).get('content')!.type);
    const [json] = [...content.values()];
    expect(ts.isStringLiteral(json!.name) && nameOf(json!.name)).toBe('application/json');
    expect(() => nameOf(ts.factory.createComputedPropertyName(ts.factory.createIdentifier('k')))).toThrow(
      'schema types: unexpected property name (kind ComputedPropertyName)',
    );
  });
});
