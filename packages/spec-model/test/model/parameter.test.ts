import { describe, expect, it } from 'vitest';
import { allowedValues, buildParameters } from '../../src/model/parameter.js';
import { ModelError } from '../../src/model/types.js';
import { miniSpec } from '../fixtures/mini-spec.js';

const doc = miniSpec();

describe('buildParameters', () => {
  it('reads path and query parameters, resolving $refs', () => {
    expect(
      buildParameters(
        doc,
        [{ $ref: '#/components/parameters/DeviceID' }],
        [{ $ref: '#/components/parameters/Page' }],
        'op',
      ),
    ).toEqual([
      {
        name: 'deviceID',
        in: 'path',
        required: true,
        description: undefined,
        allowReserved: false,
        example: '5dcad1c216174c001ca23ab9',
        schema: { type: 'string' },
      },
      {
        name: 'page',
        in: 'query',
        required: false,
        description: undefined,
        allowReserved: false,
        example: 1,
        schema: { type: 'integer', minimum: 1 },
      },
    ]);
  });

  it('makes path parameters required even when the spec does not say so', () => {
    const [p] = buildParameters(doc, [], [{ name: 'id', in: 'path', example: 'x' }], 'op');
    expect(p!.required).toBe(true);
    const [q] = buildParameters(doc, [], [{ name: 'id', in: 'path', required: false, example: 'x' }], 'op');
    expect(q!.required).toBe(true);
  });

  it('keeps required on query parameters as written', () => {
    const params = buildParameters(
      doc,
      [],
      [
        { name: 'a', in: 'query', required: true },
        { name: 'b', in: 'query' },
      ],
      'op',
    );
    expect(params.map((p) => [p.name, p.required])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('reads x-tago-allow-reserved and the description', () => {
    const [p] = buildParameters(
      doc,
      [],
      [{ name: 'path', in: 'path', description: 'A file path', 'x-tago-allow-reserved': true }],
      'op',
    );
    expect(p).toEqual({
      name: 'path',
      in: 'path',
      required: true,
      description: 'A file path',
      allowReserved: true,
      example: undefined,
    });
  });

  it('picks the example from `example`, else the first of `examples`', () => {
    const params = buildParameters(
      doc,
      [],
      [
        { name: 'a', in: 'query', example: 'plain', examples: { x: { value: 'ignored' } } },
        { name: 'b', in: 'query', examples: { first: { value: 7 }, second: { value: 8 } } },
        { name: 'c', in: 'query', example: false },
        { name: 'd', in: 'query' },
      ],
      'op',
    );
    expect(params.map((p) => p.example)).toEqual(['plain', 7, false, undefined]);
  });

  it('lets an operation-level parameter override the path-level one of the same name and location', () => {
    const params = buildParameters(
      doc,
      [{ name: 'id', in: 'path', example: 'path-level' }],
      [{ name: 'id', in: 'path', example: 'op-level' }],
      'op',
    );
    expect(params).toHaveLength(1);
    expect(params[0]!.example).toBe('op-level');
  });

  it('refuses header and cookie parameters', () => {
    expect(() => buildParameters(doc, [], [{ name: 'token', in: 'header' }], 'getThing')).toThrow(
      new ModelError('getThing: header parameter "token" is not supported; the core sets the headers TagoIO needs'),
    );
    expect(() => buildParameters(doc, [], [{ name: 'sid', in: 'cookie' }], 'getThing')).toThrow(
      new ModelError('getThing: cookie parameter "sid" is not supported; the core sets the headers TagoIO needs'),
    );
  });

  it('refuses a parameter called body', () => {
    expect(() => buildParameters(doc, [], [{ name: 'body', in: 'query' }], 'getThing')).toThrow(
      new ModelError('getThing: a parameter may not be called "body" (the request body uses that name)'),
    );
  });

  it('refuses an unknown location', () => {
    expect(() => buildParameters(doc, [], [{ name: 'x', in: 'form' }], 'getThing')).toThrow(
      new ModelError('getThing: parameter "x" has an unknown location "form"'),
    );
  });

  it('refuses a name used both in the path and the query', () => {
    expect(() => buildParameters(doc, [{ name: 'id', in: 'path' }], [{ name: 'id', in: 'query' }], 'getThing')).toThrow(
      new ModelError('getThing: "id" is both a path and a query parameter'),
    );
  });
});

describe('allowedValues', () => {
  it.each<[string, unknown, string[] | undefined]>([
    ['a string enum', { type: 'string', enum: ['asc', 'desc'] }, ['asc', 'desc']],
    ['an array of a string enum', { type: 'array', items: { type: 'string', enum: ['id', 'name'] } }, ['id', 'name']],
    ['a plain string', { type: 'string' }, undefined],
    ['an enum with a non-string', { enum: ['a', 1] }, undefined],
    ['an array of plain strings', { type: 'array', items: { type: 'string' } }, undefined],
  ])('%s', (_name, schema, values) => {
    expect(allowedValues(doc, schema)).toEqual(values);
  });

  it('is read for query parameters only', () => {
    const schema = { type: 'string', enum: ['a'] };
    const [path, query] = buildParameters(
      doc,
      [],
      [
        { name: 'id', in: 'path', example: 'a', schema },
        { name: 'mode', in: 'query', schema },
      ],
      'op',
    );
    expect([path!.allowedValues, query!.allowedValues]).toEqual([undefined, ['a']]);
  });
});
