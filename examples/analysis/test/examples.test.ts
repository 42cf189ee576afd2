// Every example analysis run as a user runs it, `tagokit analysis run` with the scope and environment files of
// scopes/, once in Node and once in Deno: the same lines logged and the same changes in the emulator in both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changeLines, main, type RunReport } from '@tagokit/analysis/cli';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = mkdtempSync(join(tmpdir(), 'tagokit-examples-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));
process.env['DENO'] = join(root, 'node_modules', '.bin', 'deno');
process.env['DENO_DIR'] = join(cache, 'deno');
// Plain output from Deno; FORCE_COLOR (set by nx) would make Node warn that it overrides NO_COLOR.
process.env['NO_COLOR'] = '1';
delete process.env['FORCE_COLOR'];

async function run(runtime: string, file: string, ...flags: string[]): Promise<RunReport> {
  let stdout = '';
  let stderr = '';
  const argv = ['analysis', 'run', join(root, file), ...flags, '--runtime', runtime, '--json'];
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  expect(stderr).toBe('');
  const report = JSON.parse(stdout) as RunReport;
  expect(report.exitCode).toBe(code);
  return report;
}

/** The changes as the text report prints them, the ids of new rows (fresh in every run) replaced. */
const changesOf = (report: RunReport) =>
  changeLines(report.changes).map((l) => l.replace(/^( *\+ )[0-9a-f]{24} "/, '$1<new> "'));
const DEVICE = '5dcad1c216174c001ca23ab9';

describe.each(['node', 'deno'])('the examples in %s', (runtime) => {
  it('fahrenheit-to-celsius: converts each temperature_f of a recorded trigger and stores it', async () => {
    const report = await run(runtime, 'src/fahrenheit-to-celsius.ts', '--scope', 'scopes/fahrenheit.json');
    expect([report.exitCode, report.errors]).toEqual([0, []]);
    expect(report.logged).toEqual(['98.6 °F -> 37 °C', '32 °F -> 0 °C']);
    expect(changesOf(report)).toEqual([
      `device ${DEVICE} "Device #1"`,
      '  data + temperature = 37 °C',
      '  data + temperature = 0 °C',
    ]);
    expect(report.changes.devices[0]!.data.created.map((r) => r['group'])).toEqual(['1700000000000', '1700000000001']);
    expect(report.requests).toEqual({ total: 2, statuses: { 200: 2 } });
  }, 120_000);

  it('fahrenheit-to-celsius: a scope without temperature_f fails with exit 1 and the reason', async () => {
    const report = await run(runtime, 'src/fahrenheit-to-celsius.ts');
    expect(report.exitCode).toBe(1);
    expect(report.errors[0]).toBe('Analysis failed: Error: the scope holds no temperature_f record');
    expect(report.changes).toEqual({ devices: [], collections: {}, tokens: {} });
  }, 120_000);

  it('temperature-alert: a notification and an alert record for the value over the limit only', async () => {
    const report = await run(
      runtime,
      'src/temperature-alert.ts',
      '--scope',
      'scopes/alert.json',
      '--env',
      'scopes/alert-env.json',
    );
    expect([report.exitCode, report.errors]).toEqual([0, []]);
    expect(report.logged).toEqual(['alert: Temperature 41.5 is over the limit of 35']);
    expect(changesOf(report)).toEqual([
      `device ${DEVICE} "Device #1"`,
      '  data + alert = "Temperature 41.5 is over the limit of 35"',
      'notifications',
      '  + <new> "Temperature alert"',
    ]);
    expect(report.changes.collections['notifications']!.created).toMatchObject([
      { title: 'Temperature alert', message: 'Temperature 41.5 is over the limit of 35' },
    ]);
  }, 120_000);

  it('device-list-button: the reboot button queues an unsent parameter; another trigger is refused', async () => {
    const report = await run(runtime, 'src/device-list-button.ts', '--scope', 'scopes/reboot-button.json');
    expect([report.exitCode, report.errors]).toEqual([0, []]);
    expect(report.logged).toEqual([`reboot requested for ${DEVICE}`]);
    expect(changesOf(report)).toEqual([`device ${DEVICE} "Device #1"`, '  param + reboot = "requested"']);
    expect(report.changes.devices[0]!.params.created).toMatchObject([
      { key: 'reboot', value: 'requested', sent: false },
    ]);
    const other = await run(runtime, 'src/device-list-button.ts');
    expect(other.exitCode).toBe(1);
    expect(other.errors[0]).toMatch(
      /^Analysis failed: AnalysisRouteError: No route matches this trigger \(routes: device list button reboot\)/,
    );
  }, 120_000);

  it('scheduled-report: the last temperature of every sensor of a fixture, stored as one report record', async () => {
    const report = await run(
      runtime,
      'src/scheduled-report.ts',
      '--env',
      'scopes/report-env.json',
      '--fixture',
      'scopes/plant-state.json',
    );
    expect([report.exitCode, report.errors]).toEqual([0, []]);
    expect(report.logged).toEqual(['Boiler room: 64.2 °C', 'Cold store: -18 °C', 'Spare sensor: no data']);
    expect(changesOf(report)).toEqual(['device 6600000000000000000000b1 "Reports"', '  data + report = "3 sensor(s)"']);
    expect(report.changes.devices[0]!.data.created[0]!['metadata']).toEqual({
      lines: ['Boiler room: 64.2 °C', 'Cold store: -18 °C', 'Spare sensor: no data'],
    });
    expect(report.requests).toEqual({ total: 5, statuses: { 200: 5 } });
  }, 120_000);
});
