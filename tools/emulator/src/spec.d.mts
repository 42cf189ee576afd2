// The types of spec.mjs's exports. spec.mjs itself is not type-checked: its internals are being replaced by a
// shared spec-model package, and until then these declarations are what the rest of the emulator is checked
// against (TypeScript reads a `.d.mts` beside a `.mjs` instead of the `.mjs`).
import type { TokenKind } from './index.mjs';

/** A JSON Schema node of the bundled spec, possibly a `$ref`. */
export type SchemaNode = Record<string, any>;

export interface SpecParam {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  example?: unknown;
  schema?: SchemaNode;
}

/** One operation of the spec, as the emulator routes, checks and answers it. */
export interface Operation {
  id: string;
  method: string;
  template: string;
  /** The token kinds its security takes; empty when it needs no token. */
  kinds: TokenKind[];
  params: SpecParam[];
  body?: { required: boolean; json?: SchemaNode; types: string[] };
  /** Whether the answer is wrapped in `{status, result}`. */
  envelope: boolean;
  successStatus: number;
  mediaType?: string;
  example?: unknown;
  matcher: { parts: ({ literal: string } | { param: string })[]; greedy: boolean; names: string[]; rank: string };
}

export interface Spec {
  bundle: { paths: Record<string, any>; components?: Record<string, any>; [key: string]: unknown };
  operations: Operation[];
  byId: Map<string, Operation>;
  /** The schema errors of a value (empty when it is valid). */
  validate(schema: SchemaNode, value: unknown): string[];
  deref(node: unknown): any;
}

export type RouteMatch =
  | { op: Operation; pathParams: Record<string, string>; allowed?: undefined }
  | { op?: undefined; pathParams?: undefined; allowed: string[] };

export interface RequestParts {
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  contentType?: string;
}

export function defaultSpecPath(): string;
export function schemeKinds(bundle: {
  components?: { securitySchemes?: Record<string, Record<string, unknown>> };
}): Record<string, TokenKind>;
export function loadSpec(path?: string): Spec;
export function matchRoute(spec: Spec, method: string, path: string | string[]): RouteMatch;
export function coerce(schema: SchemaNode | undefined, value: unknown, deref: Spec['deref']): unknown;
export function validateRequest(
  spec: Spec,
  op: Operation,
  req: RequestParts,
): { message: string; field_errors: Record<string, string[]> } | null;
