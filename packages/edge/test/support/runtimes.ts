import { EdgeRuntime } from 'edge-runtime';
import { Miniflare } from 'miniflare';

/** Something that answers requests the way its runtime would: workerd through miniflare, or edge-runtime. */
export interface RuntimeHost {
  fetch(
    path: string,
    init?: { method?: string; body?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; text: string }>;
  dispose(): Promise<void>;
}

/** A Cloudflare Worker module running in workerd (no nodejs_compat flag: Node built-ins are absent). */
export async function workerd(script: string, bindings: Record<string, string> = {}): Promise<RuntimeHost> {
  const mf = new Miniflare({ modules: true, script, compatibilityDate: '2025-09-01', bindings });
  await mf.ready;
  return {
    async fetch(path, init = {}) {
      const res = await mf.dispatchFetch(`http://worker.local${path}`, init);
      return { status: res.status, text: await res.text() };
    },
    dispose: () => mf.dispose(),
  };
}

/** A Vercel Edge function running in edge-runtime (the `EdgeRuntime` VM), with `process.env` as Vercel inlines it. */
export async function edgeRuntime(script: string, env: Record<string, string> = {}): Promise<RuntimeHost> {
  const runtime = new EdgeRuntime({
    initialCode: script,
    extend: (context) => Object.assign(context, { process: { env } }),
  });
  return {
    async fetch(path, init = {}) {
      const res = await runtime.dispatchFetch(`http://edge.local${path}`, init);
      await res.waitUntil();
      return { status: res.status, text: await res.text() };
    },
    dispose: async () => undefined,
  };
}
