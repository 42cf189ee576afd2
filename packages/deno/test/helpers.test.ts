// @tagokit/helpers under Deno: the shared dictionary vectors through a Deno client, and the batch splitter.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { createDictionaryResolver, parseDictionaryExpressions, splitIntoChunks } from '@tagokit/helpers';
import { createClient } from '../mod.ts';
import { vectorTransport, type DictionaryVectors } from '../../helpers/test/dictionary-vectors.ts';

const vectors: DictionaryVectors = JSON.parse(
  await Deno.readTextFile(new URL('../../helpers/test/vectors/dictionary.json', import.meta.url)),
);

Deno.test('helpers: every shared dictionary vector resolves as in Node', async () => {
  const { transport } = vectorTransport(vectors);
  const client = createClient({ token: 'p-00000000-0000-4000-8000-000000000001', tokenKind: 'profile', transport });
  for (const c of vectors.cases) {
    const resolver = createDictionaryResolver(client, c.language ? { language: c.language } : {});
    strictEqual(await resolver.apply(c.text), c.expected, c.name);
  }
  for (const p of vectors.parse) deepStrictEqual(parseDictionaryExpressions(p.text), p.expressions, p.text);
});

Deno.test('helpers: records are split by count and by JSON bytes', () => {
  const records = Array.from({ length: 25 }, (_, i) => ({ variable: 'v', value: i }));
  deepStrictEqual(
    splitIntoChunks(records, 10, 190_000).map((c) => c.records.length),
    [10, 10, 5],
  );
});
