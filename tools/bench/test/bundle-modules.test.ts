import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildOptions, edgeWorkerSource } from '../lib/bundles.mjs';
import { moduleCosts } from '../lib/bundle-modules.mjs';

describe('the per-module costs of the lean edge worker', () => {
  it('are of the worker the bundles group measures, with every module the metafile lists', async () => {
    const built = await esbuild.build(buildOptions('edge-lean', edgeWorkerSource('createLeanClient')));
    const code = built.outputFiles[0]!.contents;
    const costs = await moduleCosts('createLeanClient');
    expect({ raw: costs.raw, gzip: costs.gzip }).toEqual({
      raw: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
    });
    const byModule = new Map(costs.modules.map((m) => [m.module, m]));
    for (const module of ['packages/core/src/errors.ts', 'packages/core/src/internal/envelope.ts']) {
      expect(byModule.get(module)?.minified, module).toBeGreaterThan(1000);
      expect(byModule.get(module)?.marginalGzip, module).toBeGreaterThan(300);
    }
    // The generated descriptor comes from the built @tagokit/api, named by its source.
    expect(byModule.get('packages/api/src/operations.ts')?.minified).toBeGreaterThan(0);
    // The path filler and the query serializer stay out of a worker whose operation needs neither.
    expect(costs.modules.map((m) => m.module)).not.toContain('packages/core/src/internal/query.ts');
    // Sorted by marginal gzip, largest first.
    const gz = costs.modules.map((m) => m.marginalGzip);
    expect(gz).toEqual([...gz].sort((a, b) => b - a));
  });
});
