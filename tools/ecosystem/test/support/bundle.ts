// Bundles an example as its users' bundler would (esbuild, minified), resolving packages from the consumer project
// where the tarballs are installed; reports the size the README table shows.
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';

export interface ExampleBundle {
  code: string;
  bytes: number;
  gzipBytes: number;
}

/** `entry` is a file or `{ contents, resolveDir }`; packages resolve from the file's (or resolveDir's) folders up. */
export async function bundleExample(
  entry: string | { contents: string; resolveDir: string },
  options: Pick<BuildOptions, 'format' | 'platform' | 'conditions'>,
): Promise<ExampleBundle> {
  const input = typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { ...entry, loader: 'ts' as const } };
  const result = await build({ ...input, ...options, bundle: true, minify: true, write: false, logLevel: 'silent' });
  const code = result.outputFiles[0]?.text ?? '';
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

export const sizeLine = (label: string, b: ExampleBundle) =>
  `[ecosystem] ${label} bundle: ${b.bytes} B minified, ${b.gzipBytes} B gzip`;
