import { fileURLToPath } from 'node:url';
import { tagokitVitest } from '../../vitest.shared.js';

// The client and the core are read from their sources, so the suite does not depend on a fresh build of either
// (and both resolve to one copy of the core, so `instanceof` checks hold).
const src = (pkg: string) => fileURLToPath(new URL(`../../packages/${pkg}/src/index.ts`, import.meta.url));

export default tagokitVitest('emulator', {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  alias: {
    // The sibling entry first: an alias also matches the prefix of a longer specifier.
    '@tagokit/core/internal': fileURLToPath(new URL('../../packages/core/src/internal/index.ts', import.meta.url)),
    '@tagokit/core': src('core'),
    '@tagokit/node': src('node'),
  },
});
