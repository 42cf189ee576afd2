// The microcontroller client's own figures: minified bytes and the XS heap after load and after one request.
// The bench does not run XS itself; it reads what packages/mcu measures (a JSON file it writes, or the figures in
// its README). When packages/mcu has none, every figure says "not available".
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, figure, run } from './util.mjs';
import { findMcuMinified } from './bundles.mjs';

// Terminal colour codes in the engine's output (ESC [ ... m), built from the code point so the source has no control character.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const MCU = join(ROOT, 'packages', 'mcu');
const IGNORED_JSON = new Set([
  'package.json',
  'manifest.json',
  'tsconfig.json',
  'tsconfig.build.json',
  '.eslintrc.json',
]);

function jsonFiles(dir, depth = 0, out = []) {
  if (depth > 3 || !existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) jsonFiles(p, depth + 1, out);
    else if (entry.endsWith('.json') && !IGNORED_JSON.has(entry)) out.push(p);
  }
  return out;
}

/** Every numeric leaf of a JSON value, with its dotted key path. */
function leaves(value, path = '', out = []) {
  if (typeof value === 'number') out.push([path, value]);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  return out;
}

const PATTERNS = {
  heapAfterLoad: /heap.*(load|boot|idle|start)|(load|boot|idle|start).*heap/i,
  heapAfterRequest: /heap.*(request|send|call|post)|(request|send|call|post).*heap/i,
  minifiedBytes: /(min|minified).*(bytes|size)|(bytes|size).*(min|minified)/i,
};

function fromJson() {
  for (const file of jsonFiles(MCU)) {
    let doc;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const all = leaves(doc);
    if (!all.some(([k]) => /heap/i.test(k))) continue;
    const pick = (re) => all.find(([k]) => re.test(k));
    const found = Object.fromEntries(Object.entries(PATTERNS).map(([name, re]) => [name, pick(re) ?? null]));
    return {
      source: relative(ROOT, file),
      values: Object.fromEntries(Object.entries(found).map(([n, v]) => [n, v ? { value: v[1], key: v[0] } : null])),
    };
  }
  return undefined;
}

function fromReadme() {
  const file = join(MCU, 'README.md');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const num = (re) => {
    const m = text.match(re);
    return m
      ? {
          value: Number(m[1].replace(/[,_ ]/g, '')) * (/k/i.test(m[2] ?? '') ? 1024 : 1),
          key: m[0].trim().slice(0, 120),
        }
      : null;
  };
  const values = {
    heapAfterLoad: num(/heap[^\n|]*?(?:after )?load[^\n\d]*?([\d,_]+)\s*(KB|KiB|B|bytes)?/i),
    heapAfterRequest: num(
      /heap[^\n|]*?(?:after )?(?:one |a |1 )?(?:request|send)[^\n\d]*?([\d,_]+)\s*(KB|KiB|B|bytes)?/i,
    ),
    minifiedBytes: num(/minified[^\n\d]*?([\d,_]+)\s*(KB|KiB|B|bytes)?/i),
  };
  if (!values.heapAfterLoad && !values.heapAfterRequest) return undefined;
  return { source: relative(ROOT, file), values };
}

/**
 * packages/mcu's XS test meters the heap itself and prints one line (`[mcu] XS heap (slots in use after gc): ...`);
 * run that test file alone and read the line. Full mode only (it boots an XS machine).
 */
async function fromXsTest() {
  const test = join(MCU, 'test', 'moddable-xs.test.ts');
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  if (!existsSync(test) || !existsSync(vitest)) return undefined;
  const env = { ...process.env };
  delete env.TAGOKIT_RESULTS_DIR; // never add a report to an `npm test` run
  const r = await run(process.execPath, [vitest, 'run', 'test/moddable-xs.test.ts'], {
    cwd: MCU,
    env: { ...env, TAGOKIT_RESULTS_DIR: '' },
    timeoutMs: 180_000,
  });
  const line = (r.stdout + r.stderr).split('\n').find((l) => l.includes('[mcu] XS heap'));
  if (!line) return undefined;
  const m = line.match(/empty machine (\d+), after loading the module (\d+).*?after one sendData (\d+)/);
  if (!m) return undefined;
  const [, empty, loaded, request] = m.map(Number);
  return {
    source: 'packages/mcu/test/moddable-xs.test.ts (its printed XS meter line)',
    unit: 'slots',
    values: {
      heapEmpty: { value: empty, key: 'empty machine' },
      heapAfterLoad: { value: loaded, key: 'after loading the module' },
      heapAfterRequest: { value: request, key: 'after one sendData' },
      minifiedBytes: null,
    },
    line: line.replace(ANSI_COLOUR, '').trim(),
  };
}

export async function benchMcu({ sdkBundleRaw, smoke }) {
  const measured = fromJson() ?? fromReadme() ?? (smoke ? undefined : await fromXsTest());
  const heapUnit = measured?.unit ?? 'bytes';
  const minified = findMcuMinified()[0];
  const minifiedBytes = minified ? statSync(minified).size : (measured?.values.minifiedBytes?.value ?? null);
  const why = existsSync(MCU)
    ? 'packages/mcu provides no measurement (no results JSON with heap figures, no README figures)'
    : 'packages/mcu does not exist';
  const sdk = [{ subject: '@tago-io/sdk Device send-data bundle (raw)', value: sdkBundleRaw ?? null }];
  const figures = [
    figure('mcu', '@tagokit/mcu', 'minified bytes', 'bytes', minifiedBytes, sdk, {
      note: minified
        ? relative(ROOT, minified)
        : measured?.values.minifiedBytes
          ? `from ${measured.source}`
          : `not available: packages/mcu has no minified output`,
    }),
    figure(
      'mcu',
      '@tagokit/mcu on XS',
      'heap after load',
      heapUnit,
      measured?.values.heapAfterLoad?.value ?? null,
      measured?.values.heapEmpty ? [{ subject: 'empty XS machine', value: measured.values.heapEmpty.value }] : [],
      {
        note: measured?.values.heapAfterLoad
          ? `from ${measured.source} (${measured.values.heapAfterLoad.key}); the official SDK does not run on XS, so the baseline is the empty machine`
          : smoke
            ? 'skipped in smoke mode (the XS measurement runs in the full bench)'
            : `not available: ${why}`,
        ...(smoke && !measured ? { status: 'skipped' } : {}),
      },
    ),
    figure(
      'mcu',
      '@tagokit/mcu on XS',
      'heap after one request',
      heapUnit,
      measured?.values.heapAfterRequest?.value ?? null,
      measured?.values.heapAfterLoad
        ? [{ subject: 'heap after load', value: measured.values.heapAfterLoad.value }]
        : [],
      {
        note: measured?.values.heapAfterRequest
          ? `from ${measured.source} (${measured.values.heapAfterRequest.key})`
          : smoke
            ? 'skipped in smoke mode (the XS measurement runs in the full bench)'
            : `not available: ${why}`,
        ...(smoke && !measured ? { status: 'skipped' } : {}),
      },
    ),
  ];
  return { source: measured?.source ?? null, raw: measured ?? null, figures };
}
