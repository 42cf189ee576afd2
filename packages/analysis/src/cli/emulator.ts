// The emulator a run talks to: one started in this process (from a fixture when given), or a running one (--api),
// driven through its control API (`/__emulator/...`) in both cases.
import { UsageError } from './args.ts';
import type { Snapshot } from './changes.ts';

/** The emulator could not be started or does not answer its control API. */
export class EmulatorUnavailableError extends Error {
  override readonly name = 'EmulatorUnavailableError';
}

export interface EmulatorSession {
  url: string;
  /** True when this process started it (and stops it at the end). */
  started: boolean;
  addAnalysis(input: {
    name: string;
    variables: { key: string; value: string }[];
  }): Promise<{ id: string; token: string }>;
  snapshot(): Promise<Snapshot>;
  /** Requests the emulator answered so far, by status. */
  stats(): Promise<{ requests: number; byStatus: Record<string, number> }>;
  stop(): Promise<void>;
}

async function control<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${url}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new EmulatorUnavailableError(`no emulator answers at ${url} (${reason})`);
  }
  const text = await response.text();
  let answer: { status?: boolean; result?: T; message?: string };
  try {
    answer = JSON.parse(text);
  } catch {
    throw new EmulatorUnavailableError(
      `${url} is not a tagokit emulator: ${method} /__emulator/${path} answered non-JSON`,
    );
  }
  if (!response.ok || answer.status !== true) {
    throw new EmulatorUnavailableError(
      `${url}: ${method} /__emulator/${path} answered ${response.status} ${answer.message ?? ''}`.trim(),
    );
  }
  return answer.result as T;
}

function session(url: string, started: boolean, stop: () => Promise<void>): EmulatorSession {
  return {
    url,
    started,
    addAnalysis: (input) => control(url, 'POST', 'analyses', { ...input, run_on: 'tago' }),
    snapshot: () => control(url, 'GET', 'snapshot'),
    stats: () => control(url, 'GET', 'stats'),
    stop,
  };
}

/** Connects to `api`, or starts an emulator (from `fixture` when given) on a free loopback port. */
export async function openEmulator(api: string | undefined, fixture: unknown): Promise<EmulatorSession> {
  if (api !== undefined) {
    const running = session(api, false, async () => undefined);
    await running.stats();
    return running;
  }
  let startEmulator: typeof import('@tagokit/emulator').startEmulator;
  try {
    ({ startEmulator } = await import('@tagokit/emulator'));
  } catch (error) {
    throw new EmulatorUnavailableError(
      `@tagokit/emulator is not installed (${(error as Error).message}); install it or pass --api URL`,
    );
  }
  try {
    const emulator = await startEmulator(fixture === undefined ? {} : { fixture: fixture as never });
    return session(emulator.url, true, () => emulator.stop());
  } catch (error) {
    if ((error as Error).name === 'SettingsError') throw new UsageError(`--fixture: ${(error as Error).message}`);
    throw new EmulatorUnavailableError(`the emulator did not start: ${(error as Error).message}`);
  }
}
