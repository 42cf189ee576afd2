// Vitest global setup: assembles dist/ from src/runtime, src/generated and packages/core/src/facts.ts once, before
// any test file runs, so every test loads what `npm run build` ships (and never a stale or half-written file).
// @ts-expect-error plain ES module without types
import { build } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await build();
}
