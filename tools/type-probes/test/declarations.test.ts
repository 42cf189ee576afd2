import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

// What a consumer's type check parses for an import of the published packages (their dist declarations, resolved
// as npm installs them): the main entries leave openapi-typescript's schema.d.ts (550 kB) out, since their
// signatures are declared with named types; `<package>/schema` still carries `paths` and `operations`.
const dir = mkdtempSync(join(import.meta.dirname, '.tmp-declarations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loaded(source: string): string[] {
  const file = join(dir, `consumer-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  };
  const program = ts.createProgram([file], options);
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(errors).toEqual([]);
  return program.getSourceFiles().map((f) => f.fileName);
}

const apiDeclarations = (files: string[]) =>
  files.filter((f) => /@tagokit\/api\/|packages\/api\//.test(f)).map((f) => f.replace(/.*\/dist\//, ''));

describe.each([
  ['@tagokit/node', "import { createClient } from '@tagokit/node';\nexport const c = createClient();"],
  [
    '@tagokit/edge',
    "import { createEdgeClient, getData } from '@tagokit/edge';\nexport const c = getData(createEdgeClient());",
  ],
])('%s', (name, consumer) => {
  it("its main entry loads neither schema.d.ts nor undici's declarations", () => {
    const files = loaded(consumer);
    const api = apiDeclarations(files);
    expect(api.length).toBeGreaterThan(0);
    expect(api.filter((f) => f.startsWith('schema.'))).toEqual([]);
    // The Node dispatcher option is typed structurally (UndiciDispatcher); @types/node's undici-types is another package.
    expect(files.filter((f) => /\/undici\/types\//.test(f))).toEqual([]);
  }, 60_000);

  it('its /schema subpath carries paths, operations and components', () => {
    const files = loaded(
      `import type { components, operations, paths } from '${name}/schema';
export type Check = [paths['/data']['get'], operations['getData']['parameters'], components['schemas']['Device']];`,
    );
    expect(apiDeclarations(files)).toContain('schema.d.ts');
  }, 60_000);
});
