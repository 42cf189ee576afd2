import { TOKEN_KINDS, type ApiModel } from '@tagokit/spec-model/model';
import { pascalCase } from '@tagokit/spec-model/model/naming';
import { banner } from './banner.js';
import { SCOPE_KINDS, scopeName } from './client.js';

/** The names one runtime's client types are written with. */
export interface ClientFactoryNames {
  /** The runtime's options type (`NodeClientOptions`), imported from `from`. */
  options: string;
  /** The runtime's members beside the groups, generic in the token kind (`NodeClientMembers`), from `from`. */
  members: string;
  /** The module both come from, relative to the written file (`../index.js`). */
  from: string;
  /** Where `TokenKind` and `AnonymousKind` come from (`@tagokit/core/internal`). */
  coreInternal: string;
  /** Where the scopes come from (`@tagokit/api/client`). */
  apiClient: string;
}

/** A runtime's client for one kind of `ApiScopes` (a token kind, `anonymous`, `every`): `TagoDeviceClient`. */
export const clientName = (kind: string) => `Tago${pascalCase(kind)}Client`;

/** The type argument of a runtime's members for a key of `ApiScopes`. */
const kindArgument = (kind: string) =>
  kind === 'every' ? 'TokenKind' : kind === 'anonymous' ? 'AnonymousKind' : `'${kind}'`;

/**
 * A runtime's client types: one named interface per kind (its scope and the runtime's members: what hovers and
 * errors show), the map `TagoClients` the runtime's `TagoClient<K>` reads, and `CreateClient`, one call signature
 * per token kind. Written out per kind rather than as one generic signature: a consumer's checker picks a
 * signature by the literal `tokenKind` instead of running inference (about a third of what `createClient` cost in
 * the bench's 5-call check). The every-kind signature comes last: when no signature matches, tsc reports the last
 * one's error, and that is the one that names a misspelt option or token kind (`Did you mean 'region'?`).
 */
export function emitClientFactory(model: ApiModel, n: ClientFactoryNames): string {
  const what: Record<string, string> = {
    every: 'for a token of unknown kind: every operation',
    anonymous: 'without a token: the public routes',
  };
  const clients = SCOPE_KINDS.map(
    (kind) =>
      `/** A client ${what[kind] ?? `for a token of kind \`${kind}\`: what that kind may call`}. */\n` +
      `export interface ${clientName(kind)} extends ${scopeName(kind)}, ${n.members}<${kindArgument(kind)}> {}`,
  );
  // Each signature takes an interface of its own rather than an intersection: the checker resolves an interface's
  // members once, where `Options & { tokenKind: 'device' }` makes it merge the two per property (about 2 ms).
  const optionsName = (kind: string) => `${clientName(kind)}Options`;
  const options = (kind: string, members: string) =>
    `/** What createClient takes for a ${clientName(kind)}. */\n` +
    `export interface ${optionsName(kind)} extends ${n.options} {\n${members}\n}`;
  const signature = (docs: string, kind: string, optional = false) =>
    `  /** ${docs} */\n  (options${optional ? '?' : ''}: ${optionsName(kind)}): ${clientName(kind)};`;
  const optionTypes = [
    ...TOKEN_KINDS.map((kind) => options(kind, `  token: string;\n  tokenKind: '${kind}';`)),
    options('anonymous', '  token?: undefined;'),
    options('every', '  token: string;\n  tokenKind?: TokenKind;'),
  ];
  const signatures = [
    ...TOKEN_KINDS.map((kind) =>
      signature(
        `A client for a token of kind \`${kind}\`: only what that kind may call is exposed (and allowed at run time).`,
        kind,
      ),
    ),
    signature('A client without a token: only the public routes (login, sign-up, status ...).', 'anonymous', true),
    signature(
      'A client for a token of any kind (or a kind known only as a union): every operation is exposed.',
      'every',
    ),
  ];
  return [
    banner(model.version),
    `import type { ${SCOPE_KINDS.map(scopeName).join(', ')} } from '${n.apiClient}';`,
    `import type { AnonymousKind, TokenKind } from '${n.coreInternal}';`,
    `import type { ${n.members}, ${n.options} } from '${n.from}';`,
    '',
    clients.join('\n\n'),
    '',
    optionTypes.join('\n\n'),
    '',
    '/** The clients by kind, which `TagoClient<K>` reads. */',
    `export interface TagoClients {\n${SCOPE_KINDS.map((kind) => `  ${kind}: ${clientName(kind)};`).join('\n')}\n}`,
    '',
    '/** createClient: a client scoped to the kind of its token, one signature per kind of the spec. */',
    `export interface CreateClient {\n${signatures.join('\n')}\n}`,
    '',
  ].join('\n');
}
