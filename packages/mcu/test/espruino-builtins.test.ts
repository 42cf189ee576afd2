import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PKG } from './helpers/engines.js';

/**
 * The device client on the built-ins Espruino really has (checked against espruino/Espruino's src/jswrap_*.c): no
 * Date.UTC, a Date.parse that answers 0 instead of NaN for what it cannot read, a JSON.parse that may answer
 * undefined instead of throwing, and a clock that counts from power-on until it is set. The module is loaded in a
 * fresh context whose Date and JSON behave that way.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function loadOnEspruinoBuiltins(clock: { now: number }): any {
  const RealDate = Date;
  const EspruinoDate = function (this: unknown, ...args: []) {
    return new RealDate(...args);
  } as unknown as DateConstructor;
  EspruinoDate.now = () => clock.now;
  EspruinoDate.parse = (text: string) => {
    const ms = RealDate.parse(text);
    return Number.isNaN(ms) ? 0 : ms;
  };
  Object.defineProperty(EspruinoDate, Symbol.hasInstance, { value: (v: unknown) => v instanceof RealDate });
  const EspruinoJSON = {
    stringify: JSON.stringify,
    parse: (text: string) => {
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    },
  };
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(readFileSync(join(PKG, 'src', 'tagokit.js'), 'utf8'), { module, exports: module.exports, Date: EspruinoDate, JSON: EspruinoJSON });
  expect('UTC' in EspruinoDate).toBe(false);
  return module.exports;
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
