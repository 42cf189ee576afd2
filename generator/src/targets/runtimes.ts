import { emitClientFactory, type ClientFactoryNames } from '../emit/client-factory.js';
import type { Target } from './types.js';

const SHARED = { coreInternal: '@tagokit/core/internal', apiClient: '@tagokit/api/client' };

/** Each runtime package with a token-scoped `createClient`, and the names its factory type is written with. */
export const RUNTIME_FACTORIES: readonly { path: string; names: ClientFactoryNames }[] = [
  {
    path: 'packages/node/src/generated/create-client.ts',
    names: { ...SHARED, options: 'NodeClientOptions', members: 'NodeClientMembers', from: '../index.js' },
  },
  {
    path: 'packages/deno/generated/create-client.ts',
    names: { ...SHARED, options: 'DenoClientOptions', members: 'DenoClientMembers', from: '../mod.ts' },
  },
];

/**
 * The runtimes' client types and `createClient` type (the implementations stay hand-written in each package): the
 * overloads per token kind follow the spec's kinds, so they are generated once for every runtime instead of copied.
 */
export const runtimesTarget: Target = {
  name: 'runtimes',
  usesSchemaTypes: false,
  generate: ({ model }) =>
    RUNTIME_FACTORIES.map(({ path, names }) => ({ path, text: emitClientFactory(model, names) })),
};
