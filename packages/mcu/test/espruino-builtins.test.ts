import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PKG } from './helpers/engines.js';

/**
 * The device client on the built-ins Espruino really has (test/engines/espruino-builtins.js, written from
 * espruino/Espruino's src/jswrap_*.c and shared with the mujs and duktape runs): the 2v29 String.prototype.indexOf
 * that counts a partial match at the end, split() answering [] for a separator longer than the text plus one, no
 * Date.UTC, a Date.parse and new Date(text) that answer 0 instead of NaN for what they cannot read, a JSON.parse that
 * may answer undefined instead of throwing, and a clock that counts from power-on until it is set. The module is
 * loaded into a fresh context after those built-ins are installed there.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function loadOnEspruinoBuiltins(clock: { now: number }): any {
  const module = { exports: {} as Record<string, unknown> };
  const context = createContext({ module, exports: module.exports, clock });
  runInContext(readFileSync(join(PKG, 'test', 'engines', 'espruino-builtins.js'), 'utf8'), context);
  runInContext('Date.now = function () { return clock.now; };', context);
  runInContext(readFileSync(join(PKG, 'dist', 'tagokit.js'), 'utf8'), context);
  expect(runInContext('ESPRUINO_QUIRKS', context)).toEqual({
    indexOf: 7, nativeIndexOf: -1, split: 0, junkDate: 0, utc: 'undefined', badJson: 'undefined',
    signedEncode: 'a%59%20', escapedJson: '"\\u00E9\\u007F"',
  });
  return module.exports;
}

const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';
/** What parseAnswer threw. */
function thrown(f: () => unknown): Record<string, unknown> {
  try {
    f();
  } catch (e) {
    return e as Record<string, unknown>;
  }
  throw new Error('nothing thrown');
}

const IMF = (ms: number) => new Date(ms).toUTCString();

describe('the device client on Espruino-like built-ins', () => {
  const clock = { now: Date.UTC(2026, 10, 25, 12, 0, 0) };
  const lib = loadOnEspruinoBuiltins(clock);

  it('reads an IMF-fixdate Retry-After without Date.UTC, for dates across four centuries', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const at = Date.UTC(1900, 0, 1) + Math.floor(random() * (Date.UTC(2299, 11, 31) - Date.UTC(1900, 0, 1)) / 1000) * 1000;
      const expected = Math.max(0, Math.ceil((at - clock.now) / 1000));
      expect(lib.retryAfterFrom({ 'retry-after': IMF(at) }, undefined, clock.now), IMF(at)).toBe(expected);
    }
    // Leap days, and the day after a century that is not a leap year.
    for (const at of [Date.UTC(2000, 1, 29, 23, 59, 59), Date.UTC(2024, 1, 29), Date.UTC(2100, 2, 1), Date.UTC(1970, 0, 1, 0, 0, 30)]) {
      expect(lib.retryAfterFrom({ 'retry-after': IMF(at) }, undefined, 0)).toBe(Math.ceil(at / 1000));
    }
  });

  it('falls back to the message when Retry-After is unreadable (Date.parse would have said 0)', () => {
    expect(lib.retryAfterFrom({ 'retry-after': 'soon' }, 'Too many requests (Retry-After: 4)', clock.now)).toBe(4);
    expect(lib.retryAfterFrom({ 'retry-after': 'Thu, 01 Jan 1970 00:00:30 UTC' }, undefined, clock.now)).toBeUndefined();
    expect(lib.retryAfterFrom({ 'retry-after': 'Thu, 1 Jan 1970 00:00:30 GMT' }, undefined, clock.now)).toBeUndefined();
    expect(lib.retryAfterFrom({ 'retry-after': 'Thu, 01 Ja 1970 00:00:30 GMT' }, undefined, 0)).toBeUndefined();
    expect(lib.retryAfterFrom({ 'retry-after': 'Thu, 01 Jan 1970 00:0x:30 GMT' }, undefined, 0)).toBeUndefined();
  });

  it('reads seconds as decimal, even with leading zeros', () => {
    expect(lib.retryAfterFrom({ 'retry-after': '010' }, undefined, clock.now)).toBe(10);
    expect(lib.retryAfterFrom({}, 'Retry-After: 007', clock.now)).toBe(7);
  });

  it('ignores a date while the board clock is unset (counting from power-on), using the message instead', () => {
    const unset = loadOnEspruinoBuiltins({ now: 5_000 });
    const header = { 'retry-after': IMF(Date.UTC(2026, 10, 25, 12, 0, 30)) };
    expect(unset.retryAfterFrom(header, undefined)).toBeUndefined();
    expect(unset.retryAfterFrom(header, 'Too many requests (Retry-After: 9)')).toBe(9);
    expect(lib.retryAfterFrom(header, undefined)).toBe(30);
  });

  it('treats POST and PATCH as not idempotent although 2v29 indexOf finds " POST " at the end of a list', () => {
    for (const method of ['POST', 'post', 'PATCH']) {
      expect(lib.decideRetry({ method, attempt: 1, outcome: { kind: 'timeout' }, random: 0 }).retry).toBe(false);
      expect(lib.decideRetry({ method, attempt: 1, outcome: { kind: 'response', status: 503 }, random: 0 }).retry).toBe(false);
    }
    for (const method of ['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
      expect(lib.decideRetry({ method, attempt: 1, outcome: { kind: 'timeout' }, random: 0 })).toEqual({ retry: true, delayMs: 500 });
    }
    expect(lib.decideRetry({ method: 'constructor', attempt: 1, outcome: { kind: 'timeout' }, random: 0 }).retry).toBe(false);
  });

  it('keeps every message shorter than the token, and still redacts the token in it', () => {
    for (const message of ['x', 'Bad Gateway', 'Authorization Denied', 'Too many requests (Retry-After: 3)']) {
      const body = JSON.stringify({ status: false, message });
      expect(thrown(() => lib.parseAnswer({ status: 401, headers: {}, body, mode: 'envelope', token: TOKEN }))['message']).toBe(message);
    }
    const echoed = thrown(() => lib.parseAnswer({ status: 403, headers: {}, body: JSON.stringify({ status: false, message: `token ${TOKEN} refused` }), mode: 'envelope', token: TOKEN }));
    expect(echoed['message']).toBe('token [redacted] refused');
    expect(lib.parseAnswer({ status: 200, headers: {}, body: '{"status":true,"result":1,"message":"Deprecated"}', mode: 'envelope', token: TOKEN }).warning).toBe('Deprecated');
    const limited = thrown(() => lib.parseAnswer({ status: 429, headers: {}, body: '{"status":false,"message":"Too many requests (Retry-After: 3)"}', mode: 'envelope', token: TOKEN }));
    expect(limited).toMatchObject({ message: 'Too many requests (Retry-After: 3)', retryAfterSeconds: 3 });
  });

  it('finds no month, day name, HTML type or Retry-After from a partial match at the end of a text', () => {
    // 'De' matches the start of 'Dec' at the list's end, 'Sun' the start of 'Sun,': both must stay unreadable.
    expect(lib.retryAfterFrom({ 'retry-after': 'Sun, 06 De 1994 08:49:37 GMT' }, undefined, 0)).toBeUndefined();
    expect(lib.retryAfterFrom({ 'retry-after': 'Sun 06 Nov 1994 08:49:37 GMT' }, undefined, 0)).toBeUndefined();
    expect(lib.retryAfterFrom({}, 'Too many requests (retry-', 0)).toBeUndefined();
    const e = thrown(() => lib.parseAnswer({ status: 200, headers: { 'content-type': 'application/text/h' }, body: 'x', mode: 'envelope' }));
    expect(e['code']).toBe('invalid_json');
    expect(() => lib.resolveRegion({ api: 'http:/' }, { allowInsecureHttp: true })).toThrow();
  });

  it('treats a JSON.parse that answers undefined as a body that is not JSON', () => {
    let error: Record<string, unknown> | undefined;
    try {
      lib.parseAnswer({ status: 200, headers: {}, body: '-x', mode: 'envelope' });
    } catch (e) {
      error = e as Record<string, unknown>;
    }
    expect(error).toMatchObject({ name: 'TagoResponseParseError', code: 'invalid_json', message: 'HTTP 200 with a body that is not valid JSON (truncated or not JSON)' });
  });
});
