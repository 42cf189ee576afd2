// CORS: preflights from allowed origins get the methods and the headers they ask for, other origins get 403 and no
// CORS header (the browser then blocks the call), answers to allowed origins carry Allow-Origin and the exposed
// headers, and the allowed origins come from the start options, the control API and the command line.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedUrl } from './helpers.js';
import { DEFAULT_DEVICE, DEFAULT_TOKENS, SettingsError, startEmulator, type Emulator } from '../src/index.mjs';

const PAGE = 'http://127.0.0.1:5173';
const preflight = (url: string, origin: string) =>
  fetch(`${url}/data`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,device-token',
    },
  });

describe('an emulator allowing one origin', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false, corsOrigins: [PAGE] });
  });
  afterAll(() => emulator.stop());

  it('answers a preflight from it with 204, the methods and the requested headers', async () => {
    const res = await preflight(emulator.url, PAGE);
    expect(res.status).toBe(204);
    const names = ['allow-origin', 'allow-methods', 'allow-headers', 'max-age'].map((n) => `access-control-${n}`);
    expect(Object.fromEntries([...names, 'vary'].map((name) => [name, res.headers.get(name)]))).toEqual({
      'access-control-allow-origin': PAGE,
      'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH',
      'access-control-allow-headers': 'content-type,device-token',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    expect(await res.text()).toBe('');
  });

  it('refuses a preflight from another origin with 403 and no CORS header', async () => {
    const res = await preflight(emulator.url, 'http://evil.test');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await res.json()).toEqual({
      status: false,
      message: `CORS: origin http://evil.test is not allowed (allowed: ${PAGE})`,
    });
  });

  it('marks the answers to the allowed origin, and only those', async () => {
    const headers = { origin: PAGE, 'content-type': 'application/json', 'device-token': DEFAULT_DEVICE.token };
    const sent = await fetch(`${emulator.url}/data`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ variable: 'temperature', value: 20 }),
    });
    expect(sent.status).toBe(200);
    expect(sent.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(sent.headers.get('access-control-expose-headers')).toBe(
      'retry-after, x-request-id, content-disposition, location',
    );
    const other = await fetch(`${emulator.url}/data`, { headers: { ...headers, origin: 'http://evil.test' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('leaves an OPTIONS that is not a preflight to the API (405 with Allow)', async () => {
    const res = await fetch(`${emulator.url}/data`, { method: 'OPTIONS', headers: { origin: PAGE } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('POST');
  });

  it('changes the origins over the control API and refuses a bad one by name', async () => {
    const put = (body: unknown) =>
      fetch(`${emulator.url}/__emulator/cors`, { method: 'PUT', body: JSON.stringify(body) });
    const bad = await put({ origins: ['http://127.0.0.1:5173/app'] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toBe(
      'corsOrigins: "http://127.0.0.1:5173/app" is not an origin (scheme://host[:port], no path, as a browser sends it in Origin)',
    );
    expect((await put({ origin: '*' })).status).toBe(400);
    const opened = await put({ origins: '*' });
    expect((await opened.json()).result).toEqual({ origins: '*' });
    const any = await preflight(emulator.url, 'http://evil.test');
    expect(any.status).toBe(204);
    expect(any.headers.get('access-control-allow-origin')).toBe('*');
    expect(any.headers.get('vary')).toBeNull();
    await put({ origins: 'none' });
    expect((await preflight(emulator.url, PAGE)).status).toBe(403);
    const read = await fetch(`${emulator.url}/__emulator/cors`);
    expect((await read.json()).result).toEqual({ origins: [] });
    expect(emulator.setCorsOrigins(`${PAGE}, http://localhost:8080`)).toEqual([PAGE, 'http://localhost:8080']);
    expect(emulator.getCorsOrigins()).toEqual([PAGE, 'http://localhost:8080']);
  });
});

describe('a page uploading a file in parts', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false, corsOrigins: [PAGE] });
  });
  afterAll(() => emulator.stop());
  const cors = (res: Response) => ({
    status: res.status,
    origin: res.headers.get('access-control-allow-origin'),
    exposed: res.headers.get('access-control-expose-headers'),
  });
  const exposed = 'retry-after, x-request-id, content-disposition, location';

  it('has the preflights of the form steps and of the JSON end step answered with the headers the client sends', async () => {
    // A form body's content type is safelisted; the token and the client's `_ssl` (plain HTTP) are not.
    for (const requested of ['_ssl,token', '_ssl,content-type,token']) {
      const res = await fetch(`${emulator.url}/files`, {
        method: 'OPTIONS',
        headers: { origin: PAGE, 'access-control-request-method': 'POST', 'access-control-request-headers': requested },
      });
      expect([res.status, res.headers.get('access-control-allow-headers')]).toEqual([204, requested]);
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    }
  });

  it('marks the step answers, a refused part and its Retry-After readable by the page', async () => {
    const send = (body: FormData) =>
      fetch(`${emulator.url}/files`, {
        method: 'POST',
        headers: { origin: PAGE, token: DEFAULT_TOKENS.profile },
        body,
      });
    const fields = (entries: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(entries)) form.set(k, v);
      return form;
    };
    const started = await send(fields({ multipart_action: 'start', filename: 'page.bin' }));
    expect(cors(started)).toEqual({ status: 200, origin: PAGE, exposed });
    const uploadId = (await started.json()).result as string;
    emulator.setUploadFaults({ rate: 1, kinds: ['rateLimit'], retryAfterSeconds: 2, maxPerPart: 1 }, 1);
    const part = () => {
      const form = fields({ multipart_action: 'upload', filename: 'page.bin', upload_id: uploadId, part: '1' });
      form.set('file', new Blob([new Uint8Array(10)]), 'page.bin');
      return send(form);
    };
    const refused = await part();
    expect(cors(refused)).toEqual({ status: 429, origin: PAGE, exposed });
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(cors(await part())).toEqual({ status: 200, origin: PAGE, exposed });
    emulator.setUploadFaults(null);
  });
});

describe('the default and the start options', () => {
  it('allows any origin by default', async () => {
    const emulator = await startEmulator({ rateLimits: false });
    try {
      const res = await preflight(emulator.url, 'http://localhost:3000');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await emulator.stop();
    }
  });

  it('refuses origins that are not origins', async () => {
    await expect(startEmulator({ corsOrigins: ['localhost:5173'] })).rejects.toThrow(SettingsError);
    await expect(startEmulator({ corsOrigins: 5 as never })).rejects.toThrow(
      'corsOrigins must be "*", "none" or a list of origins such as "http://localhost:5173"',
    );
  });

  it('takes --cors-origins on the command line', async () => {
    const bin = fileURLToPath(new URL('../bin/tagokit-emulator.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, '--cors-origins', PAGE], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      const url = await printedUrl(child);
      expect((await preflight(url, PAGE)).status).toBe(204);
      expect((await preflight(url, 'http://localhost:3000')).status).toBe(403);
      expect(out).toContain(`CORS origins: ${PAGE}`);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
