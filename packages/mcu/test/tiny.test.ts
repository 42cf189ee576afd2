import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ENGINES,
  ESPRUINO_BIN,
  asScript,
  lastJson,
  read,
  runEngine,
  vectorData,
  vectorsScript,
  type EngineResult,
} from './helpers/engines.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Out = Record<string, any>;

/** The budget for the tiny build with its Espruino transport, minified. */
const TINY_BUDGET = 2048;
/**
 * What this package enforces meanwhile, so growth is caught. The budget cannot be met with what the issue asks the
 * tiny build to keep: the README gives the measured floor (2,315 B with every optional check and the timeout removed).
 */
const TINY_CEILING = 3_300;

/** Why the tiny build does not run a vector: what it leaves out on purpose, per file or per vector. */
const SKIPPED_FILES: Record<string, string> = {
  retry: 'no retry decisions: the tiny client waits once for a 429 and never retries otherwise',
  paths: 'no buildPath: a path value that would need escaping, or starts with a dot, is refused (tests below)',
  errors: 'tiny errors are {code, message, status}: no class name, no mayHaveBeenProcessed',
  regions: 'named regions only, resolved inside createClient (the scenarios check each host)',
  tokens: 'no token check: the token is sent as given',
};
const SKIPPED: Record<string, string> = {
  'envelope: a UTF-8 byte order mark before the envelope is ignored': 'no byte order mark handling',
  'retry-after: HTTP date in the header': "Retry-After dates are not read (digits, and TagoIO's message form)",
};
const FLAT_QUERY = 'flat ASCII query only: arrays, objects, Dates, null and non-ASCII are refused';
for (const name of [
  'array with indexed brackets',
  'object with named brackets',
  'tags filter',
  'dates become ISO strings',
  'null is an empty value',
  'empty array is left out',
  'unicode is UTF-8 escaped',
  'keys with reserved characters are escaped',
  'full device list query',
  'data query',
])
  SKIPPED[`query: ${name}`] = FLAT_QUERY;

interface EnvelopeCase { name: string; mode: string; expect: { error?: unknown } }
const envelopeCases = (vectorData()['envelope'] as { cases: EnvelopeCase[] }).cases;
for (const c of envelopeCases) {
  if (c.mode === 'raw') SKIPPED[`envelope: ${c.name}`] = 'no raw-answer operation in the tiny build';
  else if (c.expect.error) SKIPPED[`envelope: ${c.name}`] = 'tiny errors carry no class name (scenarios check codes)';
}

/** Skipped, but an engine may pass them on its own: mujs's JSON.parse skips a byte order mark itself. */
const MAY_PASS = new Set(['envelope: a UTF-8 byte order mark before the envelope is ignored']);

const skipReason = (r: EngineResult) => SKIPPED_FILES[r.file] ?? SKIPPED[`${r.file}: ${r.name}`];

/** How many shared vectors the tiny build runs (envelope successes, the flat query, Retry-After). */
const KEPT_VECTORS = 31;

const builtins = read('test/engines/espruino-builtins.js');
const vectorRuns: Record<string, string> = {
  mujs: runEngine(ENGINES.mujs, vectorsScript('', 'dist/tagokit-tiny.js')),
  duktape: runEngine(ENGINES.duktape, vectorsScript('', 'dist/tagokit-tiny.js')),
  "mujs on Espruino's built-ins": runEngine(ENGINES.mujs, vectorsScript(builtins, 'dist/tagokit-tiny.js')),
  "duktape on Espruino's built-ins": runEngine(ENGINES.duktape, vectorsScript(builtins, 'dist/tagokit-tiny.js')),
};
// Not on ESPRUINO_BIN: Espruino's lexer refuses the lone surrogates some vectors hold ("Unmatched Unicode surrogate").

for (const [engine, text] of Object.entries(vectorRuns)) {
  const list = lastJson<EngineResult[]>(text);
  describe(`tiny build: shared vectors in ${engine}`, () => {
    it('runs every vector, and passes every one it keeps', () => {
      const kept = list.filter((r) => !skipReason(r));
      console.log(
        `[mcu] tiny, ${engine}: ${kept.filter((r) => r.ok).length}/${kept.length} kept vectors passed, ` +
          `${list.length - kept.length} of ${list.length} skipped with the reason`,
      );
      expect(kept.filter((r) => !r.ok).map((r) => `${r.file}: ${r.name}: ${r.detail}`)).toEqual([]);
      expect(kept.length).toBe(KEPT_VECTORS);
    });
    // A skipped vector must really be out of reach: once the tiny build passes one, it leaves this list.
    for (const r of list.filter((x) => skipReason(x))) {
      it(`${r.file}: ${r.name} (skipped: ${skipReason(r)})`, () => {
        if (!MAY_PASS.has(`${r.file}: ${r.name}`)) expect(r.ok).toBe(false);
      });
    }
  });
}

const scenarios = (prelude: string) =>
  `${prelude}${asScript(read('dist/tagokit-tiny.js'))}${read('test/engines/espruino-http.js')}` +
  read('test/engines/tiny-harness.js');
const scenarioRuns: Record<string, string> = {
  "mujs on Espruino's built-ins": runEngine(ENGINES.mujs, scenarios(builtins)),
  "duktape on Espruino's built-ins": runEngine(ENGINES.duktape, scenarios(builtins)),
};
if (ESPRUINO_BIN) scenarioRuns[`Espruino ${ESPRUINO_BIN}`] = runEngine(ESPRUINO_BIN, scenarios(''));

const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';
const T = (name: string) => `${name}-0000-4000-8000-000000000000`.slice(0, 36);

for (const [engine, text] of Object.entries(scenarioRuns)) {
  describe(`tiny build over a fake Espruino http module, in ${engine}`, () => {
    const out = lastJson<Out>(text);
    const by = (token: string) => out['log'].filter((l: Out) => l['headers'].token === token);

    it('sends data over HTTPS (no port: Espruino picks 443) with the token, Content-Length and ASCII JSON', () => {
      expect(out['sendData']).toMatchObject({ error: null, data: '1 Data Added', status: 202 });
      const req = by(TOKEN).find((l: Out) => l['method'] === 'POST');
      expect(req).toMatchObject({ host: 'api.us-e1.tago.io', port: 443, protocol: 'https:', path: '/data' });
      expect(JSON.parse(req.body)).toEqual([{ variable: 'temperature', value: 21.5, unit: '\u00b0C' }]);
      // Espruino's own JSON.stringify escapes it (as \u00B0): the body is ASCII, so its length is its byte count.
      expect(req.body).toContain('"\\u00B0C"');
      expect(req.headers).toEqual({
        token: TOKEN,
        'content-type': 'application/json',
        'content-length': String(req.body.length),
      });
    });
    it('sends plain HTTP with _ssl=false when plainHttp is set; usa-1 is us-e1', () => {
      expect(out['plainHttp'].error).toBeNull();
      const req = out['log'].find((l: Out) => l['port'] === 80);
      expect(req).toMatchObject({ host: 'api.us-e1.tago.io', protocol: 'http:', method: 'POST' });
      expect(req.headers._ssl).toBe('false');
      expect(out['alias'].data).toEqual({ id: 'd1', name: 'board', type: 'device' });
      expect(out['log'].filter((l: Out) => l['path'] === '/info' && l['port'] === 80)[0].host).toBe('api.us-e1.tago.io');
    });
    it('reads /info in another named region, data with a query, config params and their acknowledgement', () => {
      expect(out['getTokenInfo'].data).toEqual({ id: 'd1', name: 'board', type: 'device' });
      expect(by(TOKEN).find((l: Out) => l['path'] === '/info')).toMatchObject({
        host: 'api.eu-w1.tago.io',
        method: 'GET',
      });
      expect(out['getData'].data).toEqual([{ variable: 'temperature', value: 21.5 }]);
      const query = by(TOKEN).find((l: Out) => String(l['path']).startsWith('/data?')).path as string;
      expect(query.split('?')[1]!.split('&').sort()).toEqual(['qty=1', 'variables=temperature']);
      expect(out['listConfigParams'].data[0]).toMatchObject({ id: 'p1', key: 'interval' });
      expect(by(TOKEN).find((l: Out) => l['path'] === '/device/params?sent_status=false')).toBeDefined();
      expect(out['markConfigParamRead'].data).toBe('Params updated');
      expect(by(TOKEN).find((l: Out) => l['method'] === 'PUT')).toMatchObject({
        path: '/device/params/p1',
        body: '{"sent":true}',
      });
    });
    it('keeps short API messages (split with a long separator) and gives code, status and message', () => {
      expect(out['shortMessage'].error).toEqual({
        code: 'authentication',
        status: 401,
        message: 'Authorization Denied',
      });
      expect(out['warning'].data).toBe('ok');
    });
    it("waits once for a 429's Retry-After (header or TagoIO's message), then gives the error", () => {
      expect(out['retryAfterMessage'].error).toEqual({
        code: 'rate_limited',
        status: 429,
        message: 'Too many requests (Retry-After: 3)',
        retryAfterSeconds: 3,
      });
      expect(out['retryAfterMessage'].at).toBe(3020);
      expect(by(T('message-429'))).toHaveLength(2);
      expect(out['retryAfterHeader'].error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 7 });
      expect(out['retryAfterHeader'].at).toBe(7020);
      expect(by('busy')).toHaveLength(2);
    });
    it('never resends a POST after a 5xx or a timeout, and closes the timed-out socket', () => {
      expect(out['post5xx'].error).toMatchObject({ code: 'server_error', status: 502, message: 'Bad Gateway' });
      expect(by(T('gateway-5xx'))).toHaveLength(1);
      expect(out['timeout'].error).toEqual({ code: 'timeout', message: 'timeout' });
      expect(out['timeout'].at).toBe(1000);
      expect(out['silentRequests']).toBe(1);
      expect(out['openSockets']).toBe(0);
    });
    it('caps an answer at 4 KB and gives a cut-short answer the envelope error', () => {
      expect(out['tooLarge'].error).toEqual({ code: 'response_too_large', message: 'response_too_large' });
      expect(out['cutShort'].error).toEqual({ code: 'not_an_envelope', status: 200, message: 'HTTP 200' });
    });
    it('refuses before sending: NaN, an invalid Date, dot or missing path values, non-ASCII query, unknown region', () => {
      expect(out['nan'].error).toEqual({
        code: 'body_invalid_number',
        field: 'body[1].value',
        message: 'body[1].value: body_invalid_number',
      });
      expect(out['nanDate'].error).toMatchObject({ code: 'body_invalid_date', field: 'body.time' });
      expect(out['dotPath'].error).toMatchObject({ code: 'path_param_invalid', field: 'paramID' });
      expect(out['missingPath'].error).toMatchObject({ code: 'path_param_invalid', field: 'paramID' });
      expect(out['nonAsciiQuery'].error).toMatchObject({ code: 'query_invalid_value', field: 'variables' });
      expect(out['namedOnly']).toMatchObject({ code: 'region_unknown', field: 'region' });
      // Exactly the requests of the scenarios that should send (two of them after a 429 wait).
      expect(out['log']).toHaveLength(17);
    });
  });
}

describe('tiny build size', () => {
  it(`is at most ${TINY_CEILING} B minified with its Espruino transport (issue budget ${TINY_BUDGET} B)`, () => {
    const min = read('dist/tagokit-tiny.min.js');
    const gzip = gzipSync(min, { level: 9 }).length;
    const gap = min.length <= TINY_BUDGET ? 'met' : `NOT met (over by ${min.length - TINY_BUDGET} B)`;
    console.log(
      `[mcu] tiny build + Espruino transport: ${min.length} B minified (gzip ${gzip} B); ` +
        `budget ${TINY_BUDGET} B ${gap}`,
    );
    expect(min.length).toBeLessThanOrEqual(TINY_CEILING);
  });
});
