#!/usr/bin/env node
// Builds the published form of @tagokit/emulator into dist/: the API (dist/index.mjs) and the command line
// (dist/tagokit-emulator.mjs) bundled with esbuild, every import inlined (the workspace's @tagokit/contract,
// spec-model and core, and ajv), so the package installs with no dependencies; the bundled spec beside them
// (src/spec.mjs reads dist/tagoio.openapi.json when it is there); the types. `pnpm pack` then packs dist/ through
// publishConfig (package.json).
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_SPEC } from '@tagokit/contract';
import { build } from 'esbuild';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(here, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: { index: join(here, 'src', 'index.mjs'), 'tagokit-emulator': join(here, 'bin', 'tagokit-emulator.mjs') },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  // Chunks beside the entries: the spec is looked up next to the module that reads it.
  chunkNames: '[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ajv is CommonJS: its require() calls need a require in an ES module.
  banner: {
    js: "import { createRequire as __tagokitRequire } from 'node:module';\nconst require = __tagokitRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
copyFileSync(BUNDLED_SPEC, join(dist, 'tagoio.openapi.json'));
copyFileSync(join(here, 'src', 'index.d.mts'), join(dist, 'index.d.mts'));
console.log(`bundled @tagokit/emulator into ${dist}`);
