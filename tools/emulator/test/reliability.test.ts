// The Node client's reliability suite: N writes through faults, then an audit of the emulator's store. Every
// write must end acknowledged and stored once, or as an error whose `mayHaveBeenProcessed` tells the truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TagoError } from '@tagokit/node';
import { FAULT_KINDS, startEmulator, type Emulator } from '../src/index.mjs';
import { audit, formatTable, RELIABILITY_FAULTS, saveResults, type Outcome } from './support/reliability-audit.js';

const N = Number(process.env['RELIABILITY_N'] ?? 10_000);
const SEED = Number(process.env['RELIABILITY_SEED'] ?? 20_240_607);
const CONCURRENCY = Number(process.env['RELIABILITY_CONCURRENCY'] ?? 64);
const THROUGHPUT_N = Number(process.env['THROUGHPUT_N'] ?? 5_000);
// The committed table comes from `pnpm reliability` (RELIABILITY_WRITE=1, see saveResults); ordinary test runs
// leave it alone so a test run never dirties the work tree.
const DEVICE = {
  id: '65f0000000000000000000a1',
  name: 'Reliability rig',
  token: 'e2c7a9b0-5d41-4f3e-9a6b-0c1d2e3f4a5b',
};

/** The client's waits (backoff, Retry-After) shortened so the run measures behaviour, not the clock. */
const quickSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 5)));

async function pool<T>(count: number, concurrency: number, task: (i: number) => PromiseLike<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    for (let i = next++; i < count; i = next++) out[i] = await task(i);
  });
  await Promise.all(workers);
  return out;
}

describe('reliability of writes through faults', () => {
  let emulator: Emulator;
  const debugLines: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ seed: SEED, devices: [DEVICE] });
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  const client = () =>
    createClient({
      token: DEVICE.token,
      tokenKind: 'device',
      region: { api: emulator.url },
      allowInsecureHttp: true,
      timeoutMs: 5_000,
      connections: CONCURRENCY,
      sleep: quickSleep,
      debug: (line) => debugLines.push(line),
    });

  it(`measures throughput without faults (${THROUGHPUT_N} writes)`, async () => {
    emulator.setFaults(null);
    const c = client();
    // Warm up: open the pool's connections and compile the validators once.
    await pool(500, CONCURRENCY, (i) => c.deviceData.sendData({ body: [{ variable: 'warmup', value: i }] }));
    emulator.state.devices.get(DEVICE.id)!.data = [];
    const started = performance.now();
    await pool(THROUGHPUT_N, CONCURRENCY, (i) => c.deviceData.sendData({ body: [{ variable: 'warmup', value: i }] }));
    const seconds = (performance.now() - started) / 1000;
    const reads = 1_000;
    const readStart = performance.now();
    await pool(reads, CONCURRENCY, () => c.deviceData.getData({ variables: ['warmup'], qty: 10 }));
    const readSeconds = (performance.now() - readStart) / 1000;
    saveResults('throughput', {
      writes: THROUGHPUT_N,
      writeRequestsPerSecond: Math.round(THROUGHPUT_N / seconds),
      reads,
      readRequestsPerSecond: Math.round(reads / readSeconds),
      concurrency: CONCURRENCY,
    });
    console.log(
      `throughput: ${Math.round(THROUGHPUT_N / seconds)} writes/s, ${Math.round(reads / readSeconds)} reads/s (concurrency ${CONCURRENCY}, no faults)`,
    );
    expect(emulator.state.devices.get(DEVICE.id)!.data.length).toBe(THROUGHPUT_N);
    // Clean slate for the audit.
    emulator.state.devices.get(DEVICE.id)!.data = [];
  }, 60_000);

  it(`${N} writes: none lost, none duplicated, every error tells whether it may have been stored`, async () => {
    emulator.setFaults(RELIABILITY_FAULTS, SEED);
    const c = client();
    const started = performance.now();
    const outcomes = await pool<Outcome>(N, CONCURRENCY, async (i) => {
      try {
        // One write in 97 is refused by validation (an empty variable name): a 400 that must say "not processed".
        const variable = i % 97 === 96 ? '' : 'reliability';
        const answer = await c.deviceData.sendData({ body: [{ variable, value: i, metadata: { write_id: `w${i}` } }] });
        expect(answer).toBe('1 Data Added');
        return { ok: true };
      } catch (error) {
        if (!(error instanceof TagoError)) throw error;
        return { ok: false, mayHaveBeenProcessed: error.mayHaveBeenProcessed, code: error.code };
      }
    });
    const seconds = (performance.now() - started) / 1000;

    const { table, problems } = audit(emulator, DEVICE.id, outcomes, seconds);
    const {
      lost,
      duplicated,
      acknowledged,
      errorsMaybeStored: maybeStored,
      errorsNotStored: notStored,
      faultsByKind,
      requests,
      faultedRequests: faulted,
    } = table;
    console.log(formatTable(`reliability (seed ${SEED}, concurrency ${CONCURRENCY})`, table));
    saveResults('reliability', { seed: SEED, concurrency: CONCURRENCY, ...table });

    expect(problems.slice(0, 20)).toEqual([]);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(acknowledged + maybeStored + notStored).toBe(N);
    expect(faulted / requests).toBeGreaterThanOrEqual(0.2);
    // Every kind of fault happened, and every kind of ending too.
    for (const k of FAULT_KINDS) expect(faultsByKind[k], k).toBeGreaterThan(0);
    expect(acknowledged).toBeGreaterThan(0);
    expect(maybeStored).toBeGreaterThan(0);
    expect(notStored).toBeGreaterThan(0);
    // The debug log never shows the token.
    expect(debugLines.length).toBeGreaterThan(0);
    expect(debugLines.some((l) => l.includes(DEVICE.token))).toBe(false);
  }, 120_000);
});
