import { tagokitVitest } from '../vitest.shared.js';

export default tagokitVitest('generator', { testTimeout: 60_000, hookTimeout: 60_000 }); // beforeAll runs generateAll twice;
