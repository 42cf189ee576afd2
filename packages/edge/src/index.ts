import {
  TagoCore,
  type ClientOptions,
  type KnownRegion,
  type ResolvedRegion,
  type TokenKind,
  type Transport,
} from '@tagokit/core';
import {
  checkOptionNames,
  checkTokenKind,
  CLIENT_OPTION_NAMES,
  createEndpoint,
  ownProperties,
  regionById,
  sender,
  type BodyKeyCheck,
  type KindMark,
  type OperationContext,
  type RequestEngine,
} from '@tagokit/core/internal';
import { BODY_KEYS } from '@tagokit/api/body-keys';

// The core's public list (errors, option types, regions, transports), so a worker imports everything from one
// place. The package has `sideEffects: false`, so re-exports cost nothing a worker does not use.
export * from '@tagokit/core';
export * from '@tagokit/api/functions';
// Every schema the spec names, under that name (`Device`, `DataCreate`): what the signatures and errors show.
export type * from '@tagokit/api/types';

/** Options of an edge client: the core's (token, region, timeouts, retries ...) plus the token kind, if known. */
export interface EdgeClientOptions extends ClientOptions {
  /** The kind of `token`; when given, operations that kind cannot call are refused before sending. */
  tokenKind?: TokenKind;
}

/**
 * What every operation function takes first: the engine and the token kind it was made for. `EdgeClient<'device'>`
 * (made with `tokenKind: 'device'`) fits only the functions a device token can call, so `listDevices(client)` is a
 * compile error as it is a run-time refusal; `EdgeClient` (kind not given) fits every function.
 */
export interface EdgeClient<K extends TokenKind = TokenKind> extends OperationContext, KindMark<K> {
  readonly core: TagoCore;
  readonly tokenKind: K | undefined;
  readonly bodyKeys: BodyKeyCheck;
}

// Pure, so the lean worker (which checks its own short list) leaves the full client's option list out.
const EDGE_OPTION_NAMES = /* @__PURE__ */ CLIENT_OPTION_NAMES.concat('tokenKind');
/** Every option of a lean client, checked by name like the full client's. */
const LEAN_OPTION_KEYS: Record<keyof LeanClientOptions, true> = {
  token: true,
  tokenKind: true,
  tokenHeader: true,
  region: true,
  headers: true,
  transport: true,
};

/**
 * Makes the context the operation functions take: `sendData(createEdgeClient({ token }), { body })`. Requests go
 * through the platform's global `fetch` (the core's fetchTransport) unless `transport` says otherwise. Build it
 * per request or once per isolate; it holds no connection.
 */
export function createEdgeClient<K extends TokenKind>(options: EdgeClientOptions & { tokenKind: K }): EdgeClient<K>;
export function createEdgeClient(options?: EdgeClientOptions): EdgeClient;
export function createEdgeClient(options: EdgeClientOptions = {}): EdgeClient {
  // Own properties only (see ownProperties): a polluted Object.prototype must not supply a transport.
  const own = ownProperties(options);
  checkOptionNames(own, EDGE_OPTION_NAMES, 'client');
  const { tokenKind, ...core } = own;
  // The lean client leaves BODY_KEYS out (a few kB of key lists); this one refuses misspelt body keys.
  return { core: new TagoCore(core), tokenKind: checkTokenKind(tokenKind), bodyKeys: BODY_KEYS };
}

/** Options of a lean client: no timeouts, retries, hooks or size cap (see createLeanClient). */
export interface LeanClientOptions {
  /** The token sent with every authenticated call (checked at once, as by createEdgeClient). */
  token?: string;
  /** The kind of `token`; when given, operations that kind cannot call are refused before sending. */
  tokenKind?: TokenKind;
  /** Header that carries the token; `token` by default. */
  tokenHeader?: string;
  /**
   * `us-e1` (default), `eu-w1` or `usa-1`; for TagoDeploy, custom URLs or `env`, pass what the core's
   * `resolveRegion(input, options)` returns, which checks them (that brings its checks into the bundle).
   */
  region?: KnownRegion | 'usa-1' | ResolvedRegion;
  /** Headers added to every call (checked like createEdgeClient's). */
  headers?: Record<string, string>;
  /** How requests travel; the platform's fetch, read with `response.text()`, by default. */
  transport?: Transport;
}

/** A lean client: the same operation functions take it, scoped by its token kind like an EdgeClient. */
export interface LeanClient<K extends TokenKind = TokenKind> extends OperationContext, KindMark<K> {
  readonly core: RequestEngine;
  readonly tokenKind: K | undefined;
}

/**
 * A client for the smallest workers: the same request building, token and argument checks, envelope parsing and
 * typed errors as createEdgeClient, in one attempt over global `fetch`. It keeps no timer, does not retry, has no
 * warnings hook or debug log and no response size cap; per call it takes `signal` and `headers` (a deadline is
 * `signal: AbortSignal.timeout(ms)`) and refuses `timeoutMs`, `maxRetries` and `retry`. Warnings come with
 * `.withResponse()`. Event-stream operations can be awaited, not iterated.
 */
export function createLeanClient<K extends TokenKind>(options: LeanClientOptions & { tokenKind: K }): LeanClient<K>;
export function createLeanClient(options?: LeanClientOptions): LeanClient;
export function createLeanClient(options: LeanClientOptions = {}): LeanClient {
  const own = ownProperties(options);
  checkOptionNames(own, Object.keys(LEAN_OPTION_KEYS), 'client');
  const { tokenKind, region, transport, ...rest } = own;
  const resolved = typeof region === 'object' ? region : regionById(region ?? 'us-e1');
  return { core: sender(createEndpoint(resolved, rest), transport), tokenKind: checkTokenKind(tokenKind) };
}
