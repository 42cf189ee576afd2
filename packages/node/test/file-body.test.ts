import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, fileBody, TagoValidationError } from '../src/index.js';
import { PROFILE_TOKEN } from './helpers.js';

/** A local server that records each request's headers and whole body, answering with an envelope. */
let port = 0;
const seen: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  seen.push({ headers: req.headers, body: Buffer.concat(chunks) });
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ status: true, result: 'stored' }));
});
const dir = mkdtempSync(join(tmpdir(), 'tagokit-file-body-'));
const path = join(dir, 'report.csv');
const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));

beforeAll(async () => {
  writeFileSync(path, bytes);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = () =>
  createClient({
    token: PROFILE_TOKEN,
    region: { api: `http://127.0.0.1:${port}`, sse: `http://127.0.0.1:${port}/events` },
    allowInsecureHttp: true,
  });

describe('fileBody', () => {
  it('is a File named after the path, with the size on disk and the given type', async () => {
    const file = await fileBody(path, { type: 'text/csv' });
    expect(file).toBeInstanceOf(File);
    expect(file.name).toBe('report.csv');
    expect(file.size).toBe(bytes.length);
    expect(file.type).toBe('text/csv');
    expect(Buffer.from(await file.slice(10, 20).arrayBuffer())).toEqual(bytes.subarray(10, 20));
  });

  it('goes through the undici transport as a form-data file part, every byte intact', async () => {
    const c = client();
    const form = new FormData();
    form.set('multipart_action', 'upload');
    form.set('file', await fileBody(path, { type: 'text/csv' }));
    seen.length = 0;
    const answer = await c.files.upload({ body: form });
    await c.close();
    expect(answer).toBe('stored');
    const got = seen[0]!;
    expect(got.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(Number(got.headers['content-length'])).toBe(got.body.length);
    const parsed = await new Response(new Uint8Array(got.body), {
      headers: { 'content-type': got.headers['content-type']! },
    }).formData();
    const file = parsed.get('file') as File;
    expect(file.name).toBe('report.csv');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
  });

  it('sends a raw file body or a Node Readable through core.request', async () => {
    const c = client();
    seen.length = 0;
    await c.core.request({ method: 'PUT', path: '/raw', body: await fileBody(path) });
    await c.core.request({ method: 'PUT', path: '/raw', body: Readable.from([Buffer.from('ab'), Buffer.from('cd')]) });
    await c.close();
    expect(seen[0]!.headers['content-type']).toBe('application/octet-stream');
    expect(seen[0]!.body).toEqual(bytes);
    expect(seen[1]!.body.toString()).toBe('abcd');
  });

  it('refuses a missing file with file_unreadable naming the path', async () => {
    const missing = join(dir, 'nope.bin');
    await expect(fileBody(missing)).rejects.toThrow(TagoValidationError);
    await expect(fileBody(missing)).rejects.toMatchObject({
      code: 'file_unreadable',
      field: 'path',
      message: expect.stringContaining(missing),
    });
  });
});
