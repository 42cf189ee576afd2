// Reading a device's data as a stream (ascending, across pages, optionally following new records) and writing
// many records in chunks the API accepts. Both run on the generated operations, so every runtime gets the same
// behaviour and the client's retries, timeouts and typed errors.
import { RateLimitError, TagoError, TagoValidationError } from '@tagokit/core';
import { abortableSleep, type OperationContext } from '@tagokit/core/internal';
import { getData, getDeviceData, sendData, sendDeviceData } from '@tagokit/api/functions';
// The named types, not schema.ts: a consumer's type check would otherwise load all of openapi-typescript's output.
import type { Data, DataCreate } from '@tagokit/api/types';

/** A stored record as the API answers it. */
export type DataRecord = Data;
/** A record to store. */
export type DataInput = DataCreate;

export interface ReadDataOptions {
  /**
   * Read this device with a profile or analysis token (`GET /device/{id}/data`); without it, the device that owns
   * the client's device token (`GET /data`).
   */
  deviceId?: string;
  /** Only these variables. With several, each variable gets its own cursor (the API counts `qty` per variable). */
  variables?: readonly string[];
  groups?: readonly string[];
  /** Oldest record to read (inclusive), as the API takes it: an ISO date or a relative one such as `1 day`. */
  startDate?: string | Date;
  endDate?: string | Date;
  /** Records asked for per request (per variable), 1 to 10 000; 1 000 by default. */
  pageSize?: number;
  /** Records to pass over first (for each variable). */
  skip?: number;
  /**
   * Keep polling for new records once the stored ones are read, until `signal` aborts. `true` polls every second;
   * after a 429 the interval doubles (up to `maxIntervalMs`) and returns to `intervalMs` after a good poll.
   */
  follow?: boolean | { intervalMs?: number; maxIntervalMs?: number };
  /** Ends the stream: the loop stops at once (a request in flight is aborted) and the iterator finishes. */
  signal?: AbortSignal;
}

interface Cursor {
  readonly variable: string | undefined;
  skip: number;
  atEnd: boolean;
}

/**
 * The device's records in ascending time order, across every page: `for await (const r of readData(client))`.
 * Asks with `ordination=ascending` so records arriving during the walk are appended after the cursor instead of
 * shifting it (a descending walk by `skip` reads some twice). A record stored later with an older `time` than the
 * cursor has passed is not seen in follow mode; the API sorts by `time`.
 */
export async function* readData(
  client: OperationContext,
  options: ReadDataOptions = {},
): AsyncGenerator<DataRecord, void, undefined> {
  const pageSize = integerOption(options.pageSize ?? 1000, 'pageSize', 1, 10_000);
  const firstSkip = integerOption(options.skip ?? 0, 'skip', 0, Number.MAX_SAFE_INTEGER);
  const follow = followOptions(options.follow);
  const { signal } = options;
  const variables = options.variables && options.variables.length > 1 ? options.variables : undefined;
  const cursors: Cursor[] = (variables ?? [options.variables?.[0]]).map((variable) => ({
    variable,
    skip: firstSkip,
    atEnd: false,
  }));
  let interval = follow?.intervalMs ?? 0;

  while (!signal?.aborted) {
    const round: DataRecord[] = [];
    let rateLimited: RateLimitError | undefined;
    for (const cursor of cursors) {
      if (cursor.atEnd && !follow) continue;
      let page: DataRecord[];
      try {
        page = await readPage(client, options, cursor, pageSize);
      } catch (error) {
        if (signal?.aborted) return;
        if (follow && error instanceof RateLimitError) {
          rateLimited = error;
          break;
        }
        throw error;
      }
      cursor.skip += page.length;
      cursor.atEnd = page.length < pageSize;
      round.push(...page);
    }
    // Several cursors: merge what this round read, so each round comes out in time order.
    if (cursors.length > 1) round.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    for (const record of round) {
      if (signal?.aborted) return;
      yield record;
    }
    if (rateLimited || cursors.every((c) => c.atEnd)) {
      if (!follow) return;
      if (rateLimited) {
        const asked = (rateLimited.retryAfterSeconds ?? 0) * 1000;
        interval = Math.min(Math.max(interval * 2, asked), follow.maxIntervalMs);
      } else if (round.length > 0) {
        interval = follow.intervalMs;
      }
      try {
        await abortableSleep(interval, signal);
      } catch {
        return;
      }
    }
  }
}

async function readPage(
  client: OperationContext,
  options: ReadDataOptions,
  cursor: Cursor,
  pageSize: number,
): Promise<DataRecord[]> {
  const query = {
    query: 'default' as const,
    ordination: 'ascending' as const,
    qty: pageSize,
    skip: cursor.skip,
    ...(cursor.variable === undefined ? {} : { variables: [cursor.variable] }),
    ...(options.groups ? { groups: [...options.groups] } : {}),
    ...(options.startDate === undefined ? {} : { start_date: dateText(options.startDate) }),
    ...(options.endDate === undefined ? {} : { end_date: dateText(options.endDate) }),
  };
  const call = options.signal ? { signal: options.signal } : undefined;
  const answer: unknown =
    options.deviceId === undefined
      ? await getData(client, query, call)
      : await getDeviceData(client, { deviceID: options.deviceId, ...query }, call);
  if (!Array.isArray(answer)) {
    throw new TagoValidationError('the data answer is not a list of records', 'invalid_response', 'result');
  }
  return answer as DataRecord[];
}

export interface SendDataBatchedOptions {
  /** Write to this device with an analysis token (`POST /device/{id}/data`); without it, the token's own device. */
  deviceId?: string;
  /** Records per request; 1 000 by default (the official SDK's chunk), at most 10 000. */
  maxRecords?: number;
  /**
   * Largest request body, bytes of JSON. TagoIO refuses bodies over about 200 kB; the default, 190 000, keeps a
   * margin for what proxies add.
   */
  maxBytes?: number;
  /** Pause between requests, ms (0 by default): spreads a large import under the plan's per-minute limit. */
  pauseMs?: number;
  /**
   * How many more times a chunk refused with 429 is sent after waiting the asked Retry-After, once the client's
   * own retries are spent (a 429 means nothing was stored, so resending cannot duplicate). 5 by default.
   */
  rateLimitWaits?: number;
  /** Send the remaining chunks after one fails (default false: stop, so order is kept). */
  continueOnError?: boolean;
  /** Called after each chunk with its report, e.g. for progress. */
  onChunk?: (report: ChunkReport) => void;
  signal?: AbortSignal;
}

/**
 * What became of one chunk: `stored` (the API confirmed it), `failed` (refused: nothing stored), `unknown` (the
 * answer was lost after sending: it may be stored; not resent), `not_sent` (never sent: an earlier chunk failed
 * or the signal aborted).
 */
export interface ChunkReport {
  readonly index: number;
  /** Index of its first record in the input. */
  readonly first: number;
  readonly count: number;
  readonly bytes: number;
  readonly status: 'stored' | 'failed' | 'unknown' | 'not_sent';
  /** The API's confirmation, e.g. `1000 Data Added`. */
  readonly result?: string;
  readonly error?: TagoError;
}

export interface SendDataBatchedResult {
  readonly chunks: readonly ChunkReport[];
  /** Records in stored chunks. */
  readonly storedRecords: number;
}

/** Some chunks were not stored; `report` says which, so the caller can resend exactly those. */
export class TagoBatchError extends TagoError {
  override name = 'TagoBatchError';
  readonly report: SendDataBatchedResult;
  constructor(report: SendDataBatchedResult, cause: TagoError | undefined) {
    const notStored = report.chunks.filter((c) => c.status !== 'stored');
    const first = notStored[0]!;
    super(
      `${notStored.length} of ${report.chunks.length} chunks not stored (first: chunk ${first.index}, records ` +
        `${first.first}-${first.first + first.count - 1}, ${first.status}${cause ? `: ${cause.message}` : ''})`,
      'batch_incomplete',
      { mayHaveBeenProcessed: report.chunks.some((c) => c.status === 'unknown'), cause },
    );
    this.report = report;
  }
}

/**
 * Stores many records in as few requests as the API's limits allow, one chunk at a time, in order. Resolves with
 * a report when every chunk is stored; otherwise rejects with a TagoBatchError carrying the same report. Every
 * record is checked before the first request, so bad input stores nothing.
 */
export async function sendDataBatched(
  client: OperationContext,
  records: readonly DataInput[],
  options: SendDataBatchedOptions = {},
): Promise<SendDataBatchedResult> {
  const maxRecords = integerOption(options.maxRecords ?? 1000, 'maxRecords', 1, 10_000);
  const maxBytes = integerOption(options.maxBytes ?? 190_000, 'maxBytes', 64, 10_000_000);
  const pauseMs = integerOption(options.pauseMs ?? 0, 'pauseMs', 0, 3_600_000);
  const rateLimitWaits = integerOption(options.rateLimitWaits ?? 5, 'rateLimitWaits', 0, 100);
  const chunks = splitIntoChunks(records, maxRecords, maxBytes);
  const reports: ChunkReport[] = [];
  let firstError: TagoError | undefined;
  let stop = false;

  for (const [index, chunk] of chunks.entries()) {
    const base = { index, first: chunk.first, count: chunk.records.length, bytes: chunk.bytes };
    if (stop || options.signal?.aborted) {
      reports.push({ ...base, status: 'not_sent' });
      continue;
    }
    if (index > 0 && pauseMs > 0) {
      try {
        await abortableSleep(pauseMs, options.signal);
      } catch {
        reports.push({ ...base, status: 'not_sent' });
        continue;
      }
    }
    const report = await sendChunk(client, chunk.records, base, options, rateLimitWaits);
    reports.push(report);
    options.onChunk?.(report);
    if (report.status !== 'stored') {
      firstError ??= report.error;
      if (!options.continueOnError) stop = true;
    }
  }
  const result = {
    chunks: reports,
    storedRecords: reports.reduce((n, c) => n + (c.status === 'stored' ? c.count : 0), 0),
  };
  if (reports.some((c) => c.status !== 'stored')) throw new TagoBatchError(result, firstError);
  return result;
}

async function sendChunk(
  client: OperationContext,
  body: DataInput[],
  base: Pick<ChunkReport, 'index' | 'first' | 'count' | 'bytes'>,
  options: SendDataBatchedOptions,
  rateLimitWaits: number,
): Promise<ChunkReport> {
  const call = options.signal ? { signal: options.signal } : undefined;
  for (let waits = 0; ; waits++) {
    try {
      const result =
        options.deviceId === undefined
          ? await sendData(client, { body }, call)
          : await sendDeviceData(client, { deviceID: options.deviceId, body }, call);
      return { ...base, status: 'stored', result: String(result) };
    } catch (error) {
      if (!(error instanceof TagoError)) throw error;
      if (error instanceof RateLimitError && waits < rateLimitWaits) {
        try {
          await abortableSleep(Math.max(1, error.retryAfterSeconds ?? 1) * 1000, options.signal);
          continue;
        } catch {
          return { ...base, status: 'failed', error };
        }
      }
      return { ...base, status: error.mayHaveBeenProcessed ? 'unknown' : 'failed', error };
    }
  }
}

interface Chunk {
  readonly first: number;
  readonly records: DataInput[];
  readonly bytes: number;
}

const encoder = new TextEncoder();

/** Splits by record count and by the body's JSON size (`[` + records joined by `,` + `]`). */
export function splitIntoChunks(records: readonly DataInput[], maxRecords: number, maxBytes: number): Chunk[] {
  if (!Array.isArray(records)) {
    throw new TagoValidationError('records must be an array of data records', 'invalid_argument', 'records');
  }
  const chunks: Chunk[] = [];
  let current: DataInput[] = [];
  let bytes = 2;
  let first = 0;
  records.forEach((record, index) => {
    const size = encoder.encode(JSON.stringify(checkRecord(record, index))).length;
    if (size + 2 > maxBytes) {
      throw new TagoValidationError(
        `record ${index} is ${size} bytes of JSON, more than maxBytes (${maxBytes}) allows in one request`,
        'record_too_large',
        `records[${index}]`,
      );
    }
    const added = (current.length > 0 ? 1 : 0) + size;
    if (current.length === maxRecords || bytes + added > maxBytes) {
      chunks.push({ first, records: current, bytes });
      current = [];
      bytes = 2;
      first = index;
    }
    bytes += (current.length > 0 ? 1 : 0) + size;
    current.push(record);
  });
  if (current.length > 0) chunks.push({ first, records: current, bytes });
  return chunks;
}

function checkRecord(record: unknown, index: number): DataInput {
  const field = `records[${index}]`;
  if (!record || typeof record !== 'object' || Array.isArray(record)) {
    throw new TagoValidationError(`${field} must be an object with a variable`, 'invalid_record', field);
  }
  const { variable, value } = record as { variable?: unknown; value?: unknown };
  if (typeof variable !== 'string' || variable === '') {
    throw new TagoValidationError(
      `${field}.variable must be a non-empty string`,
      'invalid_record',
      `${field}.variable`,
    );
  }
  // JSON has no NaN or Infinity: JSON.stringify would send null, which the API refuses for the whole chunk.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TagoValidationError(
      `${field}.value is ${value}, which JSON cannot carry`,
      'invalid_record',
      `${field}.value`,
    );
  }
  return record as DataInput;
}

function integerOption(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TagoValidationError(
      `${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
      'invalid_option',
      name,
    );
  }
  return value;
}

function followOptions(follow: ReadDataOptions['follow']): { intervalMs: number; maxIntervalMs: number } | undefined {
  if (!follow) return undefined;
  const given = follow === true ? {} : follow;
  const intervalMs = integerOption(given.intervalMs ?? 1000, 'follow.intervalMs', 1, 3_600_000);
  const maxIntervalMs = integerOption(given.maxIntervalMs ?? 60_000, 'follow.maxIntervalMs', intervalMs, 86_400_000);
  return { intervalMs, maxIntervalMs };
}

function dateText(date: string | Date): string {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime()))
      throw new TagoValidationError('a date option is an invalid Date', 'invalid_option');
    return date.toISOString();
  }
  return date;
}
