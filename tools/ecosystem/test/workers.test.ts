// examples/cloudflare-worker and examples/vercel-edge, bundled by esbuild from the installed tarballs, run in
// workerd (through miniflare, no nodejs_compat) and in edge-runtime (the VM Vercel emulates its edge with),
// against the emulator: send, read back, a typed 401. The bundle sizes are printed.
import { join } from 'node:path';
import { DEFAULT_DEVICE } from '@tagokit/emulator';
import { EdgeRuntime } from 'edge-runtime';
import { Miniflare } from 'miniflare';
import { describe, expect, inject, it } from 'vitest';
import { bundleExample, sizeLine } from './support/bundle.js';
import { emulatorPerFile } from './support/emulator.js';

const project = inject('project');
const emulator = emulatorPerFile();

describe('Cloudflare Workers (workerd through miniflare)', () => {
  it('runs examples/cloudflare-worker: send, read back, a typed 401', async () => {
    const worker = await bundleExample(join(project, 'cloudflare-worker', 'src', 'index.ts'), {
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker'],
    });
    console.log(sizeLine('cloudflare-worker', worker));
    const bindings = { TAGOIO_API: emulator().url, TAGOIO_DEVICE_TOKEN: DEFAULT_DEVICE.token };
    const mf = new Miniflare({ modules: true, script: worker.code, compatibilityDate: '2025-09-01', bindings });
    try {
      const body = JSON.stringify({ variable: 'rpm', value: 1450 });
      const res = await mf.dispatchFetch('http://worker.local/', { method: 'POST', body });
      expect(await res.json()).toEqual({ read: { variable: 'rpm', value: 1450 }, error: { typed: true, status: 401 } });
    } finally {
      await mf.dispose();
    }
  });
});

describe('Vercel Edge (edge-runtime)', () => {
  it('runs examples/vercel-edge: send, read back, a typed 401', async () => {
    const entry = `import handler from './api/index.ts';
addEventListener('fetch', (event) => event.respondWith(handler(event.request)));`;
    const edge = await bundleExample(
      { contents: entry, resolveDir: join(project, 'vercel-edge') },
      { format: 'iife', platform: 'browser', conditions: ['edge-light', 'worker'] },
    );
    console.log(sizeLine('vercel-edge', edge));
    const env = { TAGOIO_API: emulator().url, TAGOIO_DEVICE_TOKEN: DEFAULT_DEVICE.token };
    const runtime = new EdgeRuntime({
      initialCode: edge.code,
      extend: (context) => Object.assign(context, { process: { env } }),
    });
    const call = async (init: RequestInit & { path: string }) => {
      const res = await runtime.dispatchFetch(`http://edge.local${init.path}`, init);
      await res.waitUntil();
      return { status: res.status, body: await res.json() };
    };
    const body = JSON.stringify({ variable: 'flow', value: 7.5, unit: 'l/min' });
    expect(await call({ path: '/api?variable=flow', method: 'POST', body })).toEqual({
      status: 200,
      body: { variable: 'flow', value: 7.5 },
    });
    expect(await call({ path: '/api?variable=flow', headers: { 'x-device-token': 'not-a-known-token' } })).toEqual({
      status: 401,
      body: { error: 'AuthenticationError' },
    });
  });
});
