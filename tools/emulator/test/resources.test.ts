// The account resources kept in the store: each kind is created with its spec body example, read back with the
// spec's shape (checked with the contract harness's validator), listed with filters, fields and paging, edited
// and removed, over HTTP as any client would.
import { validateResult } from '@tagokit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKENS, startEmulator, type Emulator } from '../src/index.mjs';
import { exampleRequest, operations, RESOURCE_KINDS } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ rateLimits: false });
});
afterAll(() => emu?.stop());

async function call(method: string, path: string, body?: unknown, token: string = DEFAULT_TOKENS.profile) {
  const headers: Record<string, string> = { token };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: await res.json() };
}

const opById = (id: string) => operations.find((o) => o.id === id)!;
const bodyOf = (id: string) => JSON.parse(exampleRequest(opById(id)).body ?? '{}');

describe('every resource kind: create, read, list, edit, remove', () => {
  it.each(RESOURCE_KINDS.filter((k) => !k.parent).map((k) => [k.collection, k] as const))('%s', async (_name, kind) => {
    const create = opById(kind.ops.create!);
    const made = await call('POST', create.template, bodyOf(create.id));
    expect(made.status).toBe(create.successStatus);
    expect(validateResult(create.id, made.json.result)).toEqual([]);
    const id = Object.values(made.json.result as Record<string, string>).find((v) => /^[0-9a-f]{24}$/.test(String(v)))!;
    const one = (template: string) => template.replace(`{${kind.idParam}}`, id);
    if (kind.ops.get) {
      const read = await call('GET', one(opById(kind.ops.get).template));
      expect(read.json.result).toMatchObject({ ...bodyOf(create.id), id });
      expect(validateResult(kind.ops.get, read.json.result)).toEqual([]);
    }
    const listed = await call('GET', `${opById(kind.ops.list!).template}?fields[0]=id&amount=50`);
    expect(listed.json.result).toContainEqual({ id });
    expect(validateResult(kind.ops.list!, listed.json.result)).toEqual([]);
    if (kind.ops.update && kind.ops.get) {
      const update = opById(kind.ops.update);
      const changes = bodyOf(update.id);
      const edited = await call('PUT', one(update.template), changes);
      expect(edited.status).toBe(200);
      expect((await call('GET', one(opById(kind.ops.get).template))).json.result).toMatchObject({ ...changes, id });
    }
    const removed = await call('DELETE', one(opById(kind.ops.remove!).template));
    expect(removed.status).toBe(200);
    const after = await call('GET', `${opById(kind.ops.list!).template}?fields[0]=id&amount=50`);
    expect(after.json.result).not.toContainEqual({ id });
    if (kind.ops.get) {
      expect(await call('GET', one(opById(kind.ops.get).template))).toEqual({
        status: 404,
        json: { status: false, message: `${kind.label} not found` },
      });
    }
  });
});

describe('dashboards and widgets', () => {
  it('an edit is read back, and a widget lives inside its dashboard only', async () => {
    const made = await call('POST', '/dashboard', { label: 'Plant floor', tags: [{ key: 'site', value: 'north' }] });
    const id = made.json.result.dashboard as string;
    await call('PUT', `/dashboard/${id}`, { label: 'Plant floor (B)' });
    const read = await call('GET', `/dashboard/${id}`);
    expect(read.json.result).toMatchObject({ id, label: 'Plant floor (B)', tags: [{ key: 'site', value: 'north' }] });
    expect(validateResult('getDashboard', read.json.result)).toEqual([]);

    const widget = await call('POST', `/dashboard/${id}/widget/`, {
      label: 'Temperature',
      type: 'display',
      data: [],
      display: {},
    });
    const widgetId = widget.json.result.widget as string;
    const got = await call('GET', `/dashboard/${id}/widget/${widgetId}`);
    expect(got.json.result).toMatchObject({ id: widgetId, dashboard: id, label: 'Temperature', type: 'display' });
    expect(validateResult('getWidget', got.json.result)).toEqual([]);
    const other = (await call('POST', '/dashboard', { label: 'Other' })).json.result.dashboard;
    // An edit cannot move a widget to another dashboard: `dashboard` is not a key of the (closed) edit body.
    const move = await call('PUT', `/dashboard/${id}/widget/${widgetId}`, { dashboard: other, label: 'x' });
    expect(move.status).toBe(400);
    expect(move.json.field_errors.body).toEqual(["body must NOT have additional properties ('dashboard')"]);
    await call('PUT', `/dashboard/${id}/widget/${widgetId}`, { label: 'Temperature (C)' });
    expect((await call('GET', `/dashboard/${id}/widget/${widgetId}`)).json.result).toMatchObject({
      dashboard: id,
      label: 'Temperature (C)',
    });
    expect((await call('GET', `/dashboard/${other}/widget/${widgetId}`)).json).toEqual({
      status: false,
      message: 'Widget not found',
    });
    expect(
      (await call('POST', '/dashboard/000000000000000000000000/widget', { label: 'x', type: 'display', display: {} }))
        .status,
    ).toBe(404);
  });

  it('lists filter by wildcard and tags, order, page and project', async () => {
    for (const label of ['Zone A', 'Zone B', 'Zone C', 'Yard']) {
      await call('POST', '/dashboard', {
        label,
        tags: [{ key: 'kind', value: label.startsWith('Zone') ? 'zone' : 'yard' }],
      });
    }
    const zones = await call(
      'GET',
      '/dashboard?filter[label]=zone*&orderBy=label,desc&fields[0]=label&amount=2&page=1',
    );
    expect(zones.json.result.map((d: { label: string }) => d.label)).toEqual(['Zone C', 'Zone B']);
    expect(Object.keys(zones.json.result[0]).sort()).toEqual(['id', 'label']);
    const page2 = await call(
      'GET',
      '/dashboard?filter[label]=zone*&orderBy=label,desc&fields[0]=label&amount=2&page=2',
    );
    expect(page2.json.result.map((d: { label: string }) => d.label)).toEqual(['Zone A']);
    const yard = await call('GET', '/dashboard?filter[tags][0][key]=kind&filter[tags][0][value]=yard&fields[0]=label');
    expect(yard.json.result.map((d: { label: string }) => d.label)).toEqual(['Yard']);
  });
});

describe('profile tokens, notifications, entity rows and files', () => {
  it('a created profile token works as a profile token until it is removed', async () => {
    const made = await call('POST', '/profile/5bbcb03b667d7a002e56664b/token', {
      ...bodyOf('createProfileToken'),
      name: 'ci',
      expire_time: 'never',
    });
    const token = made.json.result.token as string;
    expect(made.json.result).toEqual({ token, expire_date: 'never', permission: 'full' });
    expect((await call('GET', '/dashboard', undefined, token)).status).toBe(200);
    const listed = await call('GET', '/profile/5bbcb03b667d7a002e56664b/token');
    expect(listed.json.result).toContainEqual(expect.objectContaining({ name: 'ci', token, permission: 'full' }));
    expect((await call('DELETE', `/profile/5bbcb03b667d7a002e56664b/token/${token}`)).status).toBe(200);
    expect((await call('GET', '/dashboard', undefined, token)).status).toBe(401);
  });

  it('notifications are marked read by id, then all', async () => {
    const a = (await call('POST', '/notification', { title: 'A', message: 'first' })).json.result.id;
    const b = (await call('POST', '/notification', { title: 'B', message: 'second' })).json.result.id;
    await call('PUT', '/notification/read', { notification_ids: [a], read: true });
    const list = async () => (await call('GET', '/notification?fields[0]=read&fields[1]=title')).json.result;
    expect(await list()).toEqual(
      expect.arrayContaining([
        { id: a, title: 'A', read: true },
        { id: b, title: 'B', read: false },
      ]),
    );
    await call('PUT', '/notification/markallread');
    expect((await list()).every((n: { read: boolean }) => n.read)).toBe(true);
  });

  it('entity rows are added, counted, sorted by an index, edited and removed', async () => {
    const entity = (
      await call('POST', '/entity', {
        name: 'Readings',
        schema: { level: { type: 'int', required: true } },
        index: { by_level: { fields: ['level'] } },
      })
    ).json.result.id;
    expect((await call('POST', `/entity/${entity}/data`, [{ level: 3 }, { level: 1 }, { level: 2 }])).json.result).toBe(
      '3 Data Added',
    );
    expect((await call('GET', `/entity/${entity}/data_amount`)).json.result).toBe(3);
    const rows = (await call('GET', `/entity/${entity}/data?index=by_level&order_by=desc&fields[0]=level`)).json.result;
    expect(rows.map((r: { level: number }) => r.level)).toEqual([3, 2, 1]);
    expect(validateResult('listEntityData', rows)).toEqual([]);
    expect((await call('PUT', `/entity/${entity}/data`, { id: rows[0].id, level: 9 })).json.result).toBe(
      '1 item(s) updated',
    );
    expect((await call('DELETE', `/entity/${entity}/data`, { ids: [rows[1].id, rows[2].id] })).json.result).toBe(
      '2 item(s) deleted',
    );
    const left = (await call('GET', `/entity/${entity}/data?fields[0]=level`)).json.result;
    expect(left).toEqual([{ id: rows[0].id, level: 9 }]);
  });

  it('files are uploaded, listed by folder, moved, made private and removed', async () => {
    const file = Buffer.from('hello').toString('base64');
    await call('POST', '/files', [
      { filename: '/reports/may.csv', file, public: true },
      { filename: '/reports/2024/jan.csv', file },
    ]);
    const listed = await call('GET', '/files?path=/reports/');
    expect(listed.json.result).toMatchObject({
      files: [{ filename: 'may.csv', size: 5, public: true }],
      folders: ['2024'],
    });
    expect(validateResult('listFiles', listed.json.result)).toEqual([]);
    await call('PUT', '/files', [{ from: '/reports/may.csv', to: '/archive/may.csv' }]);
    await call('PUT', '/files/permission', [{ file: '/archive/may.csv', public: false }]);
    expect((await call('GET', '/files/permission?file=/archive/may.csv')).json.result).toEqual({ public: false });
    await call('DELETE', '/files', ['/reports/']);
    expect((await call('GET', '/files?path=/reports/')).json.result).toMatchObject({ files: [], folders: [] });
  });
});
