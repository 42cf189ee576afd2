import { TOKEN_KINDS, type ApiModel } from '@tagokit/spec-model/model';
import { banner } from './banner.js';

/** The names one runtime's client factory is written with. */
export interface ClientFactoryNames {
  /** The interface written: `CreateClient`. */
  name: string;
  /** The runtime's options type (`NodeClientOptions`), imported from `from`. */
  options: string;
  /** The runtime's members beside the groups, generic in the token kind (`NodeClientMembers`). */
  members: string;
  /** The module the two come from, relative to the written file (`../index.js`). */
  from: string;
  /** Where `TokenKind` and `AnonymousKind` come from (`@tagokit/core/internal`). */
  coreInternal: string;
  /** Where `ApiScopes` comes from (`@tagokit/api/client`). */
  apiClient: string;
}

/**
 * A runtime's `createClient` type: one call signature per token kind, then one for a token of unknown kind and
 * one without a token, each answering the kind's precomputed scope and the runtime's members. Written out per kind
 * rather than as one generic signature: a consumer's checker then picks a signature by the literal `tokenKind`
 * instead of running inference (about 5 ms of the bench's 5-call check, a third of what `createClient` cost).
 */
export function emitClientFactory(model: ApiModel, n: ClientFactoryNames): string {
  const options = (extra: string) => `${n.options} & { ${extra} }`;
  const signatures = TOKEN_KINDS.map(
    (kind) =>
      `  /** A client for a token of kind \`${kind}\`: only what that kind may call is exposed (and allowed at run time). */\n` +
      `  (options: ${options(`token: string; tokenKind: '${kind}'`)}): ApiScopes['${kind}'] & ${n.members}<'${kind}'>;`,
  );
  signatures.push(
    '  /** A client for a token of any kind (or a kind known only as a union): every operation is exposed. */\n' +
      `  (options: ${options('token: string; tokenKind?: TokenKind')}): ApiScopes['every'] & ${n.members}<TokenKind>;`,
    '  /** A client without a token: only the public routes (login, sign-up, status ...). */\n' +
      `  (options?: ${options('token?: undefined')}): ApiScopes['anonymous'] & ${n.members}<AnonymousKind>;`,
  );
  return [
    banner(model.version),
    `import type { ApiScopes } from '${n.apiClient}';`,
    `import type { AnonymousKind, TokenKind } from '${n.coreInternal}';`,
    `import type { ${n.members}, ${n.options} } from '${n.from}';`,
    '',
    '/** createClient: a client scoped to the kind of its token, one signature per kind of the spec. */',
    `export interface ${n.name} {`,
    signatures.join('\n'),
    '}',
    '',
  ].join('\n');
}
