// The spec has one reader: no tracked source outside this package follows `$ref`s itself or lists the token
// kinds again. Greps the tracked files (generated ones, under the do-not-edit banner, are the generator's output).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN_KINDS } from '../src/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
// Spelled in two parts so this file does not count as generated itself.
const BANNER = ['Do not', 'edit'].join(' ');
const self = 'packages/spec-model/test/single-source.test.ts';
const tracked = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.mts', '*.js', '*.mjs', '*.cjs'], {
  cwd: root,
  encoding: 'utf8',
});
const sources = tracked
  .split('\0')
  .filter((file) => file && file !== self)
  .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }))
  .filter(({ text }) => !text.slice(0, 400).includes(BANNER));

/** The tracked files whose text matches, so a failure names where the copy is. */
function filesMatching(pattern: RegExp): string[] {
  return sources
    .filter(({ text }) => pattern.test(text))
    .map(({ file }) => file)
    .sort();
}

describe('one spec reader', () => {
  it('reads tracked sources (the grep is not empty by accident)', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.some(({ file }) => file === 'packages/spec-model/src/ref.js')).toBe(true);
  });

  it('has one $ref resolver: JSON-pointer decoding appears only in src/ref.js', () => {
    // Every resolver decodes `~1`; a loop over `.$ref` is the other half of a hand-rolled one.
    const decoding = /replaceAll\(\s*['"]~1['"]|replace\(\s*\/~1\/g/;
    const walking = /while\s*\([^)]*\.\$ref\b/;
    expect(filesMatching(decoding)).toEqual(['packages/spec-model/src/ref.js']);
    expect(filesMatching(walking)).toEqual(['packages/spec-model/src/ref.js']);
  });

  it('has one token-kind list for tooling, and the core runtime list says the same', () => {
    // Either layout: on one line, or one kind per line with a trailing comma (as the formatter writes it).
    const list = /\[\s*'profile',\s*'device',\s*'analysis',\s*'network',\s*'runUser',\s*'serviceAuthorization',?\s*]/;
    expect(filesMatching(list)).toEqual(['packages/core/src/token-kinds.ts', 'packages/spec-model/src/token-kinds.js']);
    const core = readFileSync(join(root, 'packages/core/src/token-kinds.ts'), 'utf8').match(list)?.[0];
    expect(core && JSON.parse(core.replaceAll("'", '"'))).toEqual([...TOKEN_KINDS]);
  });
});
