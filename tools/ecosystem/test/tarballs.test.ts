// What every packed tarball must carry, as the packing of the global setup found it, and what the check refuses.
import { describe, expect, inject, it } from 'vitest';
// @ts-expect-error plain .mjs module without declarations
import { tarballProblems } from '../../scripts/tarballs.mjs';

const PUBLISHED = ['core', 'api', 'node', 'edge', 'mcu', 'helpers', 'analysis'].map((p) => `@tagokit/${p}`);

describe('the packed tarballs', () => {
  it('are the seven published packages, each with package.json, README.md and LICENSE', () => {
    const tarballs = inject('tarballs');
    expect(tarballs.map((t) => t.name)).toEqual(PUBLISHED);
    for (const t of tarballs) expect(t.files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
  });

  it('a manifest without its registry metadata or with a workspace: range is refused, naming each problem', () => {
    const manifest = {
      name: '@tagokit/x',
      license: 'MIT',
      keywords: [],
      repository: { type: 'git', url: 'git+https://github.com/tagokit/tagokit.git' },
      dependencies: { '@tagokit/core': 'workspace:*' },
    };
    expect(tarballProblems(['package.json', 'README.md'], manifest)).toEqual([
      'LICENSE is missing',
      'package.json has no homepage',
      'package.json has no bugs',
      'package.json has no keywords',
      'dependencies.@tagokit/core is "workspace:*", which npm cannot install',
    ]);
  });
});
