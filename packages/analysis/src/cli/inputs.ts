// The JSON files the command reads: the scope (or a recorded trigger), the environment and a fixture.
import { readFile } from 'node:fs/promises';
import type { EnvironmentVariable } from '@tagokit/core/internal';
import { AnalysisSetupError, parseEnvironment } from '../index.ts';
import { UsageError, type RunCommand } from './args.ts';

export interface RunInputs {
  scope: unknown[];
  environment: EnvironmentVariable[];
  fixture?: unknown;
}

async function readText(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`${flag} ${file}: ${code === 'ENOENT' ? 'no such file' : String(code ?? error)}`);
  }
}

async function readJson(file: string, flag: string): Promise<unknown> {
  const text = await readText(file, flag);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag} ${file} is not JSON: ${(error as Error).message}`);
  }
}

/**
 * The scope file is either the scope itself (what T_ANALYSIS_DATA holds: a list of records) or a recorded
 * `analysis_trigger` payload, `{ data, environment? }`, whose environment is used when --env is not given.
 */
function readScope(value: unknown, file: string): { scope: unknown[]; environment?: unknown } {
  if (Array.isArray(value)) return { scope: value };
  if (value !== null && typeof value === 'object' && Array.isArray((value as { data?: unknown }).data)) {
    const { data, environment } = value as { data: unknown[]; environment?: unknown };
    return environment === undefined ? { scope: data } : { scope: data, environment };
  }
  throw new UsageError(`--scope ${file} must hold a list of records or a recorded trigger {"data": [...]}`);
}

function environmentOf(text: string, flag: string): EnvironmentVariable[] {
  try {
    return parseEnvironment(text, flag);
  } catch (error) {
    if (error instanceof AnalysisSetupError) throw new UsageError(error.message);
    throw error;
  }
}

export async function readInputs(command: RunCommand): Promise<RunInputs> {
  const inputs: RunInputs = { scope: [], environment: [] };
  if (command.scopeFile !== undefined) {
    const recorded = readScope(await readJson(command.scopeFile, '--scope'), command.scopeFile);
    inputs.scope = recorded.scope;
    if (recorded.environment !== undefined && command.envFile !== undefined) {
      throw new UsageError(`--scope ${command.scopeFile} holds an environment already; drop it or --env`);
    }
    if (recorded.environment !== undefined) {
      inputs.environment = environmentOf(
        JSON.stringify(recorded.environment),
        `the environment of ${command.scopeFile}`,
      );
    }
  }
  if (command.envFile !== undefined) {
    inputs.environment = environmentOf(await readText(command.envFile, '--env'), `--env ${command.envFile}`);
  }
  if (command.fixtureFile !== undefined) inputs.fixture = await readJson(command.fixtureFile, '--fixture');
  return inputs;
}
