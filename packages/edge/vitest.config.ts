import { tagokitVitest } from '../../vitest.shared.js';

export default tagokitVitest('edge', {
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
});
