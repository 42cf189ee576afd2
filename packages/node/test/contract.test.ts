// The Node runner of the shared contract cases (generated once into @tagokit/api's test folder): each operation is
// called through the grouped client with the spec's example arguments against a Prism mock of the bundled spec
// (request validation on, so a malformed request fails with 422), then its result is checked against the schema.
import { BUNDLED_SPEC, forPrism, startPrism, validateResult, type PrismMock } from '@tagokit/contract';
import { loadSpec, specOperations } from '@tagokit/spec-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_CASES, type ContractCase } from '../../api/test/generated/contract-cases.js';
import { createClient, undiciTransport, type TagoClient } from '../src/index.js';

type Answer = { data: unknown; headers: Record<string, string> };
type Call = (args?: Record<string, unknown>) => { withResponse(): Promise<Answer> };

let mock: PrismMock;
let client: TagoClient;

beforeAll(async () => {
  mock = await startPrism();
  client = createClient({
    token: 'p-00000000-0000-4000-8000-000000000000',
    region: { api: mock.url },
    allowInsecureHttp: true,
    maxRetries: 0,
    transport: forPrism(undiciTransport()),
  });
});
afterAll(async () => {
  await mock?.stop();
});

/** The client's method for a case; a case the client does not have is a failure, not a skip. */
function methodOf(c: ContractCase): Call {
  const group = (client as unknown as Record<string, Record<string, Call> | undefined>)[c.group];
  const method = group?.[c.methodName];
  if (typeof method !== 'function') throw new Error(`the client has no ${c.group}.${c.methodName} (${c.id})`);
  return method.bind(group);
}

describe(`contract: ${CONTRACT_CASES.length} operations against a Prism mock of the spec`, () => {
  it('covers every operation of the spec, once', () => {
    // A trailing-slash variant (x-tago-path-variant-of) is its canonical operation: no case of its own.
    const ids = specOperations(loadSpec(BUNDLED_SPEC))
      .filter((op) => !op.operation['x-tago-path-variant-of'])
      .map((op) => op.operation['operationId']);
    expect(CONTRACT_CASES.map((c) => c.id)).toEqual(ids);
  });

  for (const c of CONTRACT_CASES) {
    it(`${c.id}: ${c.method} ${c.path}`, async () => {
      const answer = await methodOf(c)(c.args).withResponse();
      expect(answer.headers['sl-violations']).toBeUndefined();
      expect(validateResult(c.id, answer.data)).toEqual([]);
    });
  }
});
