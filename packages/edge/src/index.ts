import { TagoCore, type ClientOptions, type OperationContext, type TokenKind } from '@tagokit/core';

// The core's errors, option types and helpers, so a worker imports everything from one place. The package has
// `sideEffects: false`, so re-exports cost nothing a worker does not use.
export * from '@tagokit/core';
export * from './generated/functions.js';
export type { components, operations, paths } from './generated/schema.js';

/** Options of an edge client: the core's (token, region, timeouts, retries ...) plus the token kind, if known. */
export interface EdgeClientOptions extends ClientOptions {
  /** The kind of `token`; when given, operations that kind cannot call are refused before sending. */
  tokenKind?: TokenKind;
}

/** What every operation function takes first: the engine and the token kind it was made for. */
export interface EdgeClient extends OperationContext {
  readonly core: TagoCore;
  readonly tokenKind: TokenKind | undefined;
}

/**
 * Makes the context the operation functions take: `sendData(createEdgeClient({ token }), { body })`. Requests go
 * through the platform's global `fetch` (the core's fetchTransport) unless `transport` says otherwise. Build it
 * per request or once per isolate; it holds no connection.
 */
export function createEdgeClient(options: EdgeClientOptions = {}): EdgeClient {
  const { tokenKind, ...core } = options;
  return { core: new TagoCore(core), tokenKind };
}
