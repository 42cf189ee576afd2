import { tagokitVitest } from '../../vitest.shared.js';

export default tagokitVitest('adversarial', { testTimeout: 20_000 });
