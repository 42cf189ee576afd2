// The emulator's own answers must be what the spec promises: every operation is called with a valid request
// and its result is checked with the contract harness's validator.
import { validateResult } from '@tagokit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.mjs';
import { exampleRequest, operations, seedDevices, seedResources, tokenFor } from './helpers.js';

// What removes runs last (moving a file removes its source), inner resources before their parents (a widget before
// its dashboard) and the device at the very end, so the stateful routes before them find what they act on.
const removes = (op: (typeof operations)[number]) => op.method === 'DELETE' || op.id === 'moveFiles';
const depth = (op: (typeof operations)[number]) => op.template.split('/').length;
const ordered = [...operations]
  .filter((op) => !op.mediaType || op.mediaType.includes('json'))
  .sort(
    (a, b) =>
      Number(removes(a)) - Number(removes(b)) ||
      Number(a.id === 'deleteDevice') - Number(b.id === 'deleteDevice') ||
      (removes(a) ? depth(b) - depth(a) : 0),
  );

describe('the emulator answers as the spec says', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ devices: seedDevices(), rateLimits: false });
    seedResources(emulator.state);
    // Some data, so the data routes answer records rather than empty lists.
    const d = emulator.state.devices.values().next().value!;
    (emulator.state as any).addData(d, [
      { variable: 'temperature', value: 21.5, unit: 'C', location: { lat: 1, lng: 2 }, metadata: { a: 1 } },
      { variable: 'temperature', value: 22 },
    ]);
  });
  afterAll(() => emulator?.stop());

  it(`covers the spec (${ordered.length} JSON operations of ${operations.length})`, () => {
    expect(ordered.length).toBeGreaterThanOrEqual(270);
  });

  const failures: string[] = [];
  it.each(ordered.map((op) => [op.id, op] as const))('%s', async (_id, op) => {
    const req = exampleRequest(op);
    // getFile's envelope answer is its noRedirect form (what the clients send); without it the route redirects.
    if (op.id === 'getFile') req.path += '?noRedirect=true';
    const headers: Record<string, string> = {};
    if (op.kinds.length) headers['token'] = tokenFor(op.kinds[0]!);
    if (req.contentType) headers['content-type'] = req.contentType;
    const res = await fetch(`${emulator.url}${req.path}`, {
      method: op.method,
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
    });
    const text = await res.text();
    if (res.status !== op.successStatus) failures.push(op.id);
    expect(res.status, `${op.method} ${req.path} -> ${text.slice(0, 300)}`).toBe(op.successStatus);
    const json = JSON.parse(text);
    const value = op.envelope ? json.result : json;
    if (op.envelope) expect(json.status).toBe(true);
    expect(validateResult(op.id, value)).toEqual([]);
  });
});
