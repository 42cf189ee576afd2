import { ModelError, type TokenKind } from './types.js';

export { schemeKinds } from '../token-kinds.js';

/** Reads an operation's `security` into token kinds; `[]` means no token. */
export function tokenKinds(security: unknown, where: string, schemes: Record<string, TokenKind>): TokenKind[] {
  if (!Array.isArray(security))
    throw new ModelError(`${where}: security must be listed explicitly (use [] for no token)`);
  const kinds: TokenKind[] = [];
  for (const requirement of security) {
    for (const scheme of Object.keys(requirement as object)) {
      const kind = schemes[scheme];
      if (!kind) throw new ModelError(`${where}: unknown security scheme "${scheme}"`);
      if (!kinds.includes(kind)) kinds.push(kind);
    }
  }
  return kinds;
}
