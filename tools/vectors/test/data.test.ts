import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVectors, VECTOR_FILES } from '../index.mjs';

// The vectors are a contract for every client (the ES5 one has its own runner), so their shape is checked here:
// a broken or ambiguous vector would otherwise pass silently in some runtime.
const load = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'data', `${name}.json`), 'utf8'));
const data = Object.fromEntries(VECTOR_FILES.map((name) => [name, load(name)]));

describe('the shared vectors', () => {
  it.each(VECTOR_FILES)('%s.json has a description and uniquely named cases with an expectation', (name) => {
    const file = data[name];
    expect(typeof file.description).toBe('string');
    const cases = [...file.cases, ...(file.retryAfter ?? [])];
    expect(cases.length).toBeGreaterThan(5);
    const names = cases.map((c: { name: string }) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of cases) expect(c).toHaveProperty('expect');
  });

  it('counts 161 vectors', () => {
    const total = VECTOR_FILES.reduce(
      (n, name) => n + data[name].cases.length + (data[name].retryAfter?.length ?? 0),
      0,
    );
    expect(total).toBe(161);
  });

  it('the checker reports a subject that gets things wrong', () => {
    const wrong = {
      parseAnswer: () => ({ data: 'nope', warning: undefined }),
      serializeQuery: () => 'x=1',
      resolveRegion: () => ({ api: 'https://example.invalid', sse: '', insecure: false }),
      validateToken: () => undefined,
      decideRetry: () => ({ retry: true, delayMs: 1 }),
      retryAfterFrom: () => 42,
      buildPath: () => '/x',
    };
    const results = checkVectors(wrong, data as never);
    expect(results.length).toBe(161);
    expect(results.filter((r) => r.ok).length).toBeLessThan(15);
  });
});
