import type { RegionInput } from './regions.ts';
import type { RetryPolicy } from './retry-policy.ts';
import type { EventStreamLimits } from './stream.ts';
import type { Transport } from './transport.ts';

/** A warning the API attached to a successful answer (`status:true` with a `message`). */
export interface TagoWarning {
  message: string;
  method: string;
  path: string;
  operationId: string | undefined;
}

/** `debug`: a function that receives each line, or `true` to print them with `console.debug`. */
export type DebugOption = ((line: string) => void) | boolean;

export interface ClientOptions {
  /** The token sent with every authenticated call. */
  token?: string;
  /** Header that carries the token; `token` by default (what TagoIO's SDKs send). */
  tokenHeader?: string;
  /** Where the API is: `us-e1` (default), `eu-w1`, `env`, `{ tdeploy }` or `{ api, sse }`. */
  region?: RegionInput;
  /** Accept an `http://` API URL; the client then sends `_ssl: false` as TagoIO requires. */
  allowInsecureHttp?: boolean;
  /** Variables for region `env` (read from the process only when region is `env` and this is absent). */
  env?: Record<string, string | undefined>;
  /** How requests travel; the platform's fetch by default. */
  transport?: Transport;
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Whole-call deadline in ms: attempts, retry and Retry-After waits together (default: none). */
  deadlineMs?: number;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Finer retry settings; see DEFAULT_RETRY_POLICY. */
  retry?: Partial<RetryPolicy>;
  /** Headers added to every call. */
  headers?: Record<string, string>;
  /** Largest answer accepted, in bytes (default 32 MiB). */
  maxResponseBytes?: number;
  /** Called with every warning. Warnings are also returned by `withResponse` calls. */
  onWarning?: (warning: TagoWarning) => void;
  /** Receives one line per attempt (method, path, status, timing). Tokens and token-like query values are redacted. */
  debug?: DebugOption;
  /** The fetch used for event streams (which the buffered transport cannot carry); the platform's by default. */
  fetch?: typeof fetch;
  /** Caps and idle timeout of event streams (realtime); see DEFAULT_EVENT_STREAM_LIMITS. */
  eventStream?: Partial<EventStreamLimits>;
  /** Test hooks: the clock's sleep and the jitter's randomness. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}
