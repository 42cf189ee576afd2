import type { OpenApiDocument } from './load/load-spec.js';
import type { ApiModel } from './model/index.js';
import { emitClient } from './emit/client.js';
import { emitContractTests } from './emit/contract-tests.js';
import { emitDescriptors } from './emit/descriptors.js';
import { emitSchemaTypes } from './emit/schema-types.js';

/** A generated file: its path from the workspace root and its text. */
export interface GeneratedFile {
  path: string;
  text: string;
}

/** Every package the generator writes, and the files of each. */
export async function generateAll(doc: OpenApiDocument, model: ApiModel): Promise<GeneratedFile[]> {
  const schema = await emitSchemaTypes(doc);
  return [
    // Node: the full client over the shared core.
    { path: 'packages/node/src/generated/schema.ts', text: schema },
    { path: 'packages/node/src/generated/operations.ts', text: emitDescriptors(model) },
    { path: 'packages/node/src/generated/client.ts', text: emitClient(model, { coreModule: '@tagokit/core', ext: '.js' }) },
    { path: 'packages/node/test/generated/contract.test.ts', text: emitContractTests(model, { clientModule: '../../src/index.js', transportFactory: 'undiciTransport' }) },
  ];
}
