// The control surface: unknown settings are refused by name (with the key most likely meant), the whole state is
// snapshotted and restored over the control API and in code, and an emulator can start from a fixture.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleRequest, operations, printedUrl } from './helpers.js';
import { DEFAULT_TOKENS, normalizeFaults, SettingsError, startEmulator, type Emulator } from '../src/index.mjs';

describe('unknown settings are refused with a clear error', () => {
  it('faults: retryAfter is not silently ignored', () => {
    const refused = (() => {
      try {
        normalizeFaults({ retryAfter: 5 } as never);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(SettingsError);
    expect(refused).toMatchObject({
      status: 400,
      key: 'retryAfter',
      suggestion: 'retryAfterSeconds',
      message:
        'unknown key "retryAfter" in faults (did you mean "retryAfterSeconds"?); known keys: rate, kinds, ' +
        'burst, latencyMs, trickle, retryAfterSeconds, routes',
    });
    expect(() => normalizeFaults({ trickle: { interval: 2 } } as never)).toThrow(
      'unknown key "interval" in faults.trickle (did you mean "intervalMs"?); known keys: chunkBytes, intervalMs',
    );
  });

  it('start options and rate limits name the key', async () => {
    await expect(startEmulator({ prot: 0 } as never)).rejects.toThrow(
      /^unknown key "prot" in the emulator options \(did you mean "port"\?\); known keys: port, host,/,
    );
    await expect(startEmulator({ rateLimits: { plans: 'free' } } as never)).rejects.toThrow(
      'unknown key "plans" in rateLimits (did you mean "plan"?); known keys: plan, rpm, now',
    );
  });

  it('the control API answers 400 with the message and keeps the settings in force', async () => {
    const emu = await startEmulator({ rateLimits: false, faults: { rate: 0.5, kinds: ['latency'] } });
    try {
      const res = await fetch(`${emu.url}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ rate: 1, retryAfter: 3 }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).message).toBe(
        'unknown key "retryAfter" in the fault settings (did you mean ' +
          '"retryAfterSeconds"?); known keys: rate, kinds, burst, latencyMs, trickle, retryAfterSeconds, routes, seed',
      );
      expect(emu.getFaults().rate).toBe(0.5);
      const wrapped = await fetch(`${emu.url}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ faults: { rate: 0 }, sede: 2 }),
      });
      expect((await wrapped.json()).message).toBe(
        'unknown key "sede" in the fault settings (did you mean "seed"?); ' + 'known keys: faults, seed',
      );
      const ok = await fetch(`${emu.url}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ rate: 0.1, seed: 9 }),
      });
      expect((await ok.json()).result).toMatchObject({ config: { rate: 0.1 }, seed: 9 });
    } finally {
      await emu.stop();
    }
  });
});

describe('analyses added over the control API', () => {
  it('POST /__emulator/analyses registers a working analysis token; bad fields answer 400 naming them', async () => {
    const emu = await startEmulator({ rateLimits: false });
    try {
      const add = (body: unknown) =>
        fetch(`${emu.url}/__emulator/analyses`, { method: 'POST', body: JSON.stringify(body) });
      const created = await add({ name: 'Report', run_on: 'tago', variables: [{ key: 'limit', value: '3' }] });
      expect(created.status).toBe(201);
      const { result } = (await created.json()) as { result: { id: string; token: string } };
      expect(result.id).toMatch(/^[0-9a-f]{24}$/);
      expect(emu.realtime.analyses.get(result.id)).toEqual({
        id: result.id,
        name: 'Report',
        token: result.token,
        active: true,
        run_on: 'tago',
        variables: [{ key: 'limit', value: '3' }],
      });
      const info = await fetch(`${emu.url}/info`, { headers: { token: result.token } });
      expect((await info.json()).result).toMatchObject({ id: result.id, name: 'Report', run_on: 'tago' });
      const refusals = [
        [{ nmae: 'x' }, 'unknown key "nmae" in the analysis (did you mean "name"?)'],
        [{ variables: [{ key: 'a', value: 1 }] }, 'the analysis variables must be a list of { key, value } strings'],
        [{ run_on: 'cloud' }, 'the analysis run_on must be "tago" or "external"'],
      ] as const;
      for (const [body, message] of refusals) {
        const res = await add(body);
        expect(res.status).toBe(400);
        expect((await res.json()).message).toContain(message);
      }
      expect(emu.realtime.analyses.size).toBe(1);
      // Analyses are part of the state: a snapshot carries them, a restore of an older one removes them.
      const saved = emu.saveState();
      expect(saved.collections['analyses']?.[result.id]).toMatchObject({ name: 'Report', token: result.token });
      emu.restoreState({ ...saved, collections: { ...saved.collections, analyses: {} } });
      expect(emu.realtime.analyses.size).toBe(0);
    } finally {
      await emu.stop();
    }
  });
});

describe('snapshot and restore', () => {
  let emu: Emulator;
  const profile = { token: DEFAULT_TOKENS.profile, 'content-type': 'application/json' };
  beforeAll(async () => {
    emu = await startEmulator({ rateLimits: false });
  });
  afterAll(() => emu?.stop());

  const labels = async () => {
    const res = await fetch(`${emu.url}/dashboard?fields[0]=label`, { headers: profile });
    return (await res.json()).result.map((d: { label: string }) => d.label).sort();
  };
  const createDashboard = (label: string) =>
    fetch(`${emu.url}/dashboard`, { method: 'POST', headers: profile, body: JSON.stringify({ label }) });

  it('over the control API: what a test adds after the snapshot is gone after the restore', async () => {
    await createDashboard('Kept');
    const snapshot = await (await fetch(`${emu.url}/__emulator/snapshot`)).json();
    expect(snapshot.result).toMatchObject({ version: 1, collections: { dashboards: expect.any(Object) } });
    await createDashboard('Added by a test');
    const device = await (
      await fetch(`${emu.url}/__emulator/devices`, { method: 'POST', body: '{"name":"Temp"}' })
    ).json();
    expect(await labels()).toEqual(['Added by a test', 'Kept']);
    const restored = await fetch(`${emu.url}/__emulator/restore`, {
      method: 'POST',
      body: JSON.stringify(snapshot.result),
    });
    expect(await restored.json()).toEqual({ status: true, result: 'State restored' });
    expect(await labels()).toEqual(['Kept']);
    // The device and its token are gone too: the token no longer authenticates.
    const info = await fetch(`${emu.url}/info`, { headers: { token: device.result.token } });
    expect(info.status).toBe(401);
  });

  it('in code, and a bad state is refused naming the problem while the state stays', async () => {
    const saved = emu.saveState();
    await createDashboard('Later');
    emu.restoreState(saved);
    expect(await labels()).toEqual(['Kept']);
    expect(() => emu.restoreState({ ...saved, version: 2 } as never)).toThrow('state.version must be 1');
    expect(() => emu.restoreState({ ...saved, device: [] } as never)).toThrow(
      /^unknown key "device" in the state \(did you mean "devices"\?\)/,
    );
    const res = await fetch(`${emu.url}/__emulator/restore`, {
      method: 'POST',
      body: JSON.stringify({ ...saved, tokens: { x: { kind: 'admin' } } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toBe(
      'state.tokens: a token has kind "admin"; kinds: profile, device, analysis, ' +
        'network, runUser, serviceAuthorization',
    );
    expect(await labels()).toEqual(['Kept']);
  });

  it('a new emulator starts from a fixture (a saved state)', async () => {
    const fixture = emu.saveState();
    const other = await startEmulator({ rateLimits: false, fixture });
    try {
      const res = await fetch(`${other.url}/dashboard?fields[0]=label`, { headers: profile });
      expect((await res.json()).result.map((d: { label: string }) => d.label)).toEqual(['Kept']);
      expect(other.saveState()).toEqual(fixture);
    } finally {
      await other.stop();
    }
  });
});

describe('the command line and the package bin', () => {
  const bin = fileURLToPath(new URL('../bin/tagokit-emulator.mjs', import.meta.url));
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'tagokit-emulator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has exactly one bin, so `npx @tagokit/emulator` runs it', () => {
    expect(pkg.name).toBe('@tagokit/emulator');
    expect(pkg.bin).toEqual({ 'tagokit-emulator': './bin/tagokit-emulator.mjs' });
  });

  it('refuses an unknown key of the config file by name, exit code 2', () => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ fault: { rate: 1 } }));
    const run = spawnSync(process.execPath, [bin, '--config', config], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      `unknown key "fault" in ${config} (did you mean "faults"?); known keys: devices, tokens, faults, seed, ` +
        'rateLimits, maxBodyBytes, bodyTimeoutMs, headersTimeoutMs, corsOrigins',
    );
  });

  it('starts from a fixture file', async () => {
    const source = await startEmulator({ rateLimits: false });
    const headers = { token: DEFAULT_TOKENS.profile, 'content-type': 'application/json' };
    const example = JSON.parse(exampleRequest(operations.find((o) => o.id === 'createAction')!).body!);
    const made = await fetch(`${source.url}/action`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...example, name: 'From the fixture' }),
    });
    expect(made.status).toBe(200);
    const fixture = join(dir, 'fixture.json');
    writeFileSync(fixture, JSON.stringify(source.saveState()));
    await source.stop();
    const child = spawn(process.execPath, [bin, '--fixture', fixture], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await printedUrl(child);
      const res = await fetch(`${url}/action?fields[0]=name`, { headers });
      expect((await res.json()).result).toEqual([{ id: expect.any(String), name: 'From the fixture' }]);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
