import { ModelError, TOKEN_KINDS, type TokenKind } from './types.js';

/**
 * Security scheme names of the spec and the token kinds they stand for, read from each scheme's
 * `x-tago-token-kind` (the spec is the one place that says it; the emulator reads the same extension).
 */
export function schemeKinds(securitySchemes: unknown): Record<string, TokenKind> {
  const kinds: Record<string, TokenKind> = {};
  for (const [name, scheme] of Object.entries((securitySchemes ?? {}) as Record<string, Record<string, unknown>>)) {
    const kind = scheme?.['x-tago-token-kind'];
    if (!TOKEN_KINDS.includes(kind as TokenKind)) {
      throw new ModelError(`security scheme "${name}": x-tago-token-kind must be one of ${TOKEN_KINDS.join(', ')} (got ${JSON.stringify(kind)})`);
    }
    kinds[name] = kind as TokenKind;
  }
  return kinds;
}

/** Reads an operation's `security` into token kinds; `[]` means no token. */
export function tokenKinds(security: unknown, where: string, schemes: Record<string, TokenKind>): TokenKind[] {
  if (!Array.isArray(security)) throw new ModelError(`${where}: security must be listed explicitly (use [] for no token)`);
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
