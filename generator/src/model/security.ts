import { ModelError, type TokenKind } from './types.js';

/** Security scheme names of the spec and the token kinds they stand for. */
export const SCHEME_KINDS: Readonly<Record<string, TokenKind>> = {
  profileToken: 'profile',
  deviceToken: 'device',
  analysisToken: 'analysis',
  networkToken: 'network',
  runUserToken: 'runUser',
  serviceAuthorizationToken: 'serviceAuthorization',
};

/** Reads an operation's `security` into token kinds; `[]` means no token. */
export function tokenKinds(security: unknown, where: string): TokenKind[] {
  if (!Array.isArray(security)) throw new ModelError(`${where}: security must be listed explicitly (use [] for no token)`);
  const kinds: TokenKind[] = [];
  for (const requirement of security) {
    for (const scheme of Object.keys(requirement as object)) {
      const kind = SCHEME_KINDS[scheme];
      if (!kind) throw new ModelError(`${where}: unknown security scheme "${scheme}"`);
      if (!kinds.includes(kind)) kinds.push(kind);
    }
  }
  return kinds;
}
