import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { PKG } from './helpers/engines.js';
// @ts-expect-error plain ES module without types
import { minifyEs5, sizes as builtSizes } from '../scripts/build.mjs';

/** The issue's budget for minified core + one adapter. The full core does not fit in it (see README). */
const ISSUE_BUDGET = 2048;
/**
 * The ceiling this package enforces instead, so growth is caught: core + operations + one adapter, minified. Raised
 * from 11,500 B (10,866 B shipped) for issue #14 and the shared path/redirect vectors: quirk-safe substring search and
 * redaction, path building (dot segments, lone surrogates, file paths), redirects, byte order marks, the nesting
 * check before JSON.parse, NaN/Infinity and date checks of bodies and queries (about 3.4 KB in all). Raised again
 * to 14,800 B for UTF-8 percent-encoding by hand (Espruino's encodeURIComponent sign-extends on x86) and closing a
 * timed-out socket (about 280 B).
 */
const CEILING = 14_300;

const bin = (name: string) => join(PKG, 'node_modules', '.bin', name);
const read = (rel: string) => readFileSync(join(PKG, rel), 'utf8');

describe('ES5 subset and size', () => {
  let sizes: { file: string; bytes: number; gzip: number }[];
  // dist/ was built by the global setup (test/helpers/build-setup.ts) before any test file ran.
  beforeAll(() => {
    sizes = builtSizes();
  });

  it('keeps the minified builds ASCII, so Espruino reads every string literal as written', () => {
    for (const s of sizes) expect([...read(s.file)].every((c) => c.charCodeAt(0) < 128), s.file).toBe(true);
    expect(read('dist/tagokit.min.js')).toContain('\\xef\\xbb\\xbf');
  });

  it('es-check es5 passes on every source (hand-written and generated) and every built file', () => {
    const runtime = ['shared', 'runtime', 'espruino', 'fetch', 'moddable', 'tiny', 'poll'];
    const scripts = runtime.map((name) => `src/runtime/${name}.js`);
    const tables = ['device', 'network', 'tiny'].map((build) => `src/generated/operations-${build}.js`);
    const built = ['dist/tagokit.js', 'dist/tagokit-network.js', 'dist/tagokit-tiny.js', 'dist/fetch.js', 'dist/tagokit-poll.js'];
    const minified = built.map((file) => file.replace(/\.js$/, '.min.js'));
    execFileSync(bin('es-check'), ['es5', ...scripts, ...tables, ...built, ...minified], { cwd: PKG, stdio: 'pipe' });
    const modules = ['src/runtime/moddable-module.js', 'dist/moddable/tagokit.js', 'dist/moddable/tagokit.min.js',
      'dist/moddable/tagokit-poll.js', 'dist/moddable/tagokit-poll.min.js'];
    execFileSync(bin('es-check'), ['es5', '--module', ...modules], { cwd: PKG, stdio: 'pipe' });
  });

  it('puts the shared facts of packages/core/src/facts.ts into the built runtime, and no marker is left', () => {
    const device = read('dist/tagokit.js');
    expect(device).not.toContain('/*@');
    expect(device).toContain("429: 'RateLimit rate_limited'");
    expect(device).toContain('"us-e1":"https://api.us-e1.tago.io https://sse.tago.io/events"');
    expect(device).toContain('"maxRetryAfterMs":60000');
    expect(device).toContain('var ESPRUINO_NOT_SENT = [-4,-6,-7,-11,-12,-13];');
    expect(read('dist/fetch.js')).toContain('"UND_ERR_CONNECT_TIMEOUT"');
  });

  it('the Moddable example builds from its manifests once copied out of the package and npm-installed', () => {
    const out = mkdtempSync(join(tmpdir(), 'tagokit-moddable-example-'));
    try {
      cpSync(join(PKG, 'examples', 'moddable'), out, { recursive: true });
      mkdirSync(join(out, 'node_modules', '@tagokit'), { recursive: true });
      symlinkSync(PKG, join(out, 'node_modules', '@tagokit', 'mcu'));
      // Every path a manifest names, outside the SDK's own ($(MODDABLE), $(MODULES)), relative to that manifest.
      const missing: string[] = [];
      const walk = (manifest: string) => {
        const m = JSON.parse(readFileSync(manifest, 'utf8')) as { include?: string[]; modules?: Record<string, string[]> };
        for (const inc of (m.include ?? []).filter((p) => !p.startsWith('$('))) {
          const at = join(dirname(manifest), inc);
          if (existsSync(at)) walk(at);
          else missing.push(at);
        }
        for (const mod of Object.values(m.modules ?? {}).flat().filter((p) => !p.startsWith('$('))) {
          if (!existsSync(`${join(dirname(manifest), mod)}.js`)) missing.push(mod);
        }
      };
      walk(join(out, 'manifest.json'));
      expect(missing).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('ESLint (Espruino quirks) passes on the sources and examples', () => {
    execFileSync(bin('eslint'), ['.'], { cwd: PKG, stdio: 'pipe' });
  });

  it('reports minified and gzip sizes (core + one adapter)', async () => {
    const espruino = sizes.find((s) => s.file === 'dist/tagokit.min.js')!;
    const moddable = sizes.find((s) => s.file === 'dist/moddable/tagokit.min.js')!;
    const fetchOnly = sizes.find((s) => s.file === 'dist/fetch.min.js')!;
    const withFetch = (await minifyEs5(read('dist/tagokit.js').split('exports.espruino = ')[0], false)) as string;
    const coreFetch = withFetch.length + fetchOnly.bytes;
    console.log(`[mcu] minified core+ops+espruino adapter: ${espruino.bytes} B (gzip ${espruino.gzip} B)`);
    console.log(`[mcu] minified core+ops+moddable adapter (ES module): ${moddable.bytes} B (gzip ${moddable.gzip} B)`);
    console.log(`[mcu] minified core+ops + fetch adapter: ${coreFetch} B (gzip ${gzipSync(withFetch).length + fetchOnly.gzip} B)`);
    console.log(`[mcu] issue budget ${ISSUE_BUDGET} B: ${espruino.bytes <= ISSUE_BUDGET ? 'met' : `NOT met (over by ${espruino.bytes - ISSUE_BUDGET} B)`}`);
    expect(espruino.bytes).toBeLessThanOrEqual(CEILING);
    expect(moddable.bytes).toBeLessThanOrEqual(CEILING);
  });
});
