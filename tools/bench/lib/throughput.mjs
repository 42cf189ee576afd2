// Node throughput and latency: @tagokit/node vs a raw undici Pool vs global fetch vs the official @tago-io/sdk,
// for POST /data and GET /data against one local server, in interleaved rounds so drift in machine speed falls on
// every client alike. Same concurrency for all. The orders form a balanced (Williams) design: over the rounds each
// client runs right after every other client equally often, and a full GC runs between two bursts, so no client
// pays for the garbage or the unfinished GC work of the one before it (a plain rotation always put the same client
// after the official SDK's, and measured the pre-serialized Pool, a strict subset of the raw Pool's work, at
// 0.70x-0.82x of it). Every subject does the
// work an application does per call: it serializes that call's record and builds its headers (the raw Pool and
// fetch included). A Pool that reuses one pre-serialized body and one headers object is reported beside them, as
// a floor no application reaches.
import { fork } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { Pool } from 'undici';
import { Device } from '@tago-io/sdk';
import { BENCH, ROOT, SOURCE_ALIASES, figure, percentile, round, workDir } from './util.mjs';

const TOKEN = '2e1c6d7f-0a6b-4c5e-9a0f-1b2c3d4e5f60';
const RECORD = { variable: 'temperature', value: 21.5, unit: 'C' };

function startServer() {
  return new Promise((resolve, reject) => {
    const child = fork(join(BENCH, 'lib', 'server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve({ child, origin: `http://127.0.0.1:${m.port}` }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
}

/** @tagokit/node from its sources (its dist may not be built), bundled with everything but undici. */
async function loadTagokitNode() {
  const out = join(workDir('throughput'), 'tagokit-node.mjs');
  await esbuild.build({
    entryPoints: [join(ROOT, 'packages', 'node', 'src', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['undici'],
    alias: SOURCE_ALIASES,
    outfile: out,
    logLevel: 'error',
  });
  return import(pathToFileURL(out).href);
}

async function makeClients(origin, concurrency) {
  const { createClient } = await loadTagokitNode();
  const tagokit = createClient({
    token: TOKEN,
    tokenKind: 'device',
    region: { api: origin, sse: origin },
    allowInsecureHttp: true,
    connections: concurrency,
  });
  const pool = new Pool(origin, { connections: concurrency });
  const device = new Device({ token: TOKEN, region: { api: origin, sse: origin } });
  const headers = () => ({ token: TOKEN, 'content-type': 'application/json' });
  const constHeaders = headers();
  const constGetHeaders = { token: TOKEN };
  const constBody = JSON.stringify([RECORD]);
  return {
    clients: [
      {
        name: '@tagokit/node',
        post: () => tagokit.deviceData.sendData({ body: [RECORD] }),
        get: () => tagokit.deviceData.getData({ qty: 10 }),
      },
      {
        name: 'undici Pool (raw)',
        post: async () => {
          const res = await pool.request({
            path: '/data',
            method: 'POST',
            headers: headers(),
            body: JSON.stringify([RECORD]),
          });
          const json = await res.body.json();
          if (!json.status) throw new Error('bad answer');
          return json.result;
        },
        get: async () => {
          const res = await pool.request({ path: '/data?qty=10', method: 'GET', headers: { token: TOKEN } });
          const json = await res.body.json();
          if (!json.status) throw new Error('bad answer');
          return json.result;
        },
      },
      {
        name: 'global fetch',
        post: async () => {
          const res = await fetch(`${origin}/data`, {
            method: 'POST',
            headers: headers(),
            body: JSON.stringify([RECORD]),
          });
          const json = await res.json();
          if (!json.status) throw new Error('bad answer');
          return json.result;
        },
        get: async () => {
          const res = await fetch(`${origin}/data?qty=10`, { headers: { token: TOKEN } });
          const json = await res.json();
          if (!json.status) throw new Error('bad answer');
          return json.result;
        },
      },
      {
        name: '@tago-io/sdk Device',
        post: () => device.sendData(RECORD),
        get: () => device.getData({ qty: 10 }),
      },
      {
        name: 'pre-serialized undici Pool (one body and headers object for every call)',
        post: async () => {
          const res = await pool.request({ path: '/data', method: 'POST', headers: constHeaders, body: constBody });
          const json = await res.body.json();
          if (!json.status) throw new Error('bad answer');
          return json.result;
        },
        get: async () => {
          const res = await pool.request({ path: '/data?qty=10', method: 'GET', headers: constGetHeaders });
          const json = await res.body.json();
          if (!json.status) throw new Error('bad answer');
          return json.result;
        },
      },
    ],
    close: () => pool.close(),
  };
}

/**
 * Orders of `n` subjects in which each one follows every other equally often (a Williams design: n rows for an
 * even n, 2n for an odd one). Round r uses row r mod length.
 */
export function balancedOrders(n) {
  const first = [0];
  for (let k = 1; first.length < n; k++) {
    first.push(k);
    if (first.length < n) first.push(n - k);
  }
  const rows = Array.from({ length: n }, (_, r) => first.map((x) => (x + r) % n));
  return n % 2 ? [...rows, ...rows.map((row) => [...row].reverse())] : rows;
}

let collect;
/** A full GC (V8's own, exposed for the bench): the heap every burst starts from is the same. */
function fullGc() {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc');
  }
  collect();
}

/**
 * GC pauses as V8 reports them (gc performance entries). Entries arrive a tick or two after the pause, so each
 * burst counts the ones that started within it (`pausesBetween`), not the ones that arrived meanwhile.
 */
let gcEntries = [];
let gcObserver;
function watchGc() {
  if (gcObserver) return;
  gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcEntries.push({ start: entry.startTime, ms: entry.duration });
  });
  gcObserver.observe({ entryTypes: ['gc'] });
}

const ticks = async (n) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Total and longest GC pause that started between `from` and `to` (performance.now() times). */
async function pausesBetween(from, to) {
  await ticks(3);
  let ms = 0;
  let longest = 0;
  for (const e of gcEntries) {
    if (e.start < from || e.start > to) continue;
    ms += e.ms;
    longest = Math.max(longest, e.ms);
  }
  gcEntries = gcEntries.filter((e) => e.start > to);
  return { ms, longest };
}

/** `n` calls of `fn`, `concurrency` at a time; the elapsed time and every call's latency. */
async function burst(fn, n, concurrency) {
  const latencies = new Array(n);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const t = performance.now();
      await fn();
      latencies[i] = performance.now() - t;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return { elapsed: performance.now() - started, latencies };
}

export async function benchThroughput({ smoke }) {
  const concurrency = 16;
  // Full mode: two passes over the balanced design (20 rounds for the five clients).
  const perRound = smoke ? 50 : 2500;
  const warmup = smoke ? 20 : 1500;
  const { child, origin } = await startServer();
  try {
    const { clients, close } = await makeClients(origin, concurrency);
    const orders = balancedOrders(clients.length);
    const rounds = smoke ? 2 : 2 * orders.length;
    const totals = new Map(
      clients.map((c) => [
        c.name,
        { post: { n: 0, ms: 0, lat: [], gcMs: 0, gcLongest: 0 }, get: { n: 0, ms: 0, lat: [], gcMs: 0, gcLongest: 0 } },
      ]),
    );
    for (const c of clients) for (const op of ['post', 'get']) await burst(c[op], warmup, concurrency);
    for (let r = 0; r < rounds; r++) {
      for (const op of r % 2 ? ['get', 'post'] : ['post', 'get']) {
        const order = orders[r % orders.length].map((i) => clients[i]);
        for (const c of order) {
          watchGc();
          fullGc();
          await ticks(1);
          const from = performance.now();
          const { elapsed, latencies } = await burst(c[op], perRound, concurrency);
          const gc = await pausesBetween(from, performance.now());
          const t = totals.get(c.name)[op];
          t.n += perRound;
          t.ms += elapsed;
          t.gcMs += gc.ms;
          t.gcLongest = Math.max(t.gcLongest, gc.longest);
          t.lat.push(...latencies);
        }
      }
    }
    await close();
    const stats = {};
    for (const [name, ops] of totals) {
      stats[name] = {};
      for (const op of ['post', 'get']) {
        const t = ops[op];
        const sorted = t.lat.sort((a, b) => a - b);
        stats[name][op] = {
          rps: (t.n / t.ms) * 1000,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          gcShare: (t.gcMs / t.ms) * 100,
          gcLongest: t.gcLongest,
          requests: t.n,
        };
      }
    }
    const figures = [];
    const [ours, undici, fetchC, sdk, preSerialized] = clients.map((c) => c.name);
    for (const op of ['post', 'get']) {
      const label = op === 'post' ? 'POST /data' : 'GET /data';
      for (const name of clients.map((c) => c.name)) {
        const s = stats[name][op];
        const goal = name === ours ? '>= 0.95x undici Pool, >= 3x @tago-io/sdk' : undefined;
        const base = (m) =>
          [undici, fetchC, sdk, preSerialized]
            .filter((b) => b !== name)
            .map((b) => ({ subject: b, value: round(stats[b][op][m], 3) }));
        figures.push(
          figure(
            'throughput',
            name,
            `${label} throughput`,
            'req/s',
            round(s.rps, 1),
            base('rps').map((b) => ({ ...b, value: round(b.value, 1) })),
            { goal },
          ),
        );
        figures.push(figure('throughput', name, `${label} p50 latency`, 'ms', round(s.p50, 3), base('p50')));
        figures.push(
          figure('throughput', name, `${label} p99 latency`, 'ms', round(s.p99, 3), base('p99'), {
            ...(name === ours ? { goal: '<= 1.3x undici Pool' } : {}),
          }),
        );
        // What the tail is made of: the share of this client's burst time spent in GC pauses, and the longest one.
        figures.push(figure('throughput', name, `${label} GC pause share`, '%', round(s.gcShare, 2), base('gcShare')));
        figures.push(
          figure('throughput', name, `${label} longest GC pause`, 'ms', round(s.gcLongest, 2), base('gcLongest')),
        );
      }
    }
    return {
      settings: {
        concurrency,
        rounds,
        requestsPerRoundPerClient: perRound,
        warmupPerClient: warmup,
        interleaved: true,
        server: 'node:http on 127.0.0.1 (child process)',
        node: process.version,
      },
      figures,
    };
  } finally {
    gcObserver?.disconnect();
    gcObserver = undefined;
    gcEntries = [];
    child.kill();
  }
}
