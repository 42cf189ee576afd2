import type { TokenKind } from '../token-kinds.ts';
import type { Realtime } from '../realtime/subscription.ts';
import type { TagoCore } from '../tago-core.ts';
import type { OperationContext } from './call-operation.ts';

/** Type-level scoping: a generated client seen through the kind of its token. */

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
  readonly [N in keyof Groups & keyof Kinds as keyof ScopedGroup<Groups[N], Kinds[N], K> extends never
    ? never
    : N]: ScopedGroup<Groups[N], Kinds[N], K>;
};

/**
 * The entry for token kind K of a map by kind (a generated `ApiScopes`, a runtime's clients): `every` (nothing hidden)
 * for a client of unknown kind, else the kind's entry. For a union of kinds that is the union of their entries, so
 * only what every kind of the union may call is callable without narrowing: the token is one of them at run time.
 * One conditional and an indexed access: no mapped type for a consumer's checker to evaluate.
 */
export type ForKind<ByKind extends { every: unknown }, K extends string> = [TokenKind] extends [K]
  ? ByKind['every']
  : ByKind[K & keyof ByKind];

/** What a runtime's client has besides the groups of its token kind (a runtime may add more, e.g. `close`). */
export interface ClientMembers<K extends string> {
  /** Reconnecting realtime subscriptions with the client's token (core realtime/), over the client's transport. */
  readonly realtime: Realtime;
  /** The engine underneath, for calls the generated methods do not cover. */
  readonly core: TagoCore;
  /** The token kind this client was made for, when given. */
  readonly tokenKind: K | undefined;
}

/** The kinds (keys of a generated `ApiScopes`, `every` aside) whose scope holds method M of group N. */
type KindsHaving<Scopes, N, M> = {
  [K in keyof Scopes]: K extends 'every'
    ? never
    : N extends keyof Scopes[K]
      ? M extends keyof Scopes[K][N]
        ? K
        : never
      : never;
}[keyof Scopes];

/**
 * The token kinds each method of each group accepts, read back from the precomputed scopes: a public route is in
 * every kind's scope and reads `anonymous`. Generated clients export it as `ApiKinds`; being computed, it costs a
 * consumer's checker nothing until used (a written-out map was about 1 700 declaration nodes).
 */
export type KindsOf<Groups, Scopes> = {
  [N in keyof Groups]: {
    [M in keyof Groups[N]]: AnonymousKind extends KindsHaving<Scopes, N, M> ? AnonymousKind : KindsHaving<Scopes, N, M>;
  };
};

/** The key of the type-only mark below; no value exists at run time. */
declare const tokenKindMark: unique symbol;

/**
 * Type-only mark of the token kinds a context was made for (`KindMark<'device'>`). Never set at run time: it only
 * lets the compiler tell an edge client made for a device token from one of unknown kind.
 */
export interface KindMark<K extends string> {
  readonly [tokenKindMark]?: { readonly [P in K]: true };
}

/**
 * What an edge function takes when the operation needs a token of one of the kinds A: any context whose mark has at
 * least one of them. One member per kind (the conditional distributes over A), so a client of unknown kind (every
 * kind marked) fits every operation and `EdgeClient<'device'>` fits only those a device token can call.
 */
export type ScopedContext<A extends string> = OperationContext & (A extends string ? KindMark<A> : never);
