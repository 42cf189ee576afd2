// The command line of `tagokit analysis run`: flags into typed options, or a UsageError naming the problem.

/** Exit codes of the command (README "Run an analysis locally"). */
export const EXIT = Object.freeze({
  /** The analysis ran and its process ended with 0. */
  ok: 0,
  /** The analysis ran and failed: its handler rejected, a variable was refused, or it crashed. */
  analysisFailed: 1,
  /** The command line or a JSON file it names is wrong. */
  usage: 2,
  /** No emulator: it could not be started, or the one of --api does not answer its control API. */
  emulator: 3,
  /** The analysis did not end within --timeout and was killed. */
  timeout: 4,
});

export type Runtime = 'node' | 'deno';

export interface RunCommand {
  file: string;
  scopeFile?: string;
  envFile?: string;
  fixtureFile?: string;
  api?: string;
  runtime: Runtime;
  timeoutMs: number;
  json: boolean;
}

export type Command = { kind: 'help' } | { kind: 'run'; run: RunCommand };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: tagokit analysis run <file> [options]

Runs an analysis once against a TagoIO emulator, as TagoIO's runtime runs it (T_ANALYSIS_* variables set), and
prints what it logged and what it changed.

Options:
  --scope FILE      JSON: the scope (a list of records), or a recorded trigger {"data": [...], "environment": [...]}
  --env FILE        JSON: the environment, a list of {"key", "value"} or an object {"key": "value"}
  --fixture FILE    JSON: the state the started emulator begins with (GET /__emulator/snapshot's result)
  --api URL         use this running emulator (http://127.0.0.1:PORT) instead of starting one
  --runtime R       node (default; .ts files through tsx) or deno (deno run, network limited to the emulator)
  --timeout MS      kill the analysis after MS milliseconds (default 60000)
  --json            print the report as JSON
  -h, --help        this text

Exit codes: 0 ok, 1 the analysis failed, 2 usage, 3 no emulator, 4 timeout.`;

const VALUE_FLAGS = {
  '--scope': 'scopeFile',
  '--env': 'envFile',
  '--fixture': 'fixtureFile',
  '--api': 'api',
  '--runtime': 'runtime',
  '--timeout': 'timeoutMs',
} as const;

/** Reads `analysis run <file> ...` (the words after the program name). */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  const [group, action, ...rest] = argv;
  if (group !== 'analysis') throw new UsageError(`unknown command "${group}"; the command is "analysis run <file>"`);
  if (action !== 'run') throw new UsageError(`unknown analysis command "${action ?? ''}"; use "analysis run <file>"`);
  const values: Partial<Record<(typeof VALUE_FLAGS)[keyof typeof VALUE_FLAGS], string>> = {};
  const files: string[] = [];
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? word.split(/=(.*)/s, 2) : [word, undefined];
    if (flag === '--json') {
      json = true;
      continue;
    }
    if (flag !== undefined && Object.hasOwn(VALUE_FLAGS, flag)) {
      const value = inline ?? rest[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
      const key = VALUE_FLAGS[flag as keyof typeof VALUE_FLAGS];
      if (values[key] !== undefined) throw new UsageError(`${flag} is given twice`);
      values[key] = value;
      continue;
    }
    if (word.startsWith('-')) throw new UsageError(`unknown option "${word}"`);
    files.push(word);
  }
  if (files.length !== 1) {
    throw new UsageError(
      files.length === 0 ? 'the analysis file is missing' : `one analysis file, not ${files.length}`,
    );
  }
  const runtime = values.runtime ?? 'node';
  if (runtime !== 'node' && runtime !== 'deno')
    throw new UsageError(`--runtime must be node or deno, not "${runtime}"`);
  const timeoutMs = values.timeoutMs === undefined ? 60_000 : Number(values.timeoutMs);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
    throw new UsageError('--timeout must be a whole number of ms >= 1');
  if (values.api !== undefined && values.fixtureFile !== undefined) {
    throw new UsageError('--fixture starts an emulator from a state; with --api, restore it on that emulator instead');
  }
  if (values.api !== undefined) {
    let url: URL;
    try {
      url = new URL(values.api);
    } catch {
      throw new UsageError(`--api is not a URL: "${values.api}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('--api must be an http(s) URL');
    if (url.pathname !== '/' || url.search || url.hash) throw new UsageError('--api must be an origin, without a path');
  }
  const run: RunCommand = { file: files[0]!, runtime, timeoutMs, json };
  if (values.scopeFile !== undefined) run.scopeFile = values.scopeFile;
  if (values.envFile !== undefined) run.envFile = values.envFile;
  if (values.fixtureFile !== undefined) run.fixtureFile = values.fixtureFile;
  if (values.api !== undefined) run.api = new URL(values.api).origin;
  return { kind: 'run', run };
}
