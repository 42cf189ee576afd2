import { execFileSync } from 'node:child_process';
import { forPrism, queryForPrism, startPrism, validateResult, type PrismMock } from '@tagokit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, BadRequestError, TagoCore, undiciTransport } from '../src/index.js';

// The generated contract suite is only as strong as the mock behind it: these tests prove that Prism really
// refuses malformed requests and that the result validator really rejects wrong results.
let mock: PrismMock;
beforeAll(async () => {
  mock = await startPrism();
});
afterAll(async () => {
  await mock?.stop();
});

const core = (token?: string) =>
  new TagoCore({
    ...(token ? { token } : {}),
    region: { api: mock.url },
    allowInsecureHttp: true,
    maxRetries: 0,
    transport: forPrism(undiciTransport()),
  });

describe('the contract harness', () => {
  it('Prism refuses a record without `variable` (request validation is on)', async () => {
    const error = await core('b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d')
      .request({ method: 'POST', path: '/data', body: [{ value: 1 }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
  });

  it('Prism refuses a call without the token the operation requires', async () => {
    const error = await core()
      .request({ method: 'GET', path: '/device', auth: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  it('Prism refuses a path parameter that is not an id', async () => {
    const error = await core('p-1')
      .request({ method: 'GET', path: '/device/{deviceID}', pathParams: { deviceID: 'not-an-id' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
  });

  it('a Prism that does not come up in time is reported and stopped, not left running', async () => {
    const prismChildren = () =>
      execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes('prism-cli')).length;
    const before = prismChildren();
    await expect(startPrism({ timeoutMs: 1 })).rejects.toThrow(/^Prism did not start within 1 ms/);
    await new Promise((r) => setTimeout(r, 200));
    expect(prismChildren()).toBe(before);
  });

  it('the result validator rejects a wrong result', () => {
    expect(validateResult('getApiStatus', { version: '9.1.19' })).toEqual([]);
    expect(validateResult('getApiStatus', {})).not.toEqual([]);
    expect(validateResult('getDevice', { id: 'nope' })).not.toEqual([]);
    expect(validateResult('sendData', '1 Data Added')).toEqual([]);
    expect(validateResult('sendData', 42)).not.toEqual([]);
    expect(validateResult('noSuchOperation', {})).toEqual(['unknown operation noSuchOperation']);
  });

  it('rewrites only top-level indexed arrays for Prism', () => {
    expect(queryForPrism('http://h/x?ids[0]=a&ids[1]=b&filter[tags][0][key]=k&page=1')).toBe(
      'http://h/x?ids=a&ids=b&filter[tags][0][key]=k&page=1',
    );
  });
});
