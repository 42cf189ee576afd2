// Minifies the generated ES5 sources with terser (ES5 output) into dist/, and prints raw and gzip sizes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const BUILDS = [
  { from: 'src/tagokit.js', to: 'dist/tagokit.min.js', module: false },
  { from: 'src/tagokit-network.js', to: 'dist/tagokit-network.min.js', module: false },
  { from: 'src/fetch.js', to: 'dist/fetch.min.js', module: false },
  { from: 'moddable/tagokit.js', to: 'dist/moddable/tagokit.js', module: true },
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

export async function build() {
  const sizes = [];
  for (const b of BUILDS) {
    const code = await minifyEs5(readFileSync(join(root, b.from), 'utf8'), b.module);
    mkdirSync(dirname(join(root, b.to)), { recursive: true });
    writeFileSync(join(root, b.to), code);
    // Moddable loads ES modules; the package itself is CommonJS (Espruino), so module folders say so for tools.
    if (b.module) writeFileSync(join(dirname(join(root, b.to)), 'package.json'), MODULE_FOLDER);
    sizes.push({ file: b.to, bytes: code.length, gzip: gzipSync(code, { level: 9 }).length });
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const s of await build()) console.log(`${s.file}: ${s.bytes} bytes minified, ${s.gzip} bytes gzip`);
}
