export type FaultKind =
  | 'latency'
  | 'http5xx'
  | 'rateLimit'
  | 'resetBefore'
  | 'resetAfter'
  | 'truncated'
  | 'html'
  | 'trickle';
export type TokenKind = 'profile' | 'device' | 'analysis' | 'network' | 'runUser' | 'serviceAuthorization';

export interface FaultOptions {
  /** Share of requests (0..1) that start a fault. Bursts make the faulted share larger. */
  rate?: number;
  /** Which faults, with weights: a list, `"all"`, a comma list, or `{kind: weight}`. */
  kinds?: FaultKind[] | 'all' | string | Partial<Record<FaultKind, number>>;
  /** Length of 5xx bursts and 429 storms, in consecutive requests. */
  burst?: { min: number; max: number } | number | string;
  latencyMs?: { min: number; max: number } | number | string;
  trickle?: { chunkBytes?: number; intervalMs?: number };
  retryAfterSeconds?: number;
  /** Only these routes (`"POST /data"`); every route when absent. */
  routes?: string[] | string | null;
}

export interface NormalizedFaults {
  rate: number;
  kinds: Partial<Record<FaultKind, number>>;
  burst: { min: number; max: number };
  latencyMs: { min: number; max: number };
  trickle: { chunkBytes: number; intervalMs: number };
  retryAfterSeconds: number;
  routes: string[] | undefined;
}

/** Faults of the `upload` step of multipart uploads, the same for the same seed however parts are scheduled. */
export interface UploadFaultOptions {
  /** Share of part attempts (0..1) that fail; 0 by default. */
  rate?: number;
  /** `http5xx` and `rateLimit` answer without storing, `resetBefore` drops the request, `resetAfter` stores the part and drops the answer. All four by default. */
  kinds?: ('http5xx' | 'rateLimit' | 'resetBefore' | 'resetAfter')[];
  /** Faults per part at most (default 2), so a client that retries gets through. */
  maxPerPart?: number;
  /** Retry-After of a `rateLimit` fault, in seconds (default 0). */
  retryAfterSeconds?: number;
  /** Only these part numbers. */
  parts?: number[];
}

export interface DeviceSeed {
  id?: string;
  name?: string;
  token?: string | string[];
  type?: 'mutable' | 'immutable' | 'hybrid' | 'legacy';
  serie_number?: string;
  tags?: { key: string; value: string }[];
  params?: { id?: string; key: string; value: string; sent?: boolean }[];
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  faults?: FaultOptions;
  devices?: DeviceSeed[];
  /** Tokens by kind (device tokens come with devices). Defaults: DEFAULT_TOKENS. */
  tokens?: Partial<Record<Exclude<TokenKind, 'device'>, string | string[]>>;
  /** A whole state to start from (what `saveState()` or `GET /__emulator/snapshot` gave); replaces the seeds. */
  fixture?: EmulatorStateSnapshot;
  /** `false` turns limits off; `plan` picks the column of the RPM table; `rpm` overrides routes (`"POST /data": 100`). */
  rateLimits?: false | { plan?: 'free' | 'starter' | 'scale'; rpm?: Record<string, number>; now?: () => number };
  specPath?: string;
  /** Largest request body in bytes (default 1 MiB); a larger one answers 413 and the connection is closed. */
  maxBodyBytes?: number;
  /**
   * Largest multipart/form-data body in bytes (default 32 MiB, never less than maxBodyBytes): one part of a
   * multipart upload.
   */
  maxFormBodyBytes?: number;
  /** Faults of multipart upload parts, drawn per (part, attempt) from `seed`: see UploadFaultOptions. */
  uploadFaults?: UploadFaultOptions;
  /** Time the body may take once the headers are in, ms (default 10 000); then 408 and the connection is closed. */
  bodyTimeoutMs?: number;
  /** Time the request line and headers may take, ms (default 10 000; checked every second at most); then 408. */
  headersTimeoutMs?: number;
  /** One line per fault and per internal error. Never receives tokens. */
  log?: (line: string) => void;
  /**
   * Origins a browser page may call from (CORS): `"*"` (default, any), `"none"` or `[]`, or origins such as
   * `"http://localhost:5173"` (an array or a comma list). A preflight from any other origin answers 403.
   */
  corsOrigins?: '*' | 'none' | string | readonly string[];
}

export interface StoredRecord {
  id: string;
  device: string;
  variable: string;
  value?: string | number | boolean;
  unit?: string;
  group?: string;
  location?: { type: 'Point'; coordinates: [number, number] };
  metadata?: Record<string, unknown>;
  time: string;
}

export interface EmulatorDevice {
  id: string;
  name: string;
  tokens: { token: string; name: string; permission: string }[];
  params: { id: string; key: string; value: string; sent: boolean }[];
  data: unknown[];
  [key: string]: unknown;
}

export interface EmulatorState {
  devices: Map<string, EmulatorDevice>;
  tokens: Map<string, { kind: TokenKind; deviceId?: string }>;
  /** Throws (a 409 `ConflictError`) when `input.id` or one of its tokens already exists. */
  createDevice(input?: DeviceSeed): EmulatorDevice;
  /** Throws (a 409 `ConflictError`) when the token already exists, whatever its kind. */
  addToken(kind: TokenKind, token: string): void;
  snapshot(): (Omit<EmulatorDevice, 'data'> & { data: StoredRecord[] })[];
  /** The records of one resource collection (`dashboards`, `widgets`, `files`, ...), by id (files: by name). */
  resources(collection: string): Map<string, Record<string, unknown>>;
  /** The whole state as JSON; `importState` takes it back (throws a `SettingsError` on a bad one). */
  exportState(): EmulatorStateSnapshot;
  importState(state: unknown): void;
}

/** The whole state as plain JSON: tokens, devices as the store keeps them, and resource collections by key. */
export interface EmulatorStateSnapshot {
  version: 1;
  tokens: Record<string, { kind: TokenKind; deviceId?: string }>;
  devices: Record<string, unknown>[];
  collections: Record<string, Record<string, Record<string, unknown>>>;
}

export interface FaultStats {
  seed: number;
  decisions: number;
  faulted: number;
  byKind: Record<FaultKind, number>;
}

export interface Emulator {
  url: string;
  port: number;
  state: EmulatorState;
  spec: unknown;
  stats(): { requests: number; byStatus: Record<string, number>; rateLimited: number; faults: FaultStats };
  /** The fault drawn for each request, in arrival order (undefined = none). */
  faultSequence(): (FaultKind | undefined)[];
  /** Replaces the fault settings and restarts the sequence (with a new seed when given). */
  setFaults(faults: FaultOptions | null, seed?: number): NormalizedFaults;
  /** Replaces the upload part faults (and their seed, when given). */
  setUploadFaults(faults: UploadFaultOptions | null, seed?: number): void;
  getFaults(): NormalizedFaults;
  /** Replaces the allowed CORS origins (as `corsOrigins` takes them); throws a `SettingsError` on a bad one. */
  setCorsOrigins(origins: '*' | 'none' | string | readonly string[]): '*' | readonly string[];
  getCorsOrigins(): '*' | readonly string[];
  /** The whole state, to restore later (between the tests of a suite) or to save as a fixture file. */
  saveState(): EmulatorStateSnapshot;
  /** Replaces the whole state; throws a `SettingsError` naming the problem (and keeps the state) when it is bad. */
  restoreState(state: EmulatorStateSnapshot): void;
  /** The realtime host (`GET /events`): kept events, open streams, analyses and their console. */
  realtime: EmulatorRealtime;
  /** Adds an analysis and registers its token; `POST /analysis/{id}/run` then fires `analysis_trigger`. */
  addAnalysis(input?: Partial<EmulatedAnalysis>): EmulatedAnalysis;
  stop(): Promise<void>;
}

export interface EmulatedAnalysis {
  id: string;
  name: string;
  token: string;
  active: boolean;
  run_on: 'tago' | 'external';
  variables: { key: string; value: string }[];
}

export interface EmulatorRealtime {
  events: { id: number; channel: string; payload: unknown }[];
  connections: { channels: string[]; lastEventId: string | undefined }[];
  /** The streams open now. */
  streams: Set<unknown>;
  analyses: Map<string, EmulatedAnalysis>;
  console: { analysis_id: string; message: string; timestamp: number }[];
  /** Keeps an event and writes it to the open streams of its channel; returns its id. */
  publish(channel: string, payload: unknown): number;
  /** Ends every open stream (a drop). */
  drop(): void;
  /** Keeps streams open but writes nothing while on (events are still kept for replay). */
  silence(on: boolean): void;
}

export function startEmulator(options?: EmulatorOptions): Promise<Emulator>;
export const FAULT_KINDS: readonly FaultKind[];
export const FAULT_PROCESSES: Readonly<Record<FaultKind, boolean>>;
export const DEFAULT_FAULTS: Readonly<NormalizedFaults>;
export function normalizeFaults(input?: FaultOptions | null): NormalizedFaults;
export function prng(seed: number): () => number;
export const DEFAULT_TOKENS: Readonly<Record<Exclude<TokenKind, 'device'>, string>>;
export const DEFAULT_DEVICE: Readonly<{ id: string; name: string; token: string }>;
export const DEFAULT_PROFILE_ID: string;
/** A setting the emulator cannot use (an unknown key names the likely meant one); the control API answers 400. */
export class SettingsError extends Error {
  constructor(message: string, details?: { key?: string; suggestion?: string });
  readonly status: 400;
  readonly key: string | undefined;
  readonly suggestion: string | undefined;
}
export const FAULT_SETTING_KEYS: readonly string[];
export const EMULATOR_OPTION_KEYS: readonly string[];
/** A token or device id that already exists; the control route answers it with 409. */
export class ConflictError extends Error {
  readonly status: 409;
}
export const PLANS: readonly ['free', 'starter', 'scale'];
export function rpmFor(routeKey: string, config?: { plan?: string; rpm?: Record<string, number> }): number | undefined;
export function parseDate(input: string | number, now?: number, endOfDay?: boolean): number | undefined;
export class RateLimiter {
  constructor(config?: false | { plan?: string; rpm?: Record<string, number>; now?: () => number });
  hit(routeKey: string, token: string | undefined): { retryAfterSeconds: number; limit: number } | undefined;
}
export class FaultPlan {
  constructor(config: NormalizedFaults, seed: number);
  next(routeKey: string): ({ kind: FaultKind } & Record<string, unknown>) | undefined;
  stats(): FaultStats;
}
export const RPM_TABLE: readonly { route: string | RegExp; rpm: [number, number, number] }[];
/** Token kind by security scheme name, from each scheme's `x-tago-token-kind`; throws when one has none. */
export function schemeKinds(bundle: {
  components?: { securitySchemes?: Record<string, Record<string, unknown>> };
}): Record<string, TokenKind>;
export function loadSpec(path?: string): any;
export function matchRoute(spec: any, method: string, pathname: string): any;
export function validateRequest(
  spec: any,
  op: any,
  req: any,
): { message: string; field_errors: Record<string, string[]> } | null;
/** Whole-text, case-insensitive match where `*` is any run of characters; linear, never a RegExp. */
export function wildcardMatch(pattern: string, text: string): boolean;
