import { tagokitVitest } from '../vitest.shared.js';

export default tagokitVitest('specs', { testTimeout: 120_000 });
