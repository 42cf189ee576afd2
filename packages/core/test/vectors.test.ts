import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { checkVectors, VECTOR_FILES, type VectorData } from '@tagokit/test-vectors';
import { describe, expect, it } from 'vitest';
import {
  buildPath,
  decideRetry,
  parseAnswer,
  resolveRegion,
  retryAfterFrom,
  serializeQuery,
  validateToken,
  type AttemptOutcome,
  type QueryValue,
  type RegionInput,
} from '../src/internal/index.js';

const require = createRequire(import.meta.url);
const data = Object.fromEntries(
  VECTOR_FILES.map((name) => [
    name,
    JSON.parse(readFileSync(require.resolve(`@tagokit/test-vectors/data/${name}.json`), 'utf8')),
  ]),
) as unknown as VectorData;

const results = checkVectors(
  {
    parseAnswer: ({ token, ...input }) => parseAnswer({ ...input, secrets: [token] }),
    serializeQuery: (query) => serializeQuery(query as Record<string, QueryValue>),
    resolveRegion: (input, options) => resolveRegion(input as RegionInput, options),
    validateToken: (token) => void validateToken(token),
    decideRetry: (input) => decideRetry({ ...input, outcome: input.outcome as AttemptOutcome }),
    retryAfterFrom: (headers, message, now) => retryAfterFrom(headers, message, now),
    buildPath: (template, params, ctx, reserved) =>
      buildPath(template, params as Record<string, string>, ctx, reserved),
  },
  data,
);

describe('shared test vectors', () => {
  it('covers every vector file', () => {
    expect(new Set(results.map((r) => r.file.replace('retry-after', 'retry')))).toEqual(new Set(VECTOR_FILES));
    expect(results.length).toBeGreaterThan(100);
  });
  it.each(results.map((r) => [`${r.file}: ${r.name}`, r] as const))('%s', (_, result) => {
    expect(result.detail ?? '').toBe('');
    expect(result.ok).toBe(true);
  });
});
