// Multipart uploads on the wire: the three steps as form-data and JSON, parts stored under their numbers and
// assembled in order, S3's rules on the end step, per-part faults drawn from the seed, and the file reached again
// by listFiles and getFile (signed URL, download, MD5).
import { createHash } from 'node:crypto';
import { validateResult } from '@tagokit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE_ID, DEFAULT_TOKENS, startEmulator, type Emulator } from '../src/index.mjs';

const MiB = 1024 * 1024;
let emulator: Emulator;
const headers = { token: DEFAULT_TOKENS.profile };

beforeAll(async () => {
  emulator = await startEmulator({ rateLimits: false });
});
afterAll(() => emulator?.stop());

/** Deterministic bytes: part `n` of a file, `size` long. */
const bytes = (size: number, salt: number): Uint8Array<ArrayBuffer> =>
  Uint8Array.from({ length: size }, (_, i) => (i * 31 + salt) % 256);
const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('hex');

function form(fields: Record<string, string>, file?: Uint8Array<ArrayBuffer>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  if (file) f.set('file', new Blob([file]), fields.filename);
  return f;
}

async function post(path: string, body: FormData | unknown) {
  const isForm = body instanceof FormData;
  const res = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: isForm ? headers : { ...headers, 'content-type': 'application/json' },
    body: isForm ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { status: boolean; result?: any; message?: string } };
}

async function start(path: string, filename: string, extra: Record<string, string> = {}) {
  const answer = await post(path, form({ multipart_action: 'start', filename, ...extra }));
  expect(answer.status).toBe(200);
  return answer.body.result as string;
}

const uploadPart = (path: string, filename: string, uploadId: string, part: number, data: Uint8Array<ArrayBuffer>) =>
  post(path, form({ multipart_action: 'upload', filename, upload_id: uploadId, part: String(part) }, data));

describe('multipart upload to /files', () => {
  it('stores the parts, assembles them in order and serves the file back', async () => {
    const filename = '/reports/big.bin';
    const id = await start('/files', filename, { contentType: 'application/x-test', public: 'false' });
    expect(id).toMatch(/^[\w-]{40,}$/);
    const p1 = bytes(5 * MiB, 1);
    const p2 = bytes(1000, 2);
    // Out of order on purpose: the end step's list decides the order.
    const second = await uploadPart('/files', filename, id, 2, p2);
    const first = await uploadPart('/files', filename, id, 1, p1);
    expect(first.body.result).toMatchObject({ ETag: `"${md5(p1)}"`, ServerSideEncryption: 'AES256' });
    expect(second.body.result.ETag).toBe(`"${md5(p2)}"`);
    const end = await post('/files', {
      multipart_action: 'end',
      filename,
      upload_id: id,
      parts: [
        { PartNumber: 1, ETag: first.body.result.ETag },
        { PartNumber: 2, ETag: second.body.result.ETag },
      ],
    });
    expect(end).toEqual({
      status: 200,
      body: { status: true, result: { file: `${emulator.url}/file/${DEFAULT_PROFILE_ID}/reports/big.bin` } },
    });
    // Each step's answer is one of the shapes the spec gives uploadFiles.
    for (const result of [id, first.body.result, end.body.result])
      expect(validateResult('uploadFiles', result)).toEqual([]);
    const whole = new Uint8Array([...p1, ...p2]);
    const list = await fetch(`${emulator.url}/files?path=/reports`, { headers });
    expect(((await list.json()) as any).result.files).toEqual([
      expect.objectContaining({ filename: 'big.bin', size: whole.length, public: false }),
    ]);
    const fileUrl = `${emulator.url}/file/${DEFAULT_PROFILE_ID}/reports/big.bin`;
    const hash = await fetch(`${fileUrl}?noRedirect=true&md5=true`, { headers });
    expect(((await hash.json()) as any).result).toBe(md5(whole));
    const signed = ((await (await fetch(`${fileUrl}?noRedirect=true`, { headers })).json()) as any).result as string;
    const download = await fetch(signed);
    expect(download.headers.get('content-type')).toBe('application/x-test');
    expect(md5(new Uint8Array(await download.arrayBuffer()))).toBe(md5(whole));
    const redirect = await fetch(fileUrl, { headers, redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(signed);
  });

  it('a snapshot keeps stored bytes and open uploads (over JSON, as the control route sends it)', async () => {
    const id = await start('/files', '/snap/open.bin');
    await uploadPart('/files', '/snap/open.bin', id, 1, bytes(10, 4));
    const snapshot = JSON.parse(JSON.stringify(emulator.saveState()));
    emulator.restoreState(snapshot);
    const hash = await fetch(`${emulator.url}/file/${DEFAULT_PROFILE_ID}/reports/big.bin?noRedirect=true&md5=true`, {
      headers,
    });
    expect(hash.status).toBe(200);
    const end = await post('/files', {
      multipart_action: 'end',
      filename: '/snap/open.bin',
      upload_id: id,
      parts: [{ PartNumber: 1, ETag: `"${md5(bytes(10, 4))}"` }],
    });
    expect(end.status).toBe(200);
  });

  it('a part sent again replaces the first copy; the end step holds S3 to its rules', async () => {
    const filename = '/rules.bin';
    const id = await start('/files', filename);
    await uploadPart('/files', filename, id, 1, bytes(100, 1));
    const again = await uploadPart('/files', filename, id, 1, bytes(100, 9));
    const small = await uploadPart('/files', filename, id, 2, bytes(10, 2));
    const end = (parts: unknown) => post('/files', { multipart_action: 'end', filename, upload_id: id, parts });
    const e1 = again.body.result.ETag;
    const e2 = small.body.result.ETag;
    expect((await end([{ PartNumber: 1, ETag: '"0"' }])).body.message).toBe(
      'part 1: the ETag does not match the stored part',
    );
    expect((await end([{ PartNumber: 3, ETag: e2 }])).body.message).toBe('part 3 was never uploaded');
    expect(
      (
        await end([
          { PartNumber: 2, ETag: e2 },
          { PartNumber: 1, ETag: e1 },
        ])
      ).body.message,
    ).toBe('parts must be in ascending PartNumber order, each number once');
    const tooSmall = await end([
      { PartNumber: 1, ETag: e1 },
      { PartNumber: 2, ETag: e2 },
    ]);
    expect(tooSmall).toEqual({
      status: 400,
      body: {
        status: false,
        message: 'part 1 holds 100 bytes: every part but the last must hold 5 MiB or more',
      },
    });
    // A single part may be small; the stored bytes are the second copy's.
    expect((await end([{ PartNumber: 1, ETag: e1 }])).status).toBe(200);
    const hash = await fetch(`${emulator.url}/file/${DEFAULT_PROFILE_ID}/rules.bin?noRedirect=true&md5=true`, {
      headers,
    });
    expect(((await hash.json()) as any).result).toBe(md5(bytes(100, 9)));
  });

  it('refuses an unknown upload, a wrong part number, a part without bytes and a broken form', async () => {
    const filename = '/x.bin';
    const id = await start('/files', filename);
    expect((await uploadPart('/files', filename, 'nope', 1, bytes(1, 1))).status).toBe(404);
    expect((await uploadPart('/files', filename, id, 0, bytes(1, 1))).body.message).toBe(
      'part must be a whole number from 1 to 10000, got 0',
    );
    const noFile = await post('/files', form({ multipart_action: 'upload', filename, upload_id: id, part: '1' }));
    expect(noFile.body.message).toBe('file is required: the part\u2019s bytes as a form-data file');
    const broken = await fetch(`${emulator.url}/files`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'multipart/form-data; boundary=zzz' },
      body: '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).message).toMatch(/^Error on Body parameters: the form cannot be read/);
  });

  it('keeps widget uploads under their own target', async () => {
    const widget = '/data/files/6500000000000000000000d1/6500000000000000000000e1';
    const id = await start(widget, '/uploads/photo.png', { field_id: 'photo_field' });
    // The id belongs to that widget's target: /files does not know it.
    expect((await uploadPart('/files', '/uploads/photo.png', id, 1, bytes(5, 1))).status).toBe(404);
    const part = await uploadPart(widget, '/uploads/photo.png', id, 1, bytes(5, 1));
    const end = await post(widget, {
      multipart_action: 'end',
      filename: '/uploads/photo.png',
      field_id: 'photo_field',
      upload_id: id,
      parts: [{ PartNumber: 1, ETag: part.body.result.ETag }],
    });
    expect(end.body.result.file).toBe(`${emulator.url}/file/${DEFAULT_PROFILE_ID}/uploads/photo.png`);
    for (const result of [id, part.body.result, end.body.result])
      expect(validateResult('uploadWidgetFile', result)).toEqual([]);
  });
});

describe('upload part faults', () => {
  it('fail the same attempts of the same parts for a seed, at most maxPerPart times a part', async () => {
    const run = async () => {
      emulator.setUploadFaults({ rate: 0.6, maxPerPart: 2 }, 7);
      const id = await start('/files', '/faulty.bin');
      const seen: string[] = [];
      for (const part of [1, 2, 3]) {
        for (let attempt = 1; attempt <= 3; attempt++) {
          const outcome = await uploadPart('/files', '/faulty.bin', id, part, bytes(10, part)).then(
            (a) => String(a.status),
            () => 'reset',
          );
          seen.push(`${part}.${attempt}:${outcome}`);
          if (outcome === '200') break;
        }
      }
      const upload = (emulator.state as any).resources('multipartUploads').get(id);
      return { seen, stored: upload.stored, faulted: upload.faulted };
    };
    const first = await run();
    const second = await run();
    emulator.setUploadFaults(null);
    expect(second.seen).toEqual(first.seen);
    // Every part got through on its third attempt at the latest, and was faulted twice at most.
    for (const part of ['1', '2', '3']) {
      expect(first.seen.some((s) => s.startsWith(`${part}.`) && s.endsWith(':200'))).toBe(true);
      expect(first.faulted[part] ?? 0).toBeLessThanOrEqual(2);
    }
    expect(first.seen.some((s) => !s.endsWith(':200'))).toBe(true);
  });

  it('are refused by name when misspelt', async () => {
    expect(() => emulator.setUploadFaults({ rat: 1 } as never)).toThrow(
      'unknown key "rat" in uploadFaults (did you mean "rate"?)',
    );
  });
});

describe('upload fault control route', () => {
  it('sets the upload faults and their seed over HTTP, refusing unknown keys', async () => {
    const set = await fetch(`${emulator.url}/__emulator/upload-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: { rate: 1, parts: [1], kinds: ['http5xx'], maxPerPart: 1 }, seed: 3 }),
    });
    expect(((await set.json()) as any).result).toEqual({
      config: { rate: 1, parts: [1], kinds: ['http5xx'], maxPerPart: 1, retryAfterSeconds: 0 },
      seed: 3,
    });
    const id = await start('/files', '/ctl.bin');
    expect((await uploadPart('/files', '/ctl.bin', id, 1, bytes(3, 1))).status).toBe(500);
    expect((await uploadPart('/files', '/ctl.bin', id, 1, bytes(3, 1))).status).toBe(200);
    const bad = await fetch(`${emulator.url}/__emulator/upload-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault: {} }),
    });
    expect(bad.status).toBe(400);
    emulator.setUploadFaults(null);
  });
});

describe('form body cap', () => {
  it('takes a form larger than maxBodyBytes up to maxFormBodyBytes, then answers 413; JSON keeps the plain cap', async () => {
    const small = await startEmulator({ rateLimits: false, maxBodyBytes: 1000, maxFormBodyBytes: 100_000 });
    try {
      const send = (body: BodyInit, type?: string) =>
        fetch(`${small.url}/files`, {
          method: 'POST',
          headers: type ? { ...headers, 'content-type': type } : headers,
          body,
        });
      const fits = await send(form({ multipart_action: 'start', filename: '/a.bin', pad: 'x'.repeat(50_000) }));
      expect(fits.status).toBe(200);
      const tooBig = await send(form({ multipart_action: 'start', filename: '/a.bin', pad: 'x'.repeat(150_000) }));
      expect(tooBig.status).toBe(413);
      expect(((await tooBig.json()) as any).message).toBe('Request body too large: the limit is 100000 bytes');
      const json = await send(JSON.stringify([{ filename: '/b.txt', file: 'x'.repeat(2000) }]), 'application/json');
      expect(json.status).toBe(413);
    } finally {
      await small.stop();
    }
    await expect(startEmulator({ maxFormBodyBytes: -1 })).rejects.toThrow(
      'maxFormBodyBytes must be a positive integer',
    );
  });
});
