// @ts-check
// The mistake probes: each is a few lines of client code whose last line holds one mistake a new user makes. The
// same text is compiled as TypeScript (where `@ts-expect-error` must be needed: the mistake fails `tsc`) and run as
// plain JavaScript against the real client and the emulator (where it must fail with a typed error).

/**
 * @typedef {object} Probe
 * @property {string} id Unique, `<class>/<what>`.
 * @property {string[]} lines Statements; the mistake is on the last one.
 * @property {{ name: string, code: string }} expect The typed error the JavaScript twin fails with.
 */

/** The probe classes, in report order. */
export const CLASSES = ['body', 'fields', 'query', 'path', 'token-kind', 'region', 'options', 'result'];

const ID = "'5dcad1c216174c001ca23ab9'";
/** @param {string} code */
const refused = (code) => ({ name: 'TagoValidationError', code });
/** A value the spec's enum does not hold: refused by the client before sending (the emulator would answer 400). */
const notAValue = refused('query_value_invalid');
const unknownKey = refused('body_field_unknown');
/** What the API (here the emulator) answers a record edit whose id is empty: the client passes it, TagoIO refuses. */
const refusedByApi = { name: 'BadRequestError', code: 'bad_request' };

/**
 * Probes of the grouped clients (Node and Deno: `profile`, `device`, `network` are clients of those token kinds,
 * `createClient` the package's factory, `token` a string).
 * @type {Probe[]}
 */
export const CLIENT_PROBES = [
  // Typos in request bodies (closed bodies: tsc excess-property errors; run time body_field_unknown).
  {
    id: 'body/dashboard-edit-lable',
    lines: [`await profile.dashboards.update({ dashboardID: ${ID}, body: { lable: 'Plant' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/device-create-activ',
    lines: [`await profile.devices.create({ body: { name: 'x', network: ${ID}, connector: ${ID}, activ: true } });`],
    expect: unknownKey,
  },
  {
    id: 'body/device-edit-nmae',
    lines: [`await profile.devices.update({ deviceID: ${ID}, body: { nmae: 'x' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/record-valeu',
    lines: [`await device.deviceData.sendData({ body: { variable: 'temperature', valeu: 21 } });`],
    expect: unknownKey,
  },
  {
    id: 'body/record-list-unti',
    lines: [`await device.deviceData.sendData({ body: [{ variable: 't', value: 1 }, { variable: 't', unti: 'C' }] });`],
    expect: unknownKey,
  },
  {
    id: 'body/record-edit-valeu',
    lines: [`await device.deviceData.editData({ body: [{ id: ${ID}, valeu: 2 }] });`],
    expect: unknownKey,
  },
  {
    id: 'body/secret-create-tgas',
    lines: [`await profile.secrets.create({ body: { key: 'API_KEY', value: 'secret-value', tgas: [] } });`],
    expect: unknownKey,
  },
  {
    id: 'body/secret-edit-vaule',
    lines: [`await profile.secrets.update({ secretID: ${ID}, body: { vaule: 'secret-value' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/dictionary-create-fallbak',
    lines: [`await profile.dictionaries.create({ body: { name: 'D', slug: 'D', fallbak: 'en-US' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/analysis-create-runtim',
    lines: [`await profile.analyses.create({ body: { name: 'a', runtim: 'node' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/entity-create-shcema',
    lines: [`await profile.entities.create({ body: { name: 'e', shcema: {} } });`],
    expect: unknownKey,
  },
  {
    id: 'body/dashboard-create-tgas',
    lines: [`await profile.dashboards.create({ body: { label: 'x', tgas: [] } });`],
    expect: unknownKey,
  },
  {
    id: 'body/device-token-permision',
    lines: [`await profile.devices.createToken({ body: { device: ${ID}, name: 't', permision: 'full' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/notification-titel',
    lines: [`await profile.notifications.create({ body: { title: 't', message: 'm', titel: 't' } });`],
    expect: unknownKey,
  },
  // Typos in `fields` (string enums per list).
  { id: 'fields/devices-nmae', lines: [`await profile.devices.list({ fields: ['id', 'nmae'] });`], expect: notAValue },
  {
    id: 'fields/dashboards-title',
    lines: [`await profile.dashboards.list({ fields: ['id', 'title'] });`],
    expect: notAValue,
  },
  { id: 'fields/analyses-runtim', lines: [`await profile.analyses.list({ fields: ['runtim'] });`], expect: notAValue },
  {
    id: 'fields/secrets-value',
    lines: [`await profile.secrets.list({ fields: ['key', 'value'] });`],
    expect: notAValue,
  },
  { id: 'fields/actions-trigers', lines: [`await profile.actions.list({ fields: ['trigers'] });`], expect: notAValue },
  {
    id: 'fields/device-tokens-id',
    lines: [`await profile.devices.listTokens({ deviceIDOrToken: ${ID}, fields: ['id'] });`],
    expect: notAValue,
  },
  // A field the list was not asked for: its rows are narrowed to `fields`, and the API leaves the others out.
  {
    id: 'fields/devices-row-unasked',
    lines: [
      "const rows = await profile.devices.list({ fields: ['id', 'name'] });",
      "await profile.networks.get({ networkID: rows[0]?.network ?? '' });",
    ],
    expect: refused('path_param_missing'),
  },
  {
    id: 'fields/devices-walk-unasked',
    lines: [
      "for await (const row of profile.devices.list({ fields: ['id', 'name'] }))",
      "  await profile.networks.get({ networkID: row.network ?? '' });",
    ],
    expect: refused('path_param_missing'),
  },
  // Wrong query values.
  {
    id: 'query/data-query-mode',
    lines: [`await device.deviceData.getData({ query: 'last_valeu' });`],
    expect: notAValue,
  },
  {
    id: 'query/data-ordination',
    lines: [`await device.deviceData.getData({ ordination: 'asc' });`],
    expect: notAValue,
  },
  {
    id: 'query/data-qty-text',
    lines: [`await device.deviceData.getData({ qty: '10' });`],
    expect: refused('paging_invalid'),
  },
  {
    id: 'query/list-amount-text',
    lines: [`await profile.devices.list({ amount: '20' });`],
    expect: refused('paging_invalid'),
  },
  {
    id: 'query/unknown-argument',
    lines: [`await device.deviceData.getData({ qtty: 10 });`],
    expect: refused('arg_unknown'),
  },
  // Path ids.
  {
    id: 'path/device-id-case',
    lines: [`await profile.devices.get({ deviceId: ${ID} });`],
    expect: refused('arg_unknown'),
  },
  { id: 'path/device-id-missing', lines: ['await profile.devices.get({});'], expect: refused('path_param_missing') },
  {
    id: 'path/device-id-object',
    lines: [`await profile.devices.get({ deviceID: { id: ${ID} } });`],
    expect: refused('path_param_invalid'),
  },
  {
    id: 'path/dashboard-by-device-id',
    lines: [`await profile.dashboards.get({ deviceID: ${ID} });`],
    expect: refused('arg_unknown'),
  },
  {
    id: 'path/device-tokens-name',
    lines: [`await profile.devices.listTokens({ deviceID: ${ID} });`],
    expect: refused('arg_unknown'),
  },
  // A token kind that cannot call the operation (the scoped client has no such group or method).
  {
    id: 'token-kind/device-lists-devices',
    lines: ['await device.devices.list();'],
    expect: refused('token_kind_mismatch'),
  },
  {
    id: 'token-kind/device-runs-analysis',
    lines: [`await device.analyses.run({ analysisID: ${ID} });`],
    expect: refused('token_kind_mismatch'),
  },
  {
    id: 'token-kind/device-lists-secrets',
    lines: ['await device.secrets.list();'],
    expect: refused('token_kind_mismatch'),
  },
  {
    id: 'token-kind/profile-sends-device-data',
    lines: [`await profile.deviceData.sendData({ body: { variable: 't' } });`],
    expect: refused('token_kind_mismatch'),
  },
  {
    id: 'token-kind/network-creates-dashboard',
    lines: [`await network.dashboards.create({ body: { label: 'x' } });`],
    expect: refused('token_kind_mismatch'),
  },
  // Region ids.
  { id: 'region/eu-w2', lines: ["createClient({ token, region: 'eu-w2' });"], expect: refused('region_unknown') },
  {
    id: 'region/aws-name',
    lines: ["createClient({ token, region: 'us-east-1' });"],
    expect: refused('region_unknown'),
  },
  { id: 'region/upper-case', lines: ["createClient({ token, region: 'EU-W1' });"], expect: refused('region_unknown') },
  {
    id: 'region/tdeploy-number',
    lines: ['createClient({ token, region: { tdeploy: 42 } });'],
    expect: refused('region_tdeploy_invalid'),
  },
  // Client and call options.
  { id: 'options/regoin', lines: ["createClient({ token, regoin: 'eu-w1' });"], expect: refused('option_unknown') },
  {
    id: 'options/token-kind-plural',
    lines: ["createClient({ token, tokenKind: 'devices' });"],
    expect: refused('option_invalid'),
  },
  {
    id: 'options/call-timeout',
    lines: ['await profile.devices.list({}, { timeout: 5 });'],
    expect: refused('option_unknown'),
  },
  // Misused results: the mistake reaches the next call, which refuses the undefined (or list) id it is given.
  {
    id: 'result/device-create-deviceID',
    lines: [
      `const made = await profile.devices.create({ body: { name: 'x', network: ${ID}, connector: ${ID} } });`,
      'await profile.devices.get({ deviceID: made.deviceID });',
    ],
    expect: refused('path_param_invalid'),
  },
  {
    id: 'result/dashboard-create-id',
    lines: [
      "const made = await profile.dashboards.create({ body: { label: 'x' } });",
      'await profile.dashboards.get({ dashboardID: made.id });',
    ],
    expect: refused('path_param_invalid'),
  },
  {
    id: 'result/list-as-id',
    lines: ['const rows = await profile.devices.list();', 'await profile.devices.get({ deviceID: rows });'],
    expect: refused('path_param_invalid'),
  },
  {
    id: 'result/row-field-typo',
    lines: [
      "const rows = await profile.devices.list({ fields: ['id', 'name'] });",
      'await profile.devices.get({ deviceID: rows[0]?.nmae });',
    ],
    expect: refused('path_param_invalid'),
  },
  // getData resolves by its `query`: a count is a number, aggregate buckets have no record id.
  {
    id: 'result/data-count-as-records',
    lines: [
      "const total = await device.deviceData.getData({ query: 'count', variables: ['temperature'] });",
      "await device.deviceData.editData({ body: [{ id: total[0]?.id ?? '', value: 1 }] });",
    ],
    expect: refusedByApi,
  },
  {
    id: 'result/data-aggregate-id',
    lines: [
      "const buckets = await device.deviceData.getData({ query: 'aggregate', interval: 'hour', function: 'avg' });",
      "await device.deviceData.editData({ body: [{ id: buckets[0]?.id ?? '', value: 1 }] });",
    ],
    expect: refusedByApi,
  },
  // min and max answer records (one per variable), not the number a reader of the SDK's old types expects.
  {
    id: 'result/data-min-as-number',
    lines: [
      "const lowest = await device.deviceData.getData({ query: 'min', variables: ['temperature'] });",
      "await device.deviceData.sendData({ body: { variable: 'lowest', value: lowest } });",
    ],
    expect: refusedByApi,
  },
  // A count has no rows to walk: its items are `never`, and the walk refuses to start.
  {
    id: 'result/data-count-walked',
    lines: [
      "for await (const row of device.deviceData.getData({ query: 'count' }))",
      '  await device.deviceData.editData({ body: [{ id: row.id, value: 1 }] });',
    ],
    expect: refused('not_a_list'),
  },
];

/**
 * Probes of the edge functions (`E` is `@tagokit/edge`; `profile`, `device`, `network` are edge clients of those
 * kinds): the client probes' mistakes, in the same order and under the same ids, written against the functions,
 * and the mistakes only the function API allows (ids `<class>/edge-...`).
 * @type {Probe[]}
 */
export const EDGE_PROBES = [
  // Typos in request bodies.
  {
    id: 'body/dashboard-edit-lable',
    lines: [`await E.updateDashboard(profile, { dashboardID: ${ID}, body: { lable: 'Plant' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/device-create-activ',
    lines: [`await E.createDevice(profile, { body: { name: 'x', network: ${ID}, connector: ${ID}, activ: true } });`],
    expect: unknownKey,
  },
  {
    id: 'body/device-edit-nmae',
    lines: [`await E.updateDevice(profile, { deviceID: ${ID}, body: { nmae: 'x' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/record-valeu',
    lines: [`await E.sendData(device, { body: { variable: 'temperature', valeu: 21 } });`],
    expect: unknownKey,
  },
  {
    id: 'body/record-list-unti',
    lines: [`await E.sendData(device, { body: [{ variable: 't', value: 1 }, { variable: 't', unti: 'C' }] });`],
    expect: unknownKey,
  },
  {
    id: 'body/record-edit-valeu',
    lines: [`await E.editData(device, { body: [{ id: ${ID}, valeu: 2 }] });`],
    expect: unknownKey,
  },
  {
    id: 'body/secret-create-tgas',
    lines: [`await E.createSecret(profile, { body: { key: 'API_KEY', value: 'secret-value', tgas: [] } });`],
    expect: unknownKey,
  },
  {
    id: 'body/secret-edit-vaule',
    lines: [`await E.updateSecret(profile, { secretID: ${ID}, body: { vaule: 'secret-value' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/dictionary-create-fallbak',
    lines: [`await E.createDictionary(profile, { body: { name: 'D', slug: 'D', fallbak: 'en-US' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/analysis-create-runtim',
    lines: [`await E.createAnalysis(profile, { body: { name: 'a', runtim: 'node' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/entity-create-shcema',
    lines: [`await E.createEntity(profile, { body: { name: 'e', shcema: {} } });`],
    expect: unknownKey,
  },
  {
    id: 'body/dashboard-create-tgas',
    lines: [`await E.createDashboard(profile, { body: { label: 'x', tgas: [] } });`],
    expect: unknownKey,
  },
  {
    id: 'body/device-token-permision',
    lines: [`await E.createDeviceToken(profile, { body: { device: ${ID}, name: 't', permision: 'full' } });`],
    expect: unknownKey,
  },
  {
    id: 'body/notification-titel',
    lines: [`await E.createProfileNotification(profile, { body: { title: 't', message: 'm', titel: 't' } });`],
    expect: unknownKey,
  },
  // Typos in `fields`.
  {
    id: 'fields/devices-nmae',
    lines: [`await E.listDevices(profile, { fields: ['id', 'nmae'] });`],
    expect: notAValue,
  },
  {
    id: 'fields/dashboards-title',
    lines: [`await E.listDashboards(profile, { fields: ['id', 'title'] });`],
    expect: notAValue,
  },
  {
    id: 'fields/analyses-runtim',
    lines: [`await E.listAnalyses(profile, { fields: ['runtim'] });`],
    expect: notAValue,
  },
  {
    id: 'fields/secrets-value',
    lines: [`await E.listSecrets(profile, { fields: ['key', 'value'] });`],
    expect: notAValue,
  },
  {
    id: 'fields/actions-trigers',
    lines: [`await E.listActions(profile, { fields: ['trigers'] });`],
    expect: notAValue,
  },
  {
    id: 'fields/device-tokens-id',
    lines: [`await E.listDeviceTokens(profile, { deviceIDOrToken: ${ID}, fields: ['id'] });`],
    expect: notAValue,
  },
  {
    id: 'fields/devices-row-unasked',
    lines: [
      "const rows = await E.listDevices(profile, { fields: ['id', 'name'] });",
      "await E.getNetwork(profile, { networkID: rows[0]?.network ?? '' });",
    ],
    expect: refused('path_param_missing'),
  },
  {
    id: 'fields/devices-walk-unasked',
    lines: [
      "for await (const row of E.listDevices(profile, { fields: ['id', 'name'] }))",
      "  await E.getNetwork(profile, { networkID: row.network ?? '' });",
    ],
    expect: refused('path_param_missing'),
  },
  // Wrong query values.
  { id: 'query/data-query-mode', lines: [`await E.getData(device, { query: 'last_valeu' });`], expect: notAValue },
  { id: 'query/data-ordination', lines: [`await E.getData(device, { ordination: 'asc' });`], expect: notAValue },
  {
    id: 'query/data-qty-text',
    lines: [`await E.getData(device, { qty: '10' });`],
    expect: refused('paging_invalid'),
  },
  {
    id: 'query/list-amount-text',
    lines: [`await E.listDevices(profile, { amount: '20' });`],
    expect: refused('paging_invalid'),
  },
  {
    id: 'query/unknown-argument',
    lines: [`await E.getData(device, { qtty: 10 });`],
    expect: refused('arg_unknown'),
  },
  // Path ids.
  {
    id: 'path/device-id-case',
    lines: [`await E.getDevice(profile, { deviceId: ${ID} });`],
    expect: refused('arg_unknown'),
  },
  { id: 'path/device-id-missing', lines: ['await E.getDevice(profile, {});'], expect: refused('path_param_missing') },
  {
    id: 'path/device-id-object',
    lines: [`await E.getDevice(profile, { deviceID: { id: ${ID} } });`],
    expect: refused('path_param_invalid'),
  },
  {
    id: 'path/dashboard-by-device-id',
    lines: [`await E.getDashboard(profile, { deviceID: ${ID} });`],
    expect: refused('arg_unknown'),
  },
  {
    id: 'path/device-tokens-name',
    lines: [`await E.listDeviceTokens(profile, { deviceID: ${ID} });`],
    expect: refused('arg_unknown'),
  },
  // A token kind that cannot call the function (its first parameter takes only the kinds that can).
  {
    id: 'token-kind/device-lists-devices',
    lines: ['await E.listDevices(device);'],
    expect: refused('token_kind_mismatch'),
  },
  {
    id: 'token-kind/device-runs-analysis',
    lines: [`await E.runAnalysis(device, { analysisID: ${ID} });`],
    expect: refused('token_kind_mismatch'),
  },
  {
    id: 'token-kind/device-lists-secrets',
    lines: ['await E.listSecrets(device);'],
    expect: refused('token_kind_mismatch'),
  },
  {
    id: 'token-kind/profile-sends-device-data',
    lines: [`await E.sendData(profile, { body: { variable: 't' } });`],
    expect: refused('token_kind_mismatch'),
  },
  {
    id: 'token-kind/network-creates-dashboard',
    lines: [`await E.createDashboard(network, { body: { label: 'x' } });`],
    expect: refused('token_kind_mismatch'),
  },
  // The function API only: no client first (the arguments, or the bare token string, in its place).
  {
    id: 'token-kind/edge-args-as-client',
    lines: ["await E.listDevices({ fields: ['id', 'name'] });"],
    expect: refused('client_invalid'),
  },
  {
    id: 'token-kind/edge-token-as-client',
    lines: [`await E.getDevice(token, { deviceID: ${ID} });`],
    expect: refused('client_invalid'),
  },
  // Region ids.
  { id: 'region/eu-w2', lines: ["E.createEdgeClient({ token, region: 'eu-w2' });"], expect: refused('region_unknown') },
  {
    id: 'region/aws-name',
    lines: ["E.createEdgeClient({ token, region: 'us-east-1' });"],
    expect: refused('region_unknown'),
  },
  {
    id: 'region/upper-case',
    lines: ["E.createEdgeClient({ token, region: 'EU-W1' });"],
    expect: refused('region_unknown'),
  },
  {
    id: 'region/tdeploy-number',
    lines: ['E.createEdgeClient({ token, region: { tdeploy: 42 } });'],
    expect: refused('region_tdeploy_invalid'),
  },
  // Client and call options.
  {
    id: 'options/regoin',
    lines: ["E.createEdgeClient({ token, regoin: 'eu-w1' });"],
    expect: refused('option_unknown'),
  },
  {
    id: 'options/token-kind-plural',
    lines: ["E.createEdgeClient({ token, tokenKind: 'devices' });"],
    expect: refused('option_invalid'),
  },
  {
    id: 'options/call-timeout',
    lines: ['await E.listDevices(profile, {}, { timeout: 5 });'],
    expect: refused('option_unknown'),
  },
  // Misused results.
  {
    id: 'result/device-create-deviceID',
    lines: [
      `const made = await E.createDevice(profile, { body: { name: 'x', network: ${ID}, connector: ${ID} } });`,
      'await E.getDevice(profile, { deviceID: made.deviceID });',
    ],
    expect: refused('path_param_invalid'),
  },
  {
    id: 'result/dashboard-create-id',
    lines: [
      "const made = await E.createDashboard(profile, { body: { label: 'x' } });",
      'await E.getDashboard(profile, { dashboardID: made.id });',
    ],
    expect: refused('path_param_invalid'),
  },
  {
    id: 'result/list-as-id',
    lines: ['const rows = await E.listDevices(profile);', 'await E.getDevice(profile, { deviceID: rows });'],
    expect: refused('path_param_invalid'),
  },
  {
    id: 'result/row-field-typo',
    lines: [
      "const rows = await E.listDevices(profile, { fields: ['id', 'name'] });",
      'await E.getDevice(profile, { deviceID: rows[0]?.nmae });',
    ],
    expect: refused('path_param_invalid'),
  },
  {
    id: 'result/data-count-as-records',
    lines: [
      "const total = await E.getData(device, { query: 'count', variables: ['temperature'] });",
      "await E.editData(device, { body: [{ id: total[0]?.id ?? '', value: 1 }] });",
    ],
    expect: refusedByApi,
  },
  {
    id: 'result/data-aggregate-id',
    lines: [
      "const buckets = await E.getData(device, { query: 'aggregate', interval: 'hour', function: 'avg' });",
      "await E.editData(device, { body: [{ id: buckets[0]?.id ?? '', value: 1 }] });",
    ],
    expect: refusedByApi,
  },
  {
    id: 'result/data-min-as-number',
    lines: [
      "const lowest = await E.getData(device, { query: 'min', variables: ['temperature'] });",
      "await E.sendData(device, { body: { variable: 'lowest', value: lowest } });",
    ],
    expect: refusedByApi,
  },
  {
    id: 'result/data-count-walked',
    lines: [
      "for await (const row of E.getData(device, { query: 'count' }))",
      '  await E.editData(device, { body: [{ id: row.id, value: 1 }] });',
    ],
    expect: refused('not_a_list'),
  },
];

/**
 * The TypeScript text of a probe list: one async function per probe, the directive above each mistake line.
 * @param {string} header Imports and the clients the probes use.
 * @param {Probe[]} probes
 */
export function probeSource(header, probes) {
  const body = probes.map((p, i) => {
    const lines = p.lines.slice(0, -1).map((l) => `  ${l}`);
    return [
      `/** ${p.id} */`,
      `export async function probe${i}(): Promise<void> {`,
      ...lines,
      `  // @ts-expect-error ${p.id}`,
      `  ${p.lines.at(-1)}`,
      '}',
    ].join('\n');
  });
  return `${header}\n${body.join('\n\n')}\n`;
}
