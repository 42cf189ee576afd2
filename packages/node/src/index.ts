import { createRealtime, TagoCore, TagoValidationError, type ClientOptions, type TokenKind } from '@tagokit/core';
import {
  checkOptionNames,
  checkTokenKind,
  CLIENT_OPTION_NAMES,
  ownProperties,
  type AnonymousKind,
  type ClientMembers,
  type ForKind,
} from '@tagokit/core/internal';
import { BODY_KEYS } from '@tagokit/api/body-keys';
import { createGroups } from '@tagokit/api/client';
import { bunFetchTransport, inBun } from './bun-transport.js';
import type { CreateClient, TagoClients } from './generated/create-client.js';
import { undiciTransport, type CloseOptions, type UndiciTransportOptions } from './undici-transport.js';
export { fileBody, type FileBodyOptions } from './file-body.js';
export type * from './generated/create-client.js';

// What users need of the core: its public entry is an explicit list (packages/core/src/index.ts).
export * from '@tagokit/core';
export * from '@tagokit/api/client';
// Every schema the spec names, under that name (`Device`, `DataCreate`): what the signatures and errors show.
export type * from '@tagokit/api/types';
export {
  undiciTransport,
  type CloseOptions,
  type UndiciDispatcher,
  type UndiciTransport,
  type UndiciTransportOptions,
} from './undici-transport.js';

/** Options of the Node client: the core's, plus the undici pool's. */
export interface NodeClientOptions extends ClientOptions, UndiciTransportOptions {}

/** What a Node client has besides the groups of its token kind. */
export interface NodeClientMembers<K extends TokenKind | AnonymousKind> extends ClientMembers<K> {
  /**
   * Waits for the calls in flight, then closes the keep-alive connections the client opened, so a script or a
   * server shutting down does not wait for idle sockets to time out. Later calls fail with `client_closed`. A
   * `dispatcher` or `transport` you passed is left open (it is yours). With `{ timeoutMs }`, calls still running at
   * the deadline are cut and the sockets destroyed. Also `await using client = createClient(...)`.
   */
  close(options?: CloseOptions): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * A client seen through the kind of its token: a `TagoClient<'device'>` has only the methods a device token can
 * call, so calling an account-only operation does not compile. `TagoClient` (every kind) hides nothing; for a
 * union of kinds, what every kind of it may call.
 */
export type TagoClient<K extends TokenKind | AnonymousKind = TokenKind> = ForKind<TagoClients, K>;

/** What createClient takes: the core's options, the token kind and the undici pool's. */
const NODE_OPTION_NAMES = [...CLIENT_OPTION_NAMES, 'tokenKind', 'dispatcher', 'connections', 'keepAliveTimeout'];

/**
 * A client scoped to the kind of its token: `createClient({ token, tokenKind: 'device' })` has only what a device
 * token may call; without `tokenKind` every operation is exposed; without a token only the public routes. The
 * signatures, one per token kind, are generated (generated/create-client.ts).
 */
export const createClient: CreateClient = makeClient as CreateClient;

function makeClient(options: NodeClientOptions & { tokenKind?: TokenKind } = {}): unknown {
  // Own properties only (see ownProperties): a polluted Object.prototype must not supply a dispatcher or transport.
  const own = ownProperties(options);
  checkOptionNames(own, NODE_OPTION_NAMES, 'client');
  const { dispatcher, connections, keepAliveTimeout } = own;
  const tokenKind = checkTokenKind(own.tokenKind);
  // A rest object would inherit Object.prototype again: copy what the core takes onto no prototype.
  const core = ownProperties(own);
  for (const key of ['dispatcher', 'connections', 'keepAliveTimeout', 'tokenKind'] as const) delete core[key];
  const transportOptions: UndiciTransportOptions = {};
  if (dispatcher) transportOptions.dispatcher = dispatcher;
  if (connections !== undefined) transportOptions.connections = connections;
  if (keepAliveTimeout !== undefined) transportOptions.keepAliveTimeout = keepAliveTimeout;
  if (inBun) refusePoolOptionsInBun(transportOptions);
  // Only a transport this client made is the client's to close.
  const made = core.transport ? undefined : inBun ? bunFetchTransport() : undiciTransport(transportOptions);
  const engine = new TagoCore({ ...core, transport: core.transport ?? made, fetch: core.fetch ?? made?.fetch });
  // BODY_KEYS: a misspelt body key is refused before sending, naming the closest known one.
  const generated = createGroups({ core: engine, tokenKind, bodyKeys: BODY_KEYS });
  const groups = { ...generated, realtime: createRealtime(engine, { token: core.token, oneShot: generated.realtime }) };
  const close = (closeOptions?: CloseOptions): Promise<void> => made?.close(closeOptions) ?? Promise.resolve();
  return Object.freeze({ ...groups, core: engine, tokenKind, close, [Symbol.asyncDispose]: () => close() });
}

/** Bun runs no undici pool (its `undici` module cannot dispatch): an option that configures one is refused by name. */
function refusePoolOptionsInBun(options: UndiciTransportOptions): void {
  const [name] = Object.keys(options);
  if (name === undefined) return;
  throw new TagoValidationError(
    `${name} configures undici's connection pool, which Bun does not run (its undici module cannot dispatch); ` +
      "leave it out: in Bun the client sends over Bun's fetch, which keeps connections alive itself",
    'option_unsupported',
    name,
  );
}
