/**
 * The error hierarchy every tagokit client throws. Nothing here ever holds the token: errors are built from the
 * response and from request facts (method, path), never from request headers, and server text is redacted.
 */
export interface ErrorContext {
  /** HTTP method of the failed call. */
  method?: string;
  /** Path of the failed call, without host or query (the query may hold user data but never the token). */
  path?: string;
}

/** Base class of every error tagokit throws. */
export class TagoError extends Error {
  override name = 'TagoError';
  /** Machine-readable code, stable across releases and shared with the other clients (see the test vectors). */
  declare readonly code: string;
  /** Method and path of the call, when the error belongs to one. */
  declare readonly method: string | undefined;
  declare readonly path: string | undefined;
  /**
   * Whether the server may have acted on the request. `false` means it certainly did not (a refused connection,
   * a validation error, a 4xx answer), so a write can be sent again without creating a duplicate.
   */
  declare readonly mayHaveBeenProcessed: boolean;

  constructor(
    message: string,
    code: string,
    opts: ErrorContext & { mayHaveBeenProcessed?: boolean; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.method = opts.method;
    this.path = opts.path;
    this.mayHaveBeenProcessed = opts.mayHaveBeenProcessed ?? false;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      method: this.method,
      path: this.path,
      mayHaveBeenProcessed: this.mayHaveBeenProcessed,
    };
  }
}

/** Bad input caught before anything was sent: a missing parameter, an unsafe header, an unknown region. */
export class TagoValidationError extends TagoError {
  override name = 'TagoValidationError';
  /** The parameter, option or field at fault. */
  declare readonly field: string | undefined;
  constructor(message: string, code: string, field?: string, ctx: ErrorContext = {}) {
    super(message, code, { ...ctx, mayHaveBeenProcessed: false });
    this.field = field;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

export interface ApiErrorInit extends ErrorContext {
  status: number;
  message: string;
  body: unknown;
  headers: Record<string, string>;
  requestId?: string | undefined;
}

/** The API answered with a failure: an HTTP error status, or `status:false` in the envelope. */
export class TagoApiError extends TagoError {
  override name = 'TagoApiError';
  declare readonly status: number;
  /** The parsed error body (or a short excerpt of it when it was not JSON). */
  declare readonly body: unknown;
  /** Response headers, lower-cased. */
  declare readonly headers: Record<string, string>;
  declare readonly requestId: string | undefined;

  constructor(init: ApiErrorInit, code = 'api_error') {
    // A 5xx may come after the server acted on the request; 4xx and envelope failures did not change anything.
    super(init.message, code, { method: init.method, path: init.path, mayHaveBeenProcessed: init.status >= 500 });
    this.status = init.status;
    this.body = init.body;
    this.headers = init.headers;
    this.requestId = init.requestId;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, body: this.body, requestId: this.requestId };
  }
}

export class BadRequestError extends TagoApiError {
  override name = 'BadRequestError';
  constructor(init: ApiErrorInit) {
    super(init, 'bad_request');
  }
}
export class AuthenticationError extends TagoApiError {
  override name = 'AuthenticationError';
  constructor(init: ApiErrorInit) {
    super(init, 'authentication');
  }
}
export class PermissionDeniedError extends TagoApiError {
  override name = 'PermissionDeniedError';
  constructor(init: ApiErrorInit) {
    super(init, 'permission_denied');
  }
}
export class NotFoundError extends TagoApiError {
  override name = 'NotFoundError';
  constructor(init: ApiErrorInit) {
    super(init, 'not_found');
  }
}
export class ConflictError extends TagoApiError {
  override name = 'ConflictError';
  constructor(init: ApiErrorInit) {
    super(init, 'conflict');
  }
}
export class UnprocessableEntityError extends TagoApiError {
  override name = 'UnprocessableEntityError';
  constructor(init: ApiErrorInit) {
    super(init, 'unprocessable_entity');
  }
}
export class RateLimitError extends TagoApiError {
  override name = 'RateLimitError';
  /** Seconds the API asked to wait, from the Retry-After header or the message text; undefined when neither said. */
  declare readonly retryAfterSeconds: number | undefined;
  constructor(init: ApiErrorInit & { retryAfterSeconds?: number | undefined }) {
    super(init, 'rate_limited');
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterSeconds: this.retryAfterSeconds };
  }
}
export class InternalServerError extends TagoApiError {
  override name = 'InternalServerError';
  constructor(init: ApiErrorInit) {
    super(init, 'server_error');
  }
}

/**
 * A 2xx answer whose body is not what the API promises: empty, truncated, not JSON, an HTML page from a proxy,
 * not an envelope, or larger than the configured cap.
 */
export class TagoResponseParseError extends TagoError {
  override name = 'TagoResponseParseError';
  declare readonly status: number;
  /** The first characters of the body, to help tell what answered. */
  declare readonly excerpt: string;
  constructor(message: string, code: string, status: number, excerpt: string, ctx: ErrorContext = {}) {
    // The server answered 2xx, so it most likely acted on the request even though the answer is unreadable.
    super(message, code, { ...ctx, mayHaveBeenProcessed: true });
    this.status = status;
    this.excerpt = excerpt;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, excerpt: this.excerpt };
  }
}

/** The connection failed. `mayHaveBeenProcessed` is false only when the request surely never reached the server. */
export class TagoConnectionError extends TagoError {
  override name = 'TagoConnectionError';
  constructor(message: string, opts: ErrorContext & { reachedServer: boolean; cause?: unknown; code?: string }) {
    super(message, opts.code ?? (opts.reachedServer ? 'connection_lost' : 'connection_refused'), {
      method: opts.method,
      path: opts.path,
      mayHaveBeenProcessed: opts.reachedServer,
      cause: opts.cause,
    });
  }
}

/**
 * No answer arrived within the timeout. The server may still have acted on the request, unless the transport
 * knows the request was never written (it waited for a free connection the whole time): then `sent` is false.
 */
export class TagoTimeoutError extends TagoError {
  override name = 'TagoTimeoutError';
  declare readonly timeoutMs: number;
  constructor(
    timeoutMs: number,
    ctx: ErrorContext & { sent?: boolean; message?: string; code?: string; cause?: unknown } = {},
  ) {
    const { sent, message, code, ...where } = ctx;
    super(message ?? `No answer within ${timeoutMs} ms`, code ?? 'timeout', {
      ...where,
      mayHaveBeenProcessed: sent ?? true,
    });
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The call's whole deadline (`deadlineMs`) passed: attempts, retry waits and Retry-After waits together took
 * longer, or the next wait would end past it. `cause` is the last attempt's error, when there was one.
 */
export class TagoDeadlineError extends TagoTimeoutError {
  override name = 'TagoDeadlineError';
  constructor(deadlineMs: number, ctx: ErrorContext & { sent: boolean; message: string; cause?: unknown }) {
    super(deadlineMs, { ...ctx, code: 'deadline_exceeded' });
  }
}

/**
 * The server answered with a redirect (3xx). tagokit never follows one: the token travels in a custom header,
 * which fetch keeps across origins, and a 307/308 would send the body again. `location` is the origin the
 * answer pointed to (scheme, host and port only), when it named one.
 */
export class TagoRedirectError extends TagoError {
  override name = 'TagoRedirectError';
  declare readonly status: number;
  declare readonly location: string | undefined;
  constructor(status: number, location: string | undefined, ctx: ErrorContext = {}) {
    const where = location === undefined ? '' : ` to ${location}`;
    // Status 0: a browser's opaque redirect, which hides the status and the Location.
    const what = status === 0 ? 'A redirect' : `HTTP ${status} redirect`;
    // The server answered, so it may have acted before redirecting.
    super(
      `${what}${where} was not followed (tagokit sends the token only to the configured API)`,
      'unexpected_redirect',
      {
        ...ctx,
        mayHaveBeenProcessed: true,
      },
    );
    this.status = status;
    this.location = location;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, location: this.location };
  }
}

/** The caller aborted the call through its AbortSignal. Aborts are never retried. */
export class TagoAbortError extends TagoError {
  override name = 'TagoAbortError';
  constructor(ctx: ErrorContext & { sent: boolean }) {
    super('The request was aborted by the caller', 'aborted', { ...ctx, mayHaveBeenProcessed: ctx.sent });
  }
}
