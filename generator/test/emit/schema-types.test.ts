import { describe, expect, it } from 'vitest';
import { printFile } from '../../src/emit/schema-ast.js';
import { emitSchemaTypes, prepareForTypes } from '../../src/emit/schema-types.js';
import type { OpenApiDocument } from '@tagokit/spec-model';
import { miniSpec } from '@tagokit/spec-model/fixtures/mini-spec';

describe('prepareForTypes', () => {
  it('drops an anyOf whose members only list required keys', () => {
    const schema = {
      type: 'object',
      required: ['to'],
      properties: { to: { type: 'string' }, message: { type: 'string' }, html: { type: 'string' } },
      anyOf: [
        { required: ['message'] },
        { required: ['html'], description: 'or html' },
        { required: ['template'], 'x-note': 'n' },
      ],
    };
    expect(prepareForTypes(schema)).toEqual({
      type: 'object',
      required: ['to'],
      properties: { to: { type: 'string' }, message: { type: 'string' }, html: { type: 'string' } },
    });
  });

  it('drops such a oneOf deep inside the document', () => {
    const doc = {
      components: { schemas: { A: { type: 'object', oneOf: [{ required: ['a'] }, { not: { required: ['a'] } }] } } },
    };
    expect(prepareForTypes(doc)).toEqual({ components: { schemas: { A: { type: 'object' } } } });
  });

  it('keeps real unions', () => {
    const union = {
      oneOf: [{ $ref: '#/components/schemas/Item' }, { type: 'array', items: { $ref: '#/components/schemas/Item' } }],
    };
    expect(prepareForTypes(union)).toEqual(union);
    const mixed = { anyOf: [{ required: ['a'] }, { type: 'object', properties: { b: { type: 'string' } } }] };
    expect(prepareForTypes(mixed)).toEqual(mixed);
    expect(prepareForTypes({ anyOf: [] })).toEqual({ anyOf: [] });
  });

  it('does not change its input', () => {
    const schema = { type: 'object', anyOf: [{ required: ['a'] }] };
    const copy = structuredClone(schema);
    prepareForTypes(schema);
    expect(schema).toEqual(copy);
  });
});

describe('emitSchemaTypes', () => {
  it('types an object with a required-keys-only anyOf as the object, not unknown', async () => {
    const doc = miniSpec() as OpenApiDocument & { components: { schemas: Record<string, unknown> } };
    doc.components.schemas['Email'] = {
      type: 'object',
      required: ['to'],
      properties: { to: { type: 'string' }, message: { type: 'string' } },
      anyOf: [{ required: ['message'] }, { required: ['html'] }],
    };
    const text = printFile(await emitSchemaTypes(doc));
    const start = text.indexOf('        Email: {');
    expect(start).toBeGreaterThan(0);
    expect(
      text
        .slice(start, text.indexOf('        };', start) + 10)
        .split('\n')
        .map((l) => l.trim()),
    ).toEqual(['Email: {', 'to: string;', 'message?: string;', '};']);
  });

  it('writes the operations of the spec under their operationIds', async () => {
    const text = printFile(await emitSchemaTypes(miniSpec()));
    for (const id of ['listDevices', 'getDevice', 'sendData', 'getStatus', 'readFile'])
      expect(text).toContain(`\n    ${id}: {\n`);
  });
});
