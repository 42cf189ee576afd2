import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
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
    const file = join(import.meta.dirname, 'naming-probe.ts');
    // `undefined as never` fits every args type; deprecation is reported on calls (the signature carries the tag).
    const call = (group: string, name: string) => `void c.${group}.${name}(undefined as never);`;
    const calls = RENAMED.flatMap(([group, name, former]) => [call(group, name), call(group, former)]);
    const source = `import { createClient } from '../src/index.js';\nconst c = createClient({ token: 't' });\n${calls.join('\n')}\n`;
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
    expect(service.getSemanticDiagnostics(file).map((d) => d.messageText)).toEqual([]);
    const deprecated = service
      .getSuggestionDiagnostics(file)
      .filter((d) => d.reportsDeprecated)
      .map((d) => source.slice(d.start!, d.start! + d.length!));
    expect(deprecated).toEqual(RENAMED.map(([, , former]) => former));
  });
});
