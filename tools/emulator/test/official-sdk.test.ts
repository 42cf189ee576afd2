// TagoIO's official SDK (@tago-io/sdk), a client nobody here wrote, pointed at the emulator: a wide set of its
// modules, each call checked for the result it must give (what was written is read back), not only for success.
// The table in the README ("Official SDK") lists the modules and calls this file drives.
import { Device, Network, Resources } from '@tago-io/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE, DEFAULT_PROFILE_ID, DEFAULT_TOKENS, startEmulator, type Emulator } from '../src/index.mjs';
import { exampleRequest, operations, seedDevices } from './helpers.js';

/** The body example the spec gives an operation (for bodies with many required parts). */
const specBody = (id: string) => JSON.parse(exampleRequest(operations.find((o) => o.id === id)!).body!);

let emu: Emulator;
let resources: Resources;
let device: Device;
beforeAll(async () => {
  emu = await startEmulator({ rateLimits: false, devices: seedDevices() });
  const region = { api: emu.url, sse: emu.url };
  resources = new Resources({ token: DEFAULT_TOKENS.profile, region });
  device = new Device({ token: DEFAULT_DEVICE.token, region });
});
afterAll(() => emu?.stop());

describe('Device (device token): data and configuration parameters', () => {
  it('info names the device the token belongs to', async () => {
    expect(await device.info()).toMatchObject({ id: DEFAULT_DEVICE.id, name: DEFAULT_DEVICE.name });
  });

  it('sendData, getData, editData and deleteData act on the stored records', async () => {
    expect(
      await device.sendData([
        { variable: 'temperature', value: 21.5, unit: 'C' },
        { variable: 'humidity', value: 40 },
      ]),
    ).toBe('2 Data Added');
    const last = await device.getData({ variables: ['temperature'], query: 'last_value' });
    expect(last).toEqual([expect.objectContaining({ variable: 'temperature', value: 21.5, unit: 'C' })]);
    expect(await device.editData({ id: String(last[0]!.id), value: 22 })).toBe('1 item(s) updated');
    expect(await device.getData({ variables: ['temperature'], qty: 1 })).toEqual([
      expect.objectContaining({ value: 22 }),
    ]);
    expect(await device.deleteData({ variables: ['humidity'], qty: 10 })).toBe('1 Data Removed');
    expect(await device.getData({ variables: ['humidity'] })).toEqual([]);
  });

  it('getParameters and setParameterAsRead follow the sent status', async () => {
    const params = await device.getParameters('onlyUnRead');
    expect(params).toEqual([expect.objectContaining({ key: 'param1', value: 'value1', sent: false })]);
    expect(await device.setParameterAsRead(params[0]!.id)).toBe('Params Successfully Updated');
    expect(await device.getParameters('onlyUnRead')).toEqual([]);
    expect(await device.getParameters('onlyRead')).toEqual([expect.objectContaining({ key: 'param1', sent: true })]);
  });
});

describe('Resources (profile token)', () => {
  it('devices: create, info, edit, list with a filter, tokens, params, data, delete', async () => {
    const made = await resources.devices.create({
      name: 'SDK sensor',
      network: '5bbd120d4051a50034cd1a05',
      connector: '5f5a8f3351d4db99c40ded2d',
      type: 'mutable',
      tags: [{ key: 'origin', value: 'sdk' }],
    });
    expect(made).toMatchObject({ device_id: expect.any(String), token: expect.any(String) });
    const id = made.device_id;
    await resources.devices.edit(id, { name: 'SDK sensor (renamed)' });
    expect(await resources.devices.info(id)).toMatchObject({ id, name: 'SDK sensor (renamed)' });
    const listed = await resources.devices.list({
      filter: { tags: [{ key: 'origin', value: 'sdk' }] },
      fields: ['id', 'name'],
    });
    expect(listed).toEqual([{ id, name: 'SDK sensor (renamed)' }]);
    const token = await resources.devices.tokenCreate(id, { name: 'second', permission: 'write' });
    expect(token).toMatchObject({ token: expect.any(String), permission: 'write' });
    await resources.devices.paramSet(id, { key: 'interval', value: '60', sent: false });
    expect(await resources.devices.paramList(id)).toEqual([expect.objectContaining({ key: 'interval', value: '60' })]);
    // The spec (after TagoIO's MCP server) serves this route to analysis tokens only; a profile token gets 401.
    await expect(resources.devices.sendDeviceData(id, { variable: 'level', value: 3 })).rejects.toBe(
      'Authorization Denied',
    );
    const analysis = new Resources({ token: DEFAULT_TOKENS.analysis, region: { api: emu.url, sse: emu.url } });
    expect(await analysis.devices.sendDeviceData(id, { variable: 'level', value: 3 })).toBe('1 Data Added');
    expect(await resources.devices.amount(id)).toBe(1);
    expect(await resources.devices.getDeviceData(id, { variables: ['level'] })).toEqual([
      expect.objectContaining({ variable: 'level', value: 3, device: id }),
    ]);
    expect(await resources.devices.tokenDelete(token.token)).toBe('Token Successfully Removed');
    expect(await resources.devices.delete(id)).toBe('Device Successfully Removed');
    await expect(resources.devices.info(id)).rejects.toBe('Device not found');
  });

  it('dashboards and widgets: an edit is read back, the widget lives in its dashboard', async () => {
    const { dashboard } = await resources.dashboards.create({
      label: 'SDK dashboard',
      tags: [{ key: 'k', value: 'v' }],
    });
    await resources.dashboards.edit(dashboard, { label: 'SDK dashboard (edited)' });
    expect(await resources.dashboards.info(dashboard)).toMatchObject({
      id: dashboard,
      label: 'SDK dashboard (edited)',
    });
    const list = await resources.dashboards.list({ filter: { label: 'SDK*' }, fields: ['id', 'label'] });
    expect(list).toEqual([{ id: dashboard, label: 'SDK dashboard (edited)' }]);
    // The SDK posts widgets to `/dashboard/{id}/widget/` (a trailing slash): the spec's path variant.
    const { widget } = await resources.dashboards.widgets.create(dashboard, {
      label: 'Level',
      type: 'display',
      data: [],
      display: {},
    } as never);
    await resources.dashboards.widgets.edit(dashboard, widget, { label: 'Level (m)' });
    expect(await resources.dashboards.widgets.info(dashboard, widget)).toMatchObject({
      id: widget,
      dashboard,
      label: 'Level (m)',
      type: 'display',
    });
    expect(await resources.dashboards.widgets.delete(dashboard, widget)).toBe('Successfully Removed');
    await expect(resources.dashboards.widgets.info(dashboard, widget)).rejects.toBe('Widget not found');
    expect(await resources.dashboards.delete(dashboard)).toBe('Successfully Removed');
    expect(await resources.dashboards.list({ filter: { label: 'SDK*' } })).toEqual([]);
  });

  it('actions: create, info, edit, list, delete', async () => {
    const { action } = await resources.actions.create({
      ...specBody('createAction'),
      name: 'SDK action',
      active: true,
    });
    await resources.actions.edit(action, { active: false });
    expect(await resources.actions.info(action)).toMatchObject({ id: action, name: 'SDK action', active: false });
    expect(await resources.actions.list({ fields: ['id', 'name'] })).toContainEqual({ id: action, name: 'SDK action' });
    expect(await resources.actions.delete(action)).toBe('Successfully Removed');
    await expect(resources.actions.info(action)).rejects.toBe('Action not found');
  });

  it('notifications: create, list, mark read, remove', async () => {
    const { id } = await resources.notifications.create({ title: 'SDK', message: 'from the official SDK' });
    // The SDK's query type allows only `read` in `fields`; the API takes any field.
    const fields = ['id', 'title', 'read'] as never;
    const find = async () => (await resources.notifications.list({ fields })).find((n) => n.id === id);
    expect(await find()).toEqual({ id, title: 'SDK', read: false });
    await resources.notifications.markAsRead(id);
    expect(await find()).toEqual({ id, title: 'SDK', read: true });
    expect(await resources.notifications.remove(id)).toBe('Successfully Removed');
    expect(await find()).toBeUndefined();
  });

  it('run users: create, info, edit, list, delete', async () => {
    const { user } = await resources.run.userCreate({
      name: 'Ana',
      email: 'ana@example.com',
      password: 'secret-1',
      timezone: 'UTC',
    });
    await resources.run.userEdit(user, { name: 'Ana Lima' });
    expect(await resources.run.userInfo(user)).toMatchObject({ id: user, name: 'Ana Lima', email: 'ana@example.com' });
    expect(await resources.run.listUsers({ filter: { name: 'Ana*' }, fields: ['id', 'name'] })).toEqual([
      { id: user, name: 'Ana Lima' },
    ]);
    expect(await resources.run.userDelete(user)).toBe('Successfully Removed');
    await expect(resources.run.userInfo(user)).rejects.toBe('TagoRUN User not found');
  });

  it('entities: create, rows in and out, amount, empty, delete', async () => {
    const { id } = await resources.entities.create({
      name: 'SDK entity',
      schema: { level: { type: 'int', required: true } },
      index: {},
    } as never);
    expect(await resources.entities.info(id)).toMatchObject({ id, name: 'SDK entity' });
    expect(await resources.entities.sendEntityData(id, [{ level: 1 }, { level: 2 }])).toBe('2 Data Added');
    expect(await resources.entities.amount(id)).toBe(2);
    const rows = await resources.entities.getEntityData(id, { amount: 10 });
    expect(rows.map((r) => r.level).sort()).toEqual([1, 2]);
    expect(await resources.entities.deleteEntityData(id, { ids: [String(rows[0]!.id)] })).toBe('1 item(s) deleted');
    expect(await resources.entities.amount(id)).toBe(1);
    await resources.entities.emptyEntityData(id);
    expect(await resources.entities.amount(id)).toBe(0);
    expect(await resources.entities.delete(id)).toBe('Entity Successfully Removed');
  });

  it('secrets: create, info, edit, list, delete', async () => {
    const { id } = await resources.secrets.create({ key: 'SDK_KEY', value: 's3cr3t', tags: [] } as never);
    await resources.secrets.edit(id, { tags: [{ key: 'env', value: 'test' }] } as never);
    expect(await resources.secrets.info(id)).toMatchObject({
      id,
      key: 'SDK_KEY',
      tags: [{ key: 'env', value: 'test' }],
    });
    expect(await resources.secrets.list({ fields: ['id', 'key'] } as never)).toContainEqual({ id, key: 'SDK_KEY' });
    expect(await resources.secrets.delete(id)).toBe('Successfully Removed');
    await expect(resources.secrets.info(id)).rejects.toBe('Secret not found');
  });

  it('access management: create, info, edit, list, delete', async () => {
    const { am_id } = await resources.accessManagement.create({
      ...specBody('createAccessPolicy'),
      name: 'SDK policy',
      active: true,
    });
    await resources.accessManagement.edit(am_id, { active: false });
    expect(await resources.accessManagement.info(am_id)).toMatchObject({
      id: am_id,
      name: 'SDK policy',
      active: false,
    });
    expect(await resources.accessManagement.list({ fields: ['id', 'name'] })).toContainEqual({
      id: am_id,
      name: 'SDK policy',
    });
    expect(await resources.accessManagement.delete(am_id)).toBe('Access Management Successfully Deleted');
  });

  it('files: upload, list, move, permission, delete', async () => {
    const file = Buffer.from('a,b\n1,2\n').toString('base64');
    await resources.files.uploadBase64([{ filename: '/sdk/report.csv', file, public: false }]);
    expect((await resources.files.list({ path: '/sdk/' })).files).toEqual([
      expect.objectContaining({ filename: 'report.csv', size: 8 }),
    ]);
    await resources.files.move([{ from: '/sdk/report.csv', to: '/sdk/old/report.csv' }]);
    await resources.files.changePermission([{ file: '/sdk/old/report.csv', public: true }]);
    expect(await resources.files.checkPermission('/sdk/old/report.csv')).toEqual({ public: true });
    expect((await resources.files.list({ path: '/sdk/' })).folders).toEqual(['old']);
    await resources.files.delete(['/sdk/']);
    expect(await resources.files.list({ path: '/sdk/' })).toMatchObject({ files: [], folders: [] });
  });

  it('profile tokens: a created token authenticates the SDK until it is deleted', async () => {
    const made = await resources.profiles.tokenCreate(DEFAULT_PROFILE_ID, {
      name: 'sdk',
      permission: 'full',
      expire_time: 'never',
      email: 'owner@example.com',
      password: 'pw',
    } as never);
    const withToken = new Resources({ token: made.token, region: { api: emu.url, sse: emu.url } });
    expect(Array.isArray(await withToken.dashboards.list())).toBe(true);
    const tokens = await resources.profiles.tokenList(DEFAULT_PROFILE_ID);
    expect(tokens).toContainEqual(expect.objectContaining({ name: 'sdk', token: made.token }));
    await resources.profiles.tokenDelete(DEFAULT_PROFILE_ID, made.token);
    await expect(withToken.dashboards.list()).rejects.toBe('Authorization Denied');
  });

  it('payment history (sent with a trailing slash) answers its example', async () => {
    expect(Array.isArray(await resources.paymentHistory.getHistory())).toBe(true);
  });
});

/** A call outside the SDK (for what it has no method for), with the profile token. */
async function raw(method: string, path: string, body?: unknown, token: string = DEFAULT_TOKENS.profile) {
  const headers: Record<string, string> = { token };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { status: boolean; result?: any; message?: string } };
}

describe('Resources (profile token): analyses, integrations, TagoCore, SQL, templates, TagoRUN settings, account', () => {
  const region = () => ({ api: emu.url, sse: emu.url });

  it('analyses: create, info, edit, list (trailing slash), run fires a trigger, tokenGenerate, delete', async () => {
    const made = await resources.analysis.create({
      name: 'SDK report',
      run_on: 'external',
      variables: [{ key: 'limit', value: '30' }],
    } as never);
    expect(made).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), token: expect.stringMatching(/^a-/) });
    // The new token is an analysis token: /info names its analysis.
    expect((await raw('GET', '/info', undefined, made.token)).json.result).toMatchObject({
      id: made.id,
      name: 'SDK report',
      run_on: 'external',
    });
    expect(await resources.analysis.edit(made.id, { name: 'SDK report (daily)', active: false } as never)).toBe(
      'Successfully Updated',
    );
    expect(await resources.analysis.info(made.id)).toMatchObject({
      id: made.id,
      name: 'SDK report (daily)',
      active: false,
      variables: [{ key: 'limit', value: '30' }],
    });
    expect(await resources.analysis.list({ filter: { name: 'SDK report*' } })).toEqual([
      expect.objectContaining({ id: made.id, name: 'SDK report (daily)' }),
    ]);
    const before = emu.realtime.events.length;
    expect(await resources.analysis.run(made.id, [{ variable: 'go', value: 1 }])).toEqual({
      analysis_token: made.token,
    });
    expect(emu.realtime.events.slice(before)).toEqual([
      {
        id: expect.any(Number),
        channel: 'analysis_trigger',
        payload: {
          analysis_id: made.id,
          token: made.token,
          environment: [{ key: 'limit', value: '30' }],
          data: [{ variable: 'go', value: 1 }],
        },
      },
    ]);
    const renewed = await resources.analysis.tokenGenerate(made.id);
    expect(renewed.analysis_token).not.toBe(made.token);
    expect((await raw('GET', '/info', undefined, made.token)).status).toBe(401);
    expect((await raw('GET', '/info', undefined, renewed.analysis_token)).status).toBe(200);
    expect(await resources.analysis.delete(made.id)).toBe('Successfully Removed');
    await expect(resources.analysis.info(made.id)).rejects.toBe('Analysis not found');
    expect((await raw('GET', '/info', undefined, renewed.analysis_token)).status).toBe(401);
  });

  it('connectors: create, info, edit, list (trailing slash), delete', async () => {
    const { connector } = await resources.integration.connectors.create({
      ...specBody('createConnector'),
      name: 'SDK decoder',
    });
    expect(connector).toMatch(/^[0-9a-f]{24}$/);
    expect(await resources.integration.connectors.edit(connector, { description: 'v3 firmware' })).toBe(
      'Connector Successfully Updated',
    );
    expect(await resources.integration.connectors.info(connector)).toMatchObject({
      id: connector,
      name: 'SDK decoder',
      description: 'v3 firmware',
    });
    expect(await resources.integration.connectors.list({ filter: { name: 'SDK*' } } as never)).toEqual([
      expect.objectContaining({ id: connector, name: 'SDK decoder' }),
    ]);
    expect(await resources.integration.connectors.delete(connector)).toBe('Connector Successfully Deleted');
    await expect(resources.integration.connectors.info(connector)).rejects.toBe('Connector not found');
  });

  it('networks: create, info, edit, list, tokens that work as network tokens until removed, delete', async () => {
    const networks = resources.integration.networks;
    const { network } = await networks.create({ ...specBody('createNetwork'), name: 'SDK gateway' });
    expect(await networks.edit(network, { description: 'LoRa gateways' })).toMatch(/Successfully Updated$/);
    expect(await networks.info(network, ['id', 'name', 'description'])).toMatchObject({
      id: network,
      name: 'SDK gateway',
      description: 'LoRa gateways',
    });
    expect(await networks.list({ filter: { name: 'SDK*' } } as never)).toEqual([
      expect.objectContaining({ id: network, name: 'SDK gateway' }),
    ]);
    const made = await networks.tokenCreate(network, { name: 'middleware', permission: 'full' } as never);
    expect(made).toEqual({ token: expect.any(String), name: 'middleware', network });
    expect(await networks.tokenList(network)).toEqual([
      expect.objectContaining({ name: 'middleware', token: made.token, permission: 'full' }),
    ]);
    // The token resolves a device by its serial number, as a network's middleware does.
    const middleware = new Network({ token: made.token, region: region() });
    expect(await middleware.resolveToken('SN-0001')).toBe(DEFAULT_DEVICE.token);
    expect(await networks.tokenDelete(made.token)).toBe('Token Successfully Removed');
    await expect(middleware.resolveToken('SN-0001')).rejects.toBe('Authorization Denied');
    expect(await networks.tokenList(network)).toEqual([]);
    expect(await networks.delete(network)).toMatch(/Successfully (Deleted|Removed)$/);
    await expect(networks.info(network)).rejects.toBe('Network not found');
  });

  it('service authorizations: tokenCreate (a working token), tokenList, tokenEdit, tokenDelete', async () => {
    const auth = resources.serviceAuthorization;
    const made = await auth.tokenCreate({ name: 'LoRaWAN partner', permission: 'full' } as never);
    expect(made).toMatchObject({ token: expect.stringMatching(/^at/), name: 'LoRaWAN partner' });
    expect((await raw('GET', '/info', undefined, made.token)).status).toBe(200);
    expect(await auth.tokenList()).toContainEqual(
      expect.objectContaining({ name: 'LoRaWAN partner', token: made.token }),
    );
    expect(await auth.tokenEdit(made.token, 'code-42')).toBe('Authorization Code Successfully Updated');
    expect(emu.state.resources('serviceAuthorizations').get(made.token)).toMatchObject({
      verification_code: 'code-42',
    });
    expect(await auth.tokenDelete(made.token)).toBe('Token Successfully Removed');
    expect((await raw('GET', '/info', undefined, made.token)).status).toBe(401);
    await expect(auth.tokenEdit(made.token, 'x')).rejects.toBe('Token not found');
  });

  it('TagoCore: list, info, edit, tokenGenerate, delete (created over HTTP: the SDK has no create)', async () => {
    const created = await raw('POST', '/tcore/instance', { name: 'SDK edge box' });
    const id = created.json.result.id as string;
    expect(await resources.tagocores.list({ filter: { name: 'SDK*' } } as never)).toEqual([
      expect.objectContaining({ id, name: 'SDK edge box' }),
    ]);
    expect(await resources.tagocores.edit(id, { name: 'SDK edge box 2', active: false })).toBe(
      'TagoCore Successfully Updated',
    );
    expect(await resources.tagocores.info(id)).toMatchObject({ id, name: 'SDK edge box 2', active: false });
    const token = await resources.tagocores.tokenGenerate(id);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(await resources.tagocores.tokenGenerate(id)).not.toBe(token);
    expect(await resources.tagocores.delete(id)).toBe('TagoCore Successfully Removed');
    await expect(resources.tagocores.info(id)).rejects.toBe('TagoCore not found');
  });

  it('SQL: create, info, edit (a new version), list, getVersion, execute, tables, delete', async () => {
    const first = "SELECT value FROM device($1) AS d WHERE variable = 'level'";
    const made = await resources.sql.create({ name: 'SDK levels', query: first, params: [] } as never);
    expect(made).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'SDK levels',
      query: first,
      version: 1,
    });
    const second = `${first} LIMIT 5`;
    expect(await resources.sql.edit(made.id, { name: 'SDK levels', query: second } as never)).toMatchObject({
      id: made.id,
      query: second,
      version: 2,
    });
    expect(await resources.sql.info(made.id)).toMatchObject({ id: made.id, query: second, version: 2 });
    expect(await resources.sql.list({ filter: { name: 'SDK*' } } as never)).toEqual([
      expect.objectContaining({ id: made.id, name: 'SDK levels' }),
    ]);
    expect(await resources.sql.getVersion(made.id, 1)).toMatchObject({ query: first });
    expect(await resources.sql.getVersion(made.id, 2)).toMatchObject({ query: second });
    await expect(resources.sql.getVersion(made.id, 3)).rejects.toBe('Version not found');
    // No SQL engine: execution and the table list answer the spec's examples.
    expect(await resources.sql.execute(made.id)).toMatchObject({ columns: expect.any(Array), rows: expect.any(Array) });
    expect(await resources.sql.tables()).toBeTruthy();
    expect(await resources.sql.delete(made.id)).toEqual({ id: made.id });
    await expect(resources.sql.info(made.id)).rejects.toBe('SQL query not found');
  });

  it('templates: generateTemplate from a dashboard, getTemplate, installTemplate', async () => {
    const { dashboard } = await resources.dashboards.create({ label: 'Template source' } as never);
    const id = await resources.template.generateTemplate({ dashboard, name: 'Cold chain' } as never);
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(await resources.template.getTemplate(id)).toMatchObject({ name: 'Cold chain', type: 'dashboard' });
    expect(await resources.template.installTemplate(id, {} as never)).toBeTruthy();
    await expect(resources.template.getTemplate('65f0000000000000000000ff')).rejects.toBe('Template not found');
    await expect(
      resources.template.generateTemplate({ dashboard: '65f0000000000000000000ff', name: 'x' } as never),
    ).rejects.toBe('Dashboard not found');
  });

  it('TagoRUN: settings and SAML read back as edited, a custom domain, notifications for a run user', async () => {
    expect(await resources.run.edit({ name: 'SDK portal', sidebar_buttons: [] } as never)).toBe(
      'TagoRUN Successfully Updated',
    );
    expect(await resources.run.info()).toMatchObject({ name: 'SDK portal', sidebar_buttons: [] });
    // The SAML body is closed (`idp_metadata`, `mapping`); the SDK's own types allow only those two.
    const mapping = { email: 'mail', firstName: 'givenName', lastName: 'sn' };
    expect(await resources.run.ssoSAMLEdit({ mapping })).toBe('SAML SSO Successfully Updated');
    expect(await resources.run.ssoSAMLInfo()).toMatchObject({ mapping });
    await expect(resources.run.ssoSAMLEdit({ active: true } as never)).rejects.toMatch(/additional properties/);
    const domain = { domain: 'example.com', subdomain: 'portal', email: 'example.com' };
    expect(await resources.run.createCustomDomain(DEFAULT_PROFILE_ID, domain)).toBe('Custom domain created');
    expect(await resources.run.getCustomDomain(DEFAULT_PROFILE_ID)).toMatchObject({ ...domain, active: false });
    expect(await resources.run.deleteCustomDomain(DEFAULT_PROFILE_ID)).toBe('Custom domain deleted');
    await expect(resources.run.getCustomDomain(DEFAULT_PROFILE_ID)).rejects.toBe('Custom domain not found');
    const { user } = await resources.run.userCreate({
      name: 'Rui',
      email: 'rui@example.com',
      password: 'secret-pw',
      timezone: 'UTC',
    } as never);
    const { id } = await resources.run.notificationCreate(user, { title: 'Low level', message: 'Tank 2 is low' });
    expect(await resources.run.notificationList(user)).toEqual([
      expect.objectContaining({ id, run_user: user, title: 'Low level', message: 'Tank 2 is low' }),
    ]);
    expect(await resources.run.notificationEdit(id, { read: true } as never)).toBe('Notification Successfully Updated');
    expect(await resources.run.notificationList(user)).toEqual([expect.objectContaining({ id, read: true })]);
    expect(await resources.run.notificationDelete(id)).toBe('Notification Successfully Removed');
    expect(await resources.run.notificationList(user)).toEqual([]);
  });

  it('profiles and billing: settings read back as edited', async () => {
    expect(await resources.profiles.list()).toContainEqual(expect.objectContaining({ id: DEFAULT_PROFILE_ID }));
    expect(await resources.profiles.edit(DEFAULT_PROFILE_ID, { name: 'SDK profile' } as never)).toBe(
      'Profile Successfully Updated',
    );
    expect((await resources.profiles.info(DEFAULT_PROFILE_ID)).info).toMatchObject({
      id: DEFAULT_PROFILE_ID,
      name: 'SDK profile',
    });
    expect(await resources.billing.editBillingInformation({ company: 'SDK Ltd', city: 'Porto' } as never)).toBe(
      'Billing information Successfully Updated',
    );
    expect(await resources.billing.getBillingInformation()).toMatchObject({ company: 'SDK Ltd', city: 'Porto' });
    const [row] = (await resources.billing.getAllocation()) as unknown as { profile: string }[];
    expect(await resources.billing.editAllocation([{ profile: row!.profile, analysis: 7 }] as never)).toBe(
      'Profile resource allocation Successfully Updated',
    );
    expect(await resources.billing.getAllocation()).toContainEqual(
      expect.objectContaining({ profile: row!.profile, analysis: 7 }),
    );
  });
});
