// `tagokit analysis run`: the command line, its exit codes, and what a run reports (logged lines, the changes it
// made in the emulator, the requests), against an emulator it starts or one already running (--api).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, DEFAULT_DEVICE, type Emulator } from '@tagokit/emulator';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EXIT, main, type RunReport } from '../src/cli/main.ts';
import { parseArgs } from '../src/cli/args.ts';

const here = dirname(fileURLToPath(import.meta.url));
const writer = join(here, 'fixtures', 'writer.ts');
const dir = mkdtempSync(join(tmpdir(), 'tagokit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function json(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const SCOPE = [{ value: 21 }, { value: 34.5 }];
const env = (extra: Record<string, string> = {}) =>
  json(`env-${Object.keys(extra).join('-')}.json`, {
    device: DEFAULT_DEVICE.id,
    ...extra,
  });

let running: Emulator | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('the command line', () => {
  it('prints its usage with exit 0 for --help, and refuses bad input with exit 2 naming it', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toMatch(/^Usage: tagokit analysis run <file> \[options\]/);
    expect(help.stdout).toContain('Exit codes: 0 ok, 1 the analysis failed, 2 usage, 3 no emulator, 4 timeout.');
    const cases: [string[], string][] = [
      [['deploy'], 'unknown command "deploy"'],
      [['analysis', 'run'], 'the analysis file is missing'],
      [['analysis', 'run', writer, '--scop', 'x'], 'unknown option "--scop"'],
      [['analysis', 'run', writer, '--runtime', 'bun'], '--runtime must be node or deno, not "bun"'],
      [['analysis', 'run', writer, '--timeout', '1.5'], '--timeout must be a whole number of ms >= 1'],
      [['analysis', 'run', writer, '--api', 'http://127.0.0.1:1/v2'], '--api must be an origin, without a path'],
      [['analysis', 'run', 'missing.ts'], 'the analysis file missing.ts does not exist'],
      [
        ['analysis', 'run', writer, '--scope', join(dir, 'none.json')],
        `--scope ${join(dir, 'none.json')}: no such file`,
      ],
      [['analysis', 'run', writer, '--scope', json('bad.json', '[1,')], 'is not JSON'],
      [['analysis', 'run', writer, '--scope', json('obj.json', { x: 1 })], 'must hold a list of records or a recorded'],
      [['analysis', 'run', writer, '--env', json('env3.json', '3')], 'must be a list of {key, value} (or an object)'],
      [['analysis', 'run', writer, '--fixture', json('fx.json', { version: 9 })], '--fixture: state.version must be 1'],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(...argv);
      expect([argv.join(' '), result.code]).toEqual([argv.join(' '), EXIT.usage]);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
    }
  });

  it('reads the flags into a typed command', () => {
    expect(parseArgs(['analysis', 'run', 'a.ts', '--scope=s.json', '--runtime', 'deno', '--json'])).toEqual({
      kind: 'run',
      run: { file: 'a.ts', scopeFile: 's.json', runtime: 'deno', timeoutMs: 60_000, json: true },
    });
  });
});

describe('a run against an emulator it starts', () => {
  it('prints what the analysis logged and changed, with exit 0', async () => {
    const result = await cli('analysis', 'run', writer, '--scope', json('scope.json', SCOPE), '--env', env());
    expect([result.code, result.stderr]).toEqual([EXIT.ok, '']);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^tagokit analysis run .*writer\.ts \(node, emulator started at http:\/\/127\.0\.0\.1:\d+\)$/,
    );
    expect(lines.slice(1, 4)).toEqual([
      '',
      'Logged:',
      expect.stringMatching(/^ {2}peak of 2 value\(s\) written; dashboard [0-9a-f]{24}$/),
    ]);
    const changed = lines.slice(lines.indexOf('Changed:') + 1, lines.indexOf('Changed:') + 5);
    expect(changed).toEqual([
      `  device ${DEFAULT_DEVICE.id} "Device #1"`,
      '    data + peak = 34.5 C',
      '  dashboards',
      expect.stringMatching(/^ {4}\+ [0-9a-f]{24} "Peaks"$/),
    ]);
    expect(result.stdout).toContain('\nRequests: 2 (1 x 200, 1 x 201)\n');
    expect(result.stdout).toMatch(/\nResult: ok \(analysis exit 0, \d+ ms\)\n$/);
  }, 60_000);

  it('--json gives the whole report; a recorded trigger brings its own environment', async () => {
    const trigger = json('trigger.json', {
      analysis_id: 'x',
      data: [{ value: 7 }],
      environment: [{ key: 'device', value: DEFAULT_DEVICE.id }],
    });
    const result = await cli('analysis', 'run', writer, '--scope', trigger, '--json');
    expect(result.code).toBe(EXIT.ok);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(report).toMatchObject({ runtime: 'node', emulator: { started: true }, exitCode: 0, errors: [] });
    expect(report.requests).toEqual({ total: 2, statuses: { 200: 1, 201: 1 } });
    expect(report.changes.devices).toMatchObject([
      {
        id: DEFAULT_DEVICE.id,
        data: { created: [{ variable: 'peak', value: 7, unit: 'C' }], edited: [], removed: [] },
      },
    ]);
    expect(Object.keys(report.changes.collections)).toEqual(['dashboards']);
    expect(report.changes.collections['dashboards']!.created).toMatchObject([{ label: 'Peaks' }]);
  }, 60_000);

  it('exits 1 with the failure on stderr when the handler rejects; 4 when it outlives --timeout', async () => {
    const failed = await cli(
      'analysis',
      'run',
      writer,
      '--scope',
      json('s1.json', SCOPE),
      '--env',
      env({ fail: 'yes' }),
    );
    expect(failed.code).toBe(EXIT.analysisFailed);
    expect(failed.stdout).toContain('\nErrors:\n  Analysis failed: Error: asked to fail\n');
    expect(failed.stdout).toContain('    data + peak = 34.5 C\n'); // what it wrote before failing is reported too
    expect(failed.stdout).toMatch(/\nResult: the analysis failed \(analysis exit 1, \d+ ms\)\n$/);
    const hung = await cli('analysis', 'run', writer, '--env', env({ hang: 'yes' }), '--timeout', '1500');
    expect(hung.code).toBe(EXIT.timeout);
    expect(hung.stdout).toMatch(/\nResult: timed out \(analysis killed after --timeout, \d+ ms\)\n$/);
  }, 60_000);
});

describe('a run against a running emulator (--api)', () => {
  it('changes that emulator and reports it; no emulator there exits 3', async () => {
    running = await startEmulator();
    const result = await cli('analysis', 'run', writer, '--api', running.url, '--env', env(), '--json');
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout).emulator).toEqual({ url: running.url, started: false });
    const device = running.state.devices.get(DEFAULT_DEVICE.id)!;
    expect(
      device.data.map((r) => {
        const { variable, value } = r as { variable: string; value: unknown };
        return [variable, value];
      }),
    ).toEqual([['peak', 0]]);
    const url = running.url;
    await running.stop();
    running = undefined;
    const gone = await cli('analysis', 'run', writer, '--api', url);
    expect(gone.code).toBe(EXIT.emulator);
    expect(gone.stderr).toMatch(new RegExp(`^tagokit: no emulator answers at ${url} \\(ECONNREFUSED\\)\\n$`));
  }, 60_000);
});

describe('the bin', () => {
  it('sets the process exit code and runs the analysis in Deno with --runtime deno', () => {
    const bin = join(here, '..', 'bin', 'tagokit.mjs');
    const usage = spawnSync(process.execPath, [bin, 'analysis', 'run'], { encoding: 'utf8' });
    expect([usage.status, usage.stderr.split('\n')[0]]).toEqual([2, 'tagokit: the analysis file is missing']);
    const denoBin = join(here, '..', 'node_modules', '.bin', 'deno');
    const scope = json('scope-deno.json', SCOPE);
    const run = spawnSync(
      process.execPath,
      [bin, 'analysis', 'run', writer, '--runtime', 'deno', '--scope', scope, '--env', env()],
      {
        encoding: 'utf8',
        // FORCE_COLOR (set by nx) would make Node warn that it overrides NO_COLOR.
        env: {
          ...process.env,
          FORCE_COLOR: undefined,
          DENO: denoBin,
          DENO_DIR: join(dir, 'deno-cache'),
          NO_COLOR: '1',
        },
        timeout: 90_000,
      },
    );
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^tagokit analysis run .*writer\.ts \(deno, emulator started at /);
    expect(run.stdout).toContain('    data + peak = 34.5 C\n');
  }, 120_000);
});
