import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EdgeRuntime } from 'edge-runtime';
import { Miniflare } from 'miniflare';
import puppeteer from 'puppeteer-core';

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

/** Debian's Chromium package (tools/scripts/bootstrap.mjs installs it for `npm test`). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * A page in headless Chromium that loaded `script` (an iife bundle) from its own origin on 127.0.0.1; `fetch(path,
 * { body })` calls the global function the script defines under `path` (without its slash) with the parsed body
 * and answers its result as JSON, so a test drives it like the other hosts.
 */
export async function chromium(script: string): Promise<RuntimeHost & { origin: string }> {
  const site = createServer((req, res) => {
    if (req.url === '/bundle.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/bundle.js"></script>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  return {
    origin,
    async fetch(path, init = {}) {
      const answer = await page.evaluate(
        (name, body) => (globalThis as unknown as Record<string, (input: unknown) => unknown>)[name]!(body),
        path.slice(1),
        init.body === undefined ? undefined : JSON.parse(init.body),
      );
      return { status: 200, text: JSON.stringify(answer) };
    },
    async dispose() {
      await browser.close();
      await new Promise((resolve) => site.close(resolve));
    },
  };
}
