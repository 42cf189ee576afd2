import { TagoValidationError } from '../errors.ts';

/** The header TagoIO's official SDKs send the token in. */
export const DEFAULT_TOKEN_HEADER = 'token';

/** HTTP token characters (RFC 9110), the only ones allowed in a header name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Refuses a token that cannot be sent safely or cannot be right: empty, surrounded by or containing white space,
 * holding control or non-ASCII characters (a CR/LF would split the header), or a `"` or `\` (JSON escapes those,
 * so a server echoing the token inside a JSON text could slip past redaction). The message never repeats the token.
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
    if (c < 32 || c > 126 || c === 34 || c === 92) {
      throw new TagoValidationError(
        `The ${field} contains a control or non-ASCII character, a quote or a backslash`,
        'token_invalid_char',
        field,
      );
    }
  }
  return token;
}

/** Checks a header name the caller configured (e.g. a custom token header). */
export function validateHeaderName(name: string, field = 'header name'): string {
  if (!HEADER_NAME.test(name)) {
    throw new TagoValidationError(
      `The ${field} "${name.replace(/[^\x20-\x7e]/g, '?')}" is not a valid HTTP header name`,
      'header_name_invalid',
      field,
    );
  }
  return name;
}

/**
 * Headers that frame the message or the connection. The transport writes them itself; a caller's value would
 * be refused by undici or fetch at send time (and look like a lost connection) or desynchronise the stream.
 */
const FORBIDDEN_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
  'expect',
]);

/** Refuses a header the caller may not set (see FORBIDDEN_HEADERS); `name` must already be a valid name. */
export function checkAllowedHeader(name: string): void {
  if (FORBIDDEN_HEADERS.has(name.toLowerCase())) {
    throw new TagoValidationError(
      `The header "${name}" is set by the transport, not the caller`,
      'header_forbidden',
      name,
    );
  }
}

/**
 * Checks a header value as undici and fetch would, before anything is sent: no control characters but tab (CR,
 * LF and NUL would let a value smuggle extra headers) and no code point above 0xFF (not representable as bytes).
 */
export function validateHeaderValue(name: string, value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 13 || c === 10 || c === 0) {
      throw new TagoValidationError(
        `The value of header "${name}" contains CR, LF or NUL`,
        'header_value_invalid',
        name,
      );
    }
    if ((c < 32 && c !== 9) || c === 127 || c > 255) {
      throw new TagoValidationError(
        `The value of header "${name}" contains a control character or one above U+00FF`,
        'header_value_invalid',
        name,
      );
    }
  }
  return value;
}
