import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { banner } from '../../src/emit/banner.js';
import { loadSpec, type OpenApiDocument } from '@tagokit/spec-model';
import { buildModel, type ApiModel } from '@tagokit/spec-model/model';
import { generateAll, TARGETS, type GeneratedFile } from '../../src/targets/index.js';

const SPEC = fileURLToPath(new URL('../../../specs/dist/tagoio.openapi.json', import.meta.url));

describe('generateAll on the real bundle', () => {
  let doc: OpenApiDocument;
  let model: ApiModel;
  let first: GeneratedFile[];
  let second: GeneratedFile[];

  beforeAll(async () => {
    doc = loadSpec(SPEC);
    model = buildModel(doc);
    first = await generateAll(doc, model);
    // A second, independent run: fresh document and model, as two `pnpm generate` runs would have.
    const again = loadSpec(SPEC);
    second = await generateAll(again, buildModel(again));
  });

  it('models 273 operations', () => {
    expect(model.operations).toHaveLength(273);
  });

  it('is byte-identical from one run to the next', () => {
    expect(second.map((f) => f.path)).toEqual(first.map((f) => f.path));
    for (const [i, f] of first.entries()) expect(second[i]!.text === f.text, f.path).toBe(true);
  });

  it('writes each path once', () => {
    expect(new Set(first.map((f) => f.path)).size).toBe(first.length);
  });

  it('starts every file with the banner of the spec version', () => {
    const head = banner(doc.info.version);
    // JSON cannot hold a comment; such files must at least be valid JSON.
    expect(first.filter((f) => !f.path.endsWith('.json') && !f.text.startsWith(head)).map((f) => f.path)).toEqual([]);
    for (const f of first.filter((f) => f.path.endsWith('.json')))
      expect(() => JSON.parse(f.text), f.path).not.toThrow();
  });

  it('writes the generated TypeScript once, into @tagokit/api, with .ts sibling imports', async () => {
    const api = await generateAll(doc, model, ['api']);
    expect(api.map((f) => f.path)).toEqual([
      'packages/api/src/schema.ts',
      'packages/api/src/types.ts',
      'packages/api/src/operations.ts',
      'packages/api/src/operation-types.ts',
      'packages/api/src/client.ts',
      'packages/api/src/functions.ts',
      'packages/api/src/body-keys.ts',
      'packages/api/test/generated/contract-cases.ts',
    ]);
    const [, , operations, operationTypes, client, functions] = api.map((f) => f.text);
    // Every operation's result type is declared once, in operation-types.ts, which client.ts and functions.ts export.
    expect(operationTypes!.match(/^export type \w+Result = /gm)).toHaveLength(273);
    for (const text of [client!, functions!]) {
      expect(text.match(/^export type \w+(Args|Result) = /gm)).toBeNull();
      expect(text.split('\n')).toContain("export type * from './operation-types.ts';");
    }
    expect(client!.split('\n')).toContain(
      // Rows narrowed to the `fields` asked for (a const tuple), the whole row by default.
      '  public list<const F extends DeviceListFields[] = never>(args?: ListDevicesArgs & { fields?: F }, options?: CallOptions): TagoPagePromise<FieldsRow<ItemOf<ListDevicesResult>, F>[], FieldsRow<ItemOf<ListDevicesResult>, F>> {',
    );
    // One method per operation, plus the 10 former names of the device- and network-token operations (deprecated).
    expect(client!.match(/^ {2}public /gm)).toHaveLength(283 + 2 * 4);
    expect(client!.match(/^ {3}\* @deprecated Renamed to /gm)).toHaveLength(10);
    expect(operations!.match(/^export const \w+: OperationDescriptor = /gm)).toHaveLength(273);
    expect(
      functions!.match(
        /^export function \w+(<const F extends \w+ListFields\[\] = never>)?\(client: (OperationContext|ScopedContext<[^>]+>), /gm,
      ),
    ).toHaveLength(273 + 2 * 4);
    // getData and getDeviceData: one overload per result of `query` (count, aggregate, records), then the whole one.
    expect(functions!).toContain(
      "export function getData(client: ScopedContext<'device'>, args: GetDataArgs & { query: 'count' | 'sum' | 'avg' }, options?: CallOptions): TagoPagePromise<number, never>;",
    );
    expect(functions!).toContain(
      "export function getData(client: ScopedContext<'device'>, args: GetDataArgs & { query: 'aggregate' }, options?: CallOptions): TagoPagePromise<DataAggregate[], DataAggregate>;",
    );
    // Every paged list whose `fields` the spec names (`<Resource>ListFields`) narrows its rows.
    expect(functions!.match(/^export function \w+<const F extends \w+ListFields\[\] = never>/gm)).toHaveLength(19);
    for (const text of [client!, functions!]) {
      expect(text).toContain("import * as ops from './operations.ts';");
      expect(text).toContain("from '@tagokit/core/internal';");
    }
  });

  it('writes the contract cases once, beside the api; node and deno get only their createClient type', async () => {
    expect(TARGETS.map((t) => t.name)).toEqual(['api', 'runtimes', 'mcu']);
    const cases = (await generateAll(doc, model, ['api'])).find(
      (f) => f.path === 'packages/api/test/generated/contract-cases.ts',
    );
    expect(cases!.text.match(/^ {2}\{ id: /gm)).toHaveLength(273);
    const runtimes = await generateAll(doc, model, ['runtimes']);
    expect(runtimes.map((f) => f.path)).toEqual([
      'packages/node/src/generated/create-client.ts',
      'packages/deno/generated/create-client.ts',
    ]);
  });

  it('runs openapi-typescript only when a selected target writes its types', async () => {
    // A document openapi-typescript cannot read: only a target that needs the types may touch it.
    const unreadable = { openapi: '3.1.0' } as unknown as typeof doc;
    const mcu = await generateAll(unreadable, model, ['mcu']);
    expect(mcu.map((f) => f.path)).toContain('packages/mcu/src/generated/operations-device.js');
    await expect(generateAll(unreadable, model, ['api'])).rejects.toThrow();
  });

  it('describes a real operation with a body that has its own required keys beside an anyOf', () => {
    const line = first
      .find((f) => f.path === 'packages/api/src/operations.ts')!
      .text.split('\n')
      .find((l) => l.startsWith('export const sendAnalysisEmail:'));
    expect(line).toBe(
      'export const sendAnalysisEmail: OperationDescriptor = {"id":"sendAnalysisEmail","method":"POST","path":"/analysis/services/email/send","kinds":["analysis"],"envelope":"envelope","paging":"none","pathParams":[],"queryParams":[],"requiredQuery":[],"body":{"required":true,"contentType":"application/json","shape":"object","requiredKeys":["to"]}};',
    );
  });
});
