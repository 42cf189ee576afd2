import { tagokitVitest } from '../../vitest.shared.js';

export default tagokitVitest('bench', { testTimeout: 120_000, hookTimeout: 120_000 });
