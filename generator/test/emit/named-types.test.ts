import { describe, expect, it } from 'vitest';
import { miniSpec } from '@tagokit/spec-model/fixtures/mini-spec';
import { namedTypeOf, splitNamedTypes } from '../../src/emit/named-types.js';
import { emitSchemaTypes } from '../../src/emit/schema-types.js';

describe('namedTypeOf', () => {
  it('names a $ref to a named schema and a plain array of one, nothing else', () => {
    expect(namedTypeOf({ $ref: '#/components/schemas/Device' })).toBe('Device');
    expect(namedTypeOf({ type: 'array', minItems: 1, items: { $ref: '#/components/schemas/FileMove' } })).toBe(
      'FileMove[]',
    );
    expect(namedTypeOf({ type: 'array', items: { type: 'string' } })).toBeUndefined();
    expect(namedTypeOf({ type: 'object', properties: {} })).toBeUndefined();
    expect(namedTypeOf({ $ref: '#/components/parameters/Page' })).toBeUndefined();
    expect(namedTypeOf(undefined)).toBeUndefined();
  });
});

describe('splitNamedTypes', () => {
  it('declares every named schema under its name and leaves schema.ts referring to it', async () => {
    const { schema, types } = splitNamedTypes(await emitSchemaTypes(miniSpec()), '9.8.7', '.ts', new Set());
    expect(types).toContain('export interface Device {\n    id: string;\n    name: string;\n}\n');
    expect(types).toContain('export interface DataItem {\n    variable: string;');
    expect(types).not.toContain('components[');
    const lines = schema.split('\n');
    expect(lines[2]).toBe("import type { DataItem, Device, SuccessEnvelope } from './types.ts';");
    const at = lines.indexOf('    schemas: {');
    expect(lines.slice(at, at + 5)).toEqual([
      '    schemas: {',
      '        SuccessEnvelope: SuccessEnvelope;',
      '        Device: Device;',
      '        DataItem: DataItem;',
      '    };',
    ]);
    expect(schema).not.toContain('components["schemas"]');
    expect(schema).toContain('result?: Device;');
  });

  it('keeps a non-object schema a type alias, referring to other schemas by name', async () => {
    const doc = miniSpec();
    const schemas = doc.components!['schemas'] as Record<string, unknown>;
    schemas['DataBody'] = {
      oneOf: [
        { $ref: '#/components/schemas/DataItem' },
        { type: 'array', items: { $ref: '#/components/schemas/DataItem' } },
      ],
    };
    const { types } = splitNamedTypes(await emitSchemaTypes(doc), '9.8.7', '.ts', new Set());
    expect(types).toContain('export type DataBody = DataItem | DataItem[];');
  });

  it('refuses a schema name that another generated export already uses', async () => {
    const text = await emitSchemaTypes(miniSpec());
    expect(() => splitNamedTypes(text, '9.8.7', '.ts', new Set(['Device']))).toThrow(
      'types: schema name "Device" collides with a generated export of @tagokit/api',
    );
  });
});
