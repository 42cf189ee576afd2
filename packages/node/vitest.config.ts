import { tagokitVitest } from '../../vitest.shared.js';

export default tagokitVitest('node', { testTimeout: 30_000, hookTimeout: 90_000 });
