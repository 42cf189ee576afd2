// Downlinks and the PDF service beyond the shared runtime scenarios (the requests and credentials of a downlink and
// a PDF on the wire: scenarios/runtime-scenarios.ts): refusals, redirects, failure answers and input checks.
import { afterEach, describe, expect, it } from 'vitest';
import { createEdgeClient } from '@tagokit/edge';
import { checkOffApiUrl, generatePdf, sendDownlink } from '../src/index.ts';
import { startRecordingServer, type RecordingServer } from './support/recording-server.ts';

import {
  ANALYSIS_TOKEN as ANALYSIS,
  DOWNLINK_DEVICE as DEVICE,
  downlinkApiRoutes,
  PROFILE_TOKEN as PROFILE,
} from './scenarios/runtime-scenarios.ts';
const ok = (result: unknown) => () => ({ body: { status: true, result } });

const servers: RecordingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
async function server(routes: Parameters<typeof startRecordingServer>[0]) {
  const s = await startRecordingServer(routes);
  servers.push(s);
  return s;
}

/** The API side of a downlink, as the shared scenarios serve it, with this case's middleware and parameters. */
const downlinkApi = (middlewareEndpoint: string | null, params: { id: string; key: string }[] = []) =>
  server(downlinkApiRoutes(middlewareEndpoint, params));

const clientFor = (api: RecordingServer) =>
  createEdgeClient({ token: PROFILE, region: { api: api.url }, allowInsecureHttp: true, maxRetries: 0 });

describe('sendDownlink', () => {
  it('refuses a network without a middleware, and a plain-http middleware that is not loopback', async () => {
    const none = await downlinkApi(null);
    await expect(sendDownlink(clientFor(none), DEVICE, { payload: '00', port: 1 })).rejects.toMatchObject({
      code: 'downlink_not_supported',
      message: 'network LoRaWAN TTN does not support downlinks (no middleware endpoint)',
    });
    const insecure = await downlinkApi('http://middleware.example.com');
    await expect(sendDownlink(clientFor(insecure), DEVICE, { payload: '00', port: 1 })).rejects.toMatchObject({
      name: 'TagoValidationError',
      code: 'invalid_host',
      field: 'middleware_endpoint',
    });
    // Refused before the parameters were touched.
    expect(insecure.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('checks its input before any request', async () => {
    const api = await downlinkApi('m.example');
    const client = clientFor(api);
    await expect(sendDownlink(client, DEVICE, { payload: '00', port: 0 })).rejects.toMatchObject({ field: 'port' });
    await expect(sendDownlink(client, DEVICE, { payload: '', port: 1 })).rejects.toMatchObject({ field: 'payload' });
    await expect(sendDownlink(client, '', { payload: '00', port: 1 })).rejects.toMatchObject({ field: 'deviceId' });
    expect(api.requests).toEqual([]);
  });

  it('says to wait for an uplink when no token has a serial and authorization', async () => {
    const api = await server({ [`GET /device/token/${DEVICE}`]: ok([{ name: 'new', serie_number: null }]) });
    await expect(sendDownlink(clientFor(api), DEVICE, { payload: '00', port: 1 })).rejects.toMatchObject({
      code: 'downlink_no_uplink',
    });
  });
});

describe('generatePdf', () => {
  it('does not follow a redirect, so the token cannot be forwarded', async () => {
    const elsewhere = await server({ 'POST /': () => ({ body: { status: true, result: '' } }) });
    const pdf = await server({
      'POST /': () => ({ status: 307, body: '', headers: { location: `${elsewhere.url}/` } }),
    });
    await expect(generatePdf({ html: 'x' }, { token: ANALYSIS, url: pdf.url })).rejects.toMatchObject({
      name: 'TagoRedirectError',
    });
    expect(elsewhere.requests).toEqual([]);
  });

  it('turns a failure answer into typed errors', async () => {
    const pdf = await server({ 'POST /': () => ({ status: 401, body: { status: false, message: 'Invalid token' } }) });
    await expect(generatePdf({ url: 'https://example.com' }, { token: ANALYSIS, url: pdf.url })).rejects.toMatchObject({
      name: 'AuthenticationError',
      status: 401,
      message: 'Invalid token',
    });
    const empty = await server({ 'POST /': () => ({ body: { status: false, message: 'render failed' } }) });
    await expect(generatePdf({ html: 'x' }, { token: ANALYSIS, url: empty.url })).rejects.toMatchObject({
      code: 'pdf_failed',
      message: 'the PDF service did not return a file: render failed',
    });
  });

  it('checks the token, the source and the host before sending', async () => {
    await expect(generatePdf({ html: 'x' }, { token: '' })).rejects.toMatchObject({ code: 'token_missing' });
    await expect(generatePdf({ html: 'x', url: 'y' } as never, { token: ANALYSIS })).rejects.toMatchObject({
      field: 'source',
    });
    await expect(generatePdf({ html: 'x'.repeat(262_145) }, { token: ANALYSIS })).rejects.toMatchObject({
      field: 'html',
    });
    await expect(generatePdf({ html: 'x', options: { scale: 3 } }, { token: ANALYSIS })).rejects.toMatchObject({
      field: 'options.scale',
    });
    await expect(generatePdf({ html: 'x' }, { token: ANALYSIS, url: 'http://pdf.example.com' })).rejects.toMatchObject({
      code: 'invalid_host',
    });
  });
});

describe('checkOffApiUrl', () => {
  it('allows https and loopback http only, without user info, query or fragment', () => {
    expect(checkOffApiUrl('https://m.example.com/base/', 'u')).toBe('https://m.example.com/base');
    expect(checkOffApiUrl('http://127.0.0.1:8080', 'u')).toBe('http://127.0.0.1:8080');
    for (const bad of [
      'http://m.example.com',
      'https://user:pw@m.example.com',
      'https://m.example.com/?a=1',
      'https://m.example.com/#x',
      'ftp://m.example.com',
      'not a url',
    ]) {
      expect(() => checkOffApiUrl(bad, 'u'), bad).toThrow(
        expect.objectContaining({ code: 'invalid_host', field: 'u' }),
      );
    }
  });
});
