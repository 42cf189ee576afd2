import { describe, expect, it } from 'vitest';
import { allowedKeys, bodyShape, buildBody, requiredKeys } from '../../src/model/request-body.js';
import { ModelError } from '../../src/model/types.js';
import type { OpenApiDocument } from '../../src/index.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    schemas: {
      Item: { type: 'object', required: ['variable'], properties: { variable: { type: 'string' } } },
      Items: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
      Named: { type: 'object', required: ['name'] },
      Closed: { type: 'object', additionalProperties: false, properties: { label: {}, tags: {} } },
      BaseFields: { type: 'object', properties: { to: {}, message: {} } },
      Wrapper: { allOf: [{ $ref: '#/components/schemas/BaseFields' }], unevaluatedProperties: false },
      Extended: {
        allOf: [{ $ref: '#/components/schemas/BaseFields' }, { type: 'object', properties: { smtp: {} } }],
        unevaluatedProperties: false,
      },
    },
    requestBodies: {
      Shared: {
        required: true,
        content: { 'application/json': { schema: { type: 'object' }, example: { shared: true } } },
      },
    },
    examples: {
      Stored: { value: { from: 'components' } },
    },
  },
} as unknown as OpenApiDocument;

describe('bodyShape', () => {
  it.each<[string, unknown, string]>([
    ['object', { type: 'object' }, 'object'],
    ['array', { type: 'array', items: {} }, 'array'],
    ['string', { type: 'string' }, 'string'],
    ['a $ref chain', { $ref: '#/components/schemas/Items' }, 'array'],
    [
      'oneOf object or array',
      { oneOf: [{ $ref: '#/components/schemas/Item' }, { $ref: '#/components/schemas/Items' }] },
      'object-or-array',
    ],
    ['anyOf object or array', { anyOf: [{ type: 'object' }, { type: 'array' }] }, 'object-or-array'],
    ['type list object/array', { type: ['object', 'array'] }, 'object-or-array'],
    ['allOf with one typed part', { allOf: [{ required: ['a'] }, { type: 'object' }] }, 'object'],
    ['no type', { description: 'anything' }, 'any'],
    ['no schema', undefined, 'any'],
    ['number', { type: 'number' }, 'any'],
    ['nullable object', { type: ['object', 'null'] }, 'any'],
    ['oneOf with an untyped member', { oneOf: [{ type: 'object' }, {}] }, 'any'],
    ['oneOf of string or object', { oneOf: [{ type: 'object' }, { type: 'string' }] }, 'any'],
    // An object whose anyOf only says which keys are needed ("give message, html or template") is still an object.
    [
      'object with constraint-only anyOf',
      { type: 'object', required: ['to'], anyOf: [{ required: ['message'] }, { required: ['html'] }] },
      'object',
    ],
  ])('%s', (_, schema, expected) => {
    expect(bodyShape(doc, schema)).toBe(expected);
  });
});

describe('requiredKeys', () => {
  it.each<[string, unknown, string[]]>([
    ['an object', { type: 'object', required: ['a', 'b'] }, ['a', 'b']],
    ['an object without required', { type: 'object' }, []],
    ['array items', { type: 'array', items: { $ref: '#/components/schemas/Item' } }, ['variable']],
    ['array without items', { type: 'array' }, []],
    ['a string', { type: 'string' }, []],
    [
      'keys both alternatives need (oneOf)',
      { oneOf: [{ type: 'object', required: ['variable', 'value'] }, { $ref: '#/components/schemas/Items' }] },
      ['variable'],
    ],
    ['keys both alternatives need (anyOf)', { anyOf: [{ required: ['a', 'b'] }, { required: ['b', 'c'] }] }, ['b']],
    ['an alternative requiring nothing', { oneOf: [{ type: 'object', required: ['a'] }, { type: 'object' }] }, []],
    [
      'the union of allOf parts',
      { allOf: [{ $ref: '#/components/schemas/Named' }, { type: 'object', required: ['kind', 'name'] }] },
      ['name', 'kind'],
    ],
    ['allOf inside items', { type: 'array', items: { allOf: [{ required: ['x'] }, { required: ['y'] }] } }, ['x', 'y']],
    ['a bare required list', { required: ['k'] }, ['k']],
    [
      'an object that also has constraint-only anyOf',
      { type: 'object', required: ['to'], anyOf: [{ required: ['message'] }, { required: ['html'] }] },
      ['to'],
    ],
    [
      'an object with allOf and its own required',
      { type: 'object', required: ['id'], allOf: [{ required: ['name'] }] },
      ['id', 'name'],
    ],
  ])('%s', (_, schema, expected) => {
    expect(requiredKeys(doc, schema)).toEqual(expected);
  });
});

describe('buildBody', () => {
  it('is undefined without a request body', () => {
    expect(buildBody(doc, undefined, 'op')).toBeUndefined();
  });

  it('prefers JSON over other media types and takes its first example', () => {
    const body = buildBody(
      doc,
      {
        required: true,
        content: {
          'text/plain': { schema: { type: 'string' }, example: 'a=1' },
          'application/json': {
            schema: { oneOf: [{ $ref: '#/components/schemas/Item' }, { $ref: '#/components/schemas/Items' }] },
            examples: { one: { value: { variable: 'a' } }, two: { value: [] } },
          },
        },
      },
      'op',
    );
    expect(body).toEqual({
      required: true,
      contentType: 'application/json',
      mediaTypes: ['text/plain', 'application/json'],
      mediaKey: 'application/json',
      shape: 'object-or-array',
      requiredKeys: ['variable'],
      // As written: the $refs stay, so the generator can name the type.
      schema: { oneOf: [{ $ref: '#/components/schemas/Item' }, { $ref: '#/components/schemas/Items' }] },
      example: { variable: 'a' },
    });
  });

  it('sends text/plain when it is the only media type, as a string', () => {
    expect(
      buildBody(
        doc,
        { content: { 'text/plain': { schema: { type: 'object', required: ['x'] }, example: 'x=1' } } },
        'op',
      ),
    ).toEqual({
      required: false,
      contentType: 'text/plain',
      mediaTypes: ['text/plain'],
      mediaKey: 'text/plain',
      shape: 'string',
      requiredKeys: [],
      schema: { type: 'object', required: ['x'] },
      example: 'x=1',
    });
  });

  it('resolves a $ref body and a $ref example', () => {
    expect(buildBody(doc, { $ref: '#/components/requestBodies/Shared' }, 'op')?.example).toEqual({ shared: true });
    const body = buildBody(
      doc,
      {
        content: {
          'application/json': { schema: { type: 'object' }, examples: { a: { $ref: '#/components/examples/Stored' } } },
        },
      },
      'op',
    );
    expect(body?.example).toEqual({ from: 'components' });
  });

  it('prefers `example` over `examples`', () => {
    const body = buildBody(
      doc,
      { content: { 'application/json': { example: 1, examples: { a: { value: 2 } } } } },
      'op',
    );
    expect(body?.example).toBe(1);
    expect(body?.shape).toBe('any');
  });

  it('refuses an unsupported media type', () => {
    expect(() =>
      buildBody(doc, { content: { 'multipart/form-data': { schema: { type: 'object' } } } }, 'uploadFile'),
    ).toThrow(
      new ModelError(
        'uploadFile: request body media type multipart/form-data is not supported (offer application/json)',
      ),
    );
  });

  it('refuses a body without content', () => {
    expect(() => buildBody(doc, { required: true }, 'op')).toThrow(new ModelError('op: request body has no content'));
    expect(() => buildBody(doc, { content: {} }, 'op')).toThrow(new ModelError('op: request body has no content'));
  });
});

describe('allowedKeys', () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  it.each<[string, unknown, string[] | undefined]>([
    ['a closed object: its own properties', ref('Closed'), ['label', 'tags']],
    ['an open object', ref('Item'), undefined],
    ['a closed wrapper over an open base', ref('Wrapper'), ['to', 'message']],
    ['a closed extension: base and own part', ref('Extended'), ['to', 'message', 'smtp']],
    ['an array of closed items', { type: 'array', items: ref('Closed') }, ['label', 'tags']],
    [
      'one closed record or a list of them',
      { oneOf: [ref('Closed'), { type: 'array', items: ref('Closed') }] },
      ['label', 'tags'],
    ],
    ['alternatives with one open', { oneOf: [ref('Closed'), ref('Item')] }, undefined],
    ['pattern properties', { type: 'object', additionalProperties: false, patternProperties: { '^x': {} } }, undefined],
    ['a string', { type: 'string' }, undefined],
  ])('%s', (_name, schema, keys) => {
    expect(allowedKeys(doc, schema)).toEqual(keys);
  });
});
