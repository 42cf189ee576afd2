import { describe, expect, it } from 'vitest';
import { buildResponse } from '../../src/model/response.js';
import { ModelError } from '../../src/model/types.js';
import type { OpenApiDocument } from '../../src/index.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    schemas: {
      SuccessEnvelope: {
        type: 'object',
        required: ['status', 'result'],
        properties: { status: { type: 'boolean' }, result: {}, message: { type: 'string' } },
      },
      Device: { type: 'object', properties: { id: { type: 'string' } } },
    },
    responses: {
      Ok: {
        description: 'ok',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/SuccessEnvelope' } } },
      },
    },
  },
} as unknown as OpenApiDocument;

const json = (schema: unknown) => ({ description: 'ok', content: { 'application/json': { schema } } });
const envelopeOf = (result: unknown) => ({
  allOf: [{ $ref: '#/components/schemas/SuccessEnvelope' }, { type: 'object', properties: { result } }],
});

describe('buildResponse', () => {
  it('extracts `result` from an allOf envelope', () => {
    expect(
      buildResponse(
        doc,
        { '200': json(envelopeOf({ $ref: '#/components/schemas/Device' })), '404': json({}) },
        false,
        'op',
      ),
    ).toEqual({
      status: 200,
      envelope: 'envelope',
      mediaType: 'application/json',
      resultSchema: { $ref: '#/components/schemas/Device' },
      isList: false,
    });
  });

  it('keeps the operation part even when it comes before the generic envelope', () => {
    const schema = {
      allOf: [
        { type: 'object', properties: { result: { type: 'string' } } },
        { $ref: '#/components/schemas/SuccessEnvelope' },
      ],
    };
    expect(buildResponse(doc, { '200': json(schema) }, false, 'op').resultSchema).toEqual({ type: 'string' });
  });

  it('extracts `result` from an inline envelope', () => {
    const schema = {
      type: 'object',
      properties: { status: { type: 'boolean' }, result: { type: 'array', items: { type: 'string' } } },
    };
    expect(buildResponse(doc, { '200': json(schema) }, false, 'op')).toEqual({
      status: 200,
      envelope: 'envelope',
      mediaType: 'application/json',
      resultSchema: { type: 'array', items: { type: 'string' } },
      isList: true,
    });
  });

  it('marks list results, following $refs', () => {
    const res = buildResponse(
      doc,
      { '200': json(envelopeOf({ type: 'array', items: { $ref: '#/components/schemas/Device' } })) },
      false,
      'op',
    );
    expect(res.isList).toBe(true);
  });

  it('takes the first 2xx answer and its status', () => {
    const res = buildResponse(
      doc,
      { '400': json({}), '201': json(envelopeOf({ type: 'string' })), default: json({}) },
      false,
      'op',
    );
    expect(res.status).toBe(201);
    expect(res.resultSchema).toEqual({ type: 'string' });
  });

  it('resolves a $ref response', () => {
    expect(buildResponse(doc, { '200': { $ref: '#/components/responses/Ok' } }, false, 'op').resultSchema).toEqual({});
  });

  it('reads the raw body with x-tago-envelope false', () => {
    const res = buildResponse(
      doc,
      { '200': { description: 'events', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
      true,
      'op',
    );
    expect(res).toEqual({
      status: 200,
      envelope: 'raw',
      mediaType: 'text/event-stream',
      resultSchema: { type: 'string' },
      isList: false,
    });
    const list = buildResponse(doc, { '200': json({ type: 'array', items: {} }) }, true, 'op');
    expect(list).toEqual({
      status: 200,
      envelope: 'raw',
      mediaType: 'application/json',
      resultSchema: { type: 'array', items: {} },
      isList: true,
    });
  });

  it('answers an empty JSON result for a 2xx without content', () => {
    expect(buildResponse(doc, { '204': { description: 'gone' } }, false, 'op')).toEqual({
      status: 204,
      envelope: 'envelope',
      mediaType: 'application/json',
      resultSchema: undefined,
      isList: false,
    });
  });

  it('refuses an operation without a 2xx answer', () => {
    expect(() => buildResponse(doc, { '400': json({}) }, false, 'getThing')).toThrow(
      new ModelError('getThing: no 2xx response'),
    );
    expect(() => buildResponse(doc, undefined, false, 'getThing')).toThrow(new ModelError('getThing: no 2xx response'));
  });

  it('refuses a JSON answer that is not an envelope unless marked raw', () => {
    expect(() => buildResponse(doc, { '200': json({ type: 'array' }) }, false, 'getThing')).toThrow(
      new ModelError(
        'getThing: the success schema is not an envelope with a result (mark it x-tago-envelope: false if it answers raw)',
      ),
    );
  });
});
