// Requests an attacker (or a broken client) could send to an emulator someone runs: patterns that made a RegExp
// backtrack, dot segments that the URL parser resolved into another route, bodies that choose existing tokens,
// bodies too large or too slow, and bodies in the wrong content type. Every raw request goes to 127.0.0.1, and
// every loop and wait here is bounded in count and time.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_DEVICE, DEFAULT_TOKENS, startEmulator, wildcardMatch, type Emulator } from '../src/index.mjs';
import { PARAM_ID, seedDevices } from './helpers.js';

const PROFILE = DEFAULT_TOKENS.profile;
const NETWORK_ID = '5bbd120d4051a50034cd1a05';
const CONNECTOR_ID = '5f5a8f3351d4db99c40ded2d';

/** The CLI in a child process: a request that hangs it cannot hang the test's own event loop. */
async function spawnEmulator(): Promise<{ url: string; child: ChildProcess }> {
  const bin = fileURLToPath(new URL('../bin/tagokit-emulator.mjs', import.meta.url));
  const child = spawn(process.execPath, [bin, '--port', '0', '--no-rate-limit'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { url, child };
}

/** Stops a child emulator; SIGKILL, because one stuck in a regex never runs its SIGTERM handler. */
async function killChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe('wildcard filters never build a regular expression', () => {
  let url: string;
  let child: ChildProcess | undefined;
  const longName = 'a'.repeat(30_000);
  beforeAll(async () => {
    ({ url, child } = await spawnEmulator());
    for (const name of [longName, `${longName}b`, 'Boiler (old).v2', 'Pump']) {
      const res = await fetch(`${url}/__emulator/devices`, { method: 'POST', body: JSON.stringify({ name }) });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => killChild(child));

  const names = async (pattern: string) => {
    const started = Date.now();
    const res = await fetch(`${url}/device?filter[name]=${encodeURIComponent(pattern)}&fields[0]=name&amount=50`, {
      headers: { token: PROFILE },
      signal: AbortSignal.timeout(2_000),
    });
    const body = await res.json();
    return { status: res.status, names: (body.result as { name: string }[]).map((d) => d.name), ms: Date.now() - started };
  };

  it('answers a backtracking pattern against a long name within a second, with the right devices', async () => {
    // `a*a*…a*b`: 2 000 stars. The old `^a.*a.*…b$` RegExp never finished on 30 000 a's without a b.
    const hostile = `${'a*'.repeat(2_000)}b`;
    const found = await names(hostile);
    expect(found.status).toBe(200);
    expect(found.names.map((n) => n.length)).toEqual([30_001]);
    expect(found.ms).toBeLessThan(1_000);
    const none = await names(`${'a*'.repeat(2_000)}c`);
    expect(none.names).toEqual([]);
    expect(none.ms).toBeLessThan(1_000);
  });

  it('keeps the filter\'s meaning: whole name, case-insensitive, `*` any run, everything else literal', async () => {
    expect((await names('boil*')).names).toEqual(['Boiler (old).v2']);
    expect((await names('*(OLD).V2')).names).toEqual(['Boiler (old).v2']);
    expect((await names('B*l*r*')).names).toEqual(['Boiler (old).v2']);
    expect((await names('Boiler (old)?v2')).names).toEqual([]);
    expect((await names('Boiler (old).v.')).names).toEqual([]);
    expect((await names('pump')).names).toEqual(['Pump']);
    expect((await names('Pum')).names).toEqual([]);
  });

  it('agrees with the escaped-RegExp semantics on small inputs', () => {
    // The old implementation, kept here only as the oracle (test inputs are tiny and made by fast-check).
    const oracle = (pattern: string, text: string) =>
      new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'is').test(text);
    fc.assert(
      fc.property(fc.stringMatching(/^[abAB.*]{0,8}$/), fc.stringMatching(/^[abAB.]{0,10}$/), (pattern, text) => {
        expect(wildcardMatch(pattern, text)).toBe(oracle(pattern, text));
      }),
      { numRuns: 2_000 },
    );
  });
});
