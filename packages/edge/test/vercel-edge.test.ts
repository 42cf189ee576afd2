import { join } from 'node:path';
import { validateResult } from '@tagokit/contract';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundle, vercelEntry } from './support/bundle.js';
import { MOCK_TOKEN, WORKERS_DIR } from './support/paths.js';
import { snippetFile } from './support/readme.js';
import { edgeRuntime, type RuntimeHost } from './support/runtimes.js';
import { contractTests, runContract, runVectors, vectorTests } from './support/suite.js';
import type { ContractOutcome } from './workers/harness.js';

// Vercel Edge: the harness edge function, bundled by esbuild, runs in edge-runtime 4 (the EdgeRuntime VM Vercel
// uses to emulate its edge), calls @tagokit/edge, which calls the Prism mock started by the global setup.
const prismUrl = inject('prismUrl');
const host: RuntimeHost = await edgeRuntime(
  await bundle({ entry: vercelEntry(join(WORKERS_DIR, 'vercel.ts')), format: 'iife' }),
);
const vectors = await runVectors(host);
let outcomes = new Map<string, ContractOutcome>();

beforeAll(async () => {
  outcomes = await runContract(host, prismUrl);
}, 120_000);
afterAll(async () => {
  await host.dispose();
});

describe('edge-runtime', () => {
  it('is the edge runtime, without require or Buffer', async () => {
    const res = await host.fetch('/runtime');
    expect(JSON.parse(res.text)).toMatchObject({
      runtime: 'edge-runtime (edge-runtime)',
      require: 'undefined',
      buffer: 'undefined',
    });
  });
});

vectorTests('edge-runtime', vectors);
contractTests('edge-runtime', () => outcomes);

describe('README: the Vercel Edge snippet', () => {
  it('lists devices from an edge function', async () => {
    const script = await bundle({
      entry: vercelEntry(snippetFile('vercel-edge')),
      format: 'iife',
      alias: { '@tagokit/edge': join(WORKERS_DIR, 'edge-for-prism.ts') },
      define: { __PRISM_API__: JSON.stringify(prismUrl) },
    });
    const fn = await edgeRuntime(script, { TAGOIO_PROFILE_TOKEN: MOCK_TOKEN });
    const res = await fn.fetch('/api/devices?amount=5');
    expect(res.status, res.text).toBe(200);
    expect(validateResult('listDevices', JSON.parse(res.text))).toEqual([]);
  });
});
