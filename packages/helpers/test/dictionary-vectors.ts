// Runs the shared dictionary vectors (vectors/dictionary.json) against a resolver built on any client, so Node,
// Deno and edge runtimes check the same cases. The client's transport answers from the vectors' `strings`, the
// way the API does (404 for a slug or language it lacks).
import type { Transport } from '@tagokit/core';

export interface DictionaryVectors {
  strings: Record<string, Record<string, Record<string, string>>>;
  cases: { name: string; text: string; language?: string; expected: string }[];
  parse: { text: string; expressions: unknown[] }[];
}

/** A transport that serves `GET /dictionary/{slug}/{language}` from the vectors and counts the requests. */
export function vectorTransport(vectors: DictionaryVectors): { transport: Transport; requests: string[] } {
  const requests: string[] = [];
  const transport: Transport = async (request) => {
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    const [, root, slug, language] = url.pathname.split('/');
    const strings = root === 'dictionary' && slug && language ? vectors.strings[slug]?.[language] : undefined;
    const body = strings ? { status: true, result: strings } : { status: false, message: 'Dictionary not found' };
    return { status: strings ? 200 : 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  };
  return { transport, requests };
}
