// Assembles the MCU modules into dist/ and minifies them: the hand-written runtime and adapters (src/runtime), each
// build's generated operation table (src/generated) and the facts the TypeScript core shares with this runtime
// (packages/core/src/facts.ts, injected at every /*@fact NAME*/ marker). Prints raw and gzip sizes. Runs under tsx
// (or any Node that can import the .ts facts file); vitest imports it the same way.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import * as FACTS from '../../core/src/facts.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (rel) => readFileSync(join(root, rel), 'utf8');

/** An API error fact as the runtime reads it: 'ClassName code', the name without its 'Error' suffix. */
function errorFact(fact, key) {
  if (!fact.name.endsWith('Error') || fact.name.includes(' ') || fact.code.includes(' ')) {
    throw new Error(`facts.ts ${key}: ${JSON.stringify(fact)} is not {name: '...Error', code} without spaces`);
  }
  return `'${fact.name.slice(0, -'Error'.length)} ${fact.code}'`;
}

/** Each fact as ES5 source text. The error table is keyed by status, written as numbers. */
const FACT_SOURCES = {
  STATUS_ERRORS: () =>
    `{ ${Object.entries(FACTS.STATUS_ERRORS)
      .map(([status, fact]) => `${Number(status)}: ${errorFact(fact, status)}`)
      .join(', ')} }`,
  SERVER_ERROR: () => errorFact(FACTS.SERVER_ERROR, 'SERVER_ERROR'),
  API_ERROR: () => errorFact(FACTS.API_ERROR, 'API_ERROR'),
  // 'api sse' strings: a URL holds no space, and the table costs fewer bytes than objects.
  NAMED_REGIONS: () => JSON.stringify(Object.fromEntries(Object.entries(FACTS.NAMED_REGIONS).map(([id, r]) => {
    if (`${r.api}${r.sse}`.includes(' ')) throw new Error(`facts.ts NAMED_REGIONS.${id}: a URL with a space`);
    return [id, `${r.api} ${r.sse}`];
  }))),
  // The tiny build's status table: the codes of STATUS_ERRORS, SERVER_ERROR's at key 5 and API_ERROR's at key 0.
  TINY_ERRORS: () =>
    JSON.stringify(Object.fromEntries([...Object.entries(FACTS.STATUS_ERRORS), ['5', FACTS.SERVER_ERROR],
      ['0', FACTS.API_ERROR]].map(([status, fact]) => [status, fact.code]))),
  // The tiny build ships region names only (and 'usa-1', the old name of 'us-e1'): it derives the host from the
  // name, which holds only while every named region answers at https://api.<name>.tago.io.
  TINY_REGIONS: () => {
    const names = {};
    for (const [id, r] of Object.entries(FACTS.NAMED_REGIONS)) {
      if (r.api !== `https://api.${id}.tago.io`) throw new Error(`facts.ts NAMED_REGIONS.${id}: ${r.api} is not https://api.${id}.tago.io`);
      names[id] = id;
    }
    return JSON.stringify({ ...names, 'usa-1': 'us-e1' });
  },
  RETRY_DEFAULTS: () => JSON.stringify(FACTS.RETRY_DEFAULTS),
  // The tiny runtime's one Retry-After wait is bounded as the full runtime's retries are.
  MAX_RETRY_AFTER_MS: () => String(FACTS.RETRY_DEFAULTS.maxRetryAfterMs),
  NOT_SENT_CODES: () => JSON.stringify(FACTS.NOT_SENT_CODES),
  ESPRUINO_NOT_SENT_CODES: () => JSON.stringify(FACTS.ESPRUINO_NOT_SENT_CODES),
};

/** The source with every `/*@fact NAME*\/` marker and the empty placeholder after it replaced by the fact's value. */
export function injectFacts(source, file) {
  return source.replace(/\/\*@fact (\w+)\*\/(\{\}|\[\]|''|0)/g, (_, name) => {
    if (!Object.hasOwn(FACT_SOURCES, name)) throw new Error(`${file}: no fact ${name} in packages/core/src/facts.ts`);
    return FACT_SOURCES[name]();
  });
}

/** A generated operation table without its banner: the built file says once where it comes from. */
function operationTable(rel) {
  return read(rel).split('\n').filter((line) => !line.startsWith('// ')).join('\n').trim();
}

/** The shared helpers, a runtime (full or tiny) with one build's operation table at its marker, then the adapter (the
 * tiny runtime has none: it drives Espruino's http itself). */
function runtimeWith(table, adapter, runtimeFile = 'src/runtime/runtime.js') {
  const runtime = read(runtimeFile);
  if (!runtime.includes('/*@operations*/')) throw new Error(`${runtimeFile} lost its /*@operations*/ marker`);
  const assembled = runtime.replace('/*@operations*/', () => operationTable(table));
  return `${read('src/runtime/shared.js')}\n${assembled}\n${adapter ? read(adapter) : ''}`;
}

function moddableModule() {
  const wrapper = read('src/runtime/moddable-module.js');
  if (!wrapper.includes('/*@runtime*/')) throw new Error('src/runtime/moddable-module.js lost its /*@runtime*/ marker');
  const runtime = runtimeWith('src/generated/operations-device.js', 'src/runtime/moddable.js');
  return wrapper.replace('/*@runtime*/', () => runtime);
}

/** A CommonJS ES5 file as the body of an ES module whose default export is its exports (Moddable loads modules). */
function asModule(rel) {
  return `var module = { exports: {} };\nvar exports = module.exports;\n${read(rel)}\nexport default module.exports;\n`;
}

/** What dist/ holds: each module readable (`to`) and minified (`min`). Moddable loads ES modules. */
export const BUILDS = [
  { to: 'dist/tagokit.js', min: 'dist/tagokit.min.js', module: false,
    source: () => runtimeWith('src/generated/operations-device.js', 'src/runtime/espruino.js') },
  { to: 'dist/tagokit-network.js', min: 'dist/tagokit-network.min.js', module: false,
    source: () => runtimeWith('src/generated/operations-network.js', 'src/runtime/espruino.js') },
  { to: 'dist/tagokit-tiny.js', min: 'dist/tagokit-tiny.min.js', module: false,
    source: () => runtimeWith('src/generated/operations-tiny.js', null, 'src/runtime/tiny.js') },
  { to: 'dist/fetch.js', min: 'dist/fetch.min.js', module: false, source: () => read('src/runtime/fetch.js') },
  { to: 'dist/tagokit-poll.js', min: 'dist/tagokit-poll.min.js', module: false, source: () => read('src/runtime/poll.js') },
  { to: 'dist/moddable/tagokit-poll.js', min: 'dist/moddable/tagokit-poll.min.js', module: true,
    source: () => asModule('src/runtime/poll.js') },
  { to: 'dist/moddable/tagokit.js', min: 'dist/moddable/tagokit.min.js', module: true, source: moddableModule },
];

const MODULE_FOLDER = `${JSON.stringify({ type: 'module' }, null, 2)}\n`;

/**
 * Terser settings: ES5 in, ES5 out; top-level names are mangled (they are module-private). ASCII only: terser would
 * otherwise write '\xef\xbb\xbf' (the byte order mark as Espruino's byte strings hold it) as three UTF-8 encoded
 * characters, six bytes that Espruino reads as six characters.
 */
export async function minifyEs5(code, module) {
  const out = await minify(code, {
    ecma: 5,
    module,
    toplevel: true,
    compress: { passes: 3, unsafe: true },
    mangle: { toplevel: true },
    format: { ecma: 5, comments: false, ascii_only: true },
  });
  return out.code;
}

/** Raw and gzip sizes of the minified files already in dist/ (the tests measure what `build` wrote). */
export function sizes() {
  return BUILDS.map((b) => {
    const code = read(b.min);
    return { file: b.min, bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
  });
}

export async function build() {
  const { version } = JSON.parse(read('package.json'));
  for (const b of BUILDS) {
    const assembled = injectFacts(b.source(), b.to);
    const left = assembled.indexOf('/*@');
    if (left > -1) throw new Error(`${b.to}: marker left unreplaced: ${assembled.slice(left, left + 40)}`);
    const header = `/* @tagokit/mcu ${version}, built by scripts/build.mjs from src/runtime, src/generated and ` +
      `packages/core/src/facts.ts. Build output: edit those, not this file. */\n`;
    mkdirSync(dirname(join(root, b.to)), { recursive: true });
    writeFileSync(join(root, b.to), header + assembled);
    writeFileSync(join(root, b.min), await minifyEs5(assembled, b.module));
    // The package itself is CommonJS (Espruino), so module folders say they hold ES modules, for tools.
    if (b.module) writeFileSync(join(dirname(join(root, b.to)), 'package.json'), MODULE_FOLDER);
  }
  return sizes();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const s of await build()) console.log(`${s.file}: ${s.bytes} bytes minified, ${s.gzip} bytes gzip`);
}
