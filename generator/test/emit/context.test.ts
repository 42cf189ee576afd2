import { Project, StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { emitClient, emitOperationTypes } from '../../src/emit/client.js';
import { createEmitContext, PRINT_SETTINGS } from '../../src/emit/context.js';
import { emitDescriptors } from '../../src/emit/descriptors.js';
import { emitEdgeFunctions } from '../../src/emit/edge-functions.js';
import { MINI_SCHEMA_TYPES, miniModel, plainContext } from '../fixtures/mini-model.js';

describe('the emit context', () => {
  it('is the only state: emitting again after the model changed shows the change (no cache keyed on the model)', () => {
    const model = miniModel();
    const ctx = plainContext(model);
    const before = { client: emitClient(ctx), functions: emitEdgeFunctions(ctx), operations: emitDescriptors(ctx) };
    model.operations.find((o) => o.id === 'getDevice')!.summary = 'A renamed summary';
    model.operations.find((o) => o.id === 'getDevice')!.path = '/devices/{deviceID}';
    const after = { client: emitClient(ctx), functions: emitEdgeFunctions(ctx), operations: emitDescriptors(ctx) };
    expect(before.client).not.toContain('A renamed summary');
    expect(after.client).toContain('   * A renamed summary');
    expect(after.functions).toContain(' * A renamed summary');
    expect(after.operations).toContain('"path":"/devices/{deviceID}"');
  });

  it('refuses to write signatures without the schema types they are read from', () => {
    expect(() => emitOperationTypes(createEmitContext(miniModel()))).toThrow(
      'emit: this context was made without the schema types',
    );
  });

  it('carries the import style: two contexts over one model differ only in their imports', () => {
    const model = miniModel();
    const plain = emitClient(plainContext(model)).split('\n');
    const api = emitClient(createEmitContext(model, undefined, MINI_SCHEMA_TYPES)).split('\n');
    const differing = plain.flatMap((line, i) => (line === api[i] ? [] : [[line, api[i]]]));
    expect(differing).toEqual([
      [
        "import { callEventStream, callOperation, callPagedOperation } from '@tagokit/core';",
        "import { callEventStream, callOperation, callPagedOperation } from '@tagokit/core/internal';",
      ],
      [
        "import type { CallOptions, FieldsRow, ItemOf, KindsOf, OperationContext, TagoEventStream, TagoPagePromise, TagoPromise } from '@tagokit/core';",
        "import type { CallOptions, FieldsRow, ItemOf, KindsOf, OperationContext, TagoEventStream, TagoPagePromise, TagoPromise } from '@tagokit/core/internal';",
      ],
      ["import type { Device } from './types.js';", "import type { Device } from './types.ts';"],
      [
        "import type { ListDevicesArgs, ListDevicesResult, GetDeviceArgs, GetDeviceResult, SendDataArgs, SendDataResult, GetStatusResult, ReadFileArgs, ReadFileResult } from './operation-types.js';",
        "import type { ListDevicesArgs, ListDevicesResult, GetDeviceArgs, GetDeviceResult, SendDataArgs, SendDataResult, GetStatusResult, ReadFileArgs, ReadFileResult } from './operation-types.ts';",
      ],
      ["import * as ops from './operations.js';", "import * as ops from './operations.ts';"],
      ["export type * from './operation-types.js';", "export type * from './operation-types.ts';"],
    ]);
  });

  it('joins statements written as text as ts-morph writes them among structures', () => {
    const statements: (string | StatementStructures)[] = [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: 'm', namedImports: ['a'] },
      '/** A. */\nexport type A = {\n  a: string;\n};',
      'export type B = A;',
      { kind: StructureKind.Class, name: 'C', methods: [{ name: 'm', statements: ['return 1;'] }] },
      'export type D = 1;',
      { kind: StructureKind.Function, name: 'f', docs: ['F.'], statements: ['return 2;'] },
      {
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: 'v', initializer: '3' }],
      },
      'export type E = 2;',
      { kind: StructureKind.Interface, name: 'I', properties: [{ name: 'p', type: 'E' }] },
      'export type F = 3;',
    ];
    // The same statements through ts-morph alone, with the settings the context prints with.
    const project = new Project({ useInMemoryFileSystem: true, manipulationSettings: PRINT_SETTINGS });
    const whole = project.createSourceFile('x.ts', { statements }).getFullText();
    expect(whole).toContain('};\nexport type B = A;\n\nclass C {');
    expect(plainContext(miniModel()).print('x.ts', statements, '// head\n')).toBe(`// head\n${whole}`);
  });
});
