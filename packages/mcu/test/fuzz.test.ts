// Fuzz of the MCU client's answer handling (seeded fast-check, >= 100,000 generated answers): the generated ES5
// runtime (src/tagokit.js, plain CommonJS) is loaded into its own VM context with a virtual clock, then driven
// (1) through parseAnswer directly and (2) through the whole request path — Client.request, retries, and the
// Espruino transport over a fake `http` module that delivers malformed, truncated, hostile or never-ending answers.
// Properties: nothing is thrown except the library's own error objects (handed to the callback), the callback runs
// exactly once and no timer is left behind (nothing hangs), `mayHaveBeenProcessed: false` only after answers that
// prove the request was refused, the token never shows in an error, and what an error keeps of a body is bounded.
import { createContext, runInContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { read } from './helpers/engines.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_240_607);
const PARSE_RUNS = Number(process.env['FUZZ_PARSE_RUNS'] ?? 60_000);
const REQUEST_RUNS = Number(process.env['FUZZ_REQUEST_RUNS'] ?? 45_000);
const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';
const EXCERPT_MAX = 200;

/** The library's error names (errors are plain objects {name, code, message, status, mayHaveBeenProcessed}). */
const TYPED_ERRORS = new Set(['TagoValidationError', 'TagoResponseParseError', 'TagoRedirectError', 'TagoConnectionError', 'TagoTimeoutError', 'BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'ConflictError', 'UnprocessableEntityError', 'RateLimitError', 'InternalServerError', 'TagoApiError']);

interface Timer { id: number; at: number; f: () => void }
interface Clock { now: number; timers: Map<number, Timer>; fireNext(): boolean }
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Lib = any;

/** dist/tagokit.js in a fresh context whose setTimeout/clearTimeout run on a virtual clock. */
function loadRuntime(): { lib: Lib; clock: Clock } {
  let seq = 0;
  const clock: Clock = {
    now: 0,
    timers: new Map(),
    fireNext() {
      let next: Timer | undefined;
      for (const t of clock.timers.values()) if (!next || t.at < next.at) next = t;
      if (!next) return false;
      clock.timers.delete(next.id);
      clock.now = Math.max(clock.now, next.at);
      next.f();
      return true;
    },
  };
  const sandbox = {
    module: { exports: {} as Lib },
    setTimeout: (f: () => void, ms: number) => {
      const id = ++seq;
      clock.timers.set(id, { id, at: clock.now + (Number(ms) || 0), f });
      return id;
    },
    clearTimeout: (id: number) => void clock.timers.delete(id),
  };
  const context = createContext(sandbox);
  runInContext(`var exports = module.exports;\n${read('dist/tagokit.js')}`, context, { filename: 'tagokit.js' });
  return { lib: sandbox.module.exports, clock };
}

/** What a thrown or reported value must look like: one of the library's error objects, with honest fields. */
function typedErrorProblem(e: unknown): string | undefined {
  if (e === null || typeof e !== 'object') return `not an object: ${String(e)}`;
  const x = e as Record<string, unknown>;
  if (!TYPED_ERRORS.has(String(x['name']))) return `unexpected error ${String(x['name'])}: ${String(x['message']).slice(0, 200)}`;
  if (typeof x['code'] !== 'string' || !x['code']) return `${String(x['name'])} without a code`;
  if (typeof x['message'] !== 'string') return `${String(x['name'])} without a message`;
  if (typeof x['mayHaveBeenProcessed'] !== 'boolean') return `${String(x['name'])} without mayHaveBeenProcessed`;
  if (x['excerpt'] !== undefined && (typeof x['excerpt'] !== 'string' || (x['excerpt'] as string).length > EXCERPT_MAX + 16)) return 'excerpt not bounded';
  for (const k of ['message', 'excerpt']) if (typeof x[k] === 'string' && (x[k] as string).includes(TOKEN)) return `token visible in ${k}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Generators of hostile answers.

const statusArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(200, 201, 202, 204, 206, 301, 304, 400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 503, 504) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 999 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 99, 1000, 65_536, 199.5, 299.9, 400.5, 499.5, 2 ** 31) },
);

const junkString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\ufeff', '\u2028', '"', '\\', '{', '}', '[', ']', ':', ',', ' ', '\n', 'e', '-', '0'), maxLength: 40 }),
);

const retryAfterArb = fc.oneof(
  fc.nat({ max: 120 }).map(String),
  fc.constantFrom('', ' ', '0', '-1', '1.5', '1.', '.5', '1e3', '1e400', 'Infinity', 'NaN', '99999999999999999999999', '0x10', '１２', 'Wed, 21 Oct 2015 07:28:00 GMT', 'Sun, 06 Nov 2994 08:49:37 GMT', 'Thu, 32 Foo 2020 99:99:99 GMT', 'tomorrow', '1,2'),
  junkString,
);

const headerName = fc.constantFrom('content-type', 'retry-after', 'x-request-id', 'content-length', 'location', 'Content-Type', 'RETRY-AFTER', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x-junk');
const locationArb = fc.constantFrom('https://evil.example/x', `https://${TOKEN}.evil.example/`, `http://u:${TOKEN}@evil.example`, '//evil.example/x', '/data', 'javascript:alert(1)', 'HTTPS://A.B:1', ' https:// ');
const headerValue = fc.oneof(fc.constantFrom('application/json', 'text/html; charset=utf-8', 'text/plain', 'application/json; charset=utf-8', TOKEN), retryAfterArb, locationArb);
const headersArb = fc.array(fc.tuple(headerName, headerValue), { maxLength: 5 });

const message = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(`token ${TOKEN} refused`, 'Too many requests (Retry-After: 3)', 'retry-after:      7', 'Retry-After: x', ''), fc.string({ maxLength: 10 }).map((s) => `${s}${TOKEN}${s}`));
const jsonValue = fc.json({ maxDepth: 3 }).map((s) => JSON.parse(s) as unknown);

const envelope = fc.record(
  { status: fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1, null)), result: fc.oneof(jsonValue, message, fc.record({ message })), message: fc.oneof(message, jsonValue) },
  { requiredKeys: [] },
);

const bodyArb = fc.oneof(
  { weight: 5, arbitrary: envelope.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.tuple(envelope.map((v) => JSON.stringify(v)), fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))) }, // truncated
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) }, // JSON, not an envelope
  { weight: 2, arbitrary: junkString },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\ufeff{"status":true,"result":1}', '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', '  <html>', 'null', 'true', '"text"', '[]', '{}', '{"status":true}', '{"status":false}', '{"__proto__":{"status":true},"status":true,"result":{"__proto__":{"x":1}}}', '1e400', '-0') },
  { weight: 1, arbitrary: fc.nat({ max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n % 3 === 0 ? n : 0)) }, // deep nesting
  { weight: 1, arbitrary: fc.tuple(fc.nat({ max: 64 * 1024 }), fc.boolean()).map(([n, ok]) => JSON.stringify({ status: ok, message: 'm'.repeat(n), result: TOKEN })) }, // big
);

function headerObject(pairs: [string, string][]): Record<string, string> {
  // Built as the transports build it: lower-cased names assigned one by one onto a plain object.
  const h: Record<string, string> = {};
  for (const [k, v] of pairs) h[k.toLowerCase()] = String(v);
  return h;
}

// ---------------------------------------------------------------------------------------------------------------

describe('fuzz: the MCU runtime (dist/tagokit.js) against malformed and adversarial answers', () => {
  const counts = { parse: 0, request: 0 };

  it(`parseAnswer: ${PARSE_RUNS} generated answers give data or a typed error, nothing else`, () => {
    const { lib } = loadRuntime();
    const outcomes: Record<string, number> = {};
    fc.assert(
      fc.property(statusArb, headersArb, bodyArb, fc.constantFrom('envelope', 'raw'), (status, headers, body, mode) => {
        counts.parse++;
        let result: { data: unknown; warning?: unknown };
        try {
          result = lib.parseAnswer({ status, headers: headerObject(headers), body, mode, token: TOKEN });
        } catch (e) {
          const problem = typedErrorProblem(e);
          if (problem) throw new Error(problem);
          const x = e as { name: string; code: string; status?: unknown; mayHaveBeenProcessed: boolean };
          outcomes[x.code] = (outcomes[x.code] ?? 0) + 1;
          // An API error (4xx) says "not processed"; 5xx and unreadable answers say "maybe".
          // A redirect (3xx, never followed) was answered by the server, which may have acted first.
          if (x.name !== 'TagoResponseParseError' && x.name !== 'TagoApiError' && x.name !== 'TagoRedirectError') expect(x.mayHaveBeenProcessed).toBe(status > 499);
          if (x.name === 'TagoResponseParseError' || x.name === 'TagoRedirectError') expect(x.mayHaveBeenProcessed).toBe(true);
          if (x.name === 'TagoRedirectError') expect(status >= 300 && status < 400).toBe(true);
          return;
        }
        outcomes['ok'] = (outcomes['ok'] ?? 0) + 1;
        expect(result).toBeTypeOf('object');
        if (typeof result.warning === 'string') expect(result.warning.includes(TOKEN)).toBe(false);
        // Success is only ever a non-error status (the NaN-free statuses generated here: 200..299).
        expect(status >= 200 && status < 300).toBe(true);
      }),
      { seed: SEED, numRuns: PARSE_RUNS },
    );
    console.log(`[fuzz] parseAnswer: ${PARSE_RUNS} answers, outcomes ${JSON.stringify(outcomes)}`);
  }, 60_000);

  /** One attempt as the fake `http` module plays it. */
  const attemptArb = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('response' as const),
        // A status line carries three digits (or junk); fractional statuses are left to the parseAnswer fuzz.
        statusCode: fc.oneof(statusArb.filter(Number.isInteger).map(String), fc.constantFrom('', 'abc', ' 200', '2e2', '0x1F4', '-1')),
        headers: headersArb,
        body: bodyArb,
        chunk: fc.integer({ min: 1, max: 64 }),
        // close: normal end; hang: never closes; errorAfter: 'error' after some data; doubleClose: 'close' twice.
        end: fc.constantFrom('close', 'close', 'close', 'hang', 'errorAfter', 'doubleClose'),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('error' as const), message: fc.oneof(fc.constantFrom('ECONNREFUSED', 'Connection refused', 'Not found', 'No route', 'ECONNRESET', 'socket hang up'), junkString) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('throw' as const), message: junkString }) },
  );
  type Attempt = typeof attemptArb extends fc.Arbitrary<infer T> ? T : never;

  it(`request path (Client + retries + Espruino transport): ${REQUEST_RUNS} generated exchanges call back once, with data or a typed error`, () => {
    const { lib, clock } = loadRuntime();
    const outcomes: Record<string, number> = {};
    let attemptsTotal = 0;
    fc.assert(
      fc.property(fc.array(attemptArb, { minLength: 3, maxLength: 3 }), fc.constantFrom('sendData', 'getData', 'markConfigParamRead'), fc.integer({ min: 0, max: 2 }), (script, op, maxRetries) => {
        counts.request++;
        clock.timers.clear();
        let attempt = 0;
        const played: Attempt[] = [];
        /** A fake Espruino `http`: request(options, onResponse) -> {on, end}. */
        const http = {
          request(_options: unknown, onResponse: (res: unknown) => void) {
            const a = script[Math.min(attempt++, script.length - 1)]!;
            played.push(a);
            const handlers: Record<string, ((x?: unknown) => void)[]> = {};
            const on = (ev: string, f: (x?: unknown) => void) => void (handlers[ev] ??= []).push(f);
            const emit = (ev: string, x?: unknown) => (handlers[ev] ?? []).forEach((f) => f(x));
            return {
              on,
              end() {
                if (a.kind === 'throw') throw new Error(a.message);
                if (a.kind === 'error') return emit('error', new Error(a.message));
                const resHandlers: Record<string, ((x?: unknown) => void)[]> = {};
                const res = {
                  statusCode: a.statusCode,
                  headers: Object.fromEntries(a.headers),
                  on: (ev: string, f: (x?: unknown) => void) => void (resHandlers[ev] ??= []).push(f),
                };
                onResponse(res);
                const rEmit = (ev: string, x?: unknown) => (resHandlers[ev] ?? []).forEach((f) => f(x));
                const upTo = a.end === 'errorAfter' ? Math.floor(a.body.length / 2) : a.body.length;
                for (let i = 0; i < upTo; i += a.chunk) rEmit('data', a.body.slice(i, i + a.chunk));
                if (a.end === 'errorAfter') emit('error', new Error('ECONNRESET'));
                if (a.end === 'close' || a.end === 'doubleClose' || a.end === 'errorAfter') rEmit('close');
                if (a.end === 'doubleClose') rEmit('close');
              },
            };
          },
        };
        const client = lib.createClient({ token: TOKEN, region: { api: 'http://127.0.0.1:8080' }, allowInsecureHttp: true, transport: lib.espruino(http), timeoutMs: 1_000, maxRetries });
        const calls: { e: unknown; d: unknown }[] = [];
        const args = op === 'sendData' ? { body: { variable: 'x', value: 1 } } : op === 'markConfigParamRead' ? { paramID: 'p1', body: { sent: true } } : { variables: ['x'] };
        try {
          client[op](args, (e: unknown, d: unknown) => void calls.push({ e, d }));
        } catch (e) {
          throw new Error(`request threw: ${String((e as Error)?.message ?? e)}`);
        }
        // Run the virtual clock: timeouts of answers that never end, retry waits. Bounded: (retries + 1) x 2 timers.
        for (let steps = 0; clock.fireNext(); steps++) if (steps > 20) throw new Error('timers keep coming: the request never settles');
        attemptsTotal += played.length;
        if (calls.length !== 1) throw new Error(`callback ran ${calls.length} times`);
        expect(clock.timers.size).toBe(0);
        expect(played.length).toBeLessThanOrEqual(maxRetries + 1);
        const { e } = calls[0]!;
        if (!e) {
          outcomes['ok'] = (outcomes['ok'] ?? 0) + 1;
          return;
        }
        const problem = typedErrorProblem(e);
        if (problem) throw new Error(problem);
        const x = e as { code: string; mayHaveBeenProcessed: boolean };
        outcomes[x.code] = (outcomes[x.code] ?? 0) + 1;
        // "Not processed" must be true of every attempt: refused before sending, or an answer that refused it.
        if (!x.mayHaveBeenProcessed) {
          for (const a of played) {
            const refusedConnection = a.kind === 'throw' || (a.kind === 'error' && /refus|not found|no conn|no route/i.test(a.message));
            let refusedAnswer = false;
            if (a.kind === 'response' && a.end !== 'hang' && a.end !== 'errorAfter') {
              const s = +a.statusCode;
              let failedEnvelope = false;
              try {
                const v = JSON.parse(a.body) as { status?: unknown } | null;
                failedEnvelope = !!v && typeof v === 'object' && !Array.isArray(v) && v.status === false;
              } catch {
                // not JSON
              }
              refusedAnswer = (s >= 400 && s < 500) || (s >= 200 && s < 300 && failedEnvelope);
            }
            if (!refusedConnection && !refusedAnswer) throw new Error(`mayHaveBeenProcessed false after an attempt that may have reached the server: ${JSON.stringify(a).slice(0, 300)}`);
          }
        }
      }),
      { seed: SEED, numRuns: REQUEST_RUNS },
    );
    console.log(`[fuzz] request path: ${REQUEST_RUNS} exchanges (${attemptsTotal} attempts), outcomes ${JSON.stringify(outcomes)}`);
    // 45,000 exchanges: about 20 s alone, 77 s once when the whole npm test shared two cores.
  }, 180_000);

  it('counts at least 100,000 generated answers in all', () => {
    console.log(`[fuzz] seed ${SEED}: ${counts.parse} parseAnswer cases + ${counts.request} request-path cases = ${counts.parse + counts.request}`);
    expect(counts.parse + counts.request).toBeGreaterThanOrEqual(100_000);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Findings the fuzz exposed, now fixed in the generator's ES5 runtime template; these keep them fixed.

describe('fuzz findings (fixed in src/runtime)', () => {
  const big = (bytes: number) => JSON.stringify({ status: true, result: 'x'.repeat(bytes) });

  it('memory: an answer larger than a cap is refused with a clear error (no response-size cap: 8 MB is buffered and parsed)', () => {
    const { lib } = loadRuntime();
    // The core refuses answers over maxResponseBytes with TagoResponseParseError `response_too_large`; the MCU
    // transports (Espruino `body += d`, Moddable `response: String`, fetch `res.text()`) buffer every byte and
    // parseAnswer takes any size.
    let error: { code?: string } | undefined;
    try {
      lib.parseAnswer({ status: 200, headers: {}, body: big(8 * 1024 * 1024), token: TOKEN });
    } catch (e) {
      error = e as { code?: string };
    }
    expect(error?.code).toBe('response_too_large');
  });

  it('memory: an error keeps a bounded part of the answer (error messages from the server are kept whole)', () => {
    const { lib } = loadRuntime();
    let error: { message: string } | undefined;
    try {
      lib.parseAnswer({ status: 500, headers: {}, body: JSON.stringify({ status: false, message: 'm'.repeat(1024 * 1024) }), token: TOKEN });
    } catch (e) {
      error = e as { message: string };
    }
    expect(error!.message.length).toBeLessThanOrEqual(1024);
  });

  it('a callback that throws is not called a second time with its own exception', () => {
    const { lib } = loadRuntime();
    const client = lib.createClient({ token: TOKEN, region: { api: 'http://127.0.0.1:8080' }, allowInsecureHttp: true, transport: (_q: unknown, cb: (e: unknown, r: unknown) => void) => cb(null, { status: 200, headers: {}, body: '{"status":true,"result":"ok"}' }) });
    const calls: unknown[] = [];
    try {
      client.getData({}, (e: unknown) => {
        calls.push(e);
        if (calls.length === 1) throw new TypeError('bug in the application callback');
      });
    } catch {
      // a throw out of the call is acceptable; a second callback is not
    }
    expect(calls).toHaveLength(1);
  });

  it('a non-numeric status (Moddable passes `+status`) is an error, not a success', () => {
    const { lib } = loadRuntime();
    expect(() => lib.parseAnswer({ status: Number('garbage'), headers: {}, body: '{"status":true,"result":1}', token: TOKEN })).toThrow();
  });

  it('a transport that hands over non-string header values gets a typed error, not a TypeError', () => {
    const { lib } = loadRuntime();
    let thrown: unknown;
    try {
      lib.parseAnswer({ status: 200, headers: { 'content-type': 5 }, body: 'x', token: TOKEN });
    } catch (e) {
      thrown = e;
    }
    expect(typedErrorProblem(thrown)).toBeUndefined();
  });
});
