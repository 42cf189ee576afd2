import { TagoValidationError } from './errors.ts';
import type { EnvelopeMode } from './envelope.ts';
import { checkPageSize, paginateByPage, paginateBySkip } from './paging.ts';
import type { QueryValue } from './query.ts';
import type { ServerSentEvent } from './events.ts';
import { isPathValue, type CallOptions, type HttpMethod, type OperationRequest, type TagoResponse } from './wire.ts';
import type { TokenKind } from './tokens.ts';

/** Top-level shape of a request body, as far as it can be checked before sending. */
export type BodyShape = 'object' | 'array' | 'string' | 'object-or-array' | 'any';

/**
 * What generated code knows about one operation. Generated once from the spec; the core turns a call's
 * arguments into a request with it, so argument handling lives in one place for every client.
 */
export interface OperationDescriptor {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  /** Token kinds the operation accepts; empty when it needs no token. */
  readonly kinds: readonly TokenKind[];
  readonly envelope: EnvelopeMode;
  /** Media type of the answer when it is not JSON (e.g. `text/event-stream`). */
  readonly accept?: string;
  /** `sse` for the realtime host's event stream. */
  readonly server?: 'sse';
  readonly paging: 'page' | 'skip' | 'cursor' | 'none';
  readonly pathParams: readonly string[];
  /** Path parameters whose `/` must stay unescaped (file paths). */
  readonly reservedPathParams?: readonly string[];
  readonly queryParams: readonly string[];
  readonly requiredQuery: readonly string[];
  readonly body?: {
    readonly required: boolean;
    readonly contentType: 'application/json' | 'text/plain';
    readonly shape: BodyShape;
    /** Keys every object (or every array item) must have. */
    readonly requiredKeys: readonly string[];
  };
}

/** Arguments of a call: path and query parameters by name, plus `body`. */
export type OperationArgs = Record<string, unknown> & { body?: unknown };

/**
 * Splits arguments into path, query and body by the descriptor and refuses, before sending, what the spec makes
 * detectable cheaply: a missing required parameter or body, an unknown argument, or a body of the wrong shape.
 */
export function buildOperationRequest(op: OperationDescriptor, args: OperationArgs | undefined): OperationRequest {
  const given = args ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new TagoValidationError(`${op.id}: arguments must be an object`, 'args_invalid', 'args', { method: op.method, path: op.path });
  }
  const ctx = { method: op.method, path: op.path };
  const pathParams: Record<string, string | number> = {};
  const query: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(given)) {
    if (key === 'body') continue;
    if (op.pathParams.includes(key)) {
      if (!isPathValue(value)) {
        throw new TagoValidationError(`${op.id}: path parameter "${key}" must be a string or a finite number`, 'path_param_invalid', key, ctx);
      }
      pathParams[key] = value;
    } else if (op.queryParams.includes(key)) {
      query[key] = value as QueryValue;
    } else {
      throw new TagoValidationError(`${op.id}: unknown argument "${key}"`, 'arg_unknown', key, ctx);
    }
  }
  for (const name of op.pathParams) {
    if (pathParams[name] === undefined || pathParams[name] === '') {
      throw new TagoValidationError(`${op.id}: missing required path parameter "${name}"`, 'path_param_missing', name, ctx);
    }
  }
  for (const name of op.requiredQuery) {
    if (query[name] === undefined || query[name] === null) {
      throw new TagoValidationError(`${op.id}: missing required query parameter "${name}"`, 'query_param_missing', name, ctx);
    }
  }
  const body = given.body;
  if (!op.body && body !== undefined) {
    throw new TagoValidationError(`${op.id} takes no body`, 'body_unexpected', 'body', ctx);
  }
  if (op.body) checkBody(op, body, ctx);
  return {
    operationId: op.id,
    method: op.method,
    path: op.path,
    pathParams,
    reservedPathParams: op.reservedPathParams,
    query,
    body,
    contentType: op.body?.contentType,
    envelope: op.envelope,
    auth: op.kinds.length > 0,
    accept: op.accept,
    server: op.server,
  };
}

/** The top-level kinds of body each shape accepts (one table for every call). */
const BODY_KINDS: Readonly<Record<BodyShape, readonly string[]>> = {
  object: ['object'],
  array: ['array'],
  string: ['string'],
  'object-or-array': ['object', 'array'],
  any: ['object', 'array', 'string', 'number', 'boolean', 'null'],
};

function checkBody(op: OperationDescriptor, body: unknown, ctx: { method: string; path: string }): void {
  const spec = op.body!;
  if (body === undefined) {
    if (spec.required) throw new TagoValidationError(`${op.id}: missing required body`, 'body_missing', 'body', ctx);
    return;
  }
  const isArray = Array.isArray(body);
  const kind = body === null ? 'null' : isArray ? 'array' : typeof body;
  if (!BODY_KINDS[spec.shape].includes(kind)) {
    throw new TagoValidationError(`${op.id}: body must be ${spec.shape.replaceAll('-', ' ')}, got ${kind}`, 'body_invalid', 'body', ctx);
  }
  if (spec.requiredKeys.length === 0) return;
  const items = isArray ? body : [body];
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      if (isArray) throw new TagoValidationError(`${op.id}: body[${i}] must be an object`, 'body_invalid', `body[${i}]`, ctx);
      return;
    }
    for (const key of spec.requiredKeys) {
      if ((item as Record<string, unknown>)[key] === undefined) {
        const where = isArray ? `body[${i}].${key}` : `body.${key}`;
        throw new TagoValidationError(`${op.id}: missing required field ${where}`, 'body_field_missing', where, ctx);
      }
    }
  });
}

/**
 * The answer of a generated method: await it for the result, or call `withResponse()` for the result with its
 * warning, status, headers and attempt count. The request starts on first use.
 */
export class TagoPromise<T> implements PromiseLike<T> {
  #pending: Promise<TagoResponse<T>> | undefined;
  readonly #start: () => Promise<TagoResponse<T>>;

  constructor(start: () => Promise<TagoResponse<T>>) {
    this.#start = start;
  }

  /** The full answer: result, warning, HTTP status, headers and attempts. */
  withResponse(): Promise<TagoResponse<T>> {
    this.#pending ??= this.#start();
    return this.#pending;
  }

  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.withResponse()
      .then((r) => r.data)
      .then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }
}

/** A list answer that can also be walked to the end with `for await`, page after page. */
export class TagoPagePromise<T, Item> extends TagoPromise<T> implements AsyncIterable<Item> {
  readonly #pages: () => AsyncIterator<Item>;
  constructor(first: () => Promise<TagoResponse<T>>, pages: () => AsyncIterator<Item>) {
    super(first);
    this.#pages = pages;
  }
  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return this.#pages();
  }
}

/**
 * What sends requests for generated methods: TagoCore (retries, timeouts, warnings hook, event streams), or the
 * one-attempt engine of `sender()` from the plain `send` path. Anything with the same `request` works.
 */
export interface RequestEngine {
  /** Sends one operation and returns its full answer (or rejects with a typed error). */
  request<T = unknown>(op: OperationRequest, call?: CallOptions): Promise<TagoResponse<T>>;
  /** Opens an event stream; engines without it cannot iterate event-stream operations (awaiting them still works). */
  streamEvents?(op: OperationRequest, call?: CallOptions): AsyncGenerator<ServerSentEvent, void, undefined>;
}

/** What generated methods call through: the engine, and the kind of token it holds (when the caller said). */
export interface OperationContext {
  readonly core: RequestEngine;
  readonly tokenKind?: TokenKind | undefined;
}

/** Refuses, before sending, an operation the client's token kind cannot call (the types already forbid it). */
function guardKind(ctx: OperationContext, op: OperationDescriptor): void {
  if (!acceptsKind(op, ctx.tokenKind)) {
    throw new TagoValidationError(
      `${op.id} does not accept a ${ctx.tokenKind} token (it accepts: ${op.kinds.join(', ')})`,
      'token_kind_mismatch',
      'tokenKind',
      { method: op.method, path: op.path },
    );
  }
}

/** Sends one operation. Generated methods are one-line calls of this. */
export function callOperation<T>(ctx: OperationContext, op: OperationDescriptor, args: OperationArgs | undefined, options?: CallOptions): TagoPromise<T> {
  return new TagoPromise(() => {
    try {
      guardKind(ctx, op);
      return ctx.core.request<T>(buildOperationRequest(op, args), options);
    } catch (error) {
      return Promise.reject(error);
    }
  });
}

/**
 * Sends a list operation. Awaited, it gives the page asked for; iterated, it walks every page (`page`/`amount`)
 * or chunk (`qty`/`skip`) from the one asked for, stopping at the first short one.
 */
export function callPagedOperation<T, Item>(
  ctx: OperationContext,
  op: OperationDescriptor,
  args: OperationArgs | undefined,
  options?: CallOptions,
): TagoPagePromise<T, Item> {
  const base = args ?? {};
  const context = { method: op.method, path: op.path };
  const sizeField = op.paging === 'skip' ? 'qty' : 'amount';
  // A page size of 0, a negative or a fraction would make TagoIO answer oddly or an iterator never advance.
  const checkSize = () => {
    if (base[sizeField] !== undefined) checkPageSize(base[sizeField], sizeField, context);
  };
  const fetchWith = async (extra: Record<string, number>) => {
    guardKind(ctx, op);
    return await ctx.core.request<unknown>(buildOperationRequest(op, { ...base, ...extra }), options);
  };
  const first = () => {
    try {
      guardKind(ctx, op);
      checkSize();
      return ctx.core.request<T>(buildOperationRequest(op, base), options);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const pages = (): AsyncIterator<Item> => {
    if (op.paging === 'skip') {
      const qty = (base['qty'] as number | undefined) ?? 1000;
      const startSkip = (base['skip'] as number | undefined) ?? 0;
      const chunk = async (skip: number, n: number) => listOf<Item>(op, (await fetchWith({ skip, qty: n })).data);
      return paginateBySkip<Item>(chunk, { qty, startSkip, context })[Symbol.asyncIterator]();
    }
    const amount = (base['amount'] as number | undefined) ?? 20;
    const startPage = (base['page'] as number | undefined) ?? 1;
    const page = async (p: number, n: number) => listOf<Item>(op, (await fetchWith({ page: p, amount: n })).data);
    return paginateByPage<Item>(page, { amount, startPage, context })[Symbol.asyncIterator]();
  };
  return new TagoPagePromise<T, Item>(first, pages);
}

function listOf<Item>(op: OperationDescriptor, data: unknown): Item[] {
  // A count-style data query answers a number; there is nothing to walk then.
  if (Array.isArray(data)) return data as Item[];
  throw new TagoValidationError(`${op.id}: the answer is not a list, so it cannot be iterated (use await instead)`, 'not_a_list', undefined, {
    method: op.method,
    path: op.path,
  });
}

/**
 * An event stream (the realtime host). Iterated with `for await`, it yields each event as it arrives, live;
 * awaited, it reads the stream to its end and gives the raw text (for streams the server closes).
 */
export class TagoEventStream extends TagoPromise<string> implements AsyncIterable<ServerSentEvent> {
  readonly #open: () => AsyncIterator<ServerSentEvent>;
  constructor(whole: () => Promise<TagoResponse<string>>, open: () => AsyncIterator<ServerSentEvent>) {
    super(whole);
    this.#open = open;
  }
  [Symbol.asyncIterator](): AsyncIterator<ServerSentEvent> {
    return this.#open();
  }
}

/** Opens an event-stream operation. */
export function callEventStream(ctx: OperationContext, op: OperationDescriptor, args: OperationArgs | undefined, options?: CallOptions): TagoEventStream {
  const request = () => {
    guardKind(ctx, op);
    return buildOperationRequest(op, args);
  };
  return new TagoEventStream(
    () => {
      try {
        return ctx.core.request<string>(request(), options);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    () => {
      let inner: AsyncGenerator<ServerSentEvent, void, undefined> | undefined;
      const open = () => {
        if (inner) return inner;
        const stream = ctx.core.streamEvents;
        if (!stream) {
          throw new TagoValidationError(
            `${op.id}: this client cannot stream events (use a full client such as TagoCore); await the call to read the stream to its end instead`,
            'stream_unsupported',
            undefined,
            { method: op.method, path: op.path },
          );
        }
        return (inner = stream.call(ctx.core, request(), options));
      };
      return {
        next: async () => await open().next(),
        return: async () => (inner ? await inner.return(undefined) : { done: true, value: undefined }),
      };
    },
  );
}

/** Whether a client with this token kind may call the operation (anonymous operations suit every client). */
export function acceptsKind(op: OperationDescriptor, kind: TokenKind | undefined): boolean {
  return op.kinds.length === 0 || kind === undefined || op.kinds.includes(kind);
}

/** Marks operations that need no token in a kinds map. */
export type AnonymousKind = 'anonymous';

/** The methods of one group that a token of kind K may call. */
export type ScopedGroup<G, KM, K> = {
  [M in keyof G & keyof KM as K extends KM[M] ? M : AnonymousKind extends KM[M] ? M : never]: G[M];
};

/**
 * A client seen through one token kind: groups keep only the methods that kind may call, and groups left empty
 * disappear. With K = every kind (the default) nothing is hidden; with K = 'anonymous' only public routes stay.
 */
export type ScopedClient<Groups, Kinds, K> = {
  readonly [N in keyof Groups & keyof Kinds as keyof ScopedGroup<Groups[N], Kinds[N], K> extends never ? never : N]: ScopedGroup<Groups[N], Kinds[N], K>;
};
