import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createClient, type DataCreate, type Device, type DeviceCreate } from '../src/index.js';
import { DEVICE_TOKEN, envelope, recorder } from './helpers.js';

// One naming source (clientMethodNames in the spec model): an operation a device or network token can call has
// its operationId as method name, as in the edge functions and the MCU client. The former Node names still work
// for one minor version and are marked deprecated.
const RENAMED: [group: string, name: string, former: string][] = [
  ['info', 'getTokenInfo', 'get'],
  ['deviceData', 'listConfigParams', 'listParams'],
  ['deviceData', 'markConfigParamRead', 'markParamRead'],
  ['networkIntegration', 'resolveNetworkDeviceToken', 'resolveToken'],
  ['networkIntegration', 'resolveNetworkDeviceTokenWithAuthorization', 'resolveTokenWithAuthorization'],
  ['networkIntegration', 'setNetworkDeviceParams', 'setDeviceParams'],
  ['networkIntegration', 'listNetworkConnectorDevices', 'listDevices'],
  ['networkIntegration', 'publishNetworkRelayMessage', 'publishToRelay'],
  ['networkIntegration', 'sendNetworkData', 'sendData'],
  ['networkIntegration', 'createDeviceUsingNetwork', 'createDevice'],
];

/** A language service over one probe file in this folder that imports the package, as an editor would see it. */
function probe(body: string) {
  const file = join(import.meta.dirname, 'probe.ts');
  const source = `import { createClient, type DataCreate, type Device } from '../src/index.js';\n${body}`;
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const service = ts.createLanguageService({
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = name === file ? source : ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => import.meta.dirname,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
  });
  return { service, file, source };
}

describe('device-side operations have one name in every runtime', () => {
  it('the new name and the deprecated one send the same request and resolve the same result', async () => {
    const { transport, requests } = recorder(envelope([{ id: 'p1', key: 'interval', value: '60', sent: false }]));
    const client = createClient({ token: DEVICE_TOKEN, tokenKind: 'device', transport });
    const now = await client.deviceData.listConfigParams({ sent_status: false });
    const before = await client.deviceData.listParams({ sent_status: false });
    expect(now).toEqual([{ id: 'p1', key: 'interval', value: '60', sent: false }]);
    expect(before).toEqual(now);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://api.us-e1.tago.io/device/params?sent_status=false',
      'GET https://api.us-e1.tago.io/device/params?sent_status=false',
    ]);
    expect(requests[1]!.headers).toEqual(requests[0]!.headers);
  });

  it('marks each former name @deprecated where an editor shows it, and only those', () => {
    // An editor strikes a deprecated call through from the language service's suggestions; ask it the same way.
    // `undefined as never` fits every args type; deprecation is reported on calls (the signature carries the tag).
    const call = (group: string, name: string) => `void c.${group}.${name}(undefined as never);`;
    const calls = RENAMED.flatMap(([group, name, former]) => [call(group, name), call(group, former)]);
    const { service, file, source } = probe(`const c = createClient({ token: 't' });\n${calls.join('\n')}\n`);
    // The probe imports DataCreate and Device without using them: only unused-import hints, no errors.
    expect(service.getSemanticDiagnostics(file).map((d) => d.messageText)).toEqual([]);
    // One place may be reported twice (the property and its signature both carry the tag): count places.
    const places = new Map<number, string>();
    for (const d of service.getSuggestionDiagnostics(file).filter((d) => d.reportsDeprecated))
      places.set(d.start!, source.slice(d.start!, d.start! + d.length!));
    expect([...places.entries()].sort(([a], [b]) => a - b).map(([, name]) => name)).toEqual(
      RENAMED.map(([, , former]) => former),
    );
  });
});

describe("the spec's schema names are exported and shown", () => {
  it('exports every named schema and uses the names in signatures', () => {
    const profile = createClient({ token: DEVICE_TOKEN, tokenKind: 'profile', transport: recorder().transport });
    expectTypeOf(profile.devices.get).returns.resolves.toEqualTypeOf<Device>();
    expectTypeOf<Parameters<typeof profile.devices.create>[0]>().toEqualTypeOf<{ body: DeviceCreate }>();
    expectTypeOf<DataCreate['variable']>().toEqualTypeOf<string>();
  });

  it('tsc errors name the types instead of spelling them out', () => {
    const { service, file } = probe(
      [
        "const device = createClient({ token: 't', tokenKind: 'device' });",
        "const profile = createClient({ token: 't', tokenKind: 'profile' });",
        'void device.deviceData.sendData({ body: { value: 1 } });',
        "export const n: number = await profile.devices.get({ deviceID: 'x' });",
        'export const records: DataCreate[] = []; export type D = Device;',
        '',
      ].join('\n'),
    );
    const errors = service.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '|'));
    expect(errors).toEqual([
      "Type '{ value: number; }' is not assignable to type 'DataCreateBody'.|" +
        "  Property 'variable' is missing in type '{ value: number; }' but required in type 'DataCreateFields'.",
      "Type 'Device' is not assignable to type 'number'.",
    ]);
  });
});
