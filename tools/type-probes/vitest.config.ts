import { tagokitVitest } from '../../vitest.shared.js';

// Two TypeScript programs and a `deno check` on a shared 2-core machine.
export default tagokitVitest('type-probes', { testTimeout: 180_000, hookTimeout: 60_000 });
