import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../../packages/spec-model/src/index.js';
import { buildModel } from '../../../packages/spec-model/src/model/index.js';
import { FOREIGN_SCHEME, toModelForm } from '../lib/foreign-spec.js';

/** A small OpenAPI 3.0 document with what TagoIO's spec never has. */
function foreign(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Other API', version: '1.0.0' },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      parameters: { Trace: { name: 'x-trace', in: 'header', schema: { type: 'string' } } },
    },
    paths: {
      '/repos/{owner}': {
        parameters: [
          { name: 'owner', in: 'path', required: true, schema: { type: 'string' } },
          { $ref: '#/components/parameters/Trace' },
        ],
        get: {
          operationId: 'repos/get',
          tags: ['repos', 'extra'],
          parameters: [{ name: 'session', in: 'cookie', schema: { type: 'string' } }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
        head: { responses: { '200': { description: 'ok' } } },
        post: {
          operationId: 'repos/get',
          tags: ['Repos'],
          security: [],
          requestBody: {
            content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { a: {} } } } },
          },
          responses: { '302': { description: 'moved' } },
        },
      },
      '/meta': { get: { responses: { '204': { description: 'none' } } } },
    },
  };
}

describe('toModelForm: another API rewritten into the form the spec model reads', () => {
  it('is refused by the model as it is, and read after the rewrite', () => {
    expect(() => checkDocument(foreign())).toThrow('the spec must be OpenAPI 3.1 (found "3.0.3")');
    expect(() => buildModel(checkDocument({ ...foreign(), openapi: '3.1.0' }) as never)).toThrow();
    const source = foreign();
    const model = buildModel(checkDocument(toModelForm(source)));
    expect(source['openapi']).toBe('3.0.3'); // the input is left untouched
    expect(
      model.operations.map((o) => [
        o.id,
        o.method,
        o.group,
        o.methodName,
        o.kinds,
        o.response.envelope,
        o.response.status,
      ]),
    ).toEqual([
      ['reposGet', 'GET', 'repos', 'reposGet', ['profile'], 'raw', 200],
      ['reposGet2', 'POST', 'repos', 'reposGet2', [], 'raw', 200],
      ['getMeta', 'GET', 'default', 'getMeta', ['profile'], 'raw', 204],
    ]);
  });

  it('drops header and cookie parameters and HEAD routes, and offers other bodies as JSON', () => {
    const doc = toModelForm(foreign()) as { paths: Record<string, Record<string, any>>; components: any };
    const item = doc.paths['/repos/{owner}']!;
    expect(Object.keys(item)).toEqual(['parameters', 'get', 'post']);
    expect(item['parameters']).toEqual([{ name: 'owner', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(item['get'].parameters).toEqual([]);
    expect(item['get'].tags).toEqual(['repos']);
    expect(item['post'].tags).toEqual(['repos']); // `Repos` is the same client group: the first spelling wins
    expect(item['post'].requestBody).toEqual({
      content: { 'application/json': { schema: { type: 'object', properties: { a: {} } } } },
    });
    expect(item['post'].responses['200']).toEqual({ description: 'No body' });
    expect(doc.components.securitySchemes).toEqual({
      [FOREIGN_SCHEME]: { type: 'apiKey', in: 'header', name: 'authorization', 'x-tago-token-kind': 'profile' },
    });
    const body = buildModel(checkDocument(doc)).operations[1]!.body!;
    expect([body.contentType, body.mediaKey, body.shape]).toEqual(['application/json', 'application/json', 'object']);
  });

  it("reads GitHub's whole API (the generation and type-check benchmark's input)", () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    const model = buildModel(checkDocument(toModelForm(JSON.parse(readFileSync(file, 'utf8')))));
    expect(model.operations.length).toBeGreaterThan(1000);
    const ids = new Set(model.operations.map((o) => o.id));
    expect(ids.size).toBe(model.operations.length);
    // The names the type-check benchmark's consumer file calls.
    const repos = model.groups.find((g) => g.name === 'repos')!;
    expect(repos.operations.map((o) => o.methodName)).toContain('reposGet');
    expect(model.groups.find((g) => g.name === 'issues')!.operations.map((o) => o.methodName)).toEqual(
      expect.arrayContaining(['issuesListForRepo', 'issuesCreate']),
    );
  });
});
