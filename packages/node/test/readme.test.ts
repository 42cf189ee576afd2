import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = join(import.meta.dirname, '..');

/** The `ts` code blocks of a README. */
function snippets(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe('README snippets', () => {
  it('the package README snippet compiles against the package', () => {
    const [snippet] = snippets(join(pkg, 'README.md'));
    expect(snippet).toContain("from '@tagokit/node'");
    const dir = join(pkg, 'test', `.readme-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(
        join(dir, 'snippet.ts'),
        `${snippet!.replaceAll("'@tagokit/node'", "'../../src/index.js'")}\nexport {};\n`,
      );
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: '../../../../tsconfig.base.json',
          compilerOptions: { noEmit: true, types: ['node'], noUnusedLocals: false },
          files: ['snippet.ts'],
        }),
      );
      const run = spawnSync(join(pkg, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, 'tsconfig.json')], {
        encoding: 'utf8',
      });
      expect(run.stdout + run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
