// examples/browser in a real browser: Debian's Chromium, headless, driven by puppeteer-core, loads the page from one
// origin (a static server on 127.0.0.1) and its bundle of the installed @tagokit/edge calls the emulator on another
// port, cross-origin: a preflight, then send, read back, a typed 401. An emulator that does not allow the page's
// origin makes the browser block the call, and the error says CORS is the likely cause.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_DEVICE, startEmulator, type Emulator } from '@tagokit/emulator';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundleExample, sizeLine } from './support/bundle.js';

/** Debian's package (tools/scripts/bootstrap.mjs installs it for `npm test`). */
const CHROMIUM = '/usr/bin/chromium';
const pageDir = join(inject('project'), 'browser');
let site: Server;
let pageOrigin: string;
let browser: Browser;
const emulators: Emulator[] = [];

beforeAll(async () => {
  const bundle = await bundleExample(join(pageDir, 'main.ts'), { format: 'iife', platform: 'browser' });
  console.log(sizeLine('browser', bundle));
  writeFileSync(join(pageDir, 'bundle.js'), bundle.code);
  const types: Record<string, string> = { html: 'text/html', js: 'text/javascript' };
  site = createServer(async (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    if (!['index.html', 'bundle.js'].includes(name)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[name.split('.').pop() ?? ''] ?? 'text/plain' });
    res.end(await readFile(join(pageDir, name)));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  site?.close();
  await Promise.all(emulators.map((e) => e.stop()));
});

async function openPage(corsOrigins: string[] | 'none') {
  const emulator = await startEmulator({ host: '127.0.0.1', rateLimits: false, corsOrigins });
  emulators.push(emulator);
  const page = await browser.newPage();
  const preflights: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'OPTIONS') preflights.push(r.url());
  });
  const query = new URLSearchParams({ api: emulator.url, token: DEFAULT_DEVICE.token });
  await page.goto(`${pageOrigin}/index.html?${query}`);
  await page.waitForFunction(() => 'tagokitResult' in globalThis, { timeout: 20_000 });
  const result = await page.evaluate(() => (globalThis as { tagokitResult?: unknown }).tagokitResult);
  await page.close();
  return { emulator, result, preflights };
}

describe('Chromium (headless, Debian package)', () => {
  it('runs examples/browser cross-origin: send, read back, a typed 401', async () => {
    const { emulator, result, preflights } = await openPage([pageOrigin]);
    // The token header and the JSON body make every call a non-simple one: the browser asked first.
    expect(preflights).toContain(`${emulator.url}/data`);
    expect(result).toEqual({
      read: { variable: 'light', value: 320, unit: 'lx' },
      error: { typed: true, status: 401 },
    });
    expect(emulator.state.devices.get(DEFAULT_DEVICE.id)?.data).toHaveLength(1);
  });

  it('names CORS as the likely cause when the API does not allow the page', async () => {
    const { emulator, result } = await openPage('none');
    expect(result).toEqual({
      failed: {
        name: 'TagoConnectionError',
        code: 'connection_lost',
        message:
          'Connection lost: the browser gave no reason ("Failed to fetch"); likely CORS refused origin ' +
          `${pageOrigin} (see the browser console), or the server is unreachable`,
      },
    });
    // The preflight was refused, so the record was never sent.
    expect(emulator.state.devices.get(DEFAULT_DEVICE.id)?.data).toHaveLength(0);
  });
});
