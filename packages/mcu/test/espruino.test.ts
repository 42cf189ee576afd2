import { describe, expect, it } from 'vitest';
import { ENGINES, ESPRUINO_BIN, asScript, lastJson, read, runEngine } from './helpers/engines.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Out = Record<string, any>;

// Espruino's built-ins first (2v29 indexOf, split with a long separator, Date, JSON.parse), then the module.
const builtins = read('test/engines/espruino-builtins.js');
const fakeHttp = read('test/engines/espruino-http.js');
const script = `${builtins}${asScript(read('dist/tagokit.js'))}${fakeHttp}${read('test/engines/espruino-harness.js')}`;

const runs: Record<string, string> = {};
for (const [engine, bin] of Object.entries(ENGINES)) {
  runs[`on Espruino's built-ins, in ${engine}`] = runEngine(bin, script);
}
// A real Espruino binary has the real built-ins, so the models are left out.
if (ESPRUINO_BIN) runs[`in Espruino ${ESPRUINO_BIN}`] = runEngine(ESPRUINO_BIN, script.replace(builtins, ''));

for (const [engine, text] of Object.entries(runs)) {
  describe(`Espruino http transport over a fake Espruino http module, ${engine}`, () => {
    const out = lastJson<Out>(text);
    const sent = (method: string, path: string) => out['log'].find((l: Out) => l['method'] === method && l['path'] === path);
    // Tokens as the harness makes them: 36 characters, as long as real ones.
    const sentBy = (name: string) => out['log'].filter((l: Out) => l['headers'].token === `${name}-0000-4000-8000-000000000000`.slice(0, 36));

    it('runs on built-ins that answer as Espruino 2v29 does', () => {
      expect(out['quirks']).toEqual({
        indexOf: 7, nativeIndexOf: -1, split: 0, junkDate: 0, utc: 'undefined', badJson: 'undefined',
        signedEncode: 'a%59%20', escapedJson: '"\\u00E9\\u007F"',
      });
    });

    it('sends data with Content-Length, the token, _ssl=false and ASCII-escaped JSON', () => {
      expect(out['sendData'].error).toBeNull();
      expect(out['sendData'].data).toBe('1 Data Added');
      expect(out['sendData'].status).toBe(202);
      const req = sent('POST', '/data');
      expect(JSON.parse(req.body)).toEqual({ variable: 'temperature', value: 21.5, unit: '\u00b0C' });
      // Espruino's own JSON.stringify already escapes as \u00B0 (upper case), the runtime's as \u00b0.
      expect(req.body.toLowerCase()).toContain('"\\u00b0c"');
      expect(req.headers['content-length']).toBe(String(req.body.length));
      expect(req.headers.token).toBe('b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d');
      expect(req.headers._ssl).toBe('false');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.protocol).toBe('http:');
      expect(req.port).toBe(8080);
    });
    it('gets data with the query string and lower-cases server-cased headers', () => {
      const path: string = out['log'].find((l: Out) => l['method'] === 'GET' && String(l['path']).startsWith('/data?')).path;
      expect(path.split('?')[1]!.split('&').sort()).toEqual(['qty=1', 'variables=temperature']);
      expect(out['getData'].data).toEqual([{ variable: 'temperature', value: 21.5 }]);
      expect(out['getData'].headers['x-request-id']).toBe('r1');
    });
    it('lists config params and acknowledges one', () => {
      expect(out['listConfigParams'].data[0].key).toBe('interval');
      expect(sent('GET', '/device/params?sent_status=false')).toBeDefined();
      expect(out['markConfigParamRead'].data).toBe('Params updated');
      expect(sent('PUT', '/device/params/p1').body).toBe('{"sent":true}');
    });
    it('reads /info', () => {
      expect(out['getTokenInfo'].data.type).toBe('device');
      expect(sent('GET', '/info').headers['content-length']).toBeUndefined();
    });
    it('maps 401 to AuthenticationError', () => {
      expect(out['unauthorized'].error).toMatchObject({ name: 'AuthenticationError', code: 'authentication', status: 401, message: 'Invalid token', mayHaveBeenProcessed: false, method: 'GET', path: '/info' });
    });
    it('maps 429 with Retry-After to RateLimitError', () => {
      expect(out['rateLimited'].error).toMatchObject({ name: 'RateLimitError', code: 'rate_limited', status: 429, retryAfterSeconds: 7, mayHaveBeenProcessed: false });
    });
    it('treats end() throwing as a refused connection, retried even for POST-safe cases', () => {
      expect(out['refused'].error).toMatchObject({ name: 'TagoConnectionError', code: 'connection_refused', mayHaveBeenProcessed: false });
      expect(out['refusedRetried'].error).toMatchObject({ code: 'connection_refused' });
      expect(out['log'].filter((l: Out) => l['host'] === 'refused.example' && l['path'] === '/info').length).toBe(2);
    });
    it('treats a reset after sending as a lost connection', () => {
      expect(out['reset'].error).toMatchObject({ name: 'TagoConnectionError', code: 'connection_lost', mayHaveBeenProcessed: true });
    });
    it('times out with setTimeout', () => {
      expect(out['timeout'].error).toMatchObject({ name: 'TagoTimeoutError', code: 'timeout', mayHaveBeenProcessed: true });
    });
    it('reads the error codes that mean nothing was sent as refused (host not found, TLS handshake)', () => {
      expect(out['dnsNotFound'].error).toMatchObject({ name: 'TagoConnectionError', code: 'connection_refused', mayHaveBeenProcessed: false, message: 'not found' });
      expect(out['tlsHandshake'].error).toMatchObject({ code: 'connection_refused', mayHaveBeenProcessed: false, message: 'SSL handshake failed' });
    });
    it('treats "no response" (-15: refused, or dropped after sending) as possibly processed', () => {
      expect(out['noResponse'].error).toMatchObject({ name: 'TagoConnectionError', code: 'connection_lost', mayHaveBeenProcessed: true, method: 'POST', path: '/data' });
    });
    it('reports an answer shorter than its Content-Length as a lost connection, not as bad JSON', () => {
      expect(out['cutShort'].error).toMatchObject({ name: 'TagoConnectionError', code: 'connection_lost', mayHaveBeenProcessed: true, message: 'answer cut short: 24 of 52 bytes' });
    });
    it('reports request() returning nothing as a refused connection', () => {
      expect(out['noRequest'].error).toMatchObject({ code: 'connection_refused', mayHaveBeenProcessed: false, message: 'http.request returned nothing (bad options or out of memory)' });
    });
    it('refuses a missing path parameter before sending', () => {
      expect(out['missingPath'].error).toMatchObject({ name: 'TagoValidationError', code: 'path_param_missing' });
    });

    // Issue #14, point 1: 2v29's indexOf made POST look idempotent, so a write that timed out was sent 3 times.
    it('never resends a POST after a timeout or a 5xx (indexOf of 2v29), but retries a GET', () => {
      expect(out['postTimeout'].error).toMatchObject({ code: 'timeout', mayHaveBeenProcessed: true });
      expect(out['log'].filter((l: Out) => l['host'] === 'silent.example' && l['method'] === 'POST')).toHaveLength(1);
      expect(out['post5xx'].error).toMatchObject({ name: 'InternalServerError', status: 502, message: 'Bad Gateway' });
      expect(sentBy('gateway-5xx').filter((l: Out) => l['method'] === 'POST')).toHaveLength(1);
      expect(out['get5xx'].error).toMatchObject({ status: 502 });
      expect(sentBy('gateway-5xx').filter((l: Out) => l['method'] === 'GET')).toHaveLength(3);
    });

    // Point 2: split(token) answers [] for a text shorter than the token, which blanked every short message.
    it('keeps messages and warnings shorter than the token (split with a long separator)', () => {
      expect(out['shortMessage'].error).toMatchObject({ name: 'AuthenticationError', message: 'Authorization Denied' });
      expect(out['retryAfterMessage'].error).toMatchObject({ name: 'RateLimitError', message: 'Too many requests (Retry-After: 3)', retryAfterSeconds: 3 });
      expect(out['shortWarning'].data).toBe('ok');
      expect(out['warnings']).toEqual(['Deprecated']);
    });

    // Point 4: JSON.stringify writes NaN and Infinity as null, and the API answers 400 for every reading.
    it('refuses NaN and Infinity in a body before sending, naming the record and key', () => {
      expect(out['nan'].error).toMatchObject({ name: 'TagoValidationError', code: 'body_invalid_number', field: 'body[1].value' });
      expect(out['infinity'].error).toMatchObject({ code: 'body_invalid_number', field: 'body.value' });
      expect(out['nanDeep'].error).toMatchObject({ code: 'body_invalid_number', field: 'body.metadata.v[1]' });
      expect(out['log'].filter((l: Out) => l['host'] === 'never.example')).toHaveLength(0);
    });

    // Point 5: new Date('junk') is the epoch on Espruino, so date text is checked by hand.
    it('refuses date text that is no date the API reads, and sends the forms it reads', () => {
      expect(out['junkTime'].error).toMatchObject({ code: 'body_invalid_date', field: 'body[0].time' });
      expect(out['nanDate'].error).toMatchObject({ code: 'body_invalid_date', field: 'body.time' });
      expect(out['junkStart'].error).toMatchObject({ code: 'query_invalid_value', field: 'start_date' });
      expect(out['badMonthEnd'].error).toMatchObject({ code: 'query_invalid_value', field: 'end_date' });
      expect(out['goodTimes'].error).toBeNull();
      expect(out['goodRange'].error).toBeNull();
      // mujs keeps keys sorted, so the pairs are compared as a set.
      const range = out['log'].find((l: Out) => String(l['path']).includes('start_date=1%20day')).path as string;
      expect(range.split('?')[1]!.split('&').sort()).toEqual(['end_date=2024-01-31T10%3A00%3A00Z', 'start_date=1%20day']);
    });

    // Point 3: Espruino's http has no abort, so a timed-out request kept its socket until the server closed it.
    it('closes the socket of every timed-out request (clsNow, read by Espruino\'s idle loop)', () => {
      expect(out['silentRequests']).toBe(2);
      expect(out['openSockets']).toBe(0);
    });

    // Point 6: x86 firmware sign-extends bytes above 0x7F; without Unicode support E9 was sent as %E9.
    it('sends non-ASCII in the query as UTF-8 bytes, and in the body as \\u escapes, of the same code points', () => {
      expect(out['nonAsciiQuery'].error).toBeNull();
      expect(sent('GET', '/data?variables=caf%C3%A9%E2%82%AC')).toBeDefined();
      const body = out['log'].find((l: Out) => l['method'] === 'POST' && String(l['body']).includes('caf')).body;
      expect(body.toLowerCase()).toBe('{"variable":"caf\\u00e9"}');
    });

    it('does not follow a redirect, naming its origin', () => {
      expect(out['redirect'].error).toMatchObject({
        name: 'TagoRedirectError',
        code: 'unexpected_redirect',
        status: 302,
        mayHaveBeenProcessed: true,
        message: 'HTTP 302 redirect to https://evil.example:8443 was not followed (tagokit sends the token only to the configured API)',
      });
      expect(sentBy('moved-302')).toHaveLength(1);
    });

    it('reads a body after a byte order mark that arrives as the three UTF-8 bytes', () => {
      expect(out['bomBytes'].data).toBe('bom');
    });

    it('answers a body nested 5,000 levels deep with a typed error, without handing it to JSON.parse', () => {
      expect(out['deepError'].error).toMatchObject({ name: 'BadRequestError', code: 'bad_request', status: 400 });
      expect(out['deepOk'].error).toMatchObject({ name: 'TagoResponseParseError', code: 'invalid_json', status: 200 });
    });
  });
}
