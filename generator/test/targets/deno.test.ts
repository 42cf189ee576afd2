import { describe, expect, it } from 'vitest';
import { BANNER_MARK } from '../../src/emit/banner.js';
import { denoCoreFile } from '../../src/targets/deno.js';

describe('the Deno target copies the core with .ts imports', () => {
  it('rewrites relative .js imports in every form and adds the banner', () => {
    const out = denoCoreFile('x.ts', "import { a } from './a.js';\nimport type { B } from '../b.js';\nexport * from './c.js';\nconst d = await import('./d.js');\n", '1.0.0');
    expect(out.startsWith('//')).toBe(true);
    expect(out).toContain(BANNER_MARK);
    expect(out).toContain("import { a } from './a.ts';");
    expect(out).toContain("import type { B } from '../b.ts';");
    expect(out).toContain("export * from './c.ts';");
    expect(out).toContain("await import('./d.ts')");
  });

  it('refuses an import the published copy could not resolve', () => {
    expect(() => denoCoreFile('x.ts', "import { Agent } from 'undici';\n", '1.0.0')).toThrow(
      'packages/core/src/x.ts: import "undici" cannot be copied into the Deno package (the core must import only its own files)',
    );
    expect(() => denoCoreFile('y.ts', "import { readFileSync } from 'node:fs';\n", '1.0.0')).toThrow('import "node:fs"');
  });
});
