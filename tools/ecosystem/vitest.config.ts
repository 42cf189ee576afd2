import { tagokitVitest } from '../../vitest.shared.js';

// One packing and install of the tarballs for every test file (test/global-setup.ts): it takes a while on a loaded
// machine.
export default tagokitVitest('ecosystem', {
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 300_000,
});
