import { join } from 'node:path';
import { validateResult } from '@tagokit/contract';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundle } from './support/bundle.js';
import { MOCK_TOKEN, WORKERS_DIR } from './support/paths.js';
import { snippetFile } from './support/readme.js';
import { workerd, type RuntimeHost } from './support/runtimes.js';
import { contractTests, runContract, runVectors, vectorTests } from './support/suite.js';
import type { ContractOutcome } from './workers/harness.js';

// Cloudflare Workers: the harness worker module, bundled by esbuild, runs in workerd through miniflare (no
// nodejs_compat flag), calls @tagokit/edge, which calls the Prism mock started by the global setup.
const prismUrl = inject('prismUrl');
const host: RuntimeHost = await workerd(await bundle({ entry: join(WORKERS_DIR, 'cloudflare.ts'), format: 'esm' }));
const vectors = await runVectors(host);
let outcomes = new Map<string, ContractOutcome>();

beforeAll(async () => {
  outcomes = await runContract(host, prismUrl);
}, 120_000);
afterAll(async () => {
  await host.dispose();
});

describe('workerd', () => {
  it('runs without Node: no process, require or Buffer', async () => {
    const res = await host.fetch('/runtime');
    expect(JSON.parse(res.text)).toMatchObject({ process: 'undefined', require: 'undefined', buffer: 'undefined' });
  });
});

vectorTests('workerd', vectors);
contractTests('workerd', () => outcomes);

describe.each(['cloudflare-worker', 'lean-worker'])('README: the %s snippet', (snippet) => {
  it('sends device data from a worker', async () => {
    const script = await bundle({
      entry: snippetFile(snippet),
      format: 'esm',
      alias: { '@tagokit/edge': join(WORKERS_DIR, 'edge-for-prism.ts') },
      define: { __PRISM_API__: JSON.stringify(prismUrl) },
    });
    const worker = await workerd(script, { TAGOIO_DEVICE_TOKEN: MOCK_TOKEN });
    try {
      const res = await worker.fetch('/', { method: 'POST', body: JSON.stringify({ temperature: 21.5 }) });
      expect(res.status, res.text).toBe(200);
      const { added } = JSON.parse(res.text) as { added: unknown };
      expect(validateResult('sendData', added)).toEqual([]);
    } finally {
      await worker.dispose();
    }
  });
});
