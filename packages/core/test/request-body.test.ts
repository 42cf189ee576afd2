import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  buildOperationRequest,
  createEndpoint,
  fetchTransport,
  RateLimitError,
  send,
  TagoConnectionError,
  TagoCore,
  TagoValidationError,
  type OperationDescriptor,
  type Transport,
  type WireRequest,
  type WireResponse,
} from '../src/internal/index.js';

const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';
const ok = (result: unknown): WireResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ status: true, result }),
});
const tooMany: WireResponse = {
  status: 429,
  headers: { 'retry-after': '1' },
  body: JSON.stringify({ status: false, message: 'Too many requests' }),
};

/** Records each request with its body read to bytes at send time (a stream can be read only then). */
function recording(...answers: WireResponse[]) {
  const requests: { req: WireRequest; bytes: Uint8Array }[] = [];
  const transport: Transport = async (req) => {
    requests.push({ req, bytes: await bytesOf(req.body) });
    return answers[Math.min(requests.length - 1, answers.length - 1)]!;
  };
  return { transport, requests };
}

async function bytesOf(body: WireRequest['body']): Promise<Uint8Array> {
  if (body === undefined) return new Uint8Array();
  return new Uint8Array(await new Response(body as BodyInit).arrayBuffer());
}

function core(transport: Transport): TagoCore {
  return new TagoCore({ token: TOKEN, transport, random: () => 0, sleep: async () => {} });
}

/** What `uploadFiles` is in the generated descriptors: JSON or form-data. */
const uploadFiles: OperationDescriptor = {
  id: 'uploadFiles',
  method: 'POST',
  path: '/files',
  kinds: ['profile'],
  envelope: 'envelope',
  paging: 'none',
  pathParams: [],
  queryParams: [],
  requiredQuery: [],
  body: {
    required: true,
    contentType: 'application/json',
    mediaTypes: ['application/json', 'multipart/form-data'],
    shape: 'object-or-array',
    requiredKeys: ['filename'],
  },
};
const jsonOnly: OperationDescriptor = {
  ...uploadFiles,
  id: 'sendData',
  body: { ...uploadFiles.body!, mediaTypes: undefined },
};
const binary: OperationDescriptor = {
  ...uploadFiles,
  id: 'putImage',
  body: { ...uploadFiles.body!, mediaTypes: ['image/png'] },
};

function startForm(): FormData {
  const form = new FormData();
  form.set('multipart_action', 'start');
  form.set('filename', '/images/a "quoted"\nname.png');
  form.set('file', new Blob([new Uint8Array([0, 1, 2, 255])], { type: 'image/png' }), 'a.png');
  return form;
}

describe('FormData bodies', () => {
  it('go as multipart/form-data with the boundary, every field and file byte intact', async () => {
    const { transport, requests } = recording(ok('upload-1'));
    const answer = await core(transport).request({ method: 'POST', path: '/files', body: startForm() });
    expect(answer.data).toBe('upload-1');
    const { req, bytes } = requests[0]!;
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=.+/);
    expect(req.body).toBeInstanceOf(Blob);
    expect((req.body as Blob).size).toBe(bytes.length);
    const parsed = await new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': req.headers['content-type']! },
    }).formData();
    expect(parsed.get('multipart_action')).toBe('start');
    expect(parsed.get('filename')).toBe('/images/a "quoted"\r\nname.png');
    const file = parsed.get('file') as File;
    expect(file.name).toBe('a.png');
    expect(file.type).toBe('image/png');
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('take their boundary from the encoder, whatever boundary a raw request names', async () => {
    const { transport, requests } = recording(ok('upload-1'));
    const contentType = 'Multipart/Form-Data; boundary=not-this-one';
    await core(transport).request({ method: 'POST', path: '/files', body: startForm(), contentType });
    const sent = requests[0]!.req.headers['content-type']!;
    expect(sent).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent).not.toContain('not-this-one');
  });

  it('are sent again whole when a 429 asks for a retry', async () => {
    const { transport, requests } = recording(tooMany, ok('upload-1'));
    await core(transport).request({ method: 'POST', path: '/files', body: startForm() });
    expect(requests).toHaveLength(2);
    expect(requests[1]!.bytes).toEqual(requests[0]!.bytes);
    expect(requests[1]!.req.headers['content-type']).toBe(requests[0]!.req.headers['content-type']);
  });

  it('pass an operation that lists multipart/form-data, without the JSON schema key checks', async () => {
    const { transport, requests } = recording(ok('upload-1'));
    const op = buildOperationRequest(uploadFiles, { body: startForm() });
    await core(transport).request(op);
    expect(requests[0]!.req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('are refused with body_media_type where the operation takes only JSON, before anything is sent', async () => {
    const { transport, requests } = recording(ok(null));
    const c = core(transport);
    await expect(c.request(buildOperationRequest(jsonOnly, { body: startForm() }))).rejects.toMatchObject({
      name: 'TagoValidationError',
      code: 'body_media_type',
      field: 'body',
      message: 'sendData: a FormData body cannot be sent here; the operation takes application/json',
    });
    const raw = c.request({ method: 'POST', path: '/data', body: startForm(), contentType: 'application/json' });
    await expect(raw).rejects.toMatchObject({ code: 'body_media_type' });
    expect(requests).toHaveLength(0);
  });

  it('are refused by the one-attempt send (the lean client), which sends JSON and text only', async () => {
    const { transport, requests } = recording(ok('upload-1'));
    const endpoint = createEndpoint(
      { api: 'https://api.tago.io', sse: 'https://sse.tago.io/events', insecure: false },
      { token: TOKEN },
    );
    await expect(send(endpoint, { method: 'POST', path: '/files', body: startForm() }, {}, transport)).rejects.toThrow(
      expect.objectContaining({
        code: 'body_media_type',
        message:
          'This client sends JSON and text only; a FormData, Blob, bytes or stream body needs createClient or ' +
          'createEdgeClient',
      }),
    );
    await expect(
      send(endpoint, { method: 'POST', path: '/x', body: new Uint8Array(1) }, {}, transport),
    ).rejects.toThrow(expect.objectContaining({ code: 'body_media_type' }));
    expect(requests).toHaveLength(0);
  });
});

describe('binary bodies', () => {
  it('send a Blob with its own type, bytes with application/octet-stream, a view exactly its bytes', async () => {
    const { transport, requests } = recording(ok(null));
    const c = core(transport);
    await c.request({ method: 'POST', path: '/x', body: new Blob(['hello'], { type: 'text/csv' }) });
    await c.request({ method: 'POST', path: '/x', body: new Uint8Array([1, 2, 3]).buffer });
    const backing = new Uint8Array([9, 9, 4, 5, 6, 9]);
    await c.request({ method: 'POST', path: '/x', body: new DataView(backing.buffer, 2, 3) });
    expect(requests.map((r) => r.req.headers['content-type'])).toEqual([
      'text/csv',
      'application/octet-stream',
      'application/octet-stream',
    ]);
    expect(new TextDecoder().decode(requests[0]!.bytes)).toBe('hello');
    expect([...requests[1]!.bytes]).toEqual([1, 2, 3]);
    expect([...requests[2]!.bytes]).toEqual([4, 5, 6]);
  });

  it('take the binary media type an operation lists, and are refused where it lists none', async () => {
    const { transport, requests } = recording(ok(null));
    const c = core(transport);
    await c.request(buildOperationRequest(binary, { body: new Uint8Array([1]) }));
    expect(requests[0]!.req.headers['content-type']).toBe('image/png');
    await expect(c.request(buildOperationRequest(uploadFiles, { body: new Uint8Array([1]) }))).rejects.toMatchObject({
      code: 'body_media_type',
      message:
        'uploadFiles: a byte array body cannot be sent here; the operation takes application/json or multipart/form-data',
    });
    await expect(c.request(buildOperationRequest(binary, { body: startForm() }))).rejects.toThrow(TagoValidationError);
    expect(requests).toHaveLength(1);
  });
});

describe('stream bodies', () => {
  async function* chunks() {
    yield new TextEncoder().encode('ab');
    yield 'cd';
  }

  it('send a ReadableStream or an async iterable once, as a stream', async () => {
    const { transport, requests } = recording(ok(null));
    const c = core(transport);
    await c.request({ method: 'PUT', path: '/x', body: chunks() });
    await c.request({ method: 'PUT', path: '/x', body: new Blob(['xyz']).stream() });
    expect(requests[0]!.req.body).toBeInstanceOf(ReadableStream);
    expect(requests[0]!.req.headers['content-type']).toBe('application/octet-stream');
    expect(new TextDecoder().decode(requests[0]!.bytes)).toBe('abcd');
    expect(new TextDecoder().decode(requests[1]!.bytes)).toBe('xyz');
  });

  it('are not retried: a retry the policy wants is a body_not_replayable error carrying the failure', async () => {
    const { transport, requests } = recording(tooMany, ok(null));
    const error = await core(transport)
      .request({ method: 'PUT', path: '/x', body: chunks() })
      .catch((e: unknown) => e);
    expect(requests).toHaveLength(1);
    expect(error).toBeInstanceOf(TagoValidationError);
    // A 429 is an answer that nothing was stored: the error says so.
    expect(error).toMatchObject({ code: 'body_not_replayable', field: 'body', mayHaveBeenProcessed: false });
    expect((error as Error).cause).toBeInstanceOf(RateLimitError);
  });

  it('a lost connection on a retryable call says the server may have the body', async () => {
    const transport: Transport = async (req) => {
      await bytesOf(req.body);
      throw new TagoConnectionError('Connection lost (ECONNRESET)', { reachedServer: true });
    };
    const error = await core(transport)
      .request({ method: 'PUT', path: '/x', body: chunks() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'body_not_replayable', mayHaveBeenProcessed: true });
  });

  it('reach a real server through fetchTransport (duplex streaming)', async () => {
    let received = '';
    let contentType: string | undefined;
    const server = createServer(async (req: IncomingMessage, res) => {
      contentType = req.headers['content-type'];
      for await (const chunk of req) received += chunk;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: true, result: 'stored' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const c = new TagoCore({
        token: TOKEN,
        region: { api: `http://127.0.0.1:${port}`, sse: `http://127.0.0.1:${port}/events` },
        allowInsecureHttp: true,
        transport: fetchTransport(),
      });
      const answer = await c.request({ method: 'PUT', path: '/x', body: chunks(), contentType: 'text/csv' });
      expect(answer.data).toBe('stored');
      expect(received).toBe('abcd');
      expect(contentType).toBe('text/csv');
    } finally {
      server.close();
    }
  });
});

describe('JSON bodies stay as they were', () => {
  it('a plain object is JSON; a string is JSON unless the call says text/plain', async () => {
    const { transport, requests } = recording(ok(null));
    const c = core(transport);
    await c.request({ method: 'POST', path: '/data', body: { variable: 't', value: 1 } });
    await c.request({ method: 'POST', path: '/data', body: 'AA01', contentType: 'text/plain' });
    expect(requests[0]!.req.headers['content-type']).toBe('application/json');
    expect(requests[0]!.req.body).toBe('{"variable":"t","value":1}');
    expect(requests[1]!.req.body).toBe('AA01');
  });
});
