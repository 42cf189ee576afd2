// One Worker module under test/workers, hosted in each web runtime the helpers run in: workerd (the module as
// Cloudflare runs it), edge-runtime (Vercel Edge: a script answering fetch events with the module's handler) and
// headless Chromium (a page on its own origin whose globals hand requests to the handler, so every call it makes to
// the Node host's servers is cross-origin). helpers.test.ts and upload.test.ts build their runtimes here.
import { bundle } from './bundle.js';
import { EDGE_DIR } from './paths.js';
import { chromium, edgeRuntime, workerd, type RuntimeHost } from './runtimes.js';

/** Hosts of the Worker module at `worker` (its default export's `fetch`), by runtime name, each started on demand. */
export function workerRuntimes(worker: string, paths: readonly string[]): Record<string, () => Promise<RuntimeHost>> {
  const imported = `import worker from ${JSON.stringify(worker)};\n`;
  // The page's global `name` (chromium() calls it for `/name`) posts the body to the handler and answers its JSON.
  const globals = paths
    .map(
      (path) =>
        `globalThis[${JSON.stringify(path.slice(1))}] = async (body) => (await worker.fetch(new Request(new URL(${JSON.stringify(path)}, location.href), { method: 'POST', body: JSON.stringify(body) }))).json();\n`,
    )
    .join('');
  return {
    workerd: async () => workerd(await bundle({ entry: worker, format: 'esm' })),
    'edge-runtime': async () =>
      edgeRuntime(
        await bundle({
          entry: {
            contents: `${imported}addEventListener('fetch', (event) => event.respondWith(worker.fetch(event.request)));\n`,
            resolveDir: EDGE_DIR,
          },
          format: 'iife',
        }),
      ),
    chromium: async () =>
      chromium(await bundle({ entry: { contents: imported + globals, resolveDir: EDGE_DIR }, format: 'iife' })),
  };
}
