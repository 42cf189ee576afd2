/**
 * The kinds of token TagoIO issues. The spec's security schemes carry the same names (`profileToken`, ...);
 * generated clients use them to expose only the operations a token can call.
 */
export const TOKEN_KINDS = ['profile', 'device', 'analysis', 'network', 'runUser', 'serviceAuthorization'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];
