import { validateResult } from '@tagokit/contract';
import { VECTOR_FILES, type VectorResult } from '@tagokit/test-vectors';
import { describe, expect, it } from 'vitest';
import { CONTRACT_CASES } from '../../../api/test/generated/contract-cases.js';
import type { ContractOutcome, ContractRequest } from '../workers/harness.js';
import { MOCK_TOKEN } from './paths.js';
import type { RuntimeHost } from './runtimes.js';

/** Operations per worker invocation (Cloudflare caps subrequests per invocation; 50 is the free plan's cap). */
const BATCH = 50;

async function json<T>(host: RuntimeHost, path: string, body?: unknown): Promise<T> {
  const res = await host.fetch(path, {
    method: 'POST',
    body: JSON.stringify(body ?? {}),
    headers: { 'content-type': 'application/json' },
  });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.text.slice(0, 500)}`);
  return JSON.parse(res.text) as T;
}

/** Calls every operation inside the runtime, in batches sent concurrently. */
export async function runContract(host: RuntimeHost, api: string): Promise<Map<string, ContractOutcome>> {
  const batches: ContractRequest[] = [];
  for (let i = 0; i < CONTRACT_CASES.length; i += BATCH) {
    batches.push({
      api,
      token: MOCK_TOKEN,
      cases: CONTRACT_CASES.slice(i, i + BATCH).map(({ id, args }) => (args ? { id, args } : { id })),
    });
  }
  const answers = await Promise.all(batches.map((b) => json<ContractOutcome[]>(host, '/contract', b)));
  return new Map(answers.flat().map((o) => [o.id, o]));
}

export function runVectors(host: RuntimeHost): Promise<VectorResult[]> {
  return json<VectorResult[]>(host, '/vectors');
}

/** One test per operation: it answered 2xx, Prism saw no violation, and the result matches the spec's schema. */
export function contractTests(label: string, outcomes: () => Map<string, ContractOutcome>): void {
  describe(`${label}: ${CONTRACT_CASES.length} operations against a Prism mock of the spec`, () => {
    it.each(CONTRACT_CASES.map((c) => [`${c.id}: ${c.method} ${c.path}`, c.id] as const))('%s', (_, id) => {
      const outcome = outcomes().get(id);
      expect(outcome, `no answer for ${id}`).toBeDefined();
      if (!outcome!.ok)
        expect.fail(
          `${outcome!.error.name} (${outcome!.error.code ?? ''} ${outcome!.error.status ?? ''}): ${outcome!.error.message}`,
        );
      expect(outcome!.violations).toBeUndefined();
      expect(validateResult(id, outcome!.data)).toEqual([]);
    });
  });
}

/** One test per shared vector, run inside the runtime. */
export function vectorTests(label: string, results: VectorResult[]): void {
  describe(`${label}: shared test vectors`, () => {
    it('covers every vector file', () => {
      expect(new Set(results.map((r) => r.file.replace('retry-after', 'retry')))).toEqual(new Set(VECTOR_FILES));
      expect(results.length).toBeGreaterThan(100);
    });
    it.each(results.map((r) => [`${r.file}: ${r.name}`, r] as const))('%s', (_, result) => {
      expect(result.detail ?? '').toBe('');
      expect(result.ok).toBe(true);
    });
  });
}
