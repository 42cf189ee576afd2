// @ts-check
// The realtime host: `GET /events?channels=a,b.<id>&token=...` as a text/event-stream. Every published event gets
// a growing id, is kept (the last MAX_KEPT), and goes to the open streams subscribed to its channel; a
// reconnect with `Last-Event-ID` first receives what it missed. Tests drop every open stream (`drop()`) or keep
// streams open but silent (`silence(true)`: events are still kept, so a reconnect replays them).

/** The store collection of analyses. */
export const ANALYSES = 'analyses';

/** Events kept for replay after a reconnect. */
const MAX_KEPT = 1000;

/**
 * @typedef {{ id: number, channel: string, payload: unknown }} KeptEvent
 * @typedef {{ channels: Set<string>, res: import('node:http').ServerResponse }} Stream
 * @typedef {{ id: string, name: string, token: string, active: boolean, run_on: 'tago' | 'external',
 *   variables: { key: string, value: string }[] }} EmulatedAnalysis
 * @typedef {{ analysis_id: string, message: string, timestamp: number }} ConsoleLine
 */

export class RealtimeHub {
  /** @type {KeptEvent[]} */
  events = [];
  /** @type {Set<Stream>} */
  streams = new Set();
  /**
   * Connections opened so far, with the Last-Event-ID each sent.
   * @type {{ channels: string[], lastEventId: string | undefined }[]}
   */
  connections = [];
  #store;
  /** @param {import('../store.mjs').Store} store */
  constructor(store) {
    this.#store = store;
  }
  /**
   * The analyses, kept in the store's `analyses` collection (so snapshots and restores carry them), live.
   * @returns {Map<string, EmulatedAnalysis>}
   */
  get analyses() {
    return /** @type {Map<string, any>} */ (this.#store.resources(ANALYSES));
  }
  /** Every console message sent by an analysis token, in order. @type {ConsoleLine[]} */
  console = [];
  #nextId = 1;
  #silent = false;

  /**
   * Keeps an event and writes it to the open streams of its channel (unless silenced).
   * @param {string} channel  e.g. `analysis_trigger`, `device_data.<id>`
   * @param {unknown} payload
   */
  publish(channel, payload) {
    const event = { id: this.#nextId++, channel, payload };
    this.events.push(event);
    if (this.events.length > MAX_KEPT) this.events.shift();
    if (this.#silent) return event.id;
    for (const stream of this.streams) if (stream.channels.has(channel)) write(stream.res, event);
    return event.id;
  }

  /** Ends every open stream at once (the server closing: clients see a drop). */
  drop() {
    for (const stream of this.streams) stream.res.end();
    this.streams.clear();
  }

  /** While on, streams stay open but nothing is written to them (an idle watchdog must notice). @param {boolean} on */
  silence(on) {
    this.#silent = on;
  }
}

/** @param {import('node:http').ServerResponse} res @param {KeptEvent} event */
function write(res, event) {
  res.write(`id: ${event.id}\ndata: ${JSON.stringify({ payload: event.payload })}\n\n`);
}

/** One hub per store, so handlers (which see the store) and the server share it. */
/** @type {WeakMap<object, RealtimeHub>} */
const HUBS = new WeakMap();

/** @param {import('../store.mjs').Store} store @returns {RealtimeHub} */
export function realtimeOf(store) {
  let hub = HUBS.get(store);
  if (!hub) {
    hub = new RealtimeHub(store);
    HUBS.set(store, hub);
  }
  return hub;
}

/**
 * Serves one event-stream connection: 401 for an unknown token, 400 without channels, else the stream.
 * @param {import('../store.mjs').Store} store
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Record<string, any>} query
 */
export function serveEvents(store, req, res, query) {
  const hub = realtimeOf(store);
  const token = typeof query['token'] === 'string' ? query['token'] : undefined;
  const list = typeof query['channels'] === 'string' ? query['channels'] : query['channel'];
  const json = (/** @type {number} */ status, /** @type {string} */ message) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ status: false, message }));
  };
  if (token === undefined || !store.tokens.has(token)) return json(401, 'Authorization Denied');
  if (typeof list !== 'string' || list === '') return json(400, 'Missing channels');
  const channels = list.split(',');
  const header = req.headers['last-event-id'];
  const lastEventId = typeof header === 'string' ? header : undefined;
  hub.connections.push({ channels, lastEventId });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(': connected\n\n');
  const stream = { channels: new Set(channels), res };
  const after = lastEventId === undefined ? undefined : Number(lastEventId);
  if (after !== undefined && Number.isInteger(after)) {
    for (const event of hub.events) if (event.id > after && stream.channels.has(event.channel)) write(res, event);
  }
  hub.streams.add(stream);
  res.on('close', () => hub.streams.delete(stream));
}
