// Packs the published packages once for the whole suite (pnpm pack, as `pnpm publish` would), installs the tarballs
// with plain npm into one fresh project outside the workspace, and copies every runnable example of examples/ into
// it (examples/node -> <project>/node, ...), so each runtime's test runs an example against what users install.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain .mjs module without declarations
import { installTarballs, packPublished, root } from '../../scripts/tarballs.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The npm project holding the installed tarballs, with examples/<name> copied to <project>/<name>. */
    project: string;
    /** Each packed tarball: package name, version, path and files. */
    tarballs: { name: string; version: string; tarball: string; files: string[] }[];
  }
}

/** The examples the suite runs (espruino and moddable live in packages/mcu, with their own suites). */
export const EXAMPLES = ['node', 'bun', 'deno', 'cloudflare-worker', 'vercel-edge', 'browser'] as const;

export default function setup(project: TestProject): () => void {
  const work = mkdtempSync(join(tmpdir(), 'tagokit-ecosystem-'));
  const consumer = join(work, 'consumer');
  const packed = packPublished(join(work, 'tarballs')) as (ProvidedTarball & { manifest: unknown })[];
  installTarballs(consumer, packed);
  for (const name of EXAMPLES) {
    // The example's own package.json names registry versions; the consumer's installed tarballs stand in for them.
    const filter = (source: string) => !/[\\/](package\.json|node_modules|README\.md)$/.test(source);
    cpSync(join(root, 'examples', name), join(consumer, name), { recursive: true, filter });
  }
  project.provide('project', consumer);
  project.provide(
    'tarballs',
    packed.map(({ name, version, tarball, files }) => ({ name, version, tarball, files })),
  );
  return () => rmSync(work, { recursive: true, force: true });
}

type ProvidedTarball = { name: string; version: string; tarball: string; files: string[] };
