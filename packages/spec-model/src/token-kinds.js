import { ModelError } from './errors.js';

/**
 * The kinds of token TagoIO issues. The tree's one list for tooling: a security scheme's `x-tago-token-kind`
 * must name one of them (packages/core keeps the runtime's copy; test/single-source.test.ts checks both agree).
 */
export const TOKEN_KINDS = /** @type {const} */ ([
  'profile',
  'device',
  'analysis',
  'network',
  'runUser',
  'serviceAuthorization',
]);

/** @typedef {(typeof TOKEN_KINDS)[number]} TokenKind */

/**
 * Security scheme names of the spec and the token kinds they stand for, read from each scheme's
 * `x-tago-token-kind`. A scheme without a known kind is refused: every call through it would fail otherwise.
 * @param {unknown} securitySchemes the spec's `components.securitySchemes`
 * @returns {Record<string, TokenKind>}
 */
export function schemeKinds(securitySchemes) {
  /** @type {Record<string, TokenKind>} */
  const kinds = {};
  for (const [name, scheme] of Object.entries(/** @type {Record<string, any>} */ (securitySchemes ?? {}))) {
    const kind = scheme?.['x-tago-token-kind'];
    if (!TOKEN_KINDS.includes(kind)) {
      const expected = TOKEN_KINDS.join(', ');
      const got = JSON.stringify(kind);
      throw new ModelError(`security scheme "${name}": x-tago-token-kind must be one of ${expected} (got ${got})`);
    }
    kinds[name] = kind;
  }
  return kinds;
}
