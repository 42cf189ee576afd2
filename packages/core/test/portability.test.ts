import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = join(import.meta.dirname, '..', 'src');
const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

describe('the core runs on web standards only', () => {
  it.each(files)('%s imports no Node built-ins and touches no process at import time', (file) => {
    const text = readFileSync(join(srcDir, file), 'utf8');
    expect(text).not.toMatch(/from ['"]node:/);
    expect(text).not.toMatch(/require\(/);
    // `process` may only be read lazily through globalThis inside a function (regions.ts, region "env").
    expect(text.replace(/globalThis as \{ process\?/g, '')).not.toMatch(/\bprocess\./);
  });
});
