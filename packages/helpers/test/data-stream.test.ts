// readData and sendDataBatched against the emulator, beyond the shared runtime scenarios (pages, follow mode, 429s:
// scenarios/runtime-scenarios.ts): per-variable cursors, other devices, lost answers and refused records.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEdgeClient, fetchTransport } from '@tagokit/edge';
import { startEmulator, type Emulator } from '../../../tools/emulator/src/index.mjs';
import { readData, sendDataBatched, splitIntoChunks, TagoBatchError, type DataInput } from '../src/index.ts';
import { recordingTransport } from './scenarios/runtime-scenarios.ts';

const DEVICE = { id: '65f00000000000000000d001', name: 'stream rig', token: 'd0000000-0000-4000-8000-00000000d001' };
const ANALYSIS = 'a-00000000-0000-4000-8000-000000000002';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ devices: [DEVICE], rateLimits: false });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.setFaults(null);
  emulator.state.devices.get(DEVICE.id)!.data = [];
});

/** A device client whose requests are recorded as `METHOD path?query`. */
function deviceClient(extra: { maxRetries?: number } = {}) {
  const { transport, requests } = recordingTransport();
  const client = createEdgeClient({
    token: DEVICE.token,
    tokenKind: 'device',
    region: { api: emulator.url },
    allowInsecureHttp: true,
    transport,
    ...extra,
  });
  return { client, requests };
}

function records(n: number, variable = 'temperature', from = Date.UTC(2026, 0, 1)): DataInput[] {
  return Array.from({ length: n }, (_, i) => ({ variable, value: i, time: new Date(from + i * 1000).toISOString() }));
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('readData', () => {
  it('keeps one cursor per variable and merges each round in time order', async () => {
    const { client, requests } = deviceClient();
    const start = Date.UTC(2026, 0, 1);
    await sendDataBatched(client, [...records(3, 'a', start), ...records(5, 'b', start + 500)]);
    requests.length = 0;
    const read = await collect(readData(client, { variables: ['a', 'b'], pageSize: 2 }));
    expect(read.map((r) => `${r.variable}${r.value}`)).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2', 'b3', 'b4']);
    expect(requests).toEqual([
      'GET /data?query=default&ordination=ascending&qty=2&skip=0&variables[0]=a',
      'GET /data?query=default&ordination=ascending&qty=2&skip=0&variables[0]=b',
      'GET /data?query=default&ordination=ascending&qty=2&skip=2&variables[0]=a',
      'GET /data?query=default&ordination=ascending&qty=2&skip=2&variables[0]=b',
      'GET /data?query=default&ordination=ascending&qty=2&skip=4&variables[0]=b',
    ]);
  });

  it('refuses bad options before any request', async () => {
    const { client, requests } = deviceClient();
    await expect(collect(readData(client, { pageSize: 0 }))).rejects.toMatchObject({
      name: 'TagoValidationError',
      field: 'pageSize',
    });
    await expect(collect(readData(client, { follow: { intervalMs: 50, maxIntervalMs: 10 } }))).rejects.toMatchObject({
      field: 'follow.maxIntervalMs',
    });
    expect(requests).toEqual([]);
  });

  it('reads another device with an analysis token through /device/{id}/data', async () => {
    const { client } = deviceClient();
    await sendDataBatched(client, records(3));
    const requests: string[] = [];
    const inner = fetchTransport();
    const analysis = createEdgeClient({
      token: ANALYSIS,
      region: { api: emulator.url },
      allowInsecureHttp: true,
      transport: (r) => {
        requests.push(new URL(r.url).pathname);
        return inner(r);
      },
    });
    const read = await collect(readData(analysis, { deviceId: DEVICE.id, startDate: new Date(Date.UTC(2025, 0, 1)) }));
    expect(read.map((r) => r.value)).toEqual([0, 1, 2]);
    expect(requests).toEqual([`/device/${DEVICE.id}/data`]);
  });
});

describe('sendDataBatched', () => {
  it('splits by record count and by JSON bytes', () => {
    expect(splitIntoChunks(records(2_500), 1_000, 190_000).map((c) => c.records.length)).toEqual([1_000, 1_000, 500]);
    const big = records(10).map((r) => ({ ...r, metadata: { note: 'x'.repeat(100) } }));
    const size = JSON.stringify(big[0]).length;
    const chunks = splitIntoChunks(big, 1_000, 2 + 3 * size + 2);
    expect(chunks.map((c) => c.records.length)).toEqual([3, 3, 3, 1]);
    expect(chunks.every((c) => c.bytes === JSON.stringify(c.records).length)).toBe(true);
  });

  it('stores every record once, in order, one request per chunk', async () => {
    const { client, requests } = deviceClient();
    const result = await sendDataBatched(client, records(2_345), { maxRecords: 1_000 });
    expect(result.storedRecords).toBe(2_345);
    expect(result.chunks.map((c) => [c.first, c.count, c.status, c.result])).toEqual([
      [0, 1_000, 'stored', '1000 Data Added'],
      [1_000, 1_000, 'stored', '1000 Data Added'],
      [2_000, 345, 'stored', '345 Data Added'],
    ]);
    expect(requests).toEqual(['POST /data', 'POST /data', 'POST /data']);
    expect(emulator.state.devices.get(DEVICE.id)!.data).toHaveLength(2_345);
  });

  it('reports a lost answer as unknown, stops, and marks the rest not sent', async () => {
    const { client } = deviceClient({ maxRetries: 0 });
    emulator.setFaults({ rate: 1, kinds: ['resetAfter'], routes: ['POST /data'] });
    const reports: string[] = [];
    const error = await sendDataBatched(client, records(30), {
      maxRecords: 10,
      onChunk: (c) => reports.push(c.status),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoBatchError);
    const report = (error as TagoBatchError).report;
    expect(report.chunks.map((c) => c.status)).toEqual(['unknown', 'not_sent', 'not_sent']);
    expect(reports).toEqual(['unknown']);
    expect((error as TagoBatchError).mayHaveBeenProcessed).toBe(true);
    expect((error as TagoBatchError).message).toMatch(
      /^3 of 3 chunks not stored \(first: chunk 0, records 0-9, unknown/,
    );
  });

  it('refuses a bad record before sending anything, naming it', async () => {
    const { client, requests } = deviceClient();
    const input = [...records(5), { variable: 'temperature', value: Number.NaN }];
    await expect(sendDataBatched(client, input)).rejects.toMatchObject({
      name: 'TagoValidationError',
      code: 'invalid_record',
      field: 'records[5].value',
    });
    await expect(sendDataBatched(client, [{ value: 1 } as unknown as DataInput])).rejects.toMatchObject({
      field: 'records[0].variable',
    });
    const huge = [{ variable: 'blob', value: 'x'.repeat(300_000) }];
    await expect(sendDataBatched(client, huge)).rejects.toMatchObject({
      code: 'record_too_large',
      field: 'records[0]',
    });
    expect(requests).toEqual([]);
  });
});
