import { build, type BuildOptions } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { EDGE_DIR } from './paths.js';

export interface BundleOptions {
  /** File to bundle, or source text (then resolved from `resolveDir`). */
  entry: string | { contents: string; resolveDir: string; loader?: 'ts' | 'js'; sourcefile?: string };
  /** `esm` for a Cloudflare Worker module; `iife` for edge-runtime, which evaluates a script. */
  format: 'esm' | 'iife';
  minify?: boolean;
  alias?: Record<string, string>;
  define?: Record<string, string>;
}

/** Where `import '@tagokit/edge'` goes in bundles: the package's built entry, as a user's bundler would find it. */
export const EDGE_ENTRY = join(EDGE_DIR, 'dist', 'index.js');

/**
 * Bundles one worker with esbuild for a web platform: `platform: 'neutral'` with browser-style conditions and no
 * Node built-ins, so an import of `node:*` (or any unresolvable module) fails the build.
 */
export async function bundle(options: BundleOptions): Promise<string> {
  return (await bundleWithMeta(options)).text;
}

/** Like bundle, with the bytes each input file contributes to the output. */
export async function bundleWithMeta(
  options: BundleOptions,
): Promise<{ text: string; inputs: Record<string, number> }> {
  const base: BuildOptions = {
    bundle: true,
    write: false,
    // Paths in the unminified output's comments are relative to this, so sizes do not depend on the cwd.
    absWorkingDir: EDGE_DIR,
    format: options.format,
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'edge-light', 'browser'],
    minify: options.minify ?? false,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
    alias: { '@tagokit/edge': EDGE_ENTRY, ...options.alias },
    ...(options.define ? { define: options.define } : {}),
  };
  const result =
    typeof options.entry === 'string'
      ? await build({ ...base, entryPoints: [options.entry] })
      : await build({
          ...base,
          stdin: {
            contents: options.entry.contents,
            resolveDir: options.entry.resolveDir,
            loader: options.entry.loader ?? 'ts',
            sourcefile: options.entry.sourcefile ?? 'entry.ts',
          },
        });
  const inputs = Object.values(result.metafile!.outputs)[0]!.inputs;
  return {
    text: result.outputFiles![0]!.text,
    inputs: Object.fromEntries(
      Object.entries(inputs).map(([file, i]) => [file.replace(/^(\.\.\/)+/, ''), i.bytesInOutput]),
    ),
  };
}

/** An edge-runtime script that serves a Vercel-style handler module (default export of Request => Response). */
export function vercelEntry(handlerPath: string): { contents: string; resolveDir: string } {
  return {
    contents: `import handler from ${JSON.stringify(handlerPath)};\naddEventListener('fetch', (event) => event.respondWith(handler(event.request)));\n`,
    resolveDir: EDGE_DIR,
  };
}

export interface Sizes {
  raw: number;
  min: number;
  gzip: number;
}

/** Bytes of a bundle: unminified, minified, and minified + gzip -9 (deterministic for the same input). */
export async function measure(
  options: Omit<BundleOptions, 'minify'>,
): Promise<Sizes & { code: string; inputs: Record<string, number> }> {
  const raw = await bundle({ ...options, minify: false });
  const { text: code, inputs } = await bundleWithMeta({ ...options, minify: true });
  return {
    raw: Buffer.byteLength(raw),
    min: Buffer.byteLength(code),
    gzip: gzipSync(code, { level: 9 }).byteLength,
    code,
    inputs,
  };
}
