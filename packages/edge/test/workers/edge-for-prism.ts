// Stands in for `@tagokit/edge` when the README snippets run against the mock: everything is the package's own,
// except that the client factories point the client at Prism (plain http, no retries, Prism's query form).
import {
  createEdgeClient as create,
  createLeanClient as createLean,
  fetchTransport,
  resolveRegion,
  type EdgeClient,
  type EdgeClientOptions,
  type LeanClient,
  type LeanClientOptions,
} from '../../src/index.js';
import { plainFetchTransport } from '@tagokit/core/internal';
import { forPrism } from './prism.js';

export * from '../../src/index.js';

declare const __PRISM_API__: string;

export function createEdgeClient(options: EdgeClientOptions = {}): EdgeClient {
  return create({
    ...options,
    region: { api: __PRISM_API__ },
    allowInsecureHttp: true,
    maxRetries: 0,
    transport: forPrism(fetchTransport()),
  });
}

export function createLeanClient(options: LeanClientOptions = {}): LeanClient {
  return createLean({
    ...options,
    region: resolveRegion({ api: __PRISM_API__ }, { allowInsecureHttp: true }),
    transport: forPrism(plainFetchTransport()),
  });
}
