import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { queryForPrism as contractQueryForPrism } from '@tagokit/contract';
import { describe, expect, it } from 'vitest';
import * as edge from '../src/index.js';
import {
  createEdgeClient,
  createLeanClient,
  getApiStatus,
  listDevices,
  resolveRegion,
  sendData,
  TagoValidationError,
  type Transport,
  type WireRequest,
} from '../src/index.js';
import { CONTRACT_CASES } from '../../api/test/generated/contract-cases.js';
import { EDGE_DIR } from './support/paths.js';
import { queryForPrism } from './workers/prism.js';

const DEVICE = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';

function recorder(result: unknown = null) {
  const requests: WireRequest[] = [];
  const transport: Transport = async (req) => {
    requests.push(req);
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: true, result }),
    };
  };
  return { transport, requests };
}

describe('@tagokit/edge', () => {
  it('exports one function per operation', () => {
    expect(edge.OPERATION_IDS).toHaveLength(CONTRACT_CASES.length);
    for (const id of edge.OPERATION_IDS) expect(typeof (edge as Record<string, unknown>)[id], id).toBe('function');
  });

  it('sends through the client it is given, with the token and the JSON body', async () => {
    const { transport, requests } = recorder('1 Data Added');
    const client = createEdgeClient({ token: DEVICE, region: 'eu-w1', transport });
    await expect(sendData(client, { body: [{ variable: 'temperature', value: 21 }] })).resolves.toBe('1 Data Added');
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.eu-w1.tago.io/data',
      body: '[{"variable":"temperature","value":21}]',
    });
    expect(requests[0]!.headers).toMatchObject({ token: DEVICE, 'content-type': 'application/json' });
  });

  it('refuses, before sending, what the token kind cannot call', async () => {
    const { transport, requests } = recorder([]);
    const client = createEdgeClient({ token: DEVICE, tokenKind: 'device', transport });
    // @ts-expect-error a compile error too (token-scoping.test.ts); plain JavaScript meets the run-time refusal
    await expect(listDevices(client)).rejects.toMatchObject({ code: 'token_kind_mismatch' });
    await expect(getApiStatus(createEdgeClient({ transport }))).resolves.toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('refuses a first argument that is no client with a typed error, not a TypeError on its missing engine', async () => {
    // The exact message is core's (send.test.ts); here, that every function meets the check.
    const refused = (got: string) =>
      expect.objectContaining({ code: 'client_invalid', message: expect.stringContaining(got) });
    // @ts-expect-error the arguments where the client goes (a compile error too; plain JavaScript meets this)
    await expect(listDevices({ fields: ['id'] })).rejects.toEqual(
      refused('listDevices: the first argument must be a client'),
    );
    // @ts-expect-error the bare token
    await expect(sendData(DEVICE, { body: { variable: 't' } })).rejects.toEqual(
      refused('sendData: the first argument'),
    );
    // @ts-expect-error no client at all
    await expect(getApiStatus()).rejects.toEqual(refused('got undefined'));
    await expect(listDevices({} as never)).rejects.toBeInstanceOf(TagoValidationError);
  });

  it('validates arguments like every tagokit client', async () => {
    const client = createEdgeClient({ token: DEVICE, transport: recorder().transport });
    await expect(sendData(client, { body: [{ value: 1 }] } as never)).rejects.toBeInstanceOf(TagoValidationError);
  });

  it('createLeanClient sends what createEdgeClient sends, once, and checks the same things', async () => {
    const lean = recorder('1 Data Added');
    const full = recorder('1 Data Added');
    const body = { body: [{ variable: 'temperature', value: 21 }] };
    await expect(
      sendData(createLeanClient({ token: DEVICE, region: 'eu-w1', transport: lean.transport }), body),
    ).resolves.toBe('1 Data Added');
    await sendData(createEdgeClient({ token: DEVICE, region: 'eu-w1', transport: full.transport }), body);
    const strip = ({ signal: _s, ...rest }: WireRequest) => rest;
    expect(strip(lean.requests[0]!)).toEqual(strip(full.requests[0]!));

    const client = createLeanClient({ token: DEVICE, tokenKind: 'device', transport: lean.transport });
    // @ts-expect-error a compile error too; plain JavaScript meets the run-time refusal
    await expect(listDevices(client)).rejects.toMatchObject({ code: 'token_kind_mismatch' });
    await expect(sendData(client, { body: [{ value: 1 }] } as never)).rejects.toBeInstanceOf(TagoValidationError);
    await expect(sendData(client, body, { timeoutMs: 10 })).rejects.toMatchObject({ code: 'option_unsupported' });
    expect(() => createLeanClient({ token: 'a b' })).toThrow(expect.objectContaining({ code: 'token_whitespace' }));
    expect(() => createLeanClient({ region: 'env' as never })).toThrow(
      expect.objectContaining({ code: 'region_unknown' }),
    );
    expect(lean.requests).toHaveLength(1);

    const custom = recorder([]);
    await getApiStatus(
      createLeanClient({
        region: resolveRegion({ api: 'http://127.0.0.1:1' }, { allowInsecureHttp: true }),
        transport: custom.transport,
      }),
    );
    expect(custom.requests[0]).toMatchObject({ url: 'http://127.0.0.1:1/status', headers: { _ssl: 'false' } });
  });

  it('the in-runtime queryForPrism is the contract harness one', () => {
    for (const url of [
      'http://h/x',
      'http://h/x?ids[0]=a&ids[1]=b&filter[tags][0][key]=k&page=1',
      'http://h/x?a=1&b[2]=c%5B',
    ]) {
      expect(queryForPrism(url)).toBe(contractQueryForPrism(url));
    }
  });

  it('imports no Node built-in (source and build)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(join(dir, e.name))
          : e.name.endsWith('.ts') || e.name.endsWith('.js')
            ? [join(dir, e.name)]
            : [],
      );
    for (const file of [...files(join(EDGE_DIR, 'src')), ...files(join(EDGE_DIR, 'dist'))]) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"]node:|\bprocess\.|\bBuffer\b/);
      // The CommonJS build (dist/cjs) requires its siblings and the tagokit packages, nothing else.
      if (file.includes(join('dist', 'cjs'))) {
        const required = [...text.matchAll(/require\(['"]([^'"]+)['"]\)/g)].map((m) => m[1]!);
        expect(
          required.filter((r) => !/^(\.\/|@tagokit\/)/.test(r)),
          file,
        ).toEqual([]);
      } else expect(text, file).not.toMatch(/require\(/);
    }
  });
});
