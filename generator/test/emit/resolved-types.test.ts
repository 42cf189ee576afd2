import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type OpenApiDocument } from '@tagokit/spec-model';
import { buildModel, type ApiModel } from '@tagokit/spec-model/model';
import { pascalCase } from '@tagokit/spec-model/model/naming';
import { hasArgs } from '../../src/emit/signature.js';
import { namesIn, resolveOperationTypes } from '../../src/emit/resolved-types.js';
import { emitSchemaTypes } from '../../src/emit/schema-types.js';
import { generateAll, type GeneratedFile } from '../../src/targets/index.js';
import { miniSpec } from '@tagokit/spec-model/fixtures/mini-spec';

const SPEC = fileURLToPath(new URL('../../../specs/dist/tagoio.openapi.json', import.meta.url));

describe('resolveOperationTypes', () => {
  it("reads each operation's parameters, body and result out of openapi-typescript's output", async () => {
    const { operations, schemaNames } = resolveOperationTypes(await emitSchemaTypes(miniSpec()));
    const getDevice = operations.get('getDevice')!;
    expect(getDevice.parameters).toEqual([
      { name: 'deviceID', key: 'deviceID', optional: false, type: 'string', docs: '@example 5dcad1c216174c001ca23ab9' },
    ]);
    expect(getDevice.envelope).toBe('Device');
    expect(getDevice.raw).toBe('SuccessEnvelope & {\n    result?: Device;\n}');
    const readFile = operations.get('readFile')!;
    expect(readFile.parameters.map((p) => `${p.key}${p.optional ? '?' : ''}: ${p.type}`)).toEqual([
      'filePath: string',
      'version: number',
    ]);
    // A raw body that is no envelope: no `result` to read.
    expect([readFile.raw, readFile.envelope]).toEqual(['string', undefined]);
    expect(operations.get('sendData')!.body).toEqual({
      'text/plain': 'string',
      'application/json': 'DataItem | DataItem[]',
    });
    // A multi-line type keeps its inner lines, moved left to the column of its first line.
    expect(operations.get('getStatus')!.envelope).toBe('{\n    online?: boolean;\n}');
    expect(schemaNames).toEqual(new Set(['SuccessEnvelope', 'Device', 'DataItem']));
  });

  it('finds the named schemas a type refers to, not words inside string literals', () => {
    const names = new Set(['Device', 'GenericID']);
    expect(namesIn('GenericID | "Device" | Device[]', names)).toEqual(['GenericID', 'Device']);
    expect(namesIn("'Device' | string", names)).toEqual([]);
  });

  it('refuses a type that still reads schema.ts', async () => {
    // A parameter's schema taken from a header: openapi-typescript refers to components.headers, which no
    // signature may read.
    const doc = {
      openapi: '3.1.0',
      info: { title: 'x', version: '1' },
      paths: {
        '/x': {
          get: {
            operationId: 'x',
            parameters: [{ name: 'a', in: 'query', schema: { $ref: '#/components/headers/H/schema' } }],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
      components: { schemas: {}, headers: { H: { schema: { type: 'string' } } } },
    } as unknown as OpenApiDocument;
    const types = await emitSchemaTypes(doc);
    expect(() => resolveOperationTypes(types)).toThrow(
      'operation types: x query parameter a refers to schema.ts (components["headers"]["H"]["schema"])',
    );
  });
});

/**
 * On the real spec: every generated `XArgs` / `XResult` is the type openapi-typescript's `operations['x']` gives
 * (each assignable to the other), read through the core's helpers as the signatures did before they were resolved.
 */
describe('the resolved signatures equal the schema types (real bundle)', () => {
  const dir = fileURLToPath(new URL(`../.tmp-resolved-${process.pid}/`, import.meta.url));
  let model: ApiModel;
  let files: GeneratedFile[];
  beforeAll(async () => {
    const doc = loadSpec(SPEC);
    model = buildModel(doc);
    files = await generateAll(doc, model, ['api']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('client.ts and functions.ts import nothing from schema.ts', () => {
    for (const name of ['client.ts', 'functions.ts']) {
      const text = files.find((f) => f.path.endsWith(`/src/${name}`))!.text;
      expect(text).not.toMatch(/from '\.\/schema/);
      expect(text).not.toMatch(/\boperations\[/);
    }
  });

  it('type-checks: arguments, bodies and results match operations[id]', () => {
    mkdirSync(dir, { recursive: true });
    for (const f of files.filter((f) => f.path.startsWith('packages/api/src/')))
      writeFileSync(join(dir, f.path.slice('packages/api/src/'.length)), f.text);
    const extras = 'FormData | Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>';
    const checks = model.operations.flatMap((op) => {
      const T = pascalCase(op.id);
      const o = `operations['${op.id}']`;
      const lines = [
        `  Same<C.${T}Result, ${op.response.envelope === 'raw' ? 'RawResult' : 'EnvelopeResult'}<${o}>, '${op.id} result'>,`,
      ];
      if (!hasArgs(op)) return lines;
      const parts = [
        ...(op.parameters.some((p) => p.in === 'path') ? [`${o}['parameters']['path']`] : []),
        ...(op.parameters.some((p) => p.in === 'query') ? [`NonNullable<${o}['parameters']['query']>`] : []),
      ];
      lines.push(`  Same<Omit<C.${T}Args, 'body'>, ${parts.join(' & ') || '{}'}, '${op.id} parameters'>,`);
      if (op.body)
        lines.push(
          `  Same<Exclude<NonNullable<C.${T}Args['body']>, ${extras}>, RequestBody<${o}, '${op.body.mediaKey}'>, '${op.id} body'>,`,
          `  Same<undefined extends C.${T}Args['body'] ? false : true, ${op.body.required}, '${op.id} body required'>,`,
        );
      return lines;
    });
    writeFileSync(
      join(dir, 'equal.ts'),
      `import type { EnvelopeResult, RawResult, RequestBody } from '@tagokit/core/internal';
import type { operations } from './schema.ts';
import type * as C from './client.ts';
import type * as F from './functions.ts';

/** Each assignable to the other; Label names the failing check in the error. */
type Same<A, B, Label extends string> = [A] extends [B] ? ([B] extends [A] ? true : Label) : Label;
type AllTrue<T extends true[]> = T;
export type Checks = AllTrue<[
${checks.join('\n')}
]>;
// functions.ts declares the same types from the same emitter.
export type EdgeSame = AllTrue<[Same<F.GetDataArgs, C.GetDataArgs, 'edge'>, Same<F.GetDataResult, C.GetDataResult, 'edge'>]>;
`,
    );
    const core = fileURLToPath(new URL('../../../packages/core/src/internal/index.ts', import.meta.url));
    const program = ts.createProgram([join(dir, 'equal.ts')], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      strict: true,
      allowImportingTsExtensions: true,
      rewriteRelativeImportExtensions: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
      paths: { '@tagokit/core/internal': [core] },
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName.startsWith(dir))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n').slice(0, 300));
    expect(diagnostics).toEqual([]);
  }, 60_000);
});
