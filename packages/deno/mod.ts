/**
 * Typed TagoIO client for Deno, generated from the tagokit spec: every operation of the REST API, scoped by token
 * kind, over the platform's `fetch`.
 *
 * @example
 * ```ts
 * import { createClient } from "jsr:@tagokit/deno";
 *
 * const client = createClient({ token: Deno.env.get("TAGOIO_TOKEN")!, tokenKind: "device" });
 * const rows = await client.deviceData.getData({ variables: ["temperature"], qty: 1 });
 * ```
 *
 * @module
 */
import {
  createRealtime,
  fetchTransport,
  TagoCore,
  type ClientOptions,
  type RegionInput,
  type TokenKind,
  type Transport,
} from '@tagokit/core';
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
import type { CreateClient, TagoClients } from './generated/create-client.ts';
import { createGroups } from '@tagokit/api/client';

// What users need of the core: its public entry is an explicit list (packages/core/src/index.ts).
export * from '@tagokit/core';
export * from '@tagokit/api/client';
// Every schema the spec names, under that name (`Device`, `DataCreate`): what the signatures and errors show.
export type * from '@tagokit/api/types';
export type * from './generated/create-client.ts';

/** Options of the Deno client: the core's, plus Deno's own HTTP client (proxies, custom CA certificates). */
export interface DenoClientOptions extends ClientOptions {
  /** Passed to every `fetch` as `client` (from `Deno.createHttpClient`); ignored when `transport` is given. */
  httpClient?: Deno.HttpClient;
}

/**
 * A client seen through the kind of its token: a `TagoClient<'device'>` has only the methods a device token can
 * call, so calling an account-only operation does not type-check. `TagoClient` (every kind) hides nothing; for a
 * union of kinds, what every kind of it may call.
 */
export type TagoClient<K extends TokenKind | AnonymousKind = TokenKind> = ForKind<TagoClients, K>;

/** What a Deno client has besides the groups of its token kind: the core's realtime, engine and token kind. */
export interface DenoClientMembers<K extends TokenKind | AnonymousKind> extends ClientMembers<K> {}

/** Messages of Deno's fetch failures that prove the request never left, and the Node code the core reads for them. */
const NOT_SENT: readonly [RegExp, string][] = [
  [/Connection refused/i, 'ECONNREFUSED'],
  [/dns error|failed to lookup address/i, 'ENOTFOUND'],
  [/Network is unreachable/i, 'ENETUNREACH'],
  [/No route to host|Host is unreachable/i, 'EHOSTUNREACH'],
];

/**
 * Deno's fetch rejects with a bare `TypeError` whose causes carry no `code`; this adds the Node error code the core
 * reads (`ECONNREFUSED`, `ENOTFOUND` ...) when the messages prove the request never reached the server, so such
 * failures are reported as `reachedServer: false` and may be retried even for a POST.
 */
export function denoNetworkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const found = NOT_SENT.find(([pattern]) => pattern.test(current instanceof Error ? current.message : ''));
    if (found) return found[1];
    current = current.cause;
  }
  return undefined;
}

/** The core's `fetch` transport over Deno's fetch (optionally bound to a `Deno.HttpClient`), with Deno's errors coded. */
export function denoFetchTransport(httpClient?: Deno.HttpClient): Transport {
  return fetchTransport(async (input, init) => {
    try {
      return await fetch(input, httpClient ? { ...init, client: httpClient } : init);
    } catch (error) {
      const code = denoNetworkCode(error);
      throw code
        ? Object.assign(
            new Error(`${code}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }),
            { code },
          )
        : error;
    }
  });
}

/** Region `env` reads only TAGOIO_API and TAGOIO_SSE, so `--allow-env=TAGOIO_API,TAGOIO_SSE` is enough. */
function envFor(region: RegionInput | undefined, env: ClientOptions['env']): ClientOptions['env'] {
  if (region !== 'env' || env) return env;
  return { TAGOIO_API: Deno.env.get('TAGOIO_API'), TAGOIO_SSE: Deno.env.get('TAGOIO_SSE') };
}

/** What createClient takes: the core's options, the token kind and Deno's HTTP client. */
const DENO_OPTION_NAMES = [...CLIENT_OPTION_NAMES, 'tokenKind', 'httpClient'];

/**
 * A client scoped to the kind of its token: `createClient({ token, tokenKind: 'device' })` has only what a device
 * token may call; without `tokenKind` every operation is exposed; without a token only the public routes. The
 * signatures, one per token kind, are generated (generated/create-client.ts).
 */
export const createClient: CreateClient = makeClient as CreateClient;

function makeClient(options: DenoClientOptions & { tokenKind?: TokenKind } = {}): unknown {
  // Own properties only: a polluted Object.prototype must not supply a transport (a rest object would inherit it).
  const core = ownProperties(options);
  checkOptionNames(core, DENO_OPTION_NAMES, 'client');
  const { httpClient } = core;
  const tokenKind = checkTokenKind(core.tokenKind);
  delete core.httpClient;
  delete core.tokenKind;
  const env = envFor(core.region, core.env);
  const engine = new TagoCore({
    ...core,
    ...(env ? { env } : {}),
    transport: core.transport ?? denoFetchTransport(httpClient),
  });
  // BODY_KEYS: a misspelt body key is refused before sending, naming the closest known one.
  const generated = createGroups({ core: engine, tokenKind, bodyKeys: BODY_KEYS });
  const realtime = createRealtime(engine, { token: core.token, oneShot: generated.realtime });
  return Object.freeze({ ...generated, realtime, core: engine, tokenKind });
}
