/** The functions of a client that the vectors exercise. Each client adapts its own API to this shape. */
export interface VectorSubject {
  /** Parse an answer; return {data, warning} or throw the client's typed error. */
  parseAnswer(input: {
    status: number;
    headers: Record<string, string>;
    body: string;
    mode: 'envelope' | 'raw';
    token?: string;
  }): { data: unknown; warning: string | undefined | null };
  serializeQuery(query: Record<string, unknown>): string;
  resolveRegion(
    input: unknown,
    options: { allowInsecureHttp?: boolean; env?: Record<string, string> },
  ): { api: string; sse: string; insecure: boolean };
  validateToken(token: unknown): void;
  decideRetry(input: {
    method: string;
    attempt: number;
    outcome: Record<string, unknown>;
    policy?: Record<string, number>;
    idempotent?: boolean;
    random: number;
  }): { retry: boolean; delayMs: number };
  retryAfterFrom(headers: Record<string, string>, message: string | undefined, now: number): number | undefined | null;
  /** Fill a path template; throw the client's typed validation error (with `field`) for a value it refuses. */
  buildPath(
    template: string,
    params: Record<string, unknown>,
    ctx: Record<string, never>,
    reserved: readonly string[],
  ): string;
}

export interface VectorData {
  envelope: unknown;
  errors: unknown;
  query: unknown;
  regions: unknown;
  tokens: unknown;
  retry: unknown;
  paths: unknown;
}

export interface VectorResult {
  file: string;
  name: string;
  ok: boolean;
  /** What differed, when not ok. */
  detail?: string;
}

/** Runs every vector against a subject. Pure: no I/O, so it runs in any runtime. */
export function checkVectors(subject: VectorSubject, data: VectorData): VectorResult[];

/** The vector files by name, for runtimes that can read files (Node, Deno). */
export const VECTOR_FILES: readonly (keyof VectorData)[];
