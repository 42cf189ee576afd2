// Stands in for `@tagokit/edge` when the README snippets run against the mock: everything is the package's own,
// except that createEdgeClient points the client at Prism (plain http, no retries, Prism's query form).
import { createEdgeClient as create, fetchTransport, type EdgeClient, type EdgeClientOptions } from '../../src/index.js';
import { forPrism } from './prism.js';

export * from '../../src/index.js';

declare const __PRISM_API__: string;

export function createEdgeClient(options: EdgeClientOptions = {}): EdgeClient {
  return create({ ...options, region: { api: __PRISM_API__ }, allowInsecureHttp: true, maxRetries: 0, transport: forPrism(fetchTransport()) });
}
