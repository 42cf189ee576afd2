import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  parseAnswer,
  RateLimitError,
  TagoApiError,
  TagoError,
  TagoResponseParseError,
} from '../src/internal/index.js';

const ok = (body: string, status = 200) => parseAnswer({ status, headers: {}, body, mode: 'envelope' });

describe('parseAnswer', () => {
  it('keeps the method and path on errors', () => {
    try {
      parseAnswer({
        status: 401,
        headers: {},
        body: '{"status":false,"message":"Authorization Denied"}',
        mode: 'envelope',
        method: 'GET',
        path: '/device',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toBeInstanceOf(TagoApiError);
      expect((error as AuthenticationError).method).toBe('GET');
      expect((error as AuthenticationError).path).toBe('/device');
    }
  });

  it('reads the request id header', () => {
    expect(() =>
      parseAnswer({
        status: 404,
        headers: { 'x-request-id': 'abc-1' },
        body: '{"status":false,"message":"nope"}',
        mode: 'envelope',
      }),
    ).toThrow(expect.objectContaining({ requestId: 'abc-1', status: 404 }));
  });

  it('gives the 429 wait from the message', () => {
    const error = (() => {
      try {
        ok('{"status":false,"message":"Too many requests (Retry-After: 12)"}', 429);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterSeconds).toBe(12);
  });

  it('returns any JSON result unchanged (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.option(fc.string({ minLength: 1 }), { nil: undefined }), (result, message) => {
        const body = JSON.stringify(
          message === undefined ? { status: true, result } : { status: true, result, message },
        );
        const answer = ok(body);
        expect(answer.data).toEqual(JSON.parse(JSON.stringify(result)));
        expect(answer.warning).toBe(message);
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('throws only TagoError subclasses for any status and body (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.constantFrom('', '<html>', '{"status":false}', '{"status":true'),
        ),
        fc.constantFrom('envelope' as const, 'raw' as const),
        (status, body, mode) => {
          try {
            parseAnswer({ status, headers: {}, body, mode });
          } catch (error) {
            expect(error).toBeInstanceOf(TagoError);
            if (status >= 400) expect(error).toBeInstanceOf(TagoApiError);
            if (error instanceof TagoResponseParseError) expect(error.excerpt.length).toBeLessThanOrEqual(200);
          }
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('treats every status:false envelope as a failure, whatever the HTTP 2xx status (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 299 }), fc.string(), (status, message) => {
        expect(() => ok(JSON.stringify({ status: false, message }), status)).toThrow(TagoApiError);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
