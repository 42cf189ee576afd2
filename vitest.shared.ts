import { join } from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The vitest settings every package shares. When TAGOKIT_RESULTS_DIR is set (by `npm test`), each project also
 * writes a JSON report there, which tools/scripts/test-all.mjs sums into the final `N passed, N failed` line.
 */
export function tagokitVitest(project: string, extra: ViteUserConfig['test'] = {}): ViteUserConfig {
  const dir = process.env['TAGOKIT_RESULTS_DIR'];
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      reporters: dir ? ['default', ['json', { outputFile: join(dir, `vitest-${project}.json`) }]] : ['default'],
      ...extra,
    },
  });
}
