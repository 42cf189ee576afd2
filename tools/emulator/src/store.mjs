// @ts-check
// The emulator's state: tokens and their kinds, devices with their tokens, configuration parameters and data
// records, and the account's resources by collection. Everything lives in memory; `snapshot()` gives a plain copy
// of the devices for audits, `exportState()`/`importState()` the whole state for fixtures and resets.
import { randomUUID } from 'node:crypto';
import { TOKEN_KINDS } from '@tagokit/spec-model';
import { refuseUnknownKeys, SettingsError } from './settings.mjs';

/** @typedef {import('./index.mjs').TokenKind} TokenKind */
/** @typedef {{ kind: TokenKind, deviceId?: string }} TokenEntry */
/**
 * @typedef {{ token: string, device_id: string, name: string, permission: string, expire_time: unknown,
 *   serie_number?: unknown, created_at: string }} DeviceToken
 */
/** @typedef {{ id: string, key: string, value: string, sent: boolean }} DeviceParam */
/** @typedef {{ type: 'Point', coordinates: [number, number] }} Point */
/**
 * A stored record; `time` and `created_at` are epoch milliseconds.
 * @typedef {{ id: string, device: string, variable: string, time: number, created_at: number, group: unknown,
 *   value?: unknown, unit?: unknown, location?: Point, metadata?: unknown }} DataRecord
 */
/**
 * A device as the store keeps it. `outOfOrder` is set once a record is stored or edited out of time order.
 * @typedef {{ id: string, profile: string, name: string, description: unknown, type: string, active: boolean,
 *   visible: boolean, connector: string, network: string, tags: { key: string, value: string }[],
 *   payload_decoder: unknown, serie_number?: string, created_at: string, updated_at: string,
 *   last_input: string | null, last_output: string | null, tokens: DeviceToken[], params: DeviceParam[],
 *   data: DataRecord[], outOfOrder?: boolean }} Device
 */
/** @typedef {Record<string, any>} DataQuery  a data query's parameters, validated and coerced */

const TOKEN_EXISTS = 'Token already exists: every token must be unique';

/** The version of the state format of exportState(); importState() refuses any other. */
export const STATE_VERSION = /** @type {const} */ (1);
const STATE_KEYS = ['version', 'tokens', 'devices', 'collections'];

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
const isObject = (value) => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/**
 * A token or device id that already exists. Registering it again would hand an existing identity to a new owner
 * (a profile token turned into a new device's token), so it is refused; the server answers 409.
 */
export class ConflictError extends Error {
  /** @param {string} [message] */
  constructor(message) {
    super(message);
    this.name = 'ConflictError';
    /** @type {409} */
    this.status = 409;
  }
}

/**
 * Object-id-like ids: 8 hex digits of seconds, then a counter, so they sort by creation.
 * @returns {() => string}
 */
export function idFactory(prefix = 0) {
  let counter = prefix;
  return () => {
    counter++;
    const secs = Math.floor(Date.now() / 1000)
      .toString(16)
      .padStart(8, '0')
      .slice(-8);
    return secs + counter.toString(16).padStart(16, '0').slice(-16);
  };
}

export const DEFAULT_PROFILE_ID = '5bbcb03b667d7a002e56664b';
/** The network and connector a device is in when its creation names none (TagoIO's custom HTTPS ones). */
export const DEFAULT_DEVICE_NETWORK = '5bbd120d4051a50034cd1a05';
export const DEFAULT_DEVICE_CONNECTOR = '5f5a8f3351d4db99c40ded2d';

/** Tokens every emulator knows unless the config says otherwise: one of each kind. */
export const DEFAULT_TOKENS = {
  profile: 'p-00000000-0000-4000-8000-000000000001',
  analysis: 'a-00000000-0000-4000-8000-000000000002',
  network: 'n-00000000-0000-4000-8000-000000000003',
  runUser: 'u-00000000-0000-4000-8000-000000000004',
  serviceAuthorization: 'at00000000000000000000000000000005',
};

export const DEFAULT_DEVICE = {
  id: '5dcad1c216174c001ca23ab9',
  name: 'Device #1',
  token: '00000000-0000-4000-8000-0000000000d1',
};

/** The fields of a record `PUT /data` may change besides its time and location. */
const EDITABLE_FIELDS = /** @type {const} */ (['value', 'unit', 'group', 'metadata']);

export class Store {
  /**
   * @param {{ devices?: Record<string, any>[],
   *   tokens?: Partial<Record<string, string | string[]>> }} [seed]
   */
  constructor({ devices, tokens } = {}) {
    this.nextId = idFactory(Math.floor(Math.random() * 0xffff) * 2 ** 20);
    /** @type {Map<string, TokenEntry>} token -> its kind (and device) */
    this.tokens = new Map();
    /** @type {Map<string, Device>} id -> device */
    this.devices = new Map();
    /** @type {Map<string, Map<string, Record<string, unknown>>>} collection (`dashboards`) -> id -> record */
    this.collections = new Map();
    for (const [kind, value] of Object.entries(tokens ?? DEFAULT_TOKENS)) {
      for (const t of /** @type {string[]} */ ([]).concat(value ?? [])) {
        this.registerToken(t, { kind: /** @type {TokenKind} */ (kind) });
      }
    }
    for (const d of devices ?? [DEFAULT_DEVICE]) this.createDevice(d);
  }

  /**
   * Adds a device (and its tokens); fields left out get defaults. A chosen id or token that already exists throws
   * a ConflictError before anything is stored.
   * @param {Record<string, any>} [input]  a DeviceSeed, or a device-creation body
   * @returns {Device}
   */
  createDevice(input = {}) {
    if (input.id !== undefined && this.devices.has(input.id)) throw new ConflictError('Device id already exists');
    /** @type {unknown[]} */
    const given = [].concat(input.token ?? input.tokens ?? []);
    const chosen = given.map((t) => (typeof t === 'string' ? t : /** @type {any} */ (t)?.token));
    for (const [i, t] of chosen.entries()) {
      if (typeof t !== 'string' || t === '') throw new Error('A device token must be a non-empty string');
      if (this.tokens.has(t) || chosen.indexOf(t) !== i) throw new ConflictError(TOKEN_EXISTS);
    }
    /** @type {string} */
    const id = input.id ?? this.nextId();
    const now = new Date().toISOString();
    /** @type {Device} */
    const device = {
      id,
      profile: input.profile ?? DEFAULT_PROFILE_ID,
      name: input.name ?? `Device ${id.slice(-4)}`,
      description: input.description ?? null,
      type: input.type ?? 'mutable',
      active: input.active ?? true,
      visible: input.visible ?? true,
      connector: input.connector ?? DEFAULT_DEVICE_CONNECTOR,
      network: input.network ?? DEFAULT_DEVICE_NETWORK,
      tags: input.tags ?? [],
      payload_decoder: input.payload_decoder ?? null,
      serie_number: input.serie_number,
      created_at: now,
      updated_at: now,
      last_input: null,
      last_output: null,
      tokens: [],
      params: [],
      data: [],
    };
    for (const p of input.params ?? input.configuration_params ?? []) {
      device.params.push({
        id: p.id ?? this.nextId(),
        key: p.key,
        value: String(p.value ?? ''),
        sent: p.sent ?? false,
      });
    }
    this.devices.set(id, device);
    for (const token of chosen) this.addDeviceToken(id, { token });
    if (device.tokens.length === 0 && input.token === undefined) this.addDeviceToken(id, {});
    return device;
  }

  /**
   * The records of one kind of account resource (dashboards, actions, ...), created empty on first use.
   * @param {string} collection
   */
  resources(collection) {
    let records = this.collections.get(collection);
    if (!records) {
      records = new Map();
      this.collections.set(collection, records);
    }
    return records;
  }

  /**
   * Adds a token to a device; undefined when there is no such device. A given token that exists throws.
   * @param {string} deviceId
   * @param {{ token?: string, name?: string, permission?: string, expire_time?: unknown,
   *   serie_number?: unknown }} [options]
   * @returns {DeviceToken | undefined}
   */
  addDeviceToken(deviceId, { token, name = 'Default', permission = 'full', expire_time = 'never', serie_number } = {}) {
    const device = this.devices.get(deviceId);
    if (!device) return undefined;
    const value = token ?? this.newToken();
    this.registerToken(value, { kind: 'device', deviceId });
    /** @type {DeviceToken} */
    const record = {
      token: value,
      device_id: deviceId,
      name,
      permission,
      expire_time,
      serie_number,
      created_at: new Date().toISOString(),
    };
    device.tokens.push(record);
    return record;
  }

  /**
   * A fresh random token. Random, not derived from ids or the clock: the ids are public (`GET /device`), and a
   * token computed from them could be guessed. Checked against every token anyway, so it is always new.
   */
  newToken() {
    for (let attempt = 0; attempt < 8; attempt++) {
      const token = randomUUID();
      if (!this.tokens.has(token)) return token;
    }
    throw new Error('Could not generate a unique token');
  }

  /**
   * Records a token of a kind; one that already exists, of any kind, throws a ConflictError.
   * @param {string} token
   * @param {TokenEntry} entry
   */
  registerToken(token, entry) {
    if (this.tokens.has(token)) throw new ConflictError(TOKEN_EXISTS);
    this.tokens.set(token, entry);
  }

  /** @param {string} token */
  removeDeviceToken(token) {
    const entry = this.tokens.get(token);
    if (!entry || entry.kind !== 'device') return false;
    const device = this.devices.get(entry.deviceId ?? '');
    if (device) device.tokens = device.tokens.filter((t) => t.token !== token);
    this.tokens.delete(token);
    return true;
  }

  /** @param {string} id */
  removeDevice(id) {
    const device = this.devices.get(id);
    if (!device) return false;
    for (const t of device.tokens) this.tokens.delete(t.token);
    this.devices.delete(id);
    return true;
  }

  /**
   * @param {TokenKind} kind
   * @param {string} token
   */
  addToken(kind, token) {
    this.registerToken(token, { kind });
  }

  /**
   * Stores records (already validated) in a device; answers how many.
   * @param {Device} device
   * @param {any} body  one record or a list
   */
  addData(device, body) {
    const list = Array.isArray(body) ? body : [body];
    const now = Date.now();
    const group = this.nextId();
    for (const r of list) {
      /** @type {DataRecord} */
      const rec = {
        id: this.nextId(),
        device: device.id,
        variable: String(r.variable).toLowerCase(),
        time: r.time !== undefined ? (parseDate(r.time, now) ?? now) : now,
        created_at: now,
        group: r.group ?? r.serie ?? group,
      };
      if (r.value !== undefined) rec.value = r.value;
      if (r.unit !== undefined) rec.unit = r.unit;
      const loc = toPoint(r.location);
      if (loc) rec.location = loc;
      if (r.metadata !== undefined) rec.metadata = r.metadata;
      const last = device.data[device.data.length - 1];
      if (last && last.time > rec.time) device.outOfOrder = true;
      device.data.push(rec);
    }
    device.last_input = new Date(now).toISOString();
    return list.length;
  }

  /**
   * Edits the records a body names by id; answers how many it found.
   * @param {Device} device
   * @param {any} body  one edit or a list
   */
  editData(device, body) {
    let n = 0;
    const now = Date.now();
    for (const e of Array.isArray(body) ? body : [body]) {
      const rec = device.data.find((r) => r.id === e.id);
      if (!rec) continue;
      for (const k of EDITABLE_FIELDS) if (e[k] !== undefined) rec[k] = e[k];
      if (e.time !== undefined) {
        rec.time = parseDate(e.time, now) ?? rec.time;
        // The newest-first fast read walks the list in stored order: an edited time may break that order.
        device.outOfOrder = true;
      }
      if (e.location !== undefined) {
        const loc = toPoint(e.location);
        if (loc) rec.location = loc;
        else delete rec.location;
      }
      n++;
    }
    return n;
  }

  /**
   * @param {Device} device
   * @param {DataQuery} query
   */
  deleteData(device, query) {
    const picked = selectRecords(device.data, query, { deleting: true });
    const ids = new Set(picked.map((r) => r.id));
    device.data = device.data.filter((r) => !ids.has(r.id));
    return ids.size;
  }

  /**
   * @param {Device} device
   * @param {DataQuery} query
   */
  queryData(device, query) {
    device.last_output = new Date().toISOString();
    const fast = device.outOfOrder ? undefined : newestFirst(device.data, query);
    return fast ?? runQuery(device.data, query);
  }

  /**
   * The whole state as plain JSON (what `GET /__emulator/snapshot` answers and a fixture file holds): every token
   * with its kind, every device as the store keeps it (tokens, parameters, records), every resource collection.
   */
  exportState() {
    return structuredClone({
      version: STATE_VERSION,
      tokens: Object.fromEntries(this.tokens),
      devices: [...this.devices.values()],
      collections: Object.fromEntries([...this.collections].map(([name, rows]) => [name, Object.fromEntries(rows)])),
    });
  }

  /**
   * Replaces the whole state with one that exportState() gave (or a fixture in that form). Checked first, so a bad
   * state throws a SettingsError naming the problem and leaves the current state as it was.
   * @param {unknown} state
   */
  importState(state) {
    if (!isObject(state)) throw new SettingsError('the state must be an object, as GET /__emulator/snapshot answers');
    refuseUnknownKeys(state, STATE_KEYS, 'the state');
    if (state.version !== STATE_VERSION) throw new SettingsError(`state.version must be ${STATE_VERSION}`);
    const { tokens = {}, devices = [], collections = {} } = structuredClone(state);
    if (!isObject(tokens)) throw new SettingsError('state.tokens must be an object: token -> { kind, deviceId? }');
    for (const [token, entry] of Object.entries(tokens)) {
      if (!(/** @type {readonly string[]} */ (TOKEN_KINDS).includes(entry?.kind))) {
        const kind = JSON.stringify(entry?.kind);
        throw new SettingsError(`state.tokens: a token has kind ${kind}; kinds: ${TOKEN_KINDS.join(', ')}`);
      }
      if (token === '') throw new SettingsError('state.tokens: a token is empty');
    }
    if (!Array.isArray(devices)) throw new SettingsError('state.devices must be a list');
    for (const [i, d] of devices.entries()) {
      if (!isObject(d) || typeof d.id !== 'string') throw new SettingsError(`state.devices[${i}] needs a string id`);
      for (const list of ['tokens', 'params', 'data']) {
        if (!Array.isArray(d[list])) throw new SettingsError(`state.devices[${i}].${list} must be a list`);
      }
      for (const t of d.tokens) {
        if (tokens[t?.token]?.kind !== 'device' || tokens[t.token].deviceId !== d.id) {
          throw new SettingsError(`state.devices[${i}]: each token must be in state.tokens as this device's`);
        }
      }
    }
    if (!isObject(collections) || !Object.values(collections).every(isObject)) {
      throw new SettingsError('state.collections must be an object: collection -> { key: record }');
    }
    this.tokens = new Map(Object.entries(tokens));
    this.devices = new Map(devices.map((d) => [d.id, /** @type {Device} */ (d)]));
    const named = Object.entries(collections).map(
      ([name, rows]) => /** @type {const} */ ([name, new Map(Object.entries(rows))]),
    );
    this.collections = new Map(named);
  }

  /**
   * Plain copy of devices and their data, for audits. Records without `created_at`: `map(outputRecord)` used to pass
   * the index as `details`, so every record but the first had one.
   */
  snapshot() {
    return [...this.devices.values()].map((d) => ({
      ...d,
      tokens: d.tokens.map((t) => ({ ...t })),
      params: d.params.map((p) => ({ ...p })),
      data: d.data.map((r) => outputRecord(r)),
    }));
  }
}

/**
 * Device as the API shows it (info, get).
 * @param {Device} d
 */
export function publicDevice(d) {
  /** @type {Record<string, unknown>} */
  const out = {
    id: d.id,
    profile: d.profile,
    bucket: { id: d.id, name: d.name },
    name: d.name,
    description: d.description,
    type: d.type,
    active: d.active,
    visible: d.visible,
    connector: d.connector,
    network: d.network,
    payload_decoder: d.payload_decoder,
    rpm: null,
    tags: d.tags,
    last_input: d.last_input,
    last_output: d.last_output,
    created_at: d.created_at,
    updated_at: d.updated_at,
  };
  if (d.serie_number !== undefined) out.serie_number = d.serie_number;
  return out;
}

/**
 * @param {any} loc  a GeoJSON point or `{lat, lng}`
 * @returns {Point | undefined}
 */
function toPoint(loc) {
  if (!loc || typeof loc !== 'object') return undefined;
  if (loc.type === 'Point' && Array.isArray(loc.coordinates))
    return { type: 'Point', coordinates: [loc.coordinates[0], loc.coordinates[1]] };
  if (typeof loc.lat === 'number' && typeof loc.lng === 'number')
    return { type: 'Point', coordinates: [loc.lng, loc.lat] };
  return undefined;
}

/** @type {Record<string, number>} */
const UNIT_MS = {
  second: 1e3,
  minute: 60e3,
  hour: 3600e3,
  day: 86400e3,
  week: 7 * 86400e3,
  month: 30 * 86400e3,
  quarter: 91 * 86400e3,
  year: 365 * 86400e3,
};

/**
 * ISO, `YYYY-MM-DD HH:mm:ss` (UTC), `YYYY-MM-DD`, or a relative span back from now (`1 day`).
 * @param {unknown} input
 * @param {number} [now]
 * @param {boolean} [endOfDay]  a bare date means its last millisecond
 * @returns {number | undefined}
 */
export function parseDate(input, now = Date.now(), endOfDay = false) {
  if (typeof input === 'number') return input;
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  const rel = /^(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week|month|quarter|year)s?$/i.exec(text);
  if (rel) return now - Number(rel[1]) * (UNIT_MS[String(rel[2]).toLowerCase()] ?? 0);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const t = Date.parse(`${text}T00:00:00.000Z`);
    return Number.isNaN(t) ? undefined : endOfDay ? t + 86400e3 - 1 : t;
  }
  const human = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(text);
  const t = Date.parse(human ? `${human[1]}T${human[2]}Z` : text);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * @param {unknown} v
 * @returns {string[] | undefined}
 */
function list(v) {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'object') return Object.values(v).map(String);
  return [String(v)];
}

/**
 * @param {DataRecord[]} records
 * @param {DataQuery} q
 */
function filtered(records, q) {
  const variables = list(q.variables ?? q.variable);
  const groups = list(q.groups ?? q.group ?? q.series ?? q.serie);
  const ids = list(q.ids ?? q.id);
  const values = list(q.values);
  const now = Date.now();
  const start = q.start_date !== undefined ? parseDate(String(q.start_date), now) : undefined;
  const end = q.end_date !== undefined ? parseDate(String(q.end_date), now, true) : undefined;
  const vs = variables && new Set(variables.map((v) => v.toLowerCase()));
  const gs = groups && new Set(groups);
  const is = ids && new Set(ids);
  const vals = values && new Set(values);
  return records.filter(
    (r) =>
      (!vs || vs.has(r.variable)) &&
      (!gs || gs.has(/** @type {string} */ (r.group))) &&
      (!is || is.has(r.id)) &&
      (!vals || vals.has(String(r.value))) &&
      (start === undefined || r.time >= start) &&
      (end === undefined || r.time <= end),
  );
}

/**
 * Newest first (by time, then insertion), unless ascending.
 * @param {DataRecord[]} records
 * @param {boolean} ascending
 * @param {'time' | 'created_at'} [key]
 */
function sorted(records, ascending, key = 'time') {
  /** @type {[DataRecord, number][]} */
  const withIndex = records.map((r, i) => [r, i]);
  withIndex.sort((a, b) => a[0][key] - b[0][key] || a[1] - b[1]);
  const out = withIndex.map((x) => x[0]);
  return ascending ? out : out.reverse();
}

/** @param {DataRecord[]} records */
function byVariable(records) {
  /** @type {Map<string, DataRecord[]>} */
  const m = new Map();
  for (const r of records) {
    const group = m.get(r.variable);
    if (group) group.push(r);
    else m.set(r.variable, [r]);
  }
  return [...m.values()];
}

/**
 * @param {DataRecord[]} records
 * @param {DataQuery} q
 * @param {{ deleting?: boolean }} [options]
 * @returns {DataRecord[]}
 */
function selectRecords(records, q, { deleting = false } = {}) {
  const mode = q.query ?? 'default';
  const rows = filtered(records, q);
  const ascending = q.ordination === 'ascending';
  const qty = Number(q.qty ?? 15);
  const skip = Number(q.skip ?? 0);
  /**
   * @param {'first' | 'last'} which
   * @param {'time' | 'created_at'} key
   * @param {(r: DataRecord) => boolean} pred
   */
  const pick = (which, key, pred) =>
    byVariable(rows.filter(pred))
      .map((group) => sorted(group, which === 'first', key)[0])
      .filter((r) => r !== undefined);
  switch (mode) {
    case 'last_item':
      return pick('last', 'time', () => true);
    case 'last_value':
      return pick('last', 'time', (r) => r.value !== undefined);
    case 'last_location':
      return pick('last', 'time', (r) => r.location !== undefined);
    case 'last_insert':
      return pick('last', 'created_at', () => true);
    case 'first_item':
      return pick('first', 'time', () => true);
    case 'first_value':
      return pick('first', 'time', (r) => r.value !== undefined);
    case 'first_location':
      return pick('first', 'time', (r) => r.location !== undefined);
    case 'first_insert':
      return pick('first', 'created_at', () => true);
    default: {
      if (deleting && mode !== 'default' && mode !== 'conditional') return [];
      let base = rows;
      if (mode === 'conditional') base = rows.filter((r) => compare(r.value, q.function, Number(q.value)));
      const variables = list(q.variables ?? q.variable);
      if (variables && variables.length > 1) {
        // qty counts per variable when several are named.
        const parts = byVariable(base).map((g) => sorted(g, ascending).slice(skip, skip + qty));
        return sorted(parts.flat(), ascending);
      }
      return sorted(base, ascending).slice(skip, skip + qty);
    }
  }
}

/**
 * The common read (default mode, newest first, at most one variable) on data stored in time order: walk back from
 * the end instead of filtering and sorting everything. Undefined when the query needs the general path.
 * @param {DataRecord[]} records
 * @param {DataQuery} q
 */
function newestFirst(records, q) {
  const mode = q.query ?? 'default';
  if (mode !== 'default' || q.ordination === 'ascending') return undefined;
  const variables = list(q.variables ?? q.variable);
  if (variables && variables.length > 1) return undefined;
  // The same filters, read the same way, as `filtered` applies them (an empty `groups=` narrows nothing).
  const narrowed =
    list(q.groups ?? q.group ?? q.series ?? q.serie) ||
    list(q.ids ?? q.id) ||
    list(q.values) ||
    q.start_date !== undefined ||
    q.end_date !== undefined;
  if (narrowed) return undefined;
  const variable = variables?.[0]?.toLowerCase();
  const qty = Number(q.qty ?? 15);
  let skip = Number(q.skip ?? 0);
  const details = q.details === true || q.details === 'true';
  const out = [];
  for (let i = records.length - 1; i >= 0 && out.length < qty; i--) {
    const r = /** @type {DataRecord} */ (records[i]);
    if (variable !== undefined && r.variable !== variable) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    out.push(outputRecord(r, details));
  }
  return out;
}

/**
 * @param {unknown} value
 * @param {unknown} fn  gt, gte, lt, lte, eq or ne
 * @param {number} operand
 */
function compare(value, fn, operand) {
  const v = Number(value);
  if (!Number.isFinite(v)) return false;
  switch (fn) {
    case 'gt':
      return v > operand;
    case 'gte':
      return v >= operand;
    case 'lt':
      return v < operand;
    case 'lte':
      return v <= operand;
    case 'eq':
      return v === operand;
    case 'ne':
      return v !== operand;
    default:
      return false;
  }
}

/** @type {Record<string, number>} */
const INTERVAL_MS = {
  minute: 60e3,
  hour: 3600e3,
  day: 86400e3,
  month: 30 * 86400e3,
  quarter: 91 * 86400e3,
  year: 365 * 86400e3,
};

/** @param {number[]} a */
const sum = (a) => a.reduce((x, y) => x + y, 0);

/** The functions of an aggregate query, by name; `avg` when none or another is named. */
/** @type {Record<string, (a: number[]) => number> & { avg: (a: number[]) => number }} */
const AGGREGATES = { avg: (a) => sum(a) / a.length, sum, min: (a) => Math.min(...a), max: (a) => Math.max(...a) };

/**
 * @param {DataRecord[]} records
 * @param {DataQuery} q
 * @returns {unknown}
 */
function runQuery(records, q) {
  const mode = q.query ?? 'default';
  const details = q.details === true || q.details === 'true';
  /** @param {DataRecord[]} rs */
  const out = (rs) => rs.map((r) => outputRecord(r, details));
  const rows = () => filtered(records, q);
  // Only values stored as numbers take part, as in TagoCore (`where type = number`): not "25", not true.
  const numericRows = () => rows().filter((r) => typeof r.value === 'number' && Number.isFinite(r.value));
  const numeric = () => numericRows().map((r) => /** @type {number} */ (r.value));
  switch (mode) {
    case 'count':
      return rows().length;
    case 'sum':
      return numeric().reduce((a, b) => a + b, 0);
    case 'avg': {
      const n = numeric();
      return n.length ? n.reduce((a, b) => a + b, 0) / n.length : 0;
    }
    case 'min':
    case 'max': {
      // One record per variable, the one with the lowest (highest) value, as TagoCore answers (its
      // getDeviceDataMin/Max run once per variable); the first stored wins a tie.
      const lower = mode === 'min';
      const best = (/** @type {DataRecord[]} */ group) =>
        group.reduce((a, b) =>
          (lower ? Number(b.value) < Number(a.value) : Number(b.value) > Number(a.value)) ? b : a,
        );
      return out(byVariable(numericRows()).map(best));
    }
    case 'aggregate': {
      const size = INTERVAL_MS[q.interval] ?? 3600e3;
      /** @type {Map<number, number[]>} */
      const buckets = new Map();
      for (const r of rows()) {
        const v = Number(r.value);
        if (!Number.isFinite(v) || typeof r.value === 'boolean') continue;
        const k = Math.floor(r.time / size) * size;
        const bucket = buckets.get(k);
        if (bucket) bucket.push(v);
        else buckets.set(k, [v]);
      }
      const fn = AGGREGATES[q.function] ?? AGGREGATES.avg;
      const keys = [...buckets.keys()].sort((a, b) => a - b);
      if (q.ordination !== 'ascending') keys.reverse();
      return keys
        .slice(0, Number(q.qty ?? 10000))
        .map((k) => ({ time: new Date(k).toISOString(), value: fn(buckets.get(k) ?? []) }));
    }
    default:
      return out(selectRecords(records, q));
  }
}

/**
 * A record as the API answers it: ISO times, `created_at` only with `details`.
 * @param {DataRecord} r
 * @param {boolean} [details]
 * @returns {import('./index.mjs').StoredRecord & { created_at?: string }}
 */
export function outputRecord(r, details = false) {
  /** @type {Record<string, unknown>} */
  const o = { id: r.id, device: r.device, variable: r.variable };
  if (r.value !== undefined) o.value = r.value;
  if (r.unit !== undefined) o.unit = r.unit;
  if (r.group !== undefined) o.group = r.group;
  if (r.location !== undefined) o.location = r.location;
  if (r.metadata !== undefined) o.metadata = r.metadata;
  o.time = new Date(r.time).toISOString();
  if (details) o.created_at = new Date(r.created_at).toISOString();
  // Built key by key, in the order the API answers them.
  return /** @type {any} */ (o);
}
