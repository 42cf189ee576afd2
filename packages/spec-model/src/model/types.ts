/** The intermediate model: what every emitter needs to know about the API, independent of OpenAPI's layout. */

import type { TokenKind } from '../index.js';

export { ModelError } from '../errors.js';
export { TOKEN_KINDS, type TokenKind } from '../token-kinds.js';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
export type Paging = 'page' | 'skip' | 'cursor' | 'none';
export type BodyShape = 'object' | 'array' | 'string' | 'object-or-array' | 'any';

export interface ParameterModel {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description: string | undefined;
  /** Keep `/` unescaped (path parameters marked `x-tago-allow-reserved`). */
  allowReserved: boolean;
  /** The spec's example, used by generated contract tests. */
  example: unknown;
  /** The only values a query parameter takes, when its schema is a string enum or an array of one. */
  allowedValues: string[] | undefined;
  /** The parameter's schema as the spec writes it (`$ref`s unresolved), so emitters can name its type. */
  schema: unknown;
}

export interface BodyModel {
  required: boolean;
  /** The media type clients send: JSON when offered, else the first one. */
  contentType: 'application/json' | 'text/plain';
  /** Every media type the spec lists. */
  mediaTypes: string[];
  /** The media type whose schema types the body (the content type the clients send). */
  mediaKey: string;
  shape: BodyShape;
  requiredKeys: string[];
  /** Top-level keys a closed body may carry (object or array items); undefined when the body is open. */
  allowedKeys: string[] | undefined;
  /** The schema of the chosen media type, as the spec writes it (a `$ref` to a named schema stays one). */
  schema: unknown;
  /** The first example of the chosen media type. */
  example: unknown;
}

export interface ResponseModel {
  status: number;
  /** `raw` when the operation answers outside the envelope (`x-tago-envelope: false`). */
  envelope: 'envelope' | 'raw';
  mediaType: string;
  /** The schema of `result` (or of the raw body). */
  resultSchema: unknown;
  isList: boolean;
}

export interface OperationModel {
  id: string;
  method: HttpMethod;
  path: string;
  tag: string;
  /** Client group (the tag in camelCase) and method name inside it (`x-tago-method`), from clientMethodNames. */
  group: string;
  methodName: string;
  /** Former method names the grouped clients keep as deprecated aliases (`x-tago-method-aliases`). */
  methodAliases: string[];
  summary: string;
  description: string;
  deprecated: boolean;
  /** Accepted token kinds; empty = no token needed. */
  kinds: TokenKind[];
  paging: Paging;
  parameters: ParameterModel[];
  body: BodyModel | undefined;
  response: ResponseModel;
  /**
   * `x-tago-result-by-query`: what the result is for given values of the `query` parameter (`count` -> `number`,
   * `aggregate` -> `DataAggregate[]`), `default` standing for every other value and for no `query`; empty when the
   * operation's result does not depend on it.
   */
  resultByQuery: Record<string, string>;
}

export interface GroupModel {
  name: string;
  tag: string;
  description: string;
  operations: OperationModel[];
}

export interface ApiModel {
  title: string;
  version: string;
  operations: OperationModel[];
  groups: GroupModel[];
}
