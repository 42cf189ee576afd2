import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDGE_DIR } from './support/paths.js';
import { snippetFile } from './support/readme.js';

// The snippets also run (cloudflare.test.ts, vercel-edge.test.ts); this checks they compile against the
// package's types as a user's project would see them (strict, bundler resolution as in Wrangler and
// Next.js projects, `@tagokit/edge` resolved to this package).
describe('README snippets', () => {
  it('type-check', () => {
    const files = [snippetFile('cloudflare-worker'), snippetFile('lean-worker'), snippetFile('vercel-edge')];
    const config = join(dirname(files[0]!), 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({
        extends: join(EDGE_DIR, '..', '..', 'tsconfig.base.json'),
        compilerOptions: {
          noEmit: true,
          module: 'preserve',
          moduleResolution: 'bundler',
          types: ['node'],
          typeRoots: [join(EDGE_DIR, 'node_modules', '@types')],
          paths: { '@tagokit/edge': [join(EDGE_DIR, 'src', 'index.ts')] },
        },
        files,
      }),
    );
    const run = spawnSync(join(EDGE_DIR, 'node_modules', '.bin', 'tsc'), ['-p', config], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 120_000);
});
