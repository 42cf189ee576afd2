#!/usr/bin/env node
// Builds the package in the working directory twice from the same sources: ES modules into dist/ (tsc with the
// package's tsconfig.build.json, type-checked) and CommonJS into dist/cjs/ (the same compile re-emitted as CommonJS,
// not checked again). dist/cjs/package.json marks that folder as CommonJS, and the declarations are copied beside
// the CommonJS files, so that TypeScript reads them as CommonJS types under `require` (node16/nodenext `.cts`).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const tsc = createRequire(join(process.cwd(), 'package.json')).resolve('typescript/bin/tsc');
const compile = (args) => {
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

rmSync('dist', { recursive: true, force: true });
compile([]);
// node10 resolution only for emit: with --noCheck an unresolved package import is not an error, and CommonJS emit
// writes the specifier unchanged (require('@tagokit/core')), which Node resolves through the `require` condition.
compile([
  '--module',
  'commonjs',
  '--moduleResolution',
  'node10',
  '--verbatimModuleSyntax',
  'false',
  '--noCheck',
  '--outDir',
  'dist/cjs',
  '--declaration',
  'false',
  '--declarationMap',
  'false',
  '--sourceMap',
  'false',
]);
writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
for (const file of readdirSync('dist', { recursive: true })) {
  if (!file.endsWith('.d.ts') || file.startsWith('cjs/')) continue;
  // The declaration maps point from dist/, not from dist/cjs/: the copies go without them.
  const types = readFileSync(join('dist', file), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  writeFileSync(join('dist', 'cjs', file), types);
}
