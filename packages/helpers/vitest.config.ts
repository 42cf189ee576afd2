import { tagokitVitest } from '../../vitest.shared.js';

export default tagokitVitest('helpers', { testTimeout: 30_000 });
