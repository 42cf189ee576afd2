import type { CallOptions, OperationRequest, TagoResponse } from '../call-types.ts';
import { TagoValidationError } from '../errors.ts';
import type { ServerSentEvent } from '../events.ts';
import { paginateByPage, paginateBySkip } from '../paging.ts';
import { TagoEventStream, TagoPagePromise, TagoPromise } from '../tago-promise.ts';
import type { TokenKind } from '../token-kinds.ts';
import type { BodyKeyCheck } from './body-keys.ts';
import { buildOperationRequest } from './build-operation-request.ts';
import type { OperationArgs, OperationDescriptor } from './operation-descriptor.ts';

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
  /**
   * The closed names of requests (body keys, enumerated query values); when given, a name they do not list is
   * refused before sending.
   */
  readonly bodyKeys?: BodyKeyCheck | undefined;
}

/** Whether a client with this token kind may call the operation (anonymous operations suit every client). */
export function acceptsKind(op: OperationDescriptor, kind: TokenKind | undefined): boolean {
  return op.kinds.length === 0 || kind === undefined || op.kinds.includes(kind);
}

/**
 * Refuses a first argument that is no client. With the function API (edge, MCU) the client comes first, and plain
 * JavaScript that forgets it (`listDevices({ fields })`) would otherwise fail deep inside with a bare TypeError.
 */
function checkContext(ctx: unknown, op: OperationDescriptor): asserts ctx is OperationContext {
  const core = typeof ctx === 'object' && ctx !== null ? (ctx as { core?: unknown }).core : undefined;
  if (typeof (core as RequestEngine | undefined)?.request === 'function') return;
  const got =
    ctx === null
      ? 'null'
      : Array.isArray(ctx)
        ? 'an array'
        : typeof ctx === 'object'
          ? 'an object without a request engine'
          : typeof ctx;
  throw new TagoValidationError(
    `${op.id}: the first argument must be a client (as createEdgeClient makes), got ${got}; the arguments come second`,
    'client_invalid',
    undefined,
    { method: op.method, path: op.path },
  );
}

/**
 * The request of one call, after the checks that need no network: the first argument is a client, its token kind may call the operation
 * (the types already forbid it), the arguments fit the descriptor, and the body's keys fit the closed body (when
 * the client carries the table).
 */
function checkedRequest(
  ctx: OperationContext,
  op: OperationDescriptor,
  args: OperationArgs | undefined,
): OperationRequest {
  checkContext(ctx, op);
  if (!acceptsKind(op, ctx.tokenKind)) {
    throw new TagoValidationError(
      `${op.id} does not accept a ${ctx.tokenKind} token (it accepts: ${op.kinds.join(', ')})`,
      'token_kind_mismatch',
      'tokenKind',
      { method: op.method, path: op.path },
    );
  }
  const request = buildOperationRequest(op, args);
  ctx.bodyKeys?.check(op, request.body, request.query ?? {});
  return request;
}

/** Checks and sends one call; a refused call rejects (at `await`) rather than throwing from the method itself. */
function sendChecked<T>(
  ctx: OperationContext,
  op: OperationDescriptor,
  args: OperationArgs | undefined,
  options: CallOptions | undefined,
): Promise<TagoResponse<T>> {
  try {
    // Checked first: `ctx.core.request(...)` would read `ctx.core` before its arguments ran the checks.
    const request = checkedRequest(ctx, op, args);
    return ctx.core.request<T>(request, options);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Sends one operation. Generated methods are one-line calls of this. */
export function callOperation<T>(
  ctx: OperationContext,
  op: OperationDescriptor,
  args: OperationArgs | undefined,
  options?: CallOptions,
): TagoPromise<T> {
  return new TagoPromise(() => sendChecked<T>(ctx, op, args, options));
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
  // Awaiting (most calls) builds no iteration state: the walk's closures are made when a caller iterates.
  return new TagoPagePromise<T, Item>(
    () => sendChecked<T>(ctx, op, base, options),
    () => walkPages<Item>(ctx, op, base, options),
  );
}

/** The iterator of a paged call, from the page or chunk its arguments ask for. */
function walkPages<Item>(
  ctx: OperationContext,
  op: OperationDescriptor,
  base: OperationArgs,
  options: CallOptions | undefined,
): AsyncIterator<Item> {
  const context = { method: op.method, path: op.path };
  const list = async (extra: Record<string, number>): Promise<Item[]> =>
    listOf<Item>(op, (await sendChecked<unknown>(ctx, op, { ...base, ...extra }, options)).data);
  if (op.paging === 'skip') {
    const qty = (base['qty'] as number | undefined) ?? 1000;
    const startSkip = (base['skip'] as number | undefined) ?? 0;
    const chunk = (skip: number, n: number) => list({ skip, qty: n });
    return paginateBySkip<Item>(chunk, { qty, startSkip, context })[Symbol.asyncIterator]();
  }
  const amount = (base['amount'] as number | undefined) ?? 20;
  const startPage = (base['page'] as number | undefined) ?? 1;
  const page = (p: number, n: number) => list({ page: p, amount: n });
  return paginateByPage<Item>(page, { amount, startPage, context })[Symbol.asyncIterator]();
}

function listOf<Item>(op: OperationDescriptor, data: unknown): Item[] {
  // A count-style data query answers a number; there is nothing to walk then.
  if (Array.isArray(data)) return data as Item[];
  throw new TagoValidationError(
    `${op.id}: the answer is not a list, so it cannot be iterated (use await instead)`,
    'not_a_list',
    undefined,
    { method: op.method, path: op.path },
  );
}

/** Opens an event-stream operation. */
export function callEventStream(
  ctx: OperationContext,
  op: OperationDescriptor,
  args: OperationArgs | undefined,
  options?: CallOptions,
): TagoEventStream {
  const open = (): AsyncIterator<ServerSentEvent> => {
    let inner: AsyncGenerator<ServerSentEvent, void, undefined> | undefined;
    const start = (): AsyncGenerator<ServerSentEvent, void, undefined> => {
      if (inner) return inner;
      checkContext(ctx, op);
      const stream = ctx.core.streamEvents;
      if (!stream) {
        throw new TagoValidationError(
          `${op.id}: this client cannot stream events (use a full client such as TagoCore); ` +
            'await the call to read the stream to its end instead',
          'stream_unsupported',
          undefined,
          { method: op.method, path: op.path },
        );
      }
      inner = stream.call(ctx.core, checkedRequest(ctx, op, args), options);
      return inner;
    };
    return {
      next: async () => await start().next(),
      return: async () => (inner ? await inner.return(undefined) : { done: true, value: undefined }),
    };
  };
  return new TagoEventStream(() => sendChecked<string>(ctx, op, args, options), open);
}
