import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { inject } from 'vitest';
import { README } from './paths.js';

/** The code block that follows `<!-- snippet: name ... -->` in the README. */
export function readmeSnippet(name: string): string {
  const text = readFileSync(README, 'utf8');
  const match = new RegExp(`<!-- snippet: ${name}\\b[^>]*-->\\s*\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(text);
  if (!match) throw new Error(`README.md has no snippet ${name}`);
  return match[1]!;
}

/** Writes a README snippet to a file (in the global setup's scratch folder) that esbuild or tsc can take. */
export function snippetFile(name: string): string {
  // A name of its own: test files run in parallel and may write the same snippet.
  const file = join(inject('scratchDir'), `${name}-${randomUUID().slice(0, 8)}.ts`);
  writeFileSync(file, readmeSnippet(name));
  return file;
}
