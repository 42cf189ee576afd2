import type { HttpMethod } from '../call-types.ts';
import type { TokenKind } from '../token-kinds.ts';
import type { EnvelopeMode } from './envelope.ts';
import type { QueryEncoder } from './query.ts';
import type { PathEncoder } from './request-building.ts';

/** Top-level shape of a request body, as far as it can be checked before sending. */
export type BodyShape = 'object' | 'array' | 'string' | 'object-or-array' | 'any';

/**
 * What generated code knows about one operation. Generated once from the spec; the core turns a call's
 * arguments into a request with it, so argument handling lives in one place for every client.
 */
export interface OperationDescriptor {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  /** Token kinds the operation accepts; empty when it needs no token. */
  readonly kinds: readonly TokenKind[];
  readonly envelope: EnvelopeMode;
  /** Media type of the answer when it is not JSON (e.g. `text/event-stream`). */
  readonly accept?: string;
  /** `sse` for the realtime host's event stream. */
  readonly server?: 'sse';
  readonly paging: 'page' | 'skip' | 'cursor' | 'none';
  readonly pathParams: readonly string[];
  /** Path parameters whose `/` must stay unescaped (file paths). */
  readonly reservedPathParams?: readonly string[];
  readonly queryParams: readonly string[];
  readonly requiredQuery: readonly string[];
  /**
   * The query serializer (`serializeQuery`), on operations that take a query: referenced from here, it reaches
   * only the bundles that hold such an operation.
   */
  readonly encodeQuery?: QueryEncoder;
  /** The path filler (`buildPath`), on operations with path parameters, for the same reason. */
  readonly encodePath?: PathEncoder;
  readonly body?: {
    readonly required: boolean;
    readonly contentType: 'application/json' | 'text/plain';
    /** Every media type the spec lists for the body (`multipart/form-data` lets a FormData through). */
    readonly mediaTypes?: readonly string[];
    readonly shape: BodyShape;
    /** Keys every object (or every array item) must have. */
    readonly requiredKeys: readonly string[];
  };
}

/** Arguments of a call: path and query parameters by name, plus `body`. */
export type OperationArgs = Record<string, unknown> & { body?: unknown };
