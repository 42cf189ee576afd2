// The helper scenarios every runtime runs against the emulator (Node here, Deno in packages/deno, workerd in
// packages/edge): the streaming reader across pages and in follow mode, the batched writer under seeded 429s, the
// shared dictionary vectors, and downlink/PDF requests checked on a recording loopback server. Web APIs only (no
// `node:*`), so the same module is bundled into a Worker; each runner only supplies its own client factory.
import { fetchTransport, type Transport } from '@tagokit/core';
import {
  createDictionaryResolver,
  generatePdf,
  parseDictionaryExpressions,
  readData,
  sendDataBatched,
  sendDownlink,
  type DataInput,
} from '../../src/index.ts';
import { vectorTransport, type DictionaryVectors } from '../dictionary-vectors.ts';
import type { RecordedRequest, Route } from '../support/recording-server.ts';

/** The options every runtime's client factory understands (createEdgeClient, the Deno and Node createClient). */
export interface ScenarioClientOptions {
  token?: string;
  tokenKind?: 'device' | 'profile' | 'analysis';
  region?: { api: string };
  allowInsecureHttp?: boolean;
  transport?: Transport;
  maxRetries?: number;
}

export interface ScenarioEnv {
  /** The emulator's base URL (started without rate limits). */
  emulatorUrl: string;
  /** A recording server answering RECORDER_ROUTES.api (plays the TagoIO API for the downlink). */
  apiRecorderUrl: string;
  /** A recording server answering RECORDER_ROUTES.offApi (the network middleware and the PDF service). */
  offApiRecorderUrl: string;
  vectors: DictionaryVectors;
  // biome-ignore lint/suspicious/noExplicitAny: each runtime's client type differs; the helpers take any of them.
  createClient(options: ScenarioClientOptions): any;
}

export const PROFILE_TOKEN = 'p-00000000-0000-4000-8000-0000000000aa';
export const ANALYSIS_TOKEN = 'a-00000000-0000-4000-8000-0000000000bb';
export const DOWNLINK_DEVICE = '65f0000000000000000000d1';
export const DOWNLINK_NETWORK = '65f0000000000000000000e1';
const PDF_BYTES = '%PDF-1.7 scenario';
const ok =
  (result: unknown): Route =>
  () => ({ body: { status: true, result } });

/**
 * The API side of a downlink: a device with a token that saw an uplink, on a network with the given middleware
 * (also the base of off-api.test.ts's refusal cases).
 */
export function downlinkApiRoutes(
  middlewareEndpoint: string | null,
  params: { id: string; key: string }[] = [],
): Record<string, Route> {
  return {
    [`GET /device/token/${DOWNLINK_DEVICE}`]: ok([
      { name: 'never used', serie_number: null, last_authorization: null },
      { name: 'gateway', serie_number: 'A1B2C3', last_authorization: 'auth-xyz' },
    ]),
    [`GET /device/${DOWNLINK_DEVICE}`]: ok({ id: DOWNLINK_DEVICE, network: DOWNLINK_NETWORK }),
    [`GET /integration/network/${DOWNLINK_NETWORK}`]: ok({
      id: DOWNLINK_NETWORK,
      name: 'LoRaWAN TTN',
      middleware_endpoint: middlewareEndpoint,
    }),
    [`GET /device/${DOWNLINK_DEVICE}/params`]: ok(params),
    [`POST /device/${DOWNLINK_DEVICE}/params`]: ok('Params Successfully Updated'),
  };
}

/** What the recording servers answer; each runner starts one server per table. */
export const RECORDER_ROUTES: { api: Record<string, Route>; offApi: Record<string, Route> } = {
  api: downlinkApiRoutes('unused.example', [{ id: 'param-1', key: 'port' }]),
  offApi: {
    'POST /downlink': () => ({ body: 'Downlink queued' }),
    'POST /pdf': ok(btoa(PDF_BYTES)),
  },
};

/** Throws naming the check when `actual` and `expected` differ as JSON. */
function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

function truthy(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

async function control(env: ScenarioEnv, path: string, method = 'GET', body?: unknown): Promise<any> {
  const res = await fetch(`${env.emulatorUrl}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await res.json()) as { status: boolean; result: unknown; message?: string };
  if (!res.ok) throw new Error(`${method} /__emulator/${path}: ${res.status} ${answer.message}`);
  return answer.result;
}

/** A fresh device on the emulator, so scenarios never see each other's records. */
async function freshDevice(env: ScenarioEnv, name: string): Promise<{ id: string; token: string }> {
  return control(env, 'devices', 'POST', { name });
}

/** A transport over fetch that records each request as `METHOD path?query` (query decoded). */
export function recordingTransport(): { transport: Transport; requests: string[] } {
  const requests: string[] = [];
  const inner = fetchTransport();
  const transport: Transport = (request) => {
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}${decodeURIComponent(url.search)}`);
    return inner(request);
  };
  return { transport, requests };
}

function deviceClient(env: ScenarioEnv, token: string, maxRetries?: number) {
  const { transport, requests } = recordingTransport();
  const client = env.createClient({
    token,
    tokenKind: 'device',
    region: { api: env.emulatorUrl },
    allowInsecureHttp: true,
    transport,
    ...(maxRetries === undefined ? {} : { maxRetries }),
  });
  return { client, requests };
}

function records(n: number, from = Date.UTC(2026, 0, 1)): DataInput[] {
  return Array.from({ length: n }, (_, i) => ({
    variable: 'temperature',
    value: i,
    time: new Date(from + i * 1000).toISOString(),
  }));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function recorded(base: string): Promise<RecordedRequest[]> {
  return (await (await fetch(`${base}/__recorded`)).json()) as RecordedRequest[];
}

async function clearRecorded(base: string): Promise<void> {
  await (await fetch(`${base}/__recorded`, { method: 'DELETE' })).arrayBuffer();
}

export const SCENARIOS: Record<string, (env: ScenarioEnv) => Promise<void>> = {
  async 'readData walks every page in ascending order, none lost or repeated'(env) {
    const device = await freshDevice(env, 'pages');
    const { client, requests } = deviceClient(env, device.token);
    await sendDataBatched(client, records(2_500));
    requests.length = 0;
    const values: unknown[] = [];
    for await (const record of readData(client, { pageSize: 1_000 })) values.push(record.value);
    same(values, range(2_500), 'values read');
    same(
      requests,
      [
        'GET /data?query=default&ordination=ascending&qty=1000&skip=0',
        'GET /data?query=default&ordination=ascending&qty=1000&skip=1000',
        'GET /data?query=default&ordination=ascending&qty=1000&skip=2000',
      ],
      'requests',
    );
  },

  async 'readData in follow mode yields new records once, then stops on the signal'(env) {
    const device = await freshDevice(env, 'follow');
    const { client } = deviceClient(env, device.token);
    await sendDataBatched(client, records(3));
    const stop = new AbortController();
    const seen: unknown[] = [];
    for await (const r of readData(client, { pageSize: 2, follow: { intervalMs: 20 }, signal: stop.signal })) {
      seen.push(r.value);
      if (seen.length === 3) await sendDataBatched(client, records(4, Date.UTC(2026, 1, 1)));
      if (seen.length === 7) stop.abort();
    }
    same(seen, [0, 1, 2, 0, 1, 2, 3], 'values seen');
  },

  async 'sendDataBatched waits out seeded 429s and stores each chunk exactly once'(env) {
    const device = await freshDevice(env, 'batched');
    const { client, requests } = deviceClient(env, device.token, 0);
    await control(env, 'faults', 'POST', {
      faults: { rate: 0.5, kinds: ['rateLimit'], retryAfterSeconds: 1, routes: ['POST /data'] },
      seed: 7,
    });
    const before = (await control(env, 'stats')).faults.byKind.rateLimit ?? 0;
    let result: Awaited<ReturnType<typeof sendDataBatched>>;
    let refused: number;
    try {
      result = await sendDataBatched(client, records(50), { maxRecords: 10, rateLimitWaits: 20 });
      // Read before the faults are turned off: that starts a new fault plan with fresh counts.
      refused = ((await control(env, 'stats')).faults.byKind.rateLimit ?? 0) - before;
    } finally {
      await control(env, 'faults', 'DELETE');
    }
    same(result.storedRecords, 50, 'stored records');
    same(
      result.chunks.map((c) => [c.first, c.count, c.status]),
      range(5).map((i) => [i * 10, 10, 'stored']),
      'chunk reports',
    );
    truthy(refused > 0, 'the seeded faults refused no request');
    // maxRetries 0: every 429 was waited out and resent by sendDataBatched itself, once per refusal.
    same(requests.length, 5 + refused, 'requests sent (5 chunks + one per 429)');
    const values: unknown[] = [];
    for await (const r of readData(client, { pageSize: 100 })) values.push(r.value);
    same(values, range(50), 'values stored');
  },

  async 'every shared dictionary vector resolves'(env) {
    const { transport } = vectorTransport(env.vectors);
    const client = env.createClient({ token: PROFILE_TOKEN, tokenKind: 'profile', transport });
    for (const c of env.vectors.cases) {
      const resolver = createDictionaryResolver(client, c.language ? { language: c.language } : {});
      same(await resolver.apply(c.text), c.expected, c.name);
    }
    for (const p of env.vectors.parse) same(parseDictionaryExpressions(p.text), p.expressions, p.text);
  },

  async 'sendDownlink: API requests carry the token, the middleware gets the device authorization only'(env) {
    await Promise.all([clearRecorded(env.apiRecorderUrl), clearRecorded(env.offApiRecorderUrl)]);
    const client = env.createClient({
      token: PROFILE_TOKEN,
      region: { api: env.apiRecorderUrl },
      allowInsecureHttp: true,
      maxRetries: 0,
    });
    const result = await sendDownlink(
      client,
      DOWNLINK_DEVICE,
      { payload: '0a0b', port: 5, confirmed: true },
      { middlewareUrl: env.offApiRecorderUrl },
    );
    const api = await recorded(env.apiRecorderUrl);
    same(
      api.map((r) => `${r.method} ${decodeURIComponent(r.url)}`),
      [
        `GET /device/token/${DOWNLINK_DEVICE}?page=1&amount=10&fields[0]=name&fields[1]=serie_number&fields[2]=last_authorization`,
        `GET /device/${DOWNLINK_DEVICE}`,
        `GET /integration/network/${DOWNLINK_NETWORK}?fields[0]=id&fields[1]=middleware_endpoint&fields[2]=name`,
        `GET /device/${DOWNLINK_DEVICE}/params`,
        `POST /device/${DOWNLINK_DEVICE}/params`,
      ],
      'API requests',
    );
    same(
      JSON.parse(api[4]!.body),
      [
        { key: 'downlink', value: '0a0b', sent: false },
        { id: 'param-1', key: 'port', value: '5', sent: false },
      ],
      'parameters written',
    );
    same(
      api.map((r) => r.headers.token),
      api.map(() => PROFILE_TOKEN),
      'API token headers',
    );
    const offApi = await recorded(env.offApiRecorderUrl);
    same(
      offApi.map((r) => `${r.method} ${r.url}`),
      ['POST /downlink'],
      'middleware requests',
    );
    same(
      JSON.parse(offApi[0]!.body),
      { device: 'A1B2C3', authorization: 'auth-xyz', payload: '0a0b', port: 5, confirmed: true },
      'middleware body',
    );
    truthy(!JSON.stringify(offApi[0]!.headers).includes(PROFILE_TOKEN), 'the API token reached the middleware');
    same([offApi[0]!.headers.token, offApi[0]!.headers.authorization], [undefined, undefined], 'middleware auth');
    same(result, { url: `${env.offApiRecorderUrl}/downlink`, device: 'A1B2C3', answer: 'Downlink queued' }, 'result');
  },

  async 'generatePdf: the PDF host gets the analysis token in both header forms and nothing else'(env) {
    await Promise.all([clearRecorded(env.apiRecorderUrl), clearRecorded(env.offApiRecorderUrl)]);
    const out = await generatePdf(
      { html: '<h1>Report</h1>', fileName: 'r.pdf', options: { format: 'A4' } },
      { token: ANALYSIS_TOKEN, url: `${env.offApiRecorderUrl}/pdf` },
    );
    same(new TextDecoder().decode(out.bytes), PDF_BYTES, 'PDF bytes');
    same(out.base64, btoa(PDF_BYTES), 'PDF base64');
    const sent = await recorded(env.offApiRecorderUrl);
    same(
      sent.map((r) => `${r.method} ${r.url}`),
      ['POST /pdf'],
      'PDF requests',
    );
    same([sent[0]!.headers.authorization, sent[0]!.headers.token], [ANALYSIS_TOKEN, ANALYSIS_TOKEN], 'PDF auth');
    same(
      JSON.parse(sent[0]!.body),
      { html: '<h1>Report</h1>', fileName: 'r.pdf', options: { format: 'A4' } },
      'PDF body',
    );
    same(await recorded(env.apiRecorderUrl), [], 'API requests');
  },
};
