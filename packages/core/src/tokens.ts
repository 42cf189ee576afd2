import { TagoValidationError } from './errors.js';

/**
 * The kinds of token TagoIO issues. The spec's security schemes carry the same names (`profileToken`, ...);
 * generated clients use them to expose only the operations a token can call.
 */
export const TOKEN_KINDS = ['profile', 'device', 'analysis', 'network', 'runUser', 'serviceAuthorization'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** The header TagoIO's official SDKs send the token in. */
export const DEFAULT_TOKEN_HEADER = 'token';

/** HTTP token characters (RFC 9110), the only ones allowed in a header name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Refuses a token that cannot be sent safely or cannot be right: empty, surrounded by or containing white space,
 * or holding control or non-ASCII characters (a CR/LF would split the header). The message never repeats the
 * token itself.
 */
export function validateToken(token: unknown, field = 'token'): string {
  if (typeof token !== 'string') {
    throw new TagoValidationError(`The ${field} must be a string`, 'token_not_string', field);
  }
  if (token.length === 0) throw new TagoValidationError(`The ${field} is empty`, 'token_empty', field);
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === 13 || c === 10) {
      throw new TagoValidationError(`The ${field} contains a line break (CR or LF)`, 'token_line_break', field);
    }
    if (c === 32 || c === 9) {
      throw new TagoValidationError(`The ${field} contains white space`, 'token_whitespace', field);
    }
    if (c < 32 || c > 126) {
      throw new TagoValidationError(`The ${field} contains a non-printable or non-ASCII character`, 'token_invalid_char', field);
    }
  }
  return token;
}

/** Checks a header name the caller configured (e.g. a custom token header). */
export function validateHeaderName(name: string, field = 'header name'): string {
  if (!HEADER_NAME.test(name)) {
    throw new TagoValidationError(`The ${field} "${name.replace(/[^\x20-\x7e]/g, '?')}" is not a valid HTTP header name`, 'header_name_invalid', field);
  }
  return name;
}

/** Checks a header value: CR, LF and NUL would let a value smuggle extra headers. */
export function validateHeaderValue(name: string, value: string): string {
  if (/[\r\n\0]/.test(value)) {
    throw new TagoValidationError(`The value of header "${name}" contains CR, LF or NUL`, 'header_value_invalid', name);
  }
  return value;
}

/** Replaces every occurrence of the secrets in a text, so server messages that echo a token cannot leak it. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}
