// One local run: the emulator, an analysis registered on it, the analysis file in its own process with the
// variables TagoIO's runtime sets, and the snapshots before and after.
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { LOOPBACK_HTTP_VARIABLE } from '../index.ts';
import { EXIT, UsageError, type RunCommand, type Runtime } from './args.ts';
import { compareSnapshots, type Changes } from './changes.ts';
import { openEmulator } from './emulator.ts';
import { readInputs } from './inputs.ts';

export interface RunReport {
  file: string;
  runtime: Runtime;
  emulator: { url: string; started: boolean };
  analysis: { id: string; name: string };
  /** What the analysis printed: `context.log` lines (stdout) and failures (stderr). */
  logged: string[];
  errors: string[];
  changes: Changes;
  /** API requests the emulator answered during the run, by status. */
  requests: { total: number; statuses: Record<string, number> };
  durationMs: number;
  /** The analysis process's exit code, or the signal that ended it. */
  process: { code: number | null; signal: string | null; timedOut: boolean };
  exitCode: number;
}

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

/**
 * The command that runs `file`: Node (TypeScript through tsx's loader) or Deno, its network kept to the emulator
 * (`--quiet`: Deno's own diagnostics, such as a workspace warning, are not the analysis's output).
 */
function commandFor(runtime: Runtime, file: string, emulatorUrl: string): { bin: string; args: string[] } {
  if (runtime === 'deno') {
    const host = new URL(emulatorUrl).host;
    return { bin: process.env['DENO'] ?? 'deno', args: ['run', '--quiet', '--allow-env', `--allow-net=${host}`, file] };
  }
  if (!TYPESCRIPT.has(extname(file))) return { bin: process.execPath, args: [file] };
  return { bin: process.execPath, args: ['--import', tsxLoader(), file] };
}

/** tsx's loader, an optional peer dependency: only TypeScript analyses run in Node need it. */
function tsxLoader(): string {
  try {
    return import.meta.resolve('tsx');
  } catch {
    throw new UsageError(
      'a TypeScript analysis runs in Node through tsx, which is not installed: npm install --save-dev tsx ' +
        '(or run the compiled .js file, or pass --runtime deno)',
    );
  }
}

function lines(text: string): string[] {
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  return all;
}

/** Every variable of this process except the ones a run sets, so none of the caller's leaks into the analysis. */
function inheritedEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(T_ANALYSIS_|TAGOIO_)/.test(key) && key !== LOOPBACK_HTTP_VARIABLE) env[key] = value;
  }
  return env;
}

export async function runLocally(command: RunCommand): Promise<RunReport> {
  const file = resolve(command.file);
  try {
    await access(file);
  } catch {
    throw new UsageError(`the analysis file ${command.file} does not exist`);
  }
  const inputs = await readInputs(command);
  const emulator = await openEmulator(command.api, inputs.fixture);
  try {
    const name = basename(file);
    const analysis = await emulator.addAnalysis({ name, variables: inputs.environment });
    const before = await emulator.snapshot();
    const statsBefore = await emulator.stats();
    const env = {
      ...inheritedEnvironment(),
      T_ANALYSIS_CONTEXT: 'tagokit-local',
      T_ANALYSIS_TOKEN: analysis.token,
      T_ANALYSIS_ID: analysis.id,
      T_ANALYSIS_ENV: JSON.stringify(inputs.environment),
      T_ANALYSIS_DATA: JSON.stringify(inputs.scope),
      TAGOIO_API: emulator.url,
      TAGOIO_SSE: `${emulator.url}/events`,
      [LOOPBACK_HTTP_VARIABLE]: '1',
    };
    const { bin, args } = commandFor(command.runtime, file, emulator.url);
    const started = performance.now();
    const ended = await runProcess(bin, args, env, command.timeoutMs);
    const durationMs = Math.round(performance.now() - started);
    const after = await emulator.snapshot();
    const statsAfter = await emulator.stats();
    const statuses: Record<string, number> = {};
    for (const [status, count] of Object.entries(statsAfter.byStatus)) {
      const delta = count - (statsBefore.byStatus[status] ?? 0);
      if (delta > 0) statuses[status] = delta;
    }
    // Control requests (the snapshots, these stats) are not counted by the emulator: these are the analysis's.
    const total = Object.values(statuses).reduce((a, b) => a + b, 0);
    const exitCode = ended.timedOut ? EXIT.timeout : ended.code === 0 ? EXIT.ok : EXIT.analysisFailed;
    return {
      file: command.file,
      runtime: command.runtime,
      emulator: { url: emulator.url, started: emulator.started },
      analysis: { id: analysis.id, name },
      logged: lines(ended.stdout),
      errors: lines(ended.stderr),
      changes: compareSnapshots(before, after),
      requests: { total, statuses },
      durationMs,
      process: { code: ended.code, signal: ended.signal, timedOut: ended.timedOut },
      exitCode,
    };
  } finally {
    await emulator.stop();
  }
}

interface Ended {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

function runProcess(bin: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<Ended> {
  return new Promise((done, fail) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      const code = (error as { code?: string }).code;
      fail(code === 'ENOENT' ? new UsageError(`${bin} is not installed (needed by --runtime)`) : error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, timedOut, stdout, stderr });
    });
  });
}
