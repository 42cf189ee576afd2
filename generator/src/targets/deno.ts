import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { banner } from '../emit/banner.js';
import { emitClient } from '../emit/client.js';
import { emitDenoContractTests } from '../emit/deno-contract-tests.js';
import { emitDescriptors } from '../emit/descriptors.js';
import type { GeneratedFile, Target } from './types.js';

/** The shared core's sources: the one source of truth the Deno package carries a copy of. */
const CORE_SRC = fileURLToPath(new URL('../../../packages/core/src/', import.meta.url));
const DENO = 'packages/deno';
/** Where the generated code imports the copied core from (relative to src/generated/). */
const CORE_MODULE = '../core/index.ts';

/** Relative module specifiers ending in `.js`, in `from '…'`, `import('…')` and bare `import '…'` forms. */
const RELATIVE_JS = /((?:\bfrom|\bimport)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\.js\2/g;
/** Every module specifier, to refuse anything the copy could not resolve on JSR. */
const ANY_SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*(['"])([^'"]+)\1/g;

/** A core source rewritten for Deno: `.ts` relative imports and the generated-file banner. */
export function denoCoreFile(name: string, source: string, specVersion: string): string {
  const text = source.replace(RELATIVE_JS, (_, lead: string, quote: string, path: string) => `${lead}${quote}${path}.ts${quote}`);
  for (const match of text.matchAll(ANY_SPECIFIER)) {
    const specifier = match[2]!;
    if (!/^\.{1,2}\/.+\.ts$/.test(specifier)) {
      throw new Error(`packages/core/src/${name}: import "${specifier}" cannot be copied into the Deno package (the core must import only its own files)`);
    }
  }
  return `${banner(specVersion)}${text}`;
}

function coreFiles(specVersion: string): GeneratedFile[] {
  return readdirSync(CORE_SRC)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => ({ path: `${DENO}/src/core/${name}`, text: denoCoreFile(name, readFileSync(join(CORE_SRC, name), 'utf8'), specVersion) }));
}

/**
 * @tagokit/deno: the same client as Node's with `.ts` imports over a copy of the shared core (JSR cannot resolve
 * the npm workspace, so the core ships inside the package), and its contract tests as `Deno.test`s.
 */
export const denoTarget: Target = {
  name: 'deno',
  usesSchemaTypes: true,
  generate: ({ model, schemaTypes }) => [
    ...coreFiles(model.version),
    { path: `${DENO}/src/generated/schema.ts`, text: schemaTypes },
    { path: `${DENO}/src/generated/operations.ts`, text: emitDescriptors(model, { coreModule: CORE_MODULE }) },
    { path: `${DENO}/src/generated/client.ts`, text: emitClient(model, { coreModule: CORE_MODULE, ext: '.ts' }) },
    {
      path: `${DENO}/test/generated/contract.test.ts`,
      text: emitDenoContractTests(model, { clientModule: '../../mod.ts', contractTypes: '../../../../tools/contract/src/index.d.ts' }),
    },
  ],
};
