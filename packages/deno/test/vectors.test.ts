// The shared vectors (tools/vectors) run against the Deno package's copy of the core: one Deno test per vector.
// @ts-types="../../../tools/vectors/index.d.ts"
import { checkVectors, VECTOR_FILES, type VectorData } from '@tagokit/test-vectors';
import { ok, strictEqual } from 'node:assert/strict';
import {
  type AttemptOutcome,
  buildPath,
  decideRetry,
  parseAnswer,
  type QueryValue,
  type RegionInput,
  resolveRegion,
  retryAfterFrom,
  serializeQuery,
  validateToken,
} from '@tagokit/core/internal';

const entries = await Promise.all(
  VECTOR_FILES.map(async (name) => [
    name,
    JSON.parse(await Deno.readTextFile(new URL(import.meta.resolve(`@tagokit/test-vectors/data/${name}.json`)))),
  ]),
);
const data = Object.fromEntries(entries) as unknown as VectorData;

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

Deno.test('vectors: cover every vector file', () => {
  const files = new Set(results.map((r) => r.file.replace('retry-after', 'retry')));
  strictEqual([...files].sort().join(','), [...VECTOR_FILES].sort().join(','));
  ok(results.length > 100, `only ${results.length} vectors`);
});

for (const result of results) {
  Deno.test(`vector: ${result.file}: ${result.name}`, () => {
    strictEqual(result.detail ?? '', '');
    ok(result.ok);
  });
}
