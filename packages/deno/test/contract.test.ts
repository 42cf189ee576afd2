// The Deno runner of the shared contract cases (generated once into @tagokit/api's test folder): one `Deno.test`
// per operation, called through the grouped client with the spec's example arguments against the Prism mock whose
// URL scripts/test.mjs passes in PRISM_URL, then checked with the same ajv validator as every other runtime.
// Without PRISM_URL the tests are registered as ignored (and scripts/test.mjs counts an ignored test as failed).
// @ts-types="../../../tools/contract/src/index.d.ts"
import { forPrism, validateResult } from '@tagokit/contract';
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { CONTRACT_CASES, type ContractCase } from '../../api/test/generated/contract-cases.ts';
import { createClient, fetchTransport, type TagoClient } from '../mod.ts';

type Call = (args?: Record<string, unknown>) => PromiseLike<unknown> & {
  withResponse(): Promise<{ data: unknown; headers: Record<string, string> }>;
};

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

/** The client's method for a case; a case the client does not have is a failure, not a skip. */
function methodOf(tago: TagoClient, c: ContractCase): Call {
  const group = (tago as unknown as Record<string, Record<string, Call> | undefined>)[c.group];
  const method = group?.[c.methodName];
  if (typeof method !== 'function') throw new Error(`the client has no ${c.group}.${c.methodName} (${c.id})`);
  return method.bind(group);
}

for (const c of CONTRACT_CASES) {
  Deno.test({
    name: `contract: ${c.id}: ${c.method} ${c.path}`,
    ignore: client === undefined,
    fn: async () => {
      if (!client) throw new Error('PRISM_URL is not set: run the suite through scripts/test.mjs');
      const answer = await methodOf(client, c)(c.args).withResponse();
      strictEqual(answer.headers['sl-violations'], undefined);
      deepStrictEqual(validateResult(c.id, answer.data), []);
    },
  });
}
