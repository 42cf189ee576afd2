// The emulator's HTTP server: route by the spec, check the token kind, count rate limits, validate the request,
// answer from state (devices, data, params, /info) or from the spec's success example, and deliver the answer
// through the fault layer.
import { createServer, STATUS_CODES } from 'node:http';
import { parseQuery } from '@tagokit/core';
import { FAULT_PROCESSES, FaultPlan, normalizeFaults } from './faults.mjs';
import { RateLimiter } from './ratelimit.mjs';
import {
  bodyTooLarge, compactQuery, isJsonMediaType, mediaTypeOf, normalizeLimits, parseTarget, readBody,
} from './request.mjs';
import { loadSpec, matchRoute, validateRequest } from './spec.mjs';
import { ConflictError, DEFAULT_PROFILE_ID, parseDate, publicDevice, Store } from './store.mjs';
import { wildcardMatch } from './wildcard.mjs';

const DENIED = { status: false, message: 'Authorization Denied' };
const HTML_PAGE = (status) =>
  `<!DOCTYPE html>\n<html><head><title>${status} ${status === 502 ? 'Bad Gateway' : 'Service Unavailable'}</title></head><body><center><h1>${status} ${status === 502 ? 'Bad Gateway' : 'Service Unavailable'}</h1></center><hr><center>nginx</center></body></html>\n`;

/**
 * Starts an emulator on 127.0.0.1.
 * @param {import('./index.js').EmulatorOptions} options
 */
export async function startEmulator(options = {}) {
  const spec = loadSpec(options.specPath);
  const store = new Store({ devices: options.devices, tokens: options.tokens });
  let seed = options.seed ?? 1;
  let plan = new FaultPlan(normalizeFaults(options.faults ?? {}), seed);
  const limiter = new RateLimiter(options.rateLimits === undefined ? {} : options.rateLimits);
  const log = options.log;
  const stats = { requests: 0, byStatus: {}, rateLimited: 0 };
  const limits = normalizeLimits(options);
  const bodyLimits = { maxBytes: limits.maxBodyBytes, timeoutMs: limits.bodyTimeoutMs };

  const setFaults = (faults, newSeed) => {
    if (newSeed !== undefined) seed = newSeed;
    plan = new FaultPlan(normalizeFaults(faults ?? {}), seed);
    return plan.config;
  };

  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    // Node's own limit on receiving a whole request: a backstop behind the body timer, which answers first.
    requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs + 1_000,
    // Node checks both limits on this interval (30 s by default), so a timeout fires at most this much late.
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
  const onRequest = (req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent && !res.destroyed) send(res, 500, { status: false, message: 'Emulator error' });
      log?.(`emulator error: ${error?.stack ?? error}`);
    });
  };
  const server = createServer(serverOptions, onRequest);
  // `Expect: 100-continue` asks before sending the body: a body declared over the cap is refused unsent.
  server.on('checkContinue', (req, res) => {
    if (Number(req.headers['content-length'] ?? 0) > limits.maxBodyBytes) {
      stats.requests++;
      count(413);
      return refuse(req, res, 413, bodyTooLarge(limits.maxBodyBytes), true);
    }
    res.writeContinue();
    return onRequest(req, res);
  });
  // Idle keep-alive connections; the header and request timeouts do not apply between requests.
  server.keepAliveTimeout = 65_000;
  // Requests Node refuses before the handler runs (timeouts, broken HTTP, oversized headers) get the envelope too.
  server.on('clientError', (error, socket) => answerClientError(error, socket, limits));

  async function handle(req, res) {
    const method = (req.method ?? 'GET').toUpperCase();
    // Never `new URL()`: it resolves `..` and `%2e%2e` into another route (see parseTarget).
    const target = parseTarget(req.url);
    if (target.error) {
      stats.requests++;
      count(400);
      return refuse(req, res, 400, `Invalid path: ${target.error}`);
    }
    const { segments } = target;
    if (segments[0] === '__emulator') return control(req, res, method, segments);

    stats.requests++;
    const match = matchRoute(spec, method, segments);
    const query = compactQuery(parseQuery(target.search));
    const pathname = `/${segments.join('/')}`;
    const routeKey = match.op ? `${method} ${match.op.template}` : `${method} ${pathname}`;
    // The fault is drawn on arrival, before any await, so the n-th request always gets the n-th draw.
    const fault = plan.next(routeKey);
    const read = await readBody(req, bodyLimits);
    if (read.status !== undefined) {
      if (read.status === 0) return undefined;
      count(read.status);
      return refuse(req, res, read.status, read.message, true);
    }
    const rawBody = read.text;

    if (fault) {
      // The template, not the path: a path may hold a token (`DELETE /device/token/{token}`).
      log?.(`${match.op ? routeKey : `${method} (no route)`} fault ${fault.kind}`);
      switch (fault.kind) {
        case 'resetBefore':
          return req.socket.destroy();
        case 'http5xx':
          return send(res, fault.status, { status: false, message: fault.status === 500 ? 'Internal Server Error' : fault.status === 502 ? 'Bad Gateway' : 'Service Unavailable' });
        case 'rateLimit':
          return send(res, 429, { status: false, message: `Too many requests (Retry-After: ${fault.retryAfterSeconds})` }, { 'retry-after': String(fault.retryAfterSeconds) });
        case 'html':
          return sendRaw(res, fault.status, HTML_PAGE(fault.status), { 'content-type': 'text/html; charset=utf-8' });
        case 'latency':
          await sleep(fault.delayMs);
          break;
        default:
          break;
      }
    }

    const answer = processRequest(req, method, query, match, rawBody);
    count(answer.status);
    const text = typeof answer.body === 'string' && answer.raw ? answer.body : JSON.stringify(answer.body);
    const headers = { 'content-type': answer.contentType ?? 'application/json; charset=utf-8', ...answer.headers };
    if (fault && FAULT_PROCESSES[fault.kind]) {
      switch (fault.kind) {
        case 'resetAfter':
          return req.socket.destroy();
        case 'truncated': {
          const cut = text.slice(0, Math.max(0, Math.floor(text.length / 2)));
          return sendRaw(res, answer.status, cut, headers);
        }
        case 'trickle':
          return trickle(res, answer.status, text, headers, fault);
        default:
          break;
      }
    }
    return sendRaw(res, answer.status, text, headers);
  }

  function count(status) {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
  }

  /** Everything after the fault layer: route, auth, rate limit, validation, answer. Synchronous on purpose. */
  function processRequest(req, method, query, match, rawBody) {
    if (!match.op) {
      if (match.allowed?.length) return { status: 405, body: { status: false, message: `Method ${method} is not allowed here` }, headers: { allow: [...new Set(match.allowed)].join(', ') } };
      return { status: 404, body: { status: false, message: 'Route not found' } };
    }
    const { op, pathParams } = match;
    const token = tokenOf(req);
    let caller;
    if (op.kinds.length > 0) {
      const entry = token === undefined ? undefined : store.tokens.get(token);
      if (!entry || !op.kinds.includes(entry.kind)) return { status: 401, body: DENIED };
      caller = { ...entry, token };
      if (entry.kind === 'device' && !store.devices.has(entry.deviceId)) return { status: 401, body: DENIED };
    }
    const limitKey = query.query === 'aggregate' ? `${method} ${op.template}?query=aggregate` : `${method} ${op.template}`;
    const limited = limiter.hit(limitKey, token);
    if (limited) {
      stats.rateLimited++;
      return {
        status: 429,
        body: { status: false, message: `Too many requests (Retry-After: ${limited.retryAfterSeconds})` },
        headers: { 'retry-after': String(limited.retryAfterSeconds) },
      };
    }
    const contentType = String(req.headers['content-type'] ?? '');
    const parsed = parseBody(op, rawBody, contentType);
    if (parsed.answer) return parsed.answer;
    const { body } = parsed;
    const invalid = validateRequest(spec, op, { pathParams, query, body, contentType });
    if (invalid) return { status: 400, body: { status: false, ...invalid } };
    const handler = HANDLERS[op.id];
    const ctx = { store, spec, op, caller, pathParams, query, body };
    const result = handler ? handler(ctx) : undefined;
    if (result) return result;
    return fromExample(op);
  }

  async function control(req, res, method, segments) {
    const read = await readBody(req, bodyLimits);
    if (read.status !== undefined) {
      return read.status === 0 ? undefined : refuse(req, res, read.status, read.message, true);
    }
    const raw = read.text;
    let body = {};
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, 400, { status: false, message: 'Body is not valid JSON' });
      }
    }
    const path = `/${segments.filter((s) => s !== '').join('/')}`;
    try {
      if (path === '/__emulator/faults') {
        if (method === 'GET') return send(res, 200, { status: true, result: { config: plan.config, stats: plan.stats() } });
        if (method === 'POST' || method === 'PUT') {
          const config = setFaults(body.faults ?? body, body.seed);
          return send(res, 200, { status: true, result: { config, seed } });
        }
        if (method === 'DELETE') return send(res, 200, { status: true, result: { config: setFaults({ rate: 0 }) } });
      }
      if (path === '/__emulator/stats' && method === 'GET') {
        return send(res, 200, { status: true, result: { ...stats, rateLimited: stats.rateLimited, faults: plan.stats() } });
      }
      if (path === '/__emulator/state' && method === 'GET') {
        const devices = [...store.devices.values()].map((d) => ({ id: d.id, name: d.name, tokens: d.tokens.length, params: d.params.length, records: d.data.length }));
        return send(res, 200, { status: true, result: { devices } });
      }
      if (path === '/__emulator/devices' && method === 'POST') {
        const d = store.createDevice(body);
        return send(res, 201, { status: true, result: { id: d.id, token: d.tokens[0]?.token } });
      }
      if (path === '/__emulator/reset' && method === 'POST') {
        for (const d of store.devices.values()) d.data = [];
        stats.requests = 0;
        stats.byStatus = {};
        stats.rateLimited = 0;
        setFaults(plan.config);
        return send(res, 200, { status: true, result: 'Emulator reset' });
      }
    } catch (error) {
      const status = error instanceof ConflictError ? 409 : 400;
      return send(res, status, { status: false, message: String(error?.message ?? error) });
    }
    return send(res, 404, { status: false, message: 'Unknown control route' });
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const url = `http://${address.address}:${address.port}`;
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return {
    url,
    port: address.port,
    state: store,
    spec,
    stats: () => ({ ...stats, faults: plan.stats() }),
    faultSequence: () => [...plan.sequence],
    setFaults,
    getFaults: () => plan.config,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

function tokenOf(req) {
  const value = req.headers['token'] ?? req.headers['device-token'] ?? req.headers['authorization'];
  if (typeof value !== 'string' || value === '') return undefined;
  return value;
}

/**
 * The body of a request, read by its declared media type: `{ body }` (undefined when there is none, or when the
 * route takes none), or `{ answer }` refusing it. JSON is read only when the content type says JSON
 * (`application/json` or `application/*+json`, any parameters), never by sniffing: a substring test let
 * `text/plain; x=application/json` through. Any other type must be one the operation lists (`text/plain` on
 * `POST /data`), else 415 names the types it takes; a body without a content type is refused the same way.
 */
function parseBody(op, rawBody, contentType) {
  if (rawBody.length === 0 || !op.body) return { body: undefined };
  const media = mediaTypeOf(contentType);
  const takesJson = op.body.types.some((t) => isJsonMediaType(mediaTypeOf(t)));
  if (takesJson && isJsonMediaType(media)) {
    try {
      return { body: JSON.parse(rawBody) };
    } catch {
      const body = { status: false, message: 'Error on Body parameters: the body is not valid JSON' };
      return { answer: { status: 400, body: { ...body, field_errors: { body: ['body is not valid JSON'] } } } };
    }
  }
  if (media && op.body.types.some((t) => mediaTypeOf(t) === media)) return { body: rawBody };
  const expected = op.body.types.map(mediaTypeOf).join(' or ');
  const reason = media
    ? `the content type must be ${expected}`
    : `the body has no content type; send it as ${expected}`;
  const answer = { status: false, message: `Error on Body parameters: ${reason}`, field_errors: { body: [reason] } };
  return { answer: { status: 415, body: answer } };
}

/**
 * Answers a request refused before its body was read, and closes the connection when a body may follow: the
 * unread rest must not be taken for the next request, nor read to its end just to be thrown away.
 */
function refuse(req, res, status, message, close = hasBody(req)) {
  send(res, status, { status: false, message }, close ? { connection: 'close' } : {});
}

function hasBody(req) {
  return (req.headers['content-length'] ?? '0') !== '0' || req.headers['transfer-encoding'] !== undefined;
}

/** Node's `clientError` default, with the envelope: 408 on a timeout, 431 on oversized headers, else 400. */
function answerClientError(error, socket, limits) {
  // Nothing to answer on a reset socket, nor after an answer has started.
  if (error?.code !== 'ECONNRESET' && socket.writable && socket.bytesWritten === 0) {
    const [status, message] =
      error?.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, `Request timeout: the headers must arrive within ${limits.headersTimeoutMs} ms`]
        : error?.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request headers too large']
          : [400, 'Bad request: the request is not valid HTTP/1.1'];
    const body = JSON.stringify({ status: false, message });
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n`;
    socket.end(`${head}content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    // end() waits for the client to take the answer; one that never reads must not hold the socket.
    setTimeout(() => socket.destroy(), 1_000).unref();
  } else {
    socket.destroy();
  }
}

function send(res, status, body, headers = {}) {
  sendRaw(res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers });
}

function sendRaw(res, status, text, headers) {
  if (res.destroyed) return;
  const buf = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'content-length': String(buf.length) });
  res.end(buf);
}

async function trickle(res, status, text, headers, fault) {
  const buf = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'content-length': String(buf.length) });
  res.flushHeaders();
  for (let i = 0; i < buf.length; i += fault.chunkBytes) {
    if (res.destroyed) return;
    res.write(buf.subarray(i, i + fault.chunkBytes));
    await sleep(fault.intervalMs);
  }
  res.end();
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function ok(op, result) {
  return { status: op.successStatus, body: { status: true, result } };
}

function notFound(message) {
  return { status: 404, body: { status: false, message } };
}

function fromExample(op) {
  if (op.mediaType && !op.mediaType.includes('json')) {
    return { status: op.successStatus, body: typeof op.example === 'string' ? op.example : '', raw: true, contentType: op.mediaType };
  }
  return { status: op.successStatus, body: op.example ?? (op.envelope ? { status: true, result: null } : {}) };
}

function exampleResult(spec, id) {
  const ex = spec.byId.get(id)?.example;
  return ex && typeof ex === 'object' && 'result' in ex ? ex.result : undefined;
}

function deviceOf(ctx) {
  return ctx.store.devices.get(ctx.caller.deviceId);
}

function paramsOf(device, sentStatus) {
  return device.params.filter((p) => sentStatus === undefined || p.sent === sentStatus).map((p) => ({ ...p }));
}

function setParams(store, device, body) {
  let n = 0;
  for (const p of Array.isArray(body) ? body : [body]) {
    const existing = p.id ? device.params.find((x) => x.id === p.id) : p.key !== undefined ? device.params.find((x) => x.key === p.key && !p.id) : undefined;
    if (p.id && !existing) continue;
    if (existing) {
      if (p.key !== undefined) existing.key = p.key;
      if (p.value !== undefined) existing.value = p.value;
      existing.sent = p.sent ?? false;
    } else {
      device.params.push({ id: store.nextId(), key: p.key, value: p.value ?? '', sent: p.sent ?? false });
    }
    n++;
  }
  return n;
}

function listDevices(ctx) {
  const q = ctx.query;
  let rows = [...ctx.store.devices.values()];
  const f = q.filter && typeof q.filter === 'object' ? q.filter : {};
  if (typeof f.name === 'string') rows = rows.filter((d) => wildcardMatch(f.name, d.name));
  if (typeof f.id === 'string') rows = rows.filter((d) => d.id === f.id);
  if (Array.isArray(f.tags)) rows = rows.filter((d) => f.tags.every((t) => d.tags.some((x) => (t.key === undefined || x.key === t.key) && (t.value === undefined || x.value === t.value))));
  if (typeof q.serial === 'string') rows = rows.filter((d) => d.serie_number === q.serial);
  const [field, dir] = String(q.orderBy ?? 'name,asc').split(',');
  rows.sort((a, b) => String(a[field] ?? '').localeCompare(String(b[field] ?? '')) * (dir === 'desc' ? -1 : 1));
  const page = Number(q.page ?? 1);
  const amount = Number(q.amount ?? 20);
  const fields = Array.isArray(q.fields) ? q.fields.map(String) : ['id', 'name', 'tags'];
  return rows.slice((page - 1) * amount, page * amount).map((d) => {
    const full = { ...publicDevice(d), bucket: d.id };
    const out = { id: d.id };
    for (const k of fields) if (full[k] !== undefined) out[k] = full[k];
    return out;
  });
}

/** `never`, or the instant an expiry means (relative spans count forward from now). */
function expiry(input) {
  if (input === undefined || input === 'never') return 'never';
  const now = Date.now();
  const t = parseDate(String(input), now);
  if (t === undefined) return 'never';
  return new Date(/^\d/.test(String(input)) && !/^\d{4}-/.test(String(input)) ? now + (now - t) : t).toISOString();
}

/** The fields of a device-creation body (the spec's) the store keeps; the rest is ignored, as TagoIO does. */
const NEW_DEVICE_FIELDS = [
  'name', 'description', 'type', 'active', 'visible', 'connector', 'network', 'tags', 'serie_number', 'payload_decoder',
  'configuration_params',
];

/**
 * The device a `POST /device` body asks for. Picked field by field, never spread: a spread let the body choose
 * `tokens` (or `id`, `profile`), and `tokens: [<the profile token>]` turned the profile token into the new
 * device's. The new device's token is always generated.
 */
function newDeviceInput(body) {
  const input = {};
  for (const key of NEW_DEVICE_FIELDS) if (body?.[key] !== undefined) input[key] = body[key];
  return input;
}

/**
 * A `text/plain` payload, which TagoIO hands to the device's payload decoder. The emulator runs no decoder, so such
 * a body stores nothing (it used to store the string as a record whose variable was "undefined").
 */
function rawPayload(ctx) {
  return typeof ctx.body === 'string';
}

function needDevice(ctx) {
  return ctx.store.devices.get(ctx.pathParams.deviceID);
}

/** Stateful operations, by operation id. Each returns an answer, or undefined to fall back to the example. */
const HANDLERS = {
  getTokenInfo(ctx) {
    const { kind } = ctx.caller;
    if (kind === 'device') return ok(ctx.op, publicDevice(deviceOf(ctx)));
    if (kind === 'analysis') return ok(ctx.op, { id: '5d4c2f8b7f1b4d001b0e8a11', name: 'Emulated analysis', active: true, run_on: 'external' });
    if (kind === 'network') return ok(ctx.op, exampleResult(ctx.spec, 'getNetwork') ?? { id: '5bbd120d4051a50034cd1a05', name: 'Emulated network' });
    if (kind === 'serviceAuthorization') return ok(ctx.op, (exampleResult(ctx.spec, 'listServiceAuthorizations') ?? [])[0] ?? { name: 'Emulated authorization' });
    return ok(ctx.op, { id: DEFAULT_PROFILE_ID, name: 'Emulated profile', logo_url: null });
  },
  sendData(ctx) {
    const n = rawPayload(ctx) ? 0 : ctx.store.addData(deviceOf(ctx), ctx.body);
    return ok(ctx.op, `${n} Data Added`);
  },
  getData(ctx) {
    return ok(ctx.op, ctx.store.queryData(deviceOf(ctx), ctx.query));
  },
  editData(ctx) {
    return ok(ctx.op, `${ctx.store.editData(deviceOf(ctx), ctx.body)} item(s) updated`);
  },
  deleteData(ctx) {
    return ok(ctx.op, `${ctx.store.deleteData(deviceOf(ctx), ctx.query)} Data Removed`);
  },
  listConfigParams(ctx) {
    return ok(ctx.op, paramsOf(deviceOf(ctx), ctx.query.sent_status));
  },
  markConfigParamRead(ctx) {
    const p = deviceOf(ctx).params.find((x) => x.id === ctx.pathParams.paramID);
    if (!p) return notFound('Param not found');
    p.sent = true;
    return ok(ctx.op, 'Params Successfully Updated');
  },
  listDevices(ctx) {
    return ok(ctx.op, listDevices(ctx));
  },
  createDevice(ctx) {
    const d = ctx.store.createDevice(newDeviceInput(ctx.body));
    return ok(ctx.op, { device_id: d.id, bucket_id: d.id, token: d.tokens[0].token });
  },
  getDevice(ctx) {
    const d = needDevice(ctx);
    return d ? ok(ctx.op, publicDevice(d)) : notFound('Device not found');
  },
  updateDevice(ctx) {
    const d = needDevice(ctx);
    if (!d) return notFound('Device not found');
    for (const k of ['name', 'description', 'active', 'visible', 'tags', 'connector', 'network', 'payload_decoder', 'serie_number']) if (ctx.body?.[k] !== undefined) d[k] = ctx.body[k];
    d.updated_at = new Date().toISOString();
    return ok(ctx.op, 'Successfully Updated');
  },
  deleteDevice(ctx) {
    return ctx.store.removeDevice(ctx.pathParams.deviceID) ? ok(ctx.op, 'Device Successfully Removed') : notFound('Device not found');
  },
  listDeviceParams(ctx) {
    const d = needDevice(ctx);
    return d ? ok(ctx.op, paramsOf(d, ctx.query.sent_status)) : notFound('Device not found');
  },
  setDeviceParams(ctx) {
    const d = needDevice(ctx);
    if (!d) return notFound('Device not found');
    setParams(ctx.store, d, ctx.body);
    return ok(ctx.op, 'Params Successfully Updated');
  },
  deleteDeviceParam(ctx) {
    const d = needDevice(ctx);
    if (!d) return notFound('Device not found');
    const before = d.params.length;
    d.params = d.params.filter((p) => p.id !== ctx.pathParams.paramID);
    return before === d.params.length ? notFound('Param not found') : ok(ctx.op, 'Params Successfully Removed');
  },
  createDeviceToken(ctx) {
    const b = ctx.body ?? {};
    const t = ctx.store.addDeviceToken(b.device, { name: b.name, permission: b.permission, expire_time: b.expire_time, serie_number: b.serie_number });
    if (!t) return notFound('Device not found');
    return ok(ctx.op, { token: t.token, permission: t.permission, expire_date: expiry(t.expire_time) });
  },
  listDeviceTokens(ctx) {
    const key = ctx.pathParams.deviceIDOrToken ?? ctx.pathParams.deviceID;
    const owner = ctx.store.tokens.get(key);
    const d = ctx.store.devices.get(owner?.kind === 'device' ? owner.deviceId : key);
    if (!d) return notFound('Device not found');
    return ok(ctx.op, d.tokens.map((t) => ({ name: t.name, token: t.token, permission: t.permission })));
  },
  deleteDeviceToken(ctx) {
    return ctx.store.removeDeviceToken(ctx.pathParams.deviceIDOrToken ?? ctx.pathParams.token) ? ok(ctx.op, 'Token Successfully Removed') : notFound('Token not found');
  },
  getDeviceDataAmount(ctx) {
    const d = needDevice(ctx);
    return d ? ok(ctx.op, d.data.length) : notFound('Device not found');
  },
  getDeviceData(ctx) {
    const d = needDevice(ctx);
    return d ? ok(ctx.op, ctx.store.queryData(d, ctx.query)) : notFound('Device not found');
  },
  sendDeviceData(ctx) {
    const d = needDevice(ctx);
    if (!d) return notFound('Device not found');
    return ok(ctx.op, `${rawPayload(ctx) ? 0 : ctx.store.addData(d, ctx.body)} Data Added`);
  },
  editDeviceData(ctx) {
    const d = needDevice(ctx);
    return d ? ok(ctx.op, `${ctx.store.editData(d, ctx.body)} item(s) updated`) : notFound('Device not found');
  },
  deleteDeviceData(ctx) {
    const d = needDevice(ctx);
    return d ? ok(ctx.op, `${ctx.store.deleteData(d, ctx.query)} Data Removed`) : notFound('Device not found');
  },
  emptyDeviceData(ctx) {
    const d = needDevice(ctx);
    if (!d) return notFound('Device not found');
    d.data = [];
    return ok(ctx.op, 'Data Successfully Removed');
  },
  createDeviceUsingNetwork(ctx) {
    // The network is the token's own: the emulator's network token belongs to the store's default network.
    const d = ctx.store.createDevice({ ...newDeviceInput(ctx.body), network: undefined });
    return ok(ctx.op, { deviceID: d.id, token: d.tokens[0].token });
  },
  resolveNetworkDeviceToken(ctx) {
    const d = [...ctx.store.devices.values()].find((x) => x.serie_number === ctx.pathParams.serial);
    return d && d.tokens[0] ? ok(ctx.op, d.tokens[0].token) : notFound('Device not found');
  },
};
