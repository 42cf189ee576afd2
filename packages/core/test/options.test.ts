import { describe, expect, it, vi } from 'vitest';
import {
  checkTokenKind,
  closestName,
  RateLimitError,
  send,
  createEndpoint,
  regionById,
  TagoCore,
  TagoDeadlineError,
  TagoTimeoutError,
  TagoValidationError,
  type CallOptions,
  type ClientOptions,
  type Transport,
  type WireRequest,
} from '../src/internal/index.js';

// Run-time checks of options, for callers without the types (plain JavaScript): each refusal is exact.

const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';
const STATUS_OP = { method: 'GET', path: '/info', auth: true } as const;
const okBody = JSON.stringify({ status: true, result: 'ok' });

/** A transport that answers every request with `answer` and records the requests. */
function recording(
  answer: (req: WireRequest, n: number) => Promise<{ status: number; headers: Record<string, string>; body: string }>,
) {
  const requests: WireRequest[] = [];
  const transport: Transport = async (req) => {
    requests.push(req);
    return answer(req, requests.length);
  };
  return { transport, requests };
}

/** What a function threw (or its promise rejected with), for exact assertions. */
async function failure(run: () => unknown): Promise<TagoValidationError | TagoDeadlineError> {
  try {
    await run();
  } catch (error) {
    return error as TagoValidationError;
  }
  throw new Error('expected a failure');
}

const shape = (e: { name: string; code: string; message: string; field?: string | undefined }) => ({
  name: e.name,
  code: e.code,
  message: e.message,
  field: e.field,
});

describe('client options', () => {
  it('refuses a mistyped option with the closest known name', async () => {
    const e = await failure(() => new TagoCore({ token: TOKEN, regoin: 'eu-w1' } as ClientOptions));
    expect(e).toBeInstanceOf(TagoValidationError);
    expect(shape(e)).toEqual({
      name: 'TagoValidationError',
      code: 'option_unknown',
      message: 'Unknown client option "regoin"; did you mean "region"?',
      field: 'regoin',
    });
  });

  it('refuses an unknown option without a close name, and suggests only what is close', async () => {
    const e = await failure(() => new TagoCore({ colour: 'blue' } as ClientOptions));
    expect(shape(e)).toEqual({
      name: 'TagoValidationError',
      code: 'option_unknown',
      message: 'Unknown client option "colour"',
      field: 'colour',
    });
    expect(closestName('TOKEN', ['token', 'tokenHeader'])).toBe('token');
    expect(closestName('tokenheader', ['token', 'tokenHeader'])).toBe('tokenHeader');
    expect(closestName('zzz', ['token', 'region'])).toBeUndefined();
  });

  it('takes debug as a function, or true for console.debug, and refuses anything else', async () => {
    const lines: string[] = [];
    const { transport } = recording(async () => ({ status: 200, headers: {}, body: okBody }));
    await new TagoCore({ token: TOKEN, transport, debug: (line) => lines.push(line) }).request(STATUS_OP);
    expect(lines).toEqual([
      expect.stringMatching(/^GET https:\/\/api\.us-e1\.tago\.io\/info -> 200 \(\d+ ms, attempt 1\)$/),
    ]);

    const spy = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    await new TagoCore({ token: TOKEN, transport, debug: true }).request(STATUS_OP);
    expect(spy.mock.calls).toEqual([[expect.stringMatching(/^GET https:\/\/api\.us-e1\.tago\.io\/info -> 200 \(/)]]);
    spy.mockClear();
    await new TagoCore({ token: TOKEN, transport, debug: false }).request(STATUS_OP);
    expect(spy).not.toHaveBeenCalled();

    const e = await failure(() => new TagoCore({ debug: 'yes' } as unknown as ClientOptions));
    expect(shape(e)).toEqual({
      name: 'TagoValidationError',
      code: 'option_invalid',
      message: 'debug must be a function (line: string) => void, or true to print to console.debug',
      field: 'debug',
    });
  });

  it('refuses a hook that is not a function', async () => {
    const e = await failure(() => new TagoCore({ onWarning: 'log' } as unknown as ClientOptions));
    expect(shape(e)).toEqual({
      name: 'TagoValidationError',
      code: 'option_invalid',
      message: 'onWarning must be a function',
      field: 'onWarning',
    });
  });

  it('checks tokenKind against the token-kind list', async () => {
    expect(checkTokenKind('device')).toBe('device');
    expect(checkTokenKind(undefined)).toBeUndefined();
    const e = await failure(() => checkTokenKind('devices'));
    expect(shape(e)).toEqual({
      name: 'TagoValidationError',
      code: 'option_invalid',
      message:
        'tokenKind "devices" is not a token kind ' +
        '(profile, device, analysis, network, runUser, serviceAuthorization); did you mean "device"?',
      field: 'tokenKind',
    });
    expect((await failure(() => checkTokenKind(3))).message).toBe(
      'tokenKind of type number is not a token kind (profile, device, analysis, network, runUser, serviceAuthorization)',
    );
  });
});

describe('call options', () => {
  it('refuses a per-call timeout with the timeoutMs suggestion, before anything is sent', async () => {
    const { transport, requests } = recording(async () => ({ status: 200, headers: {}, body: okBody }));
    const core = new TagoCore({ token: TOKEN, transport });
    const e = await failure(() => core.request(STATUS_OP, { timeout: 5 } as CallOptions));
    expect(shape(e)).toEqual({
      name: 'TagoValidationError',
      code: 'option_unknown',
      message: 'Unknown call option "timeout"; did you mean "timeoutMs"?',
      field: 'timeout',
    });
    expect(requests).toEqual([]);
  });

  it('refuses unknown call options on the one-attempt send too, and deadlineMs there as unsupported', async () => {
    const endpoint = createEndpoint(regionById('us-e1'), { token: TOKEN });
    const { transport, requests } = recording(async () => ({ status: 200, headers: {}, body: okBody }));
    const e = await failure(() => send(endpoint, STATUS_OP, { sigal: undefined } as CallOptions, transport));
    expect(shape(e)).toEqual({
      name: 'TagoValidationError',
      code: 'option_unknown',
      message: 'Unknown call option "sigal"; did you mean "signal"?',
      field: 'sigal',
    });
    const d = await failure(() => send(endpoint, STATUS_OP, { deadlineMs: 100 }, transport));
    expect(shape(d)).toEqual({
      name: 'TagoValidationError',
      code: 'option_unsupported',
      message: 'deadlineMs needs TagoCore: this client sends one attempt',
      field: 'deadlineMs',
    });
    expect(requests).toEqual([]);
  });

  it('refuses deadlineMs on an event stream, which runs until stopped', async () => {
    const core = new TagoCore({ token: TOKEN });
    const e = await failure(() =>
      core.streamEvents({ method: 'GET', path: '/events', server: 'sse' }, { deadlineMs: 10 }).next(),
    );
    expect(shape(e)).toEqual({
      name: 'TagoValidationError',
      code: 'option_unsupported',
      message:
        'deadlineMs does not apply to an event stream, which runs until stopped; pass signal: AbortSignal.timeout(ms)',
      field: 'deadlineMs',
    });
  });
});

describe('deadlineMs: one bound for attempts, retry waits and 429 waits together', () => {
  it('fails at once when a Retry-After wait would end past the deadline, with the 429 as the cause', async () => {
    const { transport, requests } = recording(async () => ({
      status: 429,
      headers: { 'retry-after': '2' },
      body: JSON.stringify({ status: false, message: 'Too many requests' }),
    }));
    const started = Date.now();
    const e = (await failure(() =>
      new TagoCore({ token: TOKEN, transport }).request(STATUS_OP, { deadlineMs: 1_000 }),
    )) as TagoDeadlineError;
    expect(Date.now() - started).toBeLessThan(900);
    expect(e).toBeInstanceOf(TagoDeadlineError);
    expect(e).toBeInstanceOf(TagoTimeoutError);
    expect({ ...shape(e), timeoutMs: e.timeoutMs, mayHaveBeenProcessed: e.mayHaveBeenProcessed }).toEqual({
      name: 'TagoDeadlineError',
      code: 'deadline_exceeded',
      message:
        "The call's deadline of 1000 ms would pass before attempt 2 (rate limited; waiting Retry-After: 2000 ms)",
      field: undefined,
      timeoutMs: 1000,
      mayHaveBeenProcessed: false,
    });
    expect(e.cause).toBeInstanceOf(RateLimitError);
    expect(requests).toHaveLength(1);
  });

  it('cuts an attempt that runs into the deadline, though its own timeout is longer', async () => {
    const hang: Transport = (req) =>
      new Promise((_, reject) =>
        req.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
      );
    const core = new TagoCore({ token: TOKEN, transport: hang, timeoutMs: 20_000, deadlineMs: 60_000 });
    const started = Date.now();
    const e = (await failure(() => core.request(STATUS_OP, { deadlineMs: 150 }))) as TagoDeadlineError;
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect({ ...shape(e), mayHaveBeenProcessed: e.mayHaveBeenProcessed }).toEqual({
      name: 'TagoDeadlineError',
      code: 'deadline_exceeded',
      message: "The call's deadline of 150 ms passed during attempt 1",
      field: undefined,
      mayHaveBeenProcessed: true,
    });
    expect(e.cause).toBeInstanceOf(TagoTimeoutError);
  });

  it('bounds the backoff of retried 5xx answers: no attempt starts past the deadline', async () => {
    // A fake clock that only the (injected) retry waits move: the schedule is exact whatever the machine's load.
    vi.useFakeTimers({ toFake: ['Date'], now: 0 });
    try {
      const started: number[] = [];
      const { transport, requests } = recording(async () => {
        started.push(Date.now());
        return { status: 503, headers: {}, body: JSON.stringify({ status: false, message: 'busy' }) };
      });
      const waits: number[] = [];
      const core = new TagoCore({
        token: TOKEN,
        transport,
        maxRetries: 10,
        retry: { initialDelayMs: 60, maxDelayMs: 60, jitter: 0 },
        sleep: async (ms) => {
          waits.push(ms);
          vi.setSystemTime(Date.now() + ms);
        },
      });
      const e = await failure(() => core.request(STATUS_OP, { deadlineMs: 200 }));
      expect(shape(e)).toEqual({
        name: 'TagoDeadlineError',
        code: 'deadline_exceeded',
        message: "The call's deadline of 200 ms would pass before attempt 5 (HTTP 503: 60 ms)",
        field: undefined,
      });
      // Waits of 60 ms: four attempts fit in 200 ms (at 0, 60, 120, 180); a fifth would start at 240.
      expect(started).toEqual([0, 60, 120, 180]);
      expect(waits).toEqual([60, 60, 60]);
      expect(requests).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a deadline that is no positive number of milliseconds', async () => {
    const e = await failure(() => new TagoCore({ deadlineMs: 0 }));
    expect(shape(e)).toEqual({
      name: 'TagoValidationError',
      code: 'option_invalid',
      message: 'deadlineMs must be a positive number of milliseconds up to 2147483647 (2^31 - 1)',
      field: 'deadlineMs',
    });
  });
});
