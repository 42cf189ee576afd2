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
