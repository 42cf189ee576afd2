// TypeScript consumers of the installed tarballs: an ES-module `.ts` and a CommonJS `.cts` file type-check under
// moduleResolution node16, nodenext and bundler (the `.cts` reads the dist/cjs declarations through `require`);
// it uses @tagokit/node, core, helpers and analysis.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const here = join(import.meta.dirname, '..');
const tsc = createRequire(join(here, 'package.json')).resolve('typescript/bin/tsc');
const CONSUMER = `import { AuthenticationError, createClient, type TagoClient } from '@tagokit/node';
import { TagoCore } from '@tagokit/core';
import { sendDataBatched, type SendDataBatchedResult } from '@tagokit/helpers';
import { parseEnvironment } from '@tagokit/analysis';
const device: TagoClient<'device'> = createClient({ token: 'x', tokenKind: 'device' });
export const batch = (): Promise<SendDataBatchedResult> => sendDataBatched(device, [{ variable: 't', value: 1 }]);
export const environment: { key: string; value: string }[] = parseEnvironment('[]');
export const send = (): PromiseLike<unknown> => device.deviceData.sendData({ body: [{ variable: 't', value: 1 }] });
export const isAuth = (e: unknown): boolean => e instanceof AuthenticationError;
export const core = new TagoCore({ token: 'x' });
// @ts-expect-error a device token cannot list devices
device.devices.list();
`;
const MODES = [
  { resolution: 'node16', module: 'node16' },
  { resolution: 'nodenext', module: 'nodenext' },
  { resolution: 'bundler', module: 'preserve' },
];

// A folder of the shared consumer project (global setup), so that its node_modules resolve the packages.
const project = join(inject('project'), 'typescript');

beforeAll(() => {
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'esm.ts'), CONSUMER);
  writeFileSync(join(project, 'cjs.cts'), CONSUMER);
});

/** Runs tsc on `files` (relative to the consumer project) with these compiler options; returns its exit code and output. */
async function typeCheck(name: string, compilerOptions: Record<string, unknown>, files: string[]) {
  // @types/node comes from this suite's install: @tagokit/node's declarations use Node's and undici's types.
  const typeRoots = [join(here, 'node_modules', '@types')];
  const config = { compilerOptions: { strict: true, noEmit: true, typeRoots, types: ['node'], ...compilerOptions } };
  writeFileSync(join(project, name), JSON.stringify({ ...config, files }));
  return promisify(execFile)(process.execPath, [tsc, '-p', name], { cwd: project, encoding: 'utf8' })
    .then((r) => ({ code: 0, output: r.stdout + r.stderr }))
    .catch((e) => ({ code: e.code as number, output: `${e.stdout}${e.stderr}` }));
}

describe.each(MODES)('moduleResolution $resolution', ({ resolution, module }) => {
  it.each(['esm.ts', 'cjs.cts'])('%s type-checks against the installed packages', async (file) => {
    const options = { module, moduleResolution: resolution, target: 'es2022' };
    const run = await typeCheck(`tsconfig.${resolution}.${file}.json`, options, [file]);
    expect(run.output).toBe('');
    expect(run.code).toBe(0);
  });
});

it('the TypeScript examples for workers and browsers type-check against the installed @tagokit/edge', async () => {
  // As their bundlers see them: bundler resolution, the DOM's fetch types (Vercel's `process.env` from @types/node).
  const options = { module: 'preserve', moduleResolution: 'bundler', target: 'es2022', lib: ['es2022', 'dom'] };
  const files = ['../cloudflare-worker/src/index.ts', '../vercel-edge/api/index.ts', '../browser/main.ts'];
  const run = await typeCheck('tsconfig.examples.json', options, files);
  expect(run.output).toBe('');
  expect(run.code).toBe(0);
});
