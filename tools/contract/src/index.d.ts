export interface PrismMock {
  /** Base URL of the mock, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Stops the mock process. */
  stop(): Promise<void>;
  /** What Prism printed, for failure messages. */
  log(): string;
}

/** Starts Prism on a free port of 127.0.0.1 with request validation on (`--errors`). */
export function startPrism(options?: { spec?: string; timeoutMs?: number }): Promise<PrismMock>;

/** Path of the bundled spec (specs/dist/tagoio.openapi.json). */
export const BUNDLED_SPEC: string;

/** Validates the result of an operation against the schema the spec gives it; an empty list means valid. */
export function validateResult(operationId: string, value: unknown): string[];

/** Rewrites `key[0]=a&key[1]=b` to `key=a&key=b` (top-level arrays only) for Prism's query parser. */
export function queryForPrism(url: string): string;

/** Wraps a transport so its requests reach Prism in the query form Prism parses. */
export function forPrism<R extends { url: string }, A>(transport: (request: R) => A): (request: R) => A;
