// Adding one operation to the spec must stay a small change in the tree: every generated artefact lives once, so
// the new operation touches only the files that list operations (api: schema, descriptors, client, functions,
// contract cases; plus an MCU build's table and contract test when a device or network token can call it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, type OpenApiDocument } from '@tagokit/spec-model';
import { buildModel } from '@tagokit/spec-model/model';
import { generateAll } from '../../src/targets/index.js';
import { writeFiles } from '../../src/write.js';

const BUNDLE = new URL('../../../specs/dist/tagoio.openapi.json', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'tagokit-add-op-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A profile-token route that the bundle does not have: `GET /device/{id}/health` answering the envelope. */
function withNewOperation(doc: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(doc);
  expect(copy.paths['/device/{deviceID}/health']).toBeUndefined();
  copy.paths['/device/{deviceID}/health'] = {
    get: {
      operationId: 'getDeviceHealth',
      'x-tago-method': 'health',
      tags: ['Devices'],
      summary: 'Health of a device',
      security: [{ profileToken: [] }],
      parameters: [
        {
          name: 'deviceID',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          example: '5dcad1c216174c001ca23ab9',
        },
      ],
      responses: {
        '200': {
          description: 'The health',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['status', 'result'],
                properties: {
                  status: { const: true },
                  result: { type: 'object', properties: { ok: { type: 'boolean' } } },
                },
              },
            },
          },
        },
      },
    },
  };
  return copy;
}

async function generateInto(root: string, specFile: string) {
  const doc = loadSpec(specFile);
  return writeFiles(root, await generateAll(doc, buildModel(doc)), false);
}

describe('adding one operation to a copy of the spec', () => {
  // Two full generations on a shared 2-core machine: allow two minutes.
  it('changes at most 6 generated files', { timeout: 120_000 }, async () => {
    const out = join(work, 'out');
    await generateInto(out, BUNDLE);
    const specFile = join(work, 'tagoio.openapi.json');
    writeFileSync(specFile, JSON.stringify(withNewOperation(loadSpec(BUNDLE))));
    const report = await generateInto(out, specFile);
    const changed = [...report.written, ...report.removed].sort();
    console.log(`adding one operation changed ${changed.length} generated files:\n  ${changed.join('\n  ')}`);
    expect(changed).toEqual([
      'packages/api/src/client.ts',
      'packages/api/src/functions.ts',
      'packages/api/src/operation-types.ts',
      'packages/api/src/operations.ts',
      'packages/api/src/schema.ts',
      'packages/api/test/generated/contract-cases.ts',
    ]);
    expect(changed.length).toBeLessThanOrEqual(6);
  });
});
