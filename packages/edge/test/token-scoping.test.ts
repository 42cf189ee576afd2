import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createEdgeClient,
  createLeanClient,
  getApiStatus,
  getTokenInfo,
  listConfigParams,
  listDevices,
  resolveNetworkDeviceToken,
  sendData,
  type EdgeClient,
  type LeanClient,
  type WireRequest,
} from '../src/index.js';

const DEVICE = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';
const PACKAGE = join(import.meta.dirname, '..');

// The checks of the first block run at compile time: the last test compiles this package (src and test) with tsc,
// and a `@ts-expect-error` that finds no error is itself an error, so each such line proves a call is refused.
describe('edge functions are scoped by the token kind of their client', () => {
  const transport = async (_req: WireRequest) => ({ status: 200, headers: {}, body: '{"status":true,"result":[]}' });

  it('a device client fits the device-token functions and public routes, not the account ones', () => {
    const device = createEdgeClient({ token: DEVICE, tokenKind: 'device', transport });
    expectTypeOf(device).toEqualTypeOf<EdgeClient<'device'>>();
    expectTypeOf(device.tokenKind).toEqualTypeOf<'device' | undefined>();
    void sendData(device, { body: [{ variable: 'temperature', value: 21 }] });
    void listConfigParams(device, { sent_status: false });
    void getTokenInfo(device); // device, network, analysis, profile ...: a device token is one of them
    void getApiStatus(device); // public route
    // @ts-expect-error listing devices needs a profile or analysis token
    void listDevices(device);
    // @ts-expect-error a network-token operation
    void resolveNetworkDeviceToken(device, { serial: 'SN-1' });
  });

  it('a profile client is refused the device-token functions', () => {
    const profile = createEdgeClient({ token: DEVICE, tokenKind: 'profile', transport });
    void listDevices(profile);
    // @ts-expect-error POST /data takes a device token
    void sendData(profile, { body: [{ variable: 'temperature' }] });
  });

  it('a lean client is scoped the same way', () => {
    const lean = createLeanClient({ token: DEVICE, tokenKind: 'network', transport });
    expectTypeOf(lean).toEqualTypeOf<LeanClient<'network'>>();
    void resolveNetworkDeviceToken(lean, { serial: 'SN-1' });
    // @ts-expect-error a network token cannot send device data
    void sendData(lean, { body: [{ variable: 'temperature' }] });
  });

  it('a client of unknown kind fits every function, as before', () => {
    const any = createEdgeClient({ token: DEVICE, transport });
    expectTypeOf(any).toEqualTypeOf<EdgeClient>();
    void listDevices(any);
    void sendData(any, { body: [{ variable: 'temperature' }] });
    void resolveNetworkDeviceToken(createLeanClient({ token: DEVICE, transport }), { serial: 'SN-1' });
  });

  it('the package and these probes compile: each @ts-expect-error above meets its error', () => {
    const run = spawnSync(
      join(PACKAGE, 'node_modules', '.bin', 'tsc'),
      ['-p', join(PACKAGE, 'tsconfig.json'), '--noEmit'],
      {
        encoding: 'utf8',
      },
    );
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 180_000);

  it('the type error names the client and the kinds the function takes', () => {
    const file = join(PACKAGE, 'test', 'scoping-probe.ts');
    const source = [
      "import { createEdgeClient, listDevices } from '../src/index.js';",
      "void listDevices(createEdgeClient({ token: 't', tokenKind: 'device' }));",
      '',
    ].join('\n');
    // The package's own compiler options (tsconfig.json over tsconfig.base.json), with the probe added in memory.
    const config = ts.getParsedCommandLineOfConfigFile(
      join(PACKAGE, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    )!;
    const host = ts.createCompilerHost(config.options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    Object.assign(host, {
      readFile: (name: string) => (name === file ? source : readFile(name)),
      fileExists: (name: string) => name === file || fileExists(name),
    });
    const program = ts.createProgram([file], config.options, host);
    const messages = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]);
    expect(messages).toEqual([
      `Argument of type 'EdgeClient<"device">' is not assignable to parameter of type 'ScopedContext<"profile" | "analysis">'.`,
    ]);
  }, 60_000);
});
