// The MCU client's reliability suite: N writes with the Moddable build of the client running inside real XS
// (xsnap), through the emulator's seeded faults, then an audit of the emulator's store. XS's `Request` stand-in
// forwards each exchange to the host through issueCommand (synchronous on the XS side, so the device sends one
// request at a time, as a microcontroller does); `Timer` is a stand-in the host drives. Every write must end
// acknowledged and stored once, or as an error whose `mayHaveBeenProcessed` tells the truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS, startEmulator, type Emulator } from '../../../tools/emulator/src/index.mjs';
import { hostForwarder, MODDABLE_STAND_INS, moddableModule } from './helpers/moddable.js';
import { audit, formatTable, RELIABILITY_FAULTS, saveResults, type Outcome } from '../../../tools/emulator/test/support/reliability-audit.js';
import { REPLY, startXs, xsAvailable, type Meter, type XsWorker } from './helpers/xs.js';

const N = Number(process.env['MCU_RELIABILITY_N'] ?? 1_000);
const SEED = Number(process.env['RELIABILITY_SEED'] ?? 20_240_607);
/** Writes started per XS evaluation (they still go out one at a time). */
const BATCH = 25;
/** How long the host waits for the emulator before it leaves the XS request hanging (its Timer then fires). */
const HOST_TIMEOUT_MS = 5_000;
const DEVICE = { id: '65f0000000000000000000c1', name: 'MCU reliability rig', token: '3a9e7c5b-1d2f-4a6b-8c0d-e1f2a3b4c5d6' };

/** The device's program: write(i) sends one record tagged w<i>; each callback is recorded (and counted). */
const PROGRAM = (api: string, token: string) => `
var outcomes = [], calls = {}, inFlight = 0;
var device = tagokit.connect({ token: ${JSON.stringify(token)}, region: { api: ${JSON.stringify(api)} }, allowInsecureHttp: true, timeoutMs: 5000 });
var write = function (i) {
  inFlight++;
  // One write in 97 is refused by validation (an empty variable name): a 400 that must say "not processed".
  device.sendData({ body: [{ variable: i % 97 === 96 ? '' : 'reliability', value: i, metadata: { write_id: 'w' + i } }] }, function (e, d) {
    calls[i] = (calls[i] || 0) + 1;
    if (calls[i] > 1) { outcomes.push({ i: i, twice: true }); return; }
    inFlight--;
    outcomes.push(e ? { i: i, ok: false, name: e.name, code: e.code, processed: e.mayHaveBeenProcessed, typedKeys: typeof e.message == 'string' && typeof e.mayHaveBeenProcessed == 'boolean' } : { i: i, ok: true, data: d });
  });
};
var take = function () { var o = outcomes; outcomes = []; return o; };
`;

interface XsOutcome { i: number; ok?: boolean; twice?: boolean; name?: string; code?: string; processed?: boolean; typedKeys?: boolean; data?: unknown }

const TYPED_ERRORS = new Set(['TagoValidationError', 'TagoResponseParseError', 'TagoConnectionError', 'TagoTimeoutError', 'BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'ConflictError', 'UnprocessableEntityError', 'RateLimitError', 'InternalServerError', 'TagoApiError']);

describe.runIf(xsAvailable())('MCU client in Moddable XS (xsnap): reliability of writes through faults', () => {
  let xs: XsWorker;
  let emulator: Emulator;
  const meters: Record<string, Meter> = {};

  // The host side of FakeRequest: each exchange goes to the emulator over real HTTP.
  const host = hostForwarder({ timeoutMs: HOST_TIMEOUT_MS });

  beforeAll(async () => {
    emulator = await startEmulator({ seed: SEED, devices: [DEVICE] });
    xs = startXs(host.handle);
    const loaded = await xs.evaluate(`${MODDABLE_STAND_INS}${moddableModule()}${PROGRAM(emulator.url, DEVICE.token)}\ngc();\n${REPLY('typeof write')}`);
    expect(loaded.reply).toBe('"function"');
    meters['loaded'] = loaded.meter;
  }, 60_000);
  afterAll(async () => {
    await xs?.close();
    await emulator?.stop();
  });

  it(`${N} writes: none lost, none duplicated, every error is typed and tells whether it may have been stored`, async () => {
    emulator.setFaults(RELIABILITY_FAULTS, SEED);
    const outcomes: Outcome[] = new Array(N);
    const raw: XsOutcome[] = [];
    let timerRounds = 0;
    const started = performance.now();
    for (let from = 0; from < N; from += BATCH) {
      const to = Math.min(N, from + BATCH);
      await xs.evaluate(`for (var i = ${from}; i < ${to}; i++) write(i);\n${REPLY('0')}`);
      // Fire retry waits (and the timeouts of hung requests) until every write of the batch has called back.
      for (let round = 0; ; round++) {
        const state = JSON.parse((await xs.evaluate(REPLY('{ inFlight: inFlight, timers: FakeTimer.pending() }'))).reply) as { inFlight: number; timers: number };
        if (state.inFlight === 0) break;
        if (state.timers === 0 || round > 50) throw new Error(`writes ${from}..${to - 1}: ${state.inFlight} never called back and no timer is pending`);
        await xs.evaluate(`FakeTimer.fire();\n${REPLY('0')}`);
        timerRounds++;
      }
      raw.push(...(JSON.parse((await xs.evaluate(REPLY('take()'))).reply) as XsOutcome[]));
    }
    const seconds = (performance.now() - started) / 1000;
    const after = await xs.evaluate(`outcomes = []; calls = {}; gc();\n${REPLY('FakeTimer.pending()')}`);
    meters['after'] = after.meter;

    const twice = raw.filter((o) => o.twice);
    const untyped = raw.filter((o) => o.ok === false && !(o.typedKeys && TYPED_ERRORS.has(o.name!)));
    const wrongAnswers = raw.filter((o) => o.ok === true && o.data !== '1 Data Added');
    for (const o of raw) {
      if (o.twice) continue;
      outcomes[o.i] = o.ok ? { ok: true } : { ok: false, mayHaveBeenProcessed: o.processed === true, code: o.code! };
    }
    const { table, problems } = audit(emulator, DEVICE.id, outcomes, seconds);
    const heap = `XS heap slots after gc: loaded ${meters['loaded']!.currentHeapCount}, after ${N} writes ${meters['after']!.currentHeapCount}`;
    console.log(`${formatTable(`MCU client in Moddable XS (seed ${SEED}, one request at a time)`, table)}error codes: ${JSON.stringify(table.errorCodes)}\nhost exchanges ${host.calls.length}, hung ${host.hung()}, timer rounds ${timerRounds}; ${heap}\n`);
    saveResults('reliabilityMcu', { runtime: 'Moddable XS (xsnap)', seed: SEED, concurrency: 1, ...table });

    expect(twice).toEqual([]);
    expect(untyped).toEqual([]);
    expect(wrongAnswers).toEqual([]);
    expect(after.reply).toBe('0');
    expect(problems.slice(0, 20)).toEqual([]);
    expect(table.lost).toBe(0);
    expect(table.duplicated).toBe(0);
    expect(table.acknowledged + table.errorsMaybeStored + table.errorsNotStored).toBe(N);
    expect(table.faultedShare).toBeGreaterThanOrEqual(0.2);
    for (const k of FAULT_KINDS) expect(table.faultsByKind[k], k).toBeGreaterThan(0);
    expect(table.acknowledged).toBeGreaterThan(0);
    expect(table.errorsMaybeStored).toBeGreaterThan(0);
    expect(table.errorsNotStored).toBeGreaterThan(0);
    // Memory stays flat: after the run (records dropped, gc) the heap is within 10 % of the freshly loaded one.
    expect(meters['after']!.currentHeapCount).toBeLessThan(meters['loaded']!.currentHeapCount * 1.1);
  }, 60_000);
});
