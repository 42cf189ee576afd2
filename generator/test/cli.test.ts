import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '@tagokit/spec-model/model';
import { generateAll, type GeneratedFile } from '../src/targets/index.js';
import { writeFiles } from '../src/write.js';
import { miniSpec } from '@tagokit/spec-model/fixtures/mini-spec';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx/cli');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the generator's CLI as a user would (a fresh process); independent runs overlap to keep the suite fast. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [TSX, CLI, ...args], { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

let root: string;
let spec: string;
let expected: GeneratedFile[];
let unknownFlag: Promise<Run>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tagokit-cli-'));
  spec = join(root, 'mini.openapi.json');
  writeFileSync(spec, JSON.stringify(miniSpec(), null, 2));
  const doc = miniSpec();
  expected = await generateAll(doc, buildModel(doc));
  unknownFlag = cli('--frobnicate');
  // The workspace as `pnpm generate` leaves it (writeFiles has its own tests; each CLI run costs seconds).
  writeFiles(root, expected, false);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('cli', () => {
  it('exits 2 on an unknown flag, naming it', async () => {
    const run = await unknownFlag;
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('unknown argument --frobnicate');
    expect(run.stderr).toContain('usage: tagokit-gen [--check] [--spec <file>] [--root <dir>]');
  });

  it('--check exits 0 when in sync, and exits 1 naming a generated file that was edited', async () => {
    const inSync = await cli('--check', '--root', root, '--spec', spec);
    expect(inSync.code).toBe(0);
    expect(inSync.stdout).toMatch(
      new RegExp(`^generated files are up to date \\(${expected.length} files, 5 operations, \\d+ ms\\)\\n$`),
    );

    const client = join(root, 'packages/api/src/client.ts');
    const edited = readFileSync(client, 'utf8').replace('public get(', 'public fetch(');
    writeFileSync(client, edited);
    const drift = await cli('--check', '--root', root, '--spec', spec);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toBe(
      'generated files differ from the spec (run `pnpm generate`):\n  packages/api/src/client.ts\n',
    );
    expect(readFileSync(client, 'utf8')).toBe(edited);
  });
});
