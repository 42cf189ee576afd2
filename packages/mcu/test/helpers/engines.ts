import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VECTOR_FILES } from '@tagokit/test-vectors';

const require = createRequire(import.meta.url);

export const PKG = fileURLToPath(new URL('../..', import.meta.url));
export const read = (rel: string): string => readFileSync(join(PKG, rel), 'utf8');

/** The shared vector files, as one object (the same JSON the modern runner reads). */
export function vectorData(): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of VECTOR_FILES) data[f] = JSON.parse(readFileSync(require.resolve(`@tagokit/test-vectors/data/${f}.json`), 'utf8'));
  return data;
}

/** A script that defines `TAGOKIT` from a CommonJS ES5 file, without `require`. */
export function asScript(cjs: string, name = 'TAGOKIT'): string {
  return `var ${name} = (function () { var module = { exports: {} }; var exports = module.exports;\n${cjs}\nreturn module.exports; })();\n`;
}

export interface EngineResult { file: string; name: string; ok: boolean; detail?: string }

/** Debian's engines: mujs and duktape, run as child processes; the script prints one JSON line. */
export const ENGINES = { mujs: '/usr/bin/mujs', duktape: '/usr/bin/duk' } as const;

/**
 * A real Espruino binary (its Linux build, e.g. `make BOARD=LINUX` in an Espruino checkout), only when a developer
 * gives one: `ESPRUINO_BIN=/path npm test --workspace mcu`. The repository never downloads or ships Espruino.
 * Scripts run there without the built-in models of espruino-builtins.js: the firmware has the real ones.
 */
export const ESPRUINO_BIN = process.env['ESPRUINO_BIN'] || undefined;

export function runEngine(bin: string, script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tagokit-mcu-'));
  const file = join(dir, 'script.js');
  writeFileSync(file, script);
  try {
    // Espruino's REPL follows the script: an empty stdin ends it.
    return execFileSync(bin, [file], { encoding: 'utf8', input: '', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The full vectors script: module + data + ES5 runner, printing the results as JSON; `prelude` runs first. */
export function vectorsScript(prelude = '', module = 'dist/tagokit.js'): string {
  const runner = `${read('test/engines/vectors-runner.js')}\nprint(JSON.stringify(runVectors(TAGOKIT, DATA)));\n`;
  return `${prelude}${asScript(read(module))}var DATA = ${JSON.stringify(vectorData())};\n${runner}`;
}

/** The last line an engine printed, parsed. */
export function lastJson<T>(out: string): T {
  // Espruino prints its banner before and a prompt after; the result is the last line that is JSON.
  const lines = out.trim().split('\n').filter((l) => l.startsWith('{') || l.startsWith('['));
  return JSON.parse(lines[lines.length - 1]!) as T;
}
