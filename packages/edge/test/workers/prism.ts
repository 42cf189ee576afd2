// Runs inside workerd / edge-runtime, so it cannot import @tagokit/contract (that module spawns Prism with
// node:child_process). These two functions are the same rewrite as its queryForPrism/forPrism; a Node-side test
// (harness.test.ts) checks they agree on every case.
import type { Transport } from '../../src/index.js';

/** `ids[0]=a&ids[1]=b` becomes `ids=a&ids=b`, the form Prism parses; nested forms stay. */
export function queryForPrism(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url
    .slice(q + 1)
    .split('&')
    .map((pair) => pair.replace(/^([^=[\]]+)\[\d+\]=/, '$1='));
  return `${url.slice(0, q)}?${pairs.join('&')}`;
}

/** Wraps a transport so what it sends reaches Prism in the form Prism parses. */
export function forPrism(transport: Transport): Transport {
  return (request) => transport({ ...request, url: queryForPrism(request.url) });
}
