import { tagokitVitest } from '../../vitest.shared.js';

export default tagokitVitest('mcu', {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Builds dist/ before any test file runs (see the file).
  globalSetup: ['test/helpers/build-setup.ts'],
});
