import type { ApiModel } from '@tagokit/spec-model/model';
import { banner } from './banner.js';
import { exampleCall } from './contract-tests.js';

export interface DenoContractEmitOptions {
  /** Relative import of the Deno package's entry point (with its `.ts` extension). */
  clientModule: string;
  /** Relative path of @tagokit/contract's declarations (Deno imports the harness's .mjs through the import map). */
  contractTypes: string;
}

/**
 * The Deno twin of emitContractTests: one `Deno.test` per operation, calling it with the spec's example arguments
 * against the Prism mock whose URL the Node wrapper (scripts/test.mjs) passes in PRISM_URL, then checking the result
 * with the same ajv validator as every other runtime. Without PRISM_URL the tests are registered as ignored.
 */
export function emitDenoContractTests(model: ApiModel, options: DenoContractEmitOptions): string {
  const cases = model.operations.map((op) => {
    const call = exampleCall(op);
    return `contract('${op.id}', '${op.method} ${op.path}', (client) => ${call}.withResponse());`;
  });
  return `${banner(model.version)}// @ts-types="${options.contractTypes}"
import { forPrism, validateResult } from '@tagokit/contract';
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { createClient, fetchTransport, type TagoClient } from '${options.clientModule}';

const PRISM_URL = Deno.env.get('PRISM_URL');

const client: TagoClient | undefined = PRISM_URL
  ? createClient({
    token: 'p-00000000-0000-4000-8000-000000000000',
    region: { api: PRISM_URL },
    allowInsecureHttp: true,
    maxRetries: 0,
    transport: forPrism(fetchTransport()),
  })
  : undefined;

/** ${model.operations.length} operations, one test each. */
export const OPERATION_COUNT = ${model.operations.length};

function contract(id: string, route: string, call: (client: TagoClient) => PromiseLike<{ data: unknown; headers: Record<string, string> }>): void {
  Deno.test({
    name: \`contract: \${id}: \${route}\`,
    ignore: client === undefined,
    fn: async () => {
      if (!client) throw new Error('PRISM_URL is not set: run the suite through scripts/test.mjs');
      const answer = await call(client);
      strictEqual(answer.headers['sl-violations'], undefined);
      deepStrictEqual(validateResult(id, answer.data), []);
    },
  });
}

${cases.join('\n')}
`;
}
