// The edge client's reliability suite: N writes with createEdgeClient + sendData from inside workerd (miniflare,
// no nodejs_compat) through the emulator's seeded faults, then an audit of the emulator's store. Every write must
// end acknowledged and stored once, or as an error whose `mayHaveBeenProcessed` tells the truth.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS, startEmulator, type Emulator } from '../../../tools/emulator/src/index.mjs';
import { bundle } from './support/bundle.js';
import { WORKERS_DIR } from './support/paths.js';
import {
  audit,
  formatTable,
  RELIABILITY_FAULTS,
  saveResults,
  type Outcome,
} from '../../../tools/emulator/test/support/reliability-audit.js';
import { workerd, type RuntimeHost } from './support/runtimes.js';
import type { WriteOutcome, WritesAnswer } from './workers/reliability.js';

const N = Number(process.env['EDGE_RELIABILITY_N'] ?? 1_000);
const SEED = Number(process.env['RELIABILITY_SEED'] ?? 20_240_607);
/** Writes per worker invocation: at most 3 attempts each stays under the free plan's 50 subrequests. */
const BATCH = 16;
/** Concurrent writes inside one invocation, and invocations in flight at once. */
const IN_WORKER = 8;
const INVOCATIONS = 4;
const DEVICE = {
  id: '65f0000000000000000000e1',
  name: 'Edge reliability rig',
  token: '7d2f9c1e-4b3a-4e5f-8a6b-9c0d1e2f3a4b',
};

describe('edge client in workerd: reliability of writes through faults', () => {
  let emulator: Emulator;
  let host: RuntimeHost;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: SEED, devices: [DEVICE] });
    host = await workerd(await bundle({ entry: join(WORKERS_DIR, 'reliability.ts'), format: 'esm' }));
  }, 60_000);
  afterAll(async () => {
    await host?.dispose();
    await emulator?.stop();
  });

  it(`${N} writes: none lost, none duplicated, every error is typed and tells whether it may have been stored`, async () => {
    emulator.setFaults(RELIABILITY_FAULTS, SEED);
    const batches: number[][] = [];
    for (let i = 0; i < N; i += BATCH) batches.push(Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => i + k));
    const outcomes: Outcome[] = new Array(N);
    const untyped: WriteOutcome[] = [];
    const wrongAnswers: WriteOutcome[] = [];
    let debugLines = 0;
    let tokenInDebug = false;
    let nextBatch = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: INVOCATIONS }, async () => {
        for (let b = nextBatch++; b < batches.length; b = nextBatch++) {
          const res = await host.fetch('/writes', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              api: emulator.url,
              token: DEVICE.token,
              ids: batches[b],
              concurrency: IN_WORKER,
              timeoutMs: 5_000,
            }),
          });
          if (res.status !== 200) throw new Error(`worker answered ${res.status}: ${res.text.slice(0, 500)}`);
          const answer = JSON.parse(res.text) as WritesAnswer;
          debugLines += answer.debugLines;
          tokenInDebug ||= answer.tokenInDebug;
          for (const o of answer.outcomes) {
            if (o.ok) {
              if (o.answer !== '1 Data Added') wrongAnswers.push(o);
              outcomes[o.i] = { ok: true };
            } else {
              if (!o.typed) untyped.push(o);
              outcomes[o.i] = { ok: false, mayHaveBeenProcessed: o.mayHaveBeenProcessed, code: o.code };
            }
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const { table, problems } = audit(emulator, DEVICE.id, outcomes, seconds);
    console.log(
      `${formatTable(`edge client in workerd (seed ${SEED}, ${INVOCATIONS} invocations x ${IN_WORKER} concurrent writes)`, table)}error codes: ${JSON.stringify(table.errorCodes)}\n`,
    );
    saveResults('reliabilityEdge', {
      runtime: 'workerd (miniflare)',
      seed: SEED,
      concurrency: INVOCATIONS * IN_WORKER,
      ...table,
    });

    expect(untyped).toEqual([]);
    expect(wrongAnswers).toEqual([]);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(table.lost).toBe(0);
    expect(table.duplicated).toBe(0);
    expect(table.acknowledged + table.errorsMaybeStored + table.errorsNotStored).toBe(N);
    expect(table.faultedShare).toBeGreaterThanOrEqual(0.2);
    for (const k of FAULT_KINDS) expect(table.faultsByKind[k], k).toBeGreaterThan(0);
    expect(table.acknowledged).toBeGreaterThan(0);
    expect(table.errorsMaybeStored).toBeGreaterThan(0);
    expect(table.errorsNotStored).toBeGreaterThan(0);
    // The debug log never shows the token.
    expect(debugLines).toBeGreaterThan(0);
    expect(tokenInDebug).toBe(false);
  }, 60_000);
});
