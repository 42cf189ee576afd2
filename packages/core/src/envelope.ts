import { apiErrorFor, TagoResponseParseError, type ErrorContext } from './errors.js';
import { redact } from './tokens.js';
import { retryAfterFrom } from './retry.js';

/** How an operation answers: inside TagoIO's `{status, result, message}` envelope, or with a raw body. */
export type EnvelopeMode = 'envelope' | 'raw';

export interface ParsedAnswer<T = unknown> {
  /** `result` of the envelope, or the whole body in raw mode. */
  data: T;
  /** The `message` of a successful envelope: a warning the caller must see. */
  warning: string | undefined;
}

export interface AnswerInput extends ErrorContext {
  status: number;
  headers: Record<string, string>;
  body: string;
  mode: EnvelopeMode;
  /** Secrets to scrub from any text copied into an error (the token). */
  secrets?: readonly (string | undefined)[];
}

const EXCERPT_LENGTH = 200;

/**
 * Turns an HTTP answer into the operation's result or a typed error:
 * - 2xx + `status:true` gives `result` (and `message` as a warning);
 * - `status:false` is a failure even with HTTP 2xx;
 * - HTTP >= 400 is a failure of the class that matches the status, whatever the body;
 * - an empty, truncated, non-JSON or HTML 2xx body is a TagoResponseParseError with an excerpt.
 */
export function parseAnswer<T = unknown>(input: AnswerInput): ParsedAnswer<T> {
  const { status, headers, body, mode } = input;
  const ctx: ErrorContext = { method: input.method, path: input.path };
  const secrets = input.secrets ?? [];
  // Only failures need the excerpt; successes skip the copy.
  const excerpt = (): string => redact(body.slice(0, EXCERPT_LENGTH), secrets);
  const parsed = parseJson(body);

  if (status >= 400 || (status >= 200 && status < 300 && parsed.ok && isFailedEnvelope(parsed.value) && mode === 'envelope')) {
    const value = parsed.ok ? parsed.value : excerpt();
    const message = parsed.ok ? errorMessage(parsed.value) : undefined;
    return throwApiError(status, headers, message ?? classifyBody(status, body, headers).message, value, secrets, ctx);
  }
  if (status < 200 || status >= 300) {
    throw new TagoResponseParseError(`Unexpected HTTP status ${status}`, 'unexpected_status', status, excerpt(), ctx);
  }
  if (!parsed.ok) {
    if (mode === 'raw' && body.length > 0 && !looksLikeHtml(body, headers)) {
      return { data: body as T, warning: undefined };
    }
    const { code, message } = classifyBody(status, body, headers);
    throw new TagoResponseParseError(message, code, status, excerpt(), ctx);
  }
  if (mode === 'raw') return { data: parsed.value as T, warning: undefined };
  const env = parsed.value;
  if (!isRecord(env) || typeof env['status'] !== 'boolean') {
    throw new TagoResponseParseError(`HTTP ${status} body is JSON but not a TagoIO envelope`, 'not_an_envelope', status, excerpt(), ctx);
  }
  const warning = typeof env['message'] === 'string' && env['message'].length > 0 ? redact(env['message'], secrets) : undefined;
  return { data: env['result'] as T, warning };
}

function throwApiError(
  status: number,
  headers: Record<string, string>,
  message: string,
  body: unknown,
  secrets: readonly (string | undefined)[],
  ctx: ErrorContext,
): never {
  const clean = redact(message, secrets);
  throw apiErrorFor({
    ...ctx,
    status,
    message: clean,
    body: scrub(body, secrets),
    headers,
    requestId: headers['x-request-id'],
    retryAfterSeconds: status === 429 ? retryAfterFrom(headers, clean) : undefined,
  });
}

/** The failure reason wherever TagoIO put it: `message`, `result.message`, or a string `result`. */
function errorMessage(value: unknown): string | undefined {
  if (!isRecord(value)) return typeof value === 'string' && value ? value : undefined;
  if (typeof value['message'] === 'string' && value['message']) return value['message'];
  const result = value['result'];
  if (typeof result === 'string' && result) return result;
  if (isRecord(result) && typeof result['message'] === 'string' && result['message']) return result['message'];
  return undefined;
}

/** What a body that is not JSON is, as one code and its message (the two always agree). */
function classifyBody(status: number, body: string, headers: Record<string, string>): { code: 'empty_body' | 'html_body' | 'invalid_json'; message: string } {
  if (body.trim().length === 0) return { code: 'empty_body', message: `HTTP ${status} with an empty body` };
  if (looksLikeHtml(body, headers)) return { code: 'html_body', message: `HTTP ${status} with an HTML page instead of JSON (a proxy or gateway answered)` };
  return { code: 'invalid_json', message: `HTTP ${status} with a body that is not valid JSON (truncated or not JSON)` };
}

function looksLikeHtml(body: string, headers: Record<string, string>): boolean {
  return /^\s*</.test(body) || (headers['content-type'] ?? '').includes('text/html');
}

function isFailedEnvelope(value: unknown): boolean {
  return isRecord(value) && value['status'] === false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  // JSON.parse refuses empty and blank text itself; no trimmed copy of the body is made.
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

function scrub(value: unknown, secrets: readonly (string | undefined)[]): unknown {
  if (!secrets.some((s) => s && s.length >= 4)) return value;
  const text = JSON.stringify(value);
  if (text === undefined) return value;
  const clean = redact(text, secrets);
  if (clean === text) return value;
  try {
    return JSON.parse(clean) as unknown;
  } catch {
    return clean;
  }
}
