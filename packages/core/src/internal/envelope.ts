import { TagoRedirectError, TagoResponseParseError, type ErrorContext } from '../errors.ts';
import { redact, redactedExcerpt } from './redaction.ts';
import { retryAfterFrom } from './retry-decision.ts';
import { apiErrorFor } from './status-errors.ts';

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
 * - a 3xx is a TagoRedirectError: redirects are never followed (the token must not travel to another origin);
 * - an empty, truncated, non-JSON or HTML 2xx body is a TagoResponseParseError with an excerpt.
 * A UTF-8 byte order mark before the body is ignored.
 */
export function parseAnswer<T = unknown>(input: AnswerInput): ParsedAnswer<T> {
  const { status, headers, mode } = input;
  const body = input.body.charCodeAt(0) === 0xfeff ? input.body.slice(1) : input.body;
  const ctx: ErrorContext = { method: input.method, path: input.path };
  const secrets = input.secrets ?? [];
  if (status >= 300 && status < 400) throw new TagoRedirectError(status, originOf(headers['location']), ctx);
  // Only failures need the excerpt; successes skip the copy. Redacted before the cut, so no part of a secret stays.
  const excerpt = (): string => redactedExcerpt(body, secrets, EXCERPT_LENGTH);
  const parsed = parseJson(body);
  const json = parsed !== NOT_JSON;

  if (status >= 400 || (status >= 200 && status < 300 && isFailedEnvelope(parsed) && mode === 'envelope')) {
    const value = json ? scrub(parsed, secrets, excerpt) : excerpt();
    const message = json ? errorMessage(parsed) : undefined;
    return throwApiError(status, headers, message ?? classifyBody(status, body, headers).message, value, secrets, ctx);
  }
  if (status < 200 || status >= 300) {
    throw new TagoResponseParseError(`Unexpected HTTP status ${status}`, 'unexpected_status', status, excerpt(), ctx);
  }
  if (!json) {
    if (mode === 'raw' && body.length > 0 && !looksLikeHtml(body, headers)) {
      return { data: body as T, warning: undefined };
    }
    const { code, message } = classifyBody(status, body, headers);
    throw new TagoResponseParseError(message, code, status, excerpt(), ctx);
  }
  if (mode === 'raw') return { data: parsed as T, warning: undefined };
  const env = parsed;
  if (!isRecord(env) || typeof env['status'] !== 'boolean') {
    throw new TagoResponseParseError(
      `HTTP ${status} body is JSON but not a TagoIO envelope`,
      'not_an_envelope',
      status,
      excerpt(),
      ctx,
    );
  }
  const warning =
    typeof env['message'] === 'string' && env['message'].length > 0 ? redact(env['message'], secrets) : undefined;
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
    body,
    headers: errorHeaders(headers, secrets),
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
function classifyBody(
  status: number,
  body: string,
  headers: Record<string, string>,
): { code: 'empty_body' | 'html_body' | 'invalid_json'; message: string } {
  if (body.trim().length === 0) return { code: 'empty_body', message: `HTTP ${status} with an empty body` };
  if (looksLikeHtml(body, headers))
    return {
      code: 'html_body',
      message: `HTTP ${status} with an HTML page instead of JSON (a proxy or gateway answered)`,
    };
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

/** What parseJson gives for text that is not JSON (no JSON value is this object). */
const NOT_JSON: unknown = {};

function parseJson(body: string): unknown {
  // JSON.parse refuses empty and blank text itself; no trimmed copy of the body is made.
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/**
 * The parsed error body as the error keeps it: with the secrets redacted, and as its excerpt when it cannot be
 * written back as JSON (nested so deeply that JSON.stringify overflows the stack, which would also break the
 * error's own toJSON and every logger that prints it).
 */
function scrub(value: unknown, secrets: readonly (string | undefined)[], excerpt: () => string): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    return excerpt();
  }
  const clean = redact(text, secrets);
  return clean === text ? value : (JSON.parse(clean) as unknown);
}

/** Headers an error keeps: without cookies (a session is no business of an error log), secrets redacted. */
function errorHeaders(
  headers: Record<string, string>,
  secrets: readonly (string | undefined)[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    if (name === 'set-cookie' || name === 'set-cookie2') continue;
    out[name] = redact(headers[name] as string, secrets);
  }
  return out;
}

/**
 * The origin (scheme://host[:port], lower-cased, without credentials) an absolute Location names, else undefined.
 * By hand rather than with URL, so every client names it the same way (the microcontroller one has no URL).
 */
export function originOf(location: string | undefined): string | undefined {
  const match = location === undefined ? null : /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(location.trim());
  if (!match) return undefined;
  const authority = (match[2] as string).slice((match[2] as string).lastIndexOf('@') + 1);
  return `${(match[1] as string).toLowerCase()}://${authority.toLowerCase()}`;
}
