import { tagokitVitest } from '../../vitest.shared.js';

// Packing and installing the tarballs once takes a while on a loaded machine.
export default tagokitVitest('ecosystem', { testTimeout: 60_000, hookTimeout: 300_000 });
