// What a run changed in the emulator: two snapshots (GET /__emulator/snapshot) compared, device by device and
// collection by collection.

type Row = Record<string, unknown>;

/** The parts of the emulator's snapshot this reads (its format version 1). */
export interface Snapshot {
  version: number;
  tokens: Record<string, { kind: string; deviceId?: string }>;
  devices: (Row & { id: string; name?: string; data: Row[]; params: Row[]; tokens: Row[] })[];
  collections: Record<string, Record<string, Row>>;
}

export interface RowChanges {
  created: Row[];
  edited: { before: Row; after: Row }[];
  removed: Row[];
}

export interface DeviceChanges {
  id: string;
  name: string;
  /** The device itself: created, removed, or its fields edited. */
  device?: 'created' | 'removed' | 'edited';
  /** The device's fields an edit changed. */
  fields?: string[];
  data: RowChanges;
  params: RowChanges;
  tokens: { created: number; removed: number };
}

export interface Changes {
  devices: DeviceChanges[];
  /** Collection (`dashboards`, `actions` ...) -> its changes, only the collections that changed. */
  collections: Record<string, RowChanges>;
  /** Tokens registered or removed, by kind (device tokens are counted under their device too). */
  tokens: Record<string, { created: number; removed: number }>;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function compareRows(before: Iterable<Row>, after: Iterable<Row>, key: (row: Row) => string): RowChanges {
  const old = new Map([...before].map((r) => [key(r), r]));
  const changes: RowChanges = { created: [], edited: [], removed: [] };
  for (const row of after) {
    const previous = old.get(key(row));
    if (!previous) changes.created.push(row);
    else if (!same(previous, row)) changes.edited.push({ before: previous, after: row });
    old.delete(key(row));
  }
  changes.removed.push(...old.values());
  return changes;
}

/** The top-level keys whose values differ (`updated_at` aside: it follows every edit). */
export function changedKeys(before: Row, after: Row): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => k !== 'updated_at' && !same(before[k], after[k]));
}

const isEmpty = (c: RowChanges): boolean => c.created.length + c.edited.length + c.removed.length === 0;
const byId = (row: Row): string => String(row['id']);
const byKey = (row: Row): string => String(row['id'] ?? row['key']);

function countKeys(before: Record<string, unknown>, after: Record<string, unknown>) {
  return {
    created: Object.keys(after).filter((k) => !Object.hasOwn(before, k)).length,
    removed: Object.keys(before).filter((k) => !Object.hasOwn(after, k)).length,
  };
}

/** Every difference between two snapshots of the same emulator. */
export function compareSnapshots(before: Snapshot, after: Snapshot): Changes {
  const devices: DeviceChanges[] = [];
  const oldDevices = new Map(before.devices.map((d) => [d.id, d]));
  const newIds = new Set(after.devices.map((d) => d.id));
  const empty = { id: '', data: [], params: [], tokens: [] };
  for (const device of [...after.devices, ...before.devices.filter((d) => !newIds.has(d.id))]) {
    const previous = oldDevices.get(device.id);
    const current = newIds.has(device.id) ? device : undefined;
    const from = previous ?? empty;
    const to = current ?? empty;
    // Reads stamp `last_output` and writes `last_input`: the records themselves tell those changes.
    const fields = (d: Row) => {
      const { data: _d, params: _p, tokens: _t, last_input: _i, last_output: _o, outOfOrder: _s, ...rest } = d;
      return rest;
    };
    const change: DeviceChanges = {
      id: device.id,
      name: String(device.name ?? ''),
      data: compareRows(from.data, to.data, byId),
      params: compareRows(from.params, to.params, byKey),
      tokens: countKeys(
        Object.fromEntries(from.tokens.map((t) => [String(t['token']), t])),
        Object.fromEntries(to.tokens.map((t) => [String(t['token']), t])),
      ),
    };
    if (!previous) change.device = 'created';
    else if (!current) change.device = 'removed';
    else {
      const edited = changedKeys(fields(previous), fields(current));
      if (edited.length) Object.assign(change, { device: 'edited', fields: edited });
    }
    const touched = change.device || !isEmpty(change.data) || !isEmpty(change.params);
    if (touched || change.tokens.created + change.tokens.removed > 0) devices.push(change);
  }
  const collections: Record<string, RowChanges> = {};
  for (const name of new Set([...Object.keys(before.collections), ...Object.keys(after.collections)])) {
    const rows = compareRows(
      Object.values(before.collections[name] ?? {}),
      Object.values(after.collections[name] ?? {}),
      byId,
    );
    if (!isEmpty(rows)) collections[name] = rows;
  }
  const tokens: Changes['tokens'] = {};
  const kinds = new Set([...Object.values(before.tokens), ...Object.values(after.tokens)].map((t) => t.kind));
  for (const kind of kinds) {
    const of = (s: Snapshot) => Object.fromEntries(Object.entries(s.tokens).filter(([, t]) => t.kind === kind));
    const counted = countKeys(of(before), of(after));
    if (counted.created + counted.removed > 0) tokens[kind] = counted;
  }
  return { devices, collections, tokens };
}

export function nothingChanged(changes: Changes): boolean {
  return (
    changes.devices.length === 0 && Object.keys(changes.collections).length + Object.keys(changes.tokens).length === 0
  );
}
