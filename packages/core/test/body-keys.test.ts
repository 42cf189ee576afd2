import { describe, expect, it } from 'vitest';
import {
  bodyKeyCheck,
  buildPath,
  callOperation,
  checkBodyKeys,
  checkQueryValues,
  createEndpoint,
  regionById,
  sender,
  TagoValidationError,
  type BodyKeyTable,
  type QueryValueTable,
  type OperationDescriptor,
  type Transport,
  type WireRequest,
} from '../src/internal/index.js';

const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';

const descriptor = (id: string, shape: 'object' | 'object-or-array'): OperationDescriptor => ({
  id,
  method: 'PUT',
  path: '/dashboard/{dashboardID}',
  kinds: ['profile'],
  envelope: 'envelope',
  paging: 'none',
  pathParams: id === 'updateDashboard' ? ['dashboardID'] : [],
  queryParams: [],
  requiredQuery: [],
  body: { required: true, contentType: 'application/json', shape, requiredKeys: [] },
  // As generated descriptors with a path placeholder carry it.
  encodePath: buildPath,
});
const updateDashboard = descriptor('updateDashboard', 'object');
const sendData = descriptor('sendData', 'object-or-array');
const table: BodyKeyTable = { updateDashboard: ['label', 'tags', 'visible'], sendData: ['variable', 'value'] };

const refusal = (fn: () => void): TagoValidationError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof TagoValidationError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('checkBodyKeys', () => {
  it('refuses a misspelt key with the closest known one, naming the field', () => {
    const error = refusal(() => checkBodyKeys(updateDashboard, { lable: 'Plant' }, table));
    expect(error.message).toBe('updateDashboard: body has no field "lable"; did you mean "label"?');
    expect(error).toMatchObject({ code: 'body_field_unknown', field: 'body.lable', method: 'PUT' });
  });

  it('checks each object of an array body and says which one', () => {
    const error = refusal(() => checkBodyKeys(sendData, [{ variable: 't' }, { variable: 't', valeu: 1 }], table));
    expect(error.message).toBe('sendData: body[1] has no field "valeu"; did you mean "value"?');
    expect(error.field).toBe('body[1].valeu');
  });

  it('gives no suggestion when nothing is close, and shows odd keys safely', () => {
    expect(refusal(() => checkBodyKeys(updateDashboard, { background: 1 }, table)).message).toBe(
      'updateDashboard: body has no field "background"',
    );
    expect(refusal(() => checkBodyKeys(updateDashboard, { 'a\nb': 1 }, table)).message).toBe(
      'updateDashboard: body has no field "a?b"',
    );
  });

  it('accepts listed keys, and any key of an operation the table leaves out (open bodies)', () => {
    expect(() => checkBodyKeys(updateDashboard, { label: 'x', tags: [], visible: true }, table)).not.toThrow();
    expect(() => checkBodyKeys(descriptor('sendEntityData', 'object'), { any_column: 1 }, table)).not.toThrow();
    // Inherited names are not table entries: a body for an operation called "constructor" is not checked.
    expect(() => checkBodyKeys(descriptor('constructor', 'object'), { x: 1 }, table)).not.toThrow();
  });
});

describe('checkQueryValues', () => {
  const listDevices = { ...descriptor('listDevices', 'object'), queryParams: ['fields', 'ordination'] };
  const values: QueryValueTable = { listDevices: { fields: ['id', 'name', 'tags'], ordination: ['ascending'] } };

  it('refuses a value of a list the enum does not hold, naming its place and the closest value', () => {
    const error = refusal(() => checkQueryValues(listDevices, { fields: ['id', 'nmae'] }, values));
    expect(error.message).toBe('listDevices: "nmae" is not a value of fields; did you mean "name"?');
    expect(error).toMatchObject({ code: 'query_value_invalid', field: 'fields[1]' });
  });

  it('refuses a single value the same way', () => {
    const error = refusal(() => checkQueryValues(listDevices, { ordination: 'asc' }, values));
    expect(error).toMatchObject({ field: 'ordination', message: 'listDevices: "asc" is not a value of ordination' });
  });

  it('accepts listed values, other parameters, non-strings and operations without entries', () => {
    expect(() => checkQueryValues(listDevices, { fields: ['id', 'tags'], page: 2 }, values)).not.toThrow();
    expect(() => checkQueryValues(listDevices, { ordination: 1 }, values)).not.toThrow();
    expect(() => checkQueryValues(updateDashboard, { fields: ['x'] }, values)).not.toThrow();
  });
});

describe('callOperation with a body-key table', () => {
  function recorder() {
    const requests: WireRequest[] = [];
    const transport: Transport = async (req) => {
      requests.push(req);
      return { status: 200, headers: {}, body: '{"status":true,"result":"Successfully Updated"}' };
    };
    return { transport, requests };
  }
  const args = { dashboardID: '5dcad1c216174c001ca23ab9', body: { lable: 'Plant' } };

  it('refuses before sending when the context carries the table', async () => {
    const { transport, requests } = recorder();
    const core = sender(createEndpoint(regionById('us-e1'), { token: TOKEN }), transport);
    const ctx = { core, bodyKeys: bodyKeyCheck(table) };
    await expect(callOperation(ctx, updateDashboard, args)).rejects.toMatchObject({
      name: 'TagoValidationError',
      code: 'body_field_unknown',
      field: 'body.lable',
    });
    expect(requests).toHaveLength(0);
  });

  it('sends as before without the table (the lean edge client)', async () => {
    const { transport, requests } = recorder();
    const ctx = { core: sender(createEndpoint(regionById('us-e1'), { token: TOKEN }), transport) };
    await expect(callOperation(ctx, updateDashboard, args)).resolves.toBe('Successfully Updated');
    expect(JSON.parse(String(requests[0]!.body))).toEqual({ lable: 'Plant' });
  });
});
