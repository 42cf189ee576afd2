// Bundle sizes of a program that only sends one data point, built by esbuild with one set of settings for all
// (bundled, minified, ESM, tree-shaken), raw and gzip: edge, node and mcu vs the official SDK and openapi-fetch.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { BENCH, ROOT, SOURCE_ALIASES, figure, tagoOpenapiTypes } from './util.mjs';

export const ESBUILD_SETTINGS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  legalComments: 'none',
  treeShaking: true,
};

const POINT = "[{ variable: 'temperature', value: 21.5, unit: 'C' }]";

/** The send-data worker of an edge client factory (`createLeanClient`, `createEdgeClient`). */
export function edgeWorkerSource(factory) {
  return `import { ${factory}, sendData } from '@tagokit/edge';
export default (token: string) => sendData(${factory}({ token, tokenKind: 'device' }), { body: ${POINT} });`;
}

/** esbuild's options for one program: the shared settings, the workspace's sources by alias, nothing written. */
export function buildOptions(name, contents, loader = 'ts') {
  return {
    ...ESBUILD_SETTINGS,
    stdin: { contents, resolveDir: BENCH, loader, sourcefile: `${name}.ts` },
    alias: {
      ...SOURCE_ALIASES,
      '@tagokit/node': join(ROOT, 'packages', 'node', 'src', 'index.ts'),
      '@tagokit/edge': join(ROOT, 'packages', 'edge', 'src', 'index.ts'),
    },
    write: false,
    logLevel: 'silent',
  };
}

async function bundle(name, contents, loader = 'ts') {
  const result = await esbuild.build(buildOptions(name, contents, loader));
  const code = result.outputFiles[0].contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

async function tryBundle(name, contents) {
  try {
    return await bundle(name, contents);
  } catch (error) {
    return {
      error: String(error?.message ?? error)
        .split('\n')
        .slice(0, 3)
        .join(' '),
    };
  }
}

/** The microcontroller client's minified file, if packages/mcu has written one. */
export function findMcuMinified() {
  const mcu = join(ROOT, 'packages', 'mcu');
  const found = [];
  const walk = (dir, depth) => {
    if (depth > 3 || !existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const p = join(dir, entry);
      const st = statSync(p);
      if (st.isDirectory()) walk(p, depth + 1);
      else if (/\.min\.js$/.test(entry)) found.push(p);
    }
  };
  walk(mcu, 0);
  // The device build itself first (tagokit.min.js), then its other builds (tagokit-network.min.js, which adds the
  // gateway operations), then the largest: helpers such as a fetch shim are not the client.
  const rank = (f) => (/\/tagokit\.min\.js$/.test(f) ? 0 : /tagokit[^/]*\.min\.js$/.test(f) ? 1 : 2);
  return found.sort((a, b) => rank(a) - rank(b) || statSync(b).size - statSync(a).size);
}

export async function benchBundles() {
  const hasEdge = existsSync(join(ROOT, 'packages', 'edge', 'src', 'index.ts'));
  const edgeWorker = async (name, factory) =>
    hasEdge ? await tryBundle(name, edgeWorkerSource(factory)) : { error: 'packages/edge does not exist' };
  const programs = {
    // The lean worker: one attempt over fetch, with the same request building, checks, envelope rules and typed
    // errors (createLeanClient); the full-client worker adds timeouts, retries with the 429 wait, hooks and caps.
    edgeLean: await edgeWorker('edge-lean', 'createLeanClient'),
    edge: await edgeWorker('edge', 'createEdgeClient'),
    node: await tryBundle(
      'node',
      `import { createClient } from '@tagokit/node';
export default (token: string) => createClient({ token, tokenKind: 'device' }).deviceData.sendData({ body: ${POINT} });`,
    ),
    sdk: await tryBundle(
      'sdk',
      `import { Device } from '@tago-io/sdk';
export default (token: string) => new Device({ token }).sendData(${POINT});`,
    ),
    openapiFetch: await tryBundle(
      'openapi-fetch',
      `import createClient from 'openapi-fetch';
import type { paths } from '${(await tagoOpenapiTypes()).replace(/\.d\.ts$/, '.js')}';
export default (token: string) => createClient<paths>({ baseUrl: 'https://api.tago.io', headers: { token } }).POST('/data', { body: ${POINT} });`,
    ),
  };
  const mcuFiles = findMcuMinified();
  if (mcuFiles.length) {
    // Already minified by the package itself (ES5 for the device); measured as it is, gzip at the same level.
    const code = readFileSync(mcuFiles[0]);
    programs.mcu = { raw: code.length, gzip: gzipSync(code, { level: 9 }).length, file: relative(ROOT, mcuFiles[0]) };
  } else programs.mcu = { error: 'packages/mcu has no minified output (no *.min.js)' };

  const sdk = programs.sdk;
  const oaf = programs.openapiFetch;
  const figures = [];
  const subjects = [
    ['edgeLean', '@tagokit/edge lean worker (createLeanClient) send-data', { gzip: '<= 3072 bytes gzip' }],
    ['edge', '@tagokit/edge full-client worker (createEdgeClient) send-data'],
    ['node', '@tagokit/node send-data'],
    ['mcu', '@tagokit/mcu (minified output)'],
    ['openapiFetch', 'openapi-fetch + openapi-typescript types send-data'],
    ['sdk', '@tago-io/sdk Device send-data'],
  ];
  for (const [key, subject, goal] of subjects) {
    const p = programs[key];
    for (const m of ['raw', 'gzip']) {
      const baselines = [];
      if (key !== 'sdk') baselines.push({ subject: '@tago-io/sdk Device send-data', value: sdk[m] });
      if (key !== 'openapiFetch' && key !== 'sdk')
        baselines.push({ subject: 'openapi-fetch send-data', value: oaf[m] });
      figures.push(
        figure('bundles', subject, `bundle size (${m})`, 'bytes', p.error ? null : p[m], baselines, {
          ...(goal?.[m] ? { goal: goal[m] } : {}),
          ...(p.error ? { note: `not available: ${p.error}` } : p.file ? { note: p.file } : {}),
        }),
      );
    }
  }
  return {
    settings: { ...ESBUILD_SETTINGS, gzipLevel: 9, program: `send one data point (${POINT}) with a device token` },
    raw: programs,
    figures,
  };
}
