import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSpecs, suggestBump } from '../scripts/spec-diff-lib.mjs';

/** A small spec with two operations; each test changes one thing. */
function base(): any {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1.0.0' },
    paths: {
      '/device': {
        get: {
          operationId: 'listDevices',
          'x-tago-method': 'list',
          'x-tago-pagination': 'page',
          tags: ['Devices'],
          summary: 'List devices',
          security: [{ profileToken: [] }, { analysisToken: [] }],
          parameters: [
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
            { name: 'order', in: 'query', schema: { type: 'string', enum: ['asc', 'desc'] } },
          ],
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['status', 'result'],
                    properties: {
                      status: { type: 'boolean' },
                      result: { type: 'array', items: { $ref: '#/components/schemas/Device' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      '/data': {
        post: {
          operationId: 'sendData',
          'x-tago-method': 'sendData',
          tags: ['Device Data'],
          security: [{ deviceToken: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['variable'],
                  properties: { variable: { type: 'string', maxLength: 100 }, value: { type: ['string', 'number'] } },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': { schema: { type: 'object', properties: { result: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Device: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'string' }, name: { type: 'string' }, tags: { type: 'array' } },
        },
      },
    },
  };
}

const rules = (mutate: (doc: any) => void) => {
  const next = base();
  mutate(next);
  const changes = diffSpecs(base(), next);
  return { changes: changes.map((c) => `${c.level} ${c.rule} ${c.where}`), bump: suggestBump(changes) };
};

describe('spec:diff rules', () => {
  it('finds nothing between equal specs', () => {
    expect(rules(() => undefined)).toEqual({ changes: [], bump: 'none' });
  });
  it('operation removed is breaking', () => {
    expect(rules((d) => delete d.paths['/data'])).toEqual({
      changes: ['breaking operation-removed sendData'],
      bump: 'major',
    });
  });
  it('operation added is minor', () => {
    expect(
      rules(
        (d) =>
          (d.paths['/status'] = {
            get: { operationId: 'status', security: [], responses: { '200': { description: 'ok' } } },
          }),
      ),
    ).toEqual({ changes: ['minor operation-added status'], bump: 'minor' });
  });
  it('required parameter added is breaking; optional is minor', () => {
    expect(
      rules((d) =>
        d.paths['/device'].get.parameters.push({
          name: 'serial',
          in: 'query',
          required: true,
          schema: { type: 'string' },
        }),
      ).changes,
    ).toEqual(['breaking required-parameter-added listDevices(serial)']);
    expect(
      rules((d) => d.paths['/device'].get.parameters.push({ name: 'serial', in: 'query', schema: { type: 'string' } })),
    ).toEqual({ changes: ['minor optional-parameter-added listDevices(serial)'], bump: 'minor' });
  });
  it('parameter made required or removed is breaking', () => {
    expect(rules((d) => (d.paths['/device'].get.parameters[0].required = true)).changes).toEqual([
      'breaking parameter-now-required listDevices(page)',
    ]);
    expect(rules((d) => d.paths['/device'].get.parameters.pop()).changes).toEqual([
      'breaking parameter-removed listDevices(order)',
    ]);
  });
  it('type narrowed on input is breaking', () => {
    expect(
      rules(
        (d) => (d.paths['/data'].post.requestBody.content['application/json'].schema.properties.value.type = 'number'),
      ).changes,
    ).toEqual(['breaking type-narrowed sendData body.value']);
    expect(
      rules(
        (d) =>
          (d.paths['/data'].post.requestBody.content['application/json'].schema.properties.variable.maxLength = 50),
      ).changes,
    ).toEqual(['breaking limit-tightened sendData body.variable']);
  });
  it('enum value removed on input is breaking, added is minor', () => {
    expect(rules((d) => (d.paths['/device'].get.parameters[1].schema.enum = ['asc'])).changes).toEqual([
      'breaking enum-value-removed listDevices(order)',
    ]);
    expect(rules((d) => (d.paths['/device'].get.parameters[1].schema.enum = ['asc', 'desc', 'none'])).bump).toBe(
      'minor',
    );
  });
  it('response field removed or made optional is breaking; added is minor', () => {
    expect(rules((d) => delete d.components.schemas.Device.properties.tags).changes).toEqual([
      'breaking response-field-removed listDevices response.result[].tags',
    ]);
    expect(rules((d) => (d.components.schemas.Device.required = ['id'])).changes).toEqual([
      'breaking response-field-optional listDevices response.result[].name',
    ]);
    expect(rules((d) => (d.components.schemas.Device.properties.active = { type: 'boolean' }))).toEqual({
      changes: ['minor response-field-added listDevices response.result[].active'],
      bump: 'minor',
    });
  });
  it('required body field added is breaking', () => {
    expect(
      rules((d) => {
        const s = d.paths['/data'].post.requestBody.content['application/json'].schema;
        s.properties.unit = { type: 'string' };
        s.required.push('unit');
      }).changes,
    ).toEqual(['breaking required-field-added sendData body.unit']);
  });
  it('a request body closed to unknown keys is breaking, by additionalProperties or unevaluatedProperties', () => {
    const body = (d: any) => d.paths['/data'].post.requestBody.content['application/json'].schema;
    expect(rules((d) => (body(d).additionalProperties = false))).toEqual({
      changes: ['breaking request-closed sendData body'],
      bump: 'major',
    });
    expect(rules((d) => (body(d).unevaluatedProperties = false)).changes).toEqual([
      'breaking request-closed sendData body',
    ]);
  });
  it('fields moved into an allOf base of a wrapper are no change; a closed wrapper is', () => {
    const wrap = (d: any, closed: boolean) => {
      d.components.schemas.DataFields = d.paths['/data'].post.requestBody.content['application/json'].schema;
      d.paths['/data'].post.requestBody.content['application/json'].schema = {
        allOf: [{ $ref: '#/components/schemas/DataFields' }],
        ...(closed ? { unevaluatedProperties: false } : {}),
      };
    };
    expect(rules((d) => wrap(d, false)).changes).toEqual([]);
    expect(rules((d) => wrap(d, true)).changes).toEqual(['breaking request-closed sendData body']);
  });
  it('auth changes: a kind removed is breaking, added is minor', () => {
    expect(rules((d) => (d.paths['/device'].get.security = [{ profileToken: [] }])).changes).toEqual([
      'breaking auth-kind-removed listDevices',
    ]);
    expect(rules((d) => d.paths['/device'].get.security.push({ runUserToken: [] }))).toEqual({
      changes: ['minor auth-kind-added listDevices'],
      bump: 'minor',
    });
  });
  it('paging, envelope and client method moves are breaking', () => {
    expect(rules((d) => (d.paths['/device'].get['x-tago-pagination'] = 'skip')).changes).toEqual([
      'breaking pagination-changed listDevices',
    ]);
    expect(rules((d) => (d.paths['/data'].post['x-tago-envelope'] = false)).changes).toEqual([
      'breaking envelope-changed sendData',
    ]);
    expect(rules((d) => (d.paths['/device'].get['x-tago-method'] = 'all')).changes).toEqual([
      'breaking client-method-moved listDevices',
    ]);
  });
  it('a method rename that keeps the old name as an alias is minor', () => {
    const renamed = (d: any) => {
      d.paths['/device'].get['x-tago-method'] = 'listDevices';
      d.paths['/device'].get['x-tago-method-aliases'] = ['list'];
    };
    expect(rules(renamed)).toEqual({ changes: ['minor client-method-renamed-with-alias listDevices'], bump: 'minor' });
  });
  it('documentation changes are a patch', () => {
    expect(rules((d) => (d.paths['/device'].get.summary = 'List the devices'))).toEqual({
      changes: ['patch docs-changed listDevices'],
      bump: 'patch',
    });
  });
});

describe('spec:diff command', () => {
  it('compares two files and prints the suggested bump', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-diff-'));
    try {
      const next = base();
      delete next.paths['/data'];
      next.info.version = '2.0.0';
      writeFileSync(join(dir, 'old.json'), JSON.stringify(base()));
      writeFileSync(join(dir, 'new.json'), JSON.stringify(next));
      const run = spawnSync(
        process.execPath,
        [join(import.meta.dirname, '..', 'scripts', 'spec-diff.mjs'), join(dir, 'old.json'), join(dir, 'new.json')],
        { encoding: 'utf8' },
      );
      expect(run.stdout).toBe(
        'breaking (1):\n  operation-removed        sendData: POST /data\nspec 1.0.0 -> 2.0.0: suggested bump major\n',
      );
      expect(run.status).toBe(0);
      const bad = spawnSync(
        process.execPath,
        [join(import.meta.dirname, '..', 'scripts', 'spec-diff.mjs'), 'no-such-ref-or-file', join(dir, 'new.json')],
        { encoding: 'utf8' },
      );
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('"no-such-ref-or-file" is neither a spec file nor a git ref');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
