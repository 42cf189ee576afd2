import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { banner } from '../src/emit/banner.js';
import { writeFiles } from '../src/write.js';

const HEAD = banner('1.0.0');
const files = [
  { path: 'pkg/src/generated/a.ts', text: `${HEAD}export const a = 1;\n` },
  { path: 'pkg/src/generated/b.ts', text: `${HEAD}export const b = 2;\n` },
  { path: 'pkg/test/generated/c.test.ts', text: `${HEAD}// c\n` },
];

let root: string;
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
const put = (rel: string, text: string) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tagokit-write-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('writeFiles', () => {
  it('writes every file into a fresh tree, creating folders', () => {
    expect(writeFiles(root, files, false)).toEqual({
      written: ['pkg/src/generated/a.ts', 'pkg/src/generated/b.ts', 'pkg/test/generated/c.test.ts'],
      unchanged: [],
      removed: [],
      drifted: [],
    });
    for (const f of files) expect(read(f.path)).toBe(f.text);
  });

  it('leaves unchanged files alone and rewrites only the changed one', () => {
    writeFiles(root, files, false);
    const before = statSync(join(root, 'pkg/src/generated/a.ts')).mtimeMs;
    put('pkg/src/generated/b.ts', `${HEAD}export const b = 'edited';\n`);
    expect(writeFiles(root, files, false)).toEqual({
      written: ['pkg/src/generated/b.ts'],
      unchanged: ['pkg/src/generated/a.ts', 'pkg/test/generated/c.test.ts'],
      removed: [],
      drifted: [],
    });
    expect(statSync(join(root, 'pkg/src/generated/a.ts')).mtimeMs).toBe(before);
    expect(read('pkg/src/generated/b.ts')).toBe(files[1]!.text);
  });

  it('removes a stale file that carries the banner and keeps one without it', () => {
    writeFiles(root, files, false);
    put('pkg/src/generated/old.ts', `${HEAD}export const old = 0;\n`);
    put('pkg/src/generated/hand-written.ts', 'export const mine = 1;\n');
    // Quoting the banner deep inside a hand-written file does not make it generated.
    put('pkg/src/generated/quotes-banner.ts', `${'// notes\n'.repeat(50)}// ${HEAD}export const quoted = 1;\n`);
    put('pkg/src/other/old.ts', `${HEAD}// outside the generated folders\n`);
    expect(writeFiles(root, files, false)).toEqual({
      written: [],
      unchanged: ['pkg/src/generated/a.ts', 'pkg/src/generated/b.ts', 'pkg/test/generated/c.test.ts'],
      removed: ['pkg/src/generated/old.ts'],
      drifted: [],
    });
    expect(existsSync(join(root, 'pkg/src/generated/old.ts'))).toBe(false);
    expect(read('pkg/src/generated/hand-written.ts')).toBe('export const mine = 1;\n');
    expect(existsSync(join(root, 'pkg/src/generated/quotes-banner.ts'))).toBe(true);
    expect(existsSync(join(root, 'pkg/src/other/old.ts'))).toBe(true);
  });

  it('in check mode reports drift (changed, missing, stale) and writes nothing', () => {
    writeFiles(root, files, false);
    put('pkg/src/generated/a.ts', `${HEAD}export const a = 'edited';\n`);
    rmSync(join(root, 'pkg/test/generated/c.test.ts'));
    put('pkg/src/generated/old.ts', `${HEAD}export const old = 0;\n`);
    put('pkg/src/generated/hand-written.ts', 'export const mine = 1;\n');
    // Quoting the banner deep inside a hand-written file does not make it generated.
    put('pkg/src/generated/quotes-banner.ts', `${'// notes\n'.repeat(50)}// ${HEAD}export const quoted = 1;\n`);
    expect(writeFiles(root, files, true)).toEqual({
      written: [],
      unchanged: ['pkg/src/generated/b.ts'],
      removed: [],
      drifted: ['pkg/src/generated/a.ts', 'pkg/test/generated/c.test.ts', 'pkg/src/generated/old.ts'],
    });
    expect(read('pkg/src/generated/a.ts')).toBe(`${HEAD}export const a = 'edited';\n`);
    expect(existsSync(join(root, 'pkg/test/generated/c.test.ts'))).toBe(false);
    expect(existsSync(join(root, 'pkg/src/generated/old.ts'))).toBe(true);
  });

  it('in check mode on a fresh tree reports every file missing', () => {
    expect(writeFiles(root, files, true).drifted).toEqual(files.map((f) => f.path));
    expect(existsSync(join(root, 'pkg'))).toBe(false);
  });

  it('reports nothing in check mode once in sync', () => {
    writeFiles(root, files, false);
    expect(writeFiles(root, files, true)).toEqual({
      written: [],
      unchanged: files.map((f) => f.path),
      removed: [],
      drifted: [],
    });
  });

  it('copes with a generated folder that holds another generated folder', () => {
    const nested = [...files, { path: 'pkg/src/generated/sub/d.ts', text: `${HEAD}// d\n` }];
    expect(writeFiles(root, nested, false).written).toEqual([
      ...files.map((f) => f.path),
      'pkg/src/generated/sub/d.ts',
    ]);
    expect(writeFiles(root, nested, true).drifted).toEqual([]);
    expect(writeFiles(root, files, false).removed).toEqual([]);
  });
});
